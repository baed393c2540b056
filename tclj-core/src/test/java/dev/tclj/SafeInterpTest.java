package dev.tclj;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A safe interpreter cannot reach the host JVM: no file, process, socket or library access, no
 * path into Java or into the embedding application except the aliases its parent gives it; and
 * limits stop a runaway script (an endless loop, unbounded recursion, a huge value) with a Tcl
 * error while the process and the parent interpreter go on.
 */
class SafeInterpTest {
    private Interp parent;
    private Interp child;

    @BeforeEach
    void setUp() throws TclException {
        parent = new Interp();
        child = Interps.create(parent, TclObj.of("child"), true);
    }

    @AfterEach
    void tearDown() throws TclException {
        if (parent.eval("interp exists child").asBoolean()) parent.eval("interp delete child");
    }

    private String inChild(String script) throws TclException {
        return child.eval(script).toString();
    }

    /** The message and errorCode of the error script raises in the child. */
    private String failure(String script) {
        try {
            child.eval(script);
        } catch (TclException e) {
            return e.getMessage() + " | " + e.errorCode;
        }
        throw new AssertionError("no error from: " + script);
    }

    // ======================================================================================
    // No way to the host
    // ======================================================================================

    /** What Tcl 8.6.13 makes visible in a safe interpreter (tclsh: [interp eval [interp create -safe] info commands]). */
    private static final Set<String> TCL_SAFE_COMMANDS = new HashSet<>(Arrays.asList(("after append apply array binary "
            + "break case catch chan clock close concat continue coroutine dict eof error eval expr fblocked fcopy "
            + "fileevent flush for foreach format gets global if incr info interp join lappend lassign lindex linsert "
            + "list llength lmap lrange lrepeat lreplace lreverse lsearch lset lsort namespace package pid proc puts "
            + "read regexp regsub rename return scan seek set split string subst switch tailcall tell throw time trace "
            + "try unset update uplevel upvar variable vwait while yield yieldto zlib").split(" ")));

    @Test
    void visibleCommandsAreOnlyThoseTclMakesSafe() throws TclException {
        List<String> visible = Arrays.asList(inChild("info commands").split(" "));
        assertThat(visible).isNotEmpty();
        assertThat(TCL_SAFE_COMMANDS).containsAll(visible);
    }

    @Test
    void hostCommandsAreHiddenAndCannotBeCalled() throws TclException {
        for (String c : List.of("open", "exec", "socket", "load", "unload", "cd", "pwd", "source", "glob", "exit",
                "fconfigure", "file", "encoding")) {
            assertThat(inChild("info commands " + c)).as(c).isEmpty();
            assertThat(failure(c + " x")).as(c).isEqualTo("invalid command name \"" + c + "\" | TCL LOOKUP COMMAND " + c);
            // socket comes with tclj-net, which is not on this module's class path
            if (!c.equals("socket")) assertThat(parent.eval("interp hidden child").toString().split(" ")).as(c).contains(c);
        }
    }

    @Test
    void unsafeSubcommandsRefuse() {
        assertThat(failure("::tcl::file::delete /tmp")).isEqualTo("not allowed to invoke subcommand delete of file | TCL SAFE SUBCOMMAND");
        assertThat(failure("::tcl::encoding::dirs")).isEqualTo("not allowed to invoke subcommand dirs of encoding | TCL SAFE SUBCOMMAND");
        assertThat(failure("chan configure stdout")).startsWith("invalid command name \"::fconfigure\"");
    }

    @Test
    void aSafeInterpreterCannotInvokeOrExposeHiddenCommands() {
        assertThat(failure("interp invokehidden {} open /etc/passwd"))
                .isEqualTo("not allowed to invoke hidden commands from safe interpreter | TCL OPERATION INTERP UNSAFE");
        assertThat(failure("interp expose {} open"))
                .startsWith("permission denied: safe interpreter cannot expose commands");
        // its own children are safe too, and it cannot open their hidden commands either
        assertThat(failure("interp create grandchild; interp invokehidden grandchild open /etc/passwd"))
                .startsWith("not allowed to invoke hidden commands from safe interpreter");
        assertThat(failure("interp create -safe g2; interp expose g2 open"))
                .startsWith("permission denied: safe interpreter cannot expose commands");
    }

    @Test
    void childrenOfASafeInterpreterAreSafe() throws TclException {
        assertThat(inChild("interp issafe [interp create]")).isEqualTo("1");
    }

    @Test
    void noEnvironmentAndOnlyTheSafePlatformEntries() throws TclException {
        assertThat(inChild("info exists env")).isEqualTo("0");
        assertThat(inChild("lsort [array names tcl_platform]")).isEqualTo("byteOrder engine pathSeparator platform pointerSize threaded wordSize");
    }

    @Test
    void noPackageBringsJavaOrNativeCode() throws TclException {
        // a safe interpreter's packages are its built-in ones; load is hidden (no Java or native code)
        assertThat(Arrays.asList(inChild("package names").split(" "))).isSubsetOf("Tcl", "zlib", "TclOO", "tcl::tommath");
        assertThat(failure("package require java")).isEqualTo("can't find package java | TCL PACKAGE UNFOUND");
    }

    @Test
    void theEmbeddersCommandsAreReachableOnlyThroughAliases() throws TclException {
        AtomicReference<String> seen = new AtomicReference<>();
        Object secret = new Object();
        parent.createCommand("appSecret", (in, objv) -> TclObj.of(secret.toString()));
        parent.createCommand("appReport", (in, objv) -> {
            seen.set(objv[1].toString());
            return TclObj.of("ok");
        });
        // the parent's commands, variables and namespaces are not the child's
        parent.setVar("appConfig", "password");
        assertThat(failure("appSecret")).startsWith("invalid command name \"appSecret\"");
        assertThat(inChild("info exists ::appConfig")).isEqualTo("0");
        assertThat(failure("uplevel #0 appSecret")).startsWith("invalid command name");
        assertThat(failure("namespace eval :: appSecret")).startsWith("invalid command name");
        // interpreter paths lead only down: the child cannot name its parent
        assertThat(inChild("interp children")).isEmpty();
        assertThat(failure("interp eval {{}} appSecret")).startsWith("could not find interpreter");
        assertThat(failure("interp alias {} s {} appSecret; s")).startsWith("invalid command name \"appSecret\"");
        // through an alias the parent chose, with the prefix it chose
        Interps.alias(child, "report", parent, new TclObj[]{TclObj.of("appReport")});
        assertThat(inChild("report hello")).isEqualTo("ok");
        assertThat(seen.get()).isEqualTo("hello");
    }

    // ======================================================================================
    // Limits
    // ======================================================================================

    /** Lifts the exceeded command limit (the child runs nothing until then), and sets a new one. */
    private void raiseCommandLimit() throws TclException {
        parent.eval("interp limit child commands -value {}");
        parent.eval("interp limit child commands -value [expr {[interp eval child info cmdcount] + 10000}]");
    }

    @Test
    void aCommandLimitStopsAnEndlessLoop() throws TclException {
        // (as in Tcl, the command limit counts commands: a loop with an empty body runs none,
        // and is for the time limit to stop)
        parent.eval("interp limit child commands -value 10000");
        assertThat(failure("while 1 {incr x}")).isEqualTo("command count limit exceeded | TCL LIMIT COMMANDS");
        raiseCommandLimit();
        assertThat(failure("proc spin {} {while 1 {incr x}}; spin")).isEqualTo("command count limit exceeded | TCL LIMIT COMMANDS");
        // catch inside the child does not swallow the limit
        raiseCommandLimit();
        assertThat(failure("while 1 {catch {while 1 {incr x}}}")).isEqualTo("command count limit exceeded | TCL LIMIT COMMANDS");
        assertThat(parent.eval("expr {1 + 1}").toString()).isEqualTo("2");
    }

    @Test
    void aTimeLimitStopsAnEndlessLoop() throws TclException {
        parent.eval("interp limit child time -seconds [expr {[clock seconds] + 1}]");
        long start = System.nanoTime();
        assertThat(failure("while 1 {}")).isEqualTo("time limit exceeded | TCL LIMIT TIME");
        parent.eval("interp limit child time -seconds [expr {[clock seconds] + 1}]");
        assertThat(failure("proc spin {} {while 1 {incr x}}; spin")).isEqualTo("time limit exceeded | TCL LIMIT TIME");
        assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
    }

    @Test
    void aCancellationFromAnotherThreadStopsAnEndlessLoop() throws Exception {
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            Limits.cancel(child, null, false);
        });
        canceller.start();
        try {
            assertThat(failure("while 1 {}")).isEqualTo("eval canceled | TCL CANCEL ICANCEL {eval canceled}");
        } finally {
            canceller.join(10_000);
        }
    }

    @Test
    void theRecursionLimitStopsUnboundedRecursion() throws TclException {
        parent.eval("interp recursionlimit child 200");
        assertThat(failure("proc f {} f; f")).isEqualTo("too many nested evaluations (infinite loop?) | TCL LIMIT STACK");
        assertThat(inChild("proc g n {if {$n == 0} {return done}; g [incr n -1]}; g 100")).isEqualTo("done");
    }

    @Test
    void deepRecursionOnASmallStackIsATclErrorNotAStackOverflow() throws Exception {
        // a recursion limit far beyond what the thread's stack can hold: the JVM's stack runs out
        // first, and the script gets Tcl's error
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                Interp p = new Interp();
                Interp c = Interps.create(p, TclObj.of("deep"), true);
                p.eval("interp recursionlimit deep 100000000");
                // recursion through the commands that evaluate scripts in different ways
                StringBuilder seen = new StringBuilder();
                for (String script : List.of("proc f n {f [incr n]}; f 0", "proc g {} {catch {g} m; error $m}; g",
                        "proc h {} {try {h} on error {m} {error $m}}; h", "proc r {} {uplevel 1 r}; r",
                        "proc s {} {namespace eval ::x s}; s", "proc u {} {subst {[u]}}; u", "proc v {} {expr {[v]}}; v",
                        "proc w {} {apply {{} {w}}}; w", "proc q {} {dict for {a b} {x y} {q}}; q")) {
                    try {
                        c.eval(script);
                        seen.append("no error: ").append(script);
                    } catch (TclException e) {
                        if (!e.getMessage().equals("too many nested evaluations (infinite loop?)")) seen.append(e.getMessage());
                    }
                }
                try {
                    c.eval("proc f n {f [incr n]}; f 0");
                    outcome.set("no error");
                } catch (TclException e) {
                    outcome.set(seen + e.getMessage() + " | " + e.errorCode + " | " + c.eval("expr {2 * 21}"));
                }
            } catch (Throwable x) {
                outcome.set(x);
            }
        }, "small stack", 512 * 1024);
        t.start();
        t.join(60_000);
        assertThat(outcome.get()).isEqualTo("too many nested evaluations (infinite loop?) | TCL LIMIT STACK | 42");
    }

    // ======================================================================================
    // Value size
    // ======================================================================================

    private static final String TOO_BIG = "result exceeds max size for a Tcl value (" + Limits.SAFE_MAX_VALUE + " bytes) | TCL MEMORY";

    @Test
    void hugeValuesFailBeforeTheyAreBuilt() {
        assertThat(failure("string repeat abcdefghij 1000000000")).isEqualTo("result exceeds max size for a Tcl value (2147483647 bytes) | TCL MEMORY");
        assertThat(failure("string repeat x 1000000000")).isEqualTo(TOO_BIG);
        assertThat(failure("string repeat x 10000000000")).startsWith("integer value too large to represent");
        assertThat(failure("lrepeat 1000000000 x")).startsWith("max length of a Tcl list");
        assertThat(failure("lrepeat 100000000 x")).isEqualTo(TOO_BIG);
        assertThat(failure("format %10000000000s x")).isEqualTo("max size for a Tcl value exceeded | TCL FORMAT OVERFLOW");
        assertThat(failure("format %1000000000s x")).isEqualTo("max size for a Tcl value exceeded | TCL FORMAT OVERFLOW");
        assertThat(failure("binary format a10000000000 x")).isEqualTo("max size for a Tcl value exceeded | TCL MEMORY");
        assertThat(failure("binary format x1000000000")).isEqualTo("max size for a Tcl value exceeded | TCL MEMORY");
        assertThat(failure("set s [string repeat x 40000000]; string cat $s $s")).isEqualTo(TOO_BIG);
    }

    @Test
    void growingLoopsStopAtTheCap() throws TclException {
        // a smaller cap keeps the test light; the checks are the same
        child.setMaxValueSize(1 << 20);
        String capped = "result exceeds max size for a Tcl value (1048576 bytes) | TCL MEMORY";
        assertThat(failure("set s x; while 1 {append s $s}")).isEqualTo(capped);
        assertThat(failure("proc grow {} {set s x; while 1 {append s $s}}; grow")).isEqualTo(capped);
        assertThat(failure("set l {}; while 1 {lappend l x x x x}")).isEqualTo(capped);
        assertThat(failure("proc growl {} {set l x; while 1 {lappend l {*}$l}}; growl")).isEqualTo(capped);
        assertThat(failure("set d {}; while 1 {dict append d k xxxxxxxx}")).isEqualTo(capped);
        assertThat(failure("string repeat x 2000000")).isEqualTo(capped);
        assertThat(failure("string map {x xxxxxxxxxx} [string repeat x 200000]")).isEqualTo(capped);
        assertThat(failure("join [split [string repeat x 200000] {}] yyyyyyyy")).isEqualTo(capped);
        // the interpreter is fine afterwards
        assertThat(inChild("string length [string repeat x 1000]")).isEqualTo("1000");
    }

    /**
     * Many values, each under the cap, can still fill the heap: the safe child whose script does
     * it is deleted (what it built goes with it) and its parent gets an error and goes on. Run in
     * a JVM of its own with a small heap, so that no other test shares the shortage.
     */
    @Test
    void aSafeChildThatFillsTheHeapIsDeletedAndTheProcessGoesOn(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("fill.tcl");
        Files.writeString(script, """
                set i [interp create -safe]
                set r [catch {interp eval $i {set d {}; for {set k 0} {1} {incr k} {dict set d $k [string repeat x 100000]}}} m]
                puts "$r {$m} $::errorCode [interp exists $i]"
                set i [interp create -safe]
                set r [catch {interp eval $i {while 1 {lappend l [string repeat y 100000]}}} m]
                puts "$r {$m} [interp exists $i]"
                puts "parent: [expr {6 * 7}]"
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx96m", "-Xss16m", "-cp", System.getProperty("java.class.path"),
                "dev.tclj.TclMain", script.toString()).redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String gone = "{not enough memory to evaluate the script: interpreter deleted}";
            assertThat(out).isEqualTo("1 " + gone + " TCL MEMORY 0\n1 " + gone + " 0\nparent: 42\n");
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aTrustedInterpreterHasNoSuchCap() throws TclException {
        assertThat(parent.maxValueSize()).isGreaterThan(Limits.SAFE_MAX_VALUE);
        assertThat(parent.eval("string length [string repeat x 100000000]").toString()).isEqualTo("100000000");
    }
}
