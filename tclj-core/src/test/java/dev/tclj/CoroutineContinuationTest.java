package dev.tclj;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coroutines as JDK continuations ({@link ContinuationHandoff}), the way the tclj and tclserver
 * commands run them. This test JVM is started without the export they need, so its own tests
 * (coroutine.test among them) cover coroutines on virtual threads; these run a JVM of their own
 * with the export.
 */
class CoroutineContinuationTest {
    private static final String EXPORT = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED";

    @Test
    void theCoroutineTestFilePassesWithContinuations() throws Exception {
        String out = run(List.of(EXPORT, "-Xss16m"), "dev.tclj.tcltest.TestFile",
                Path.of("src", "test", "tcl", "coroutine.test").toString());
        assertThat(out).containsPattern("coroutine\\.test:\\tTotal\\t[1-9][0-9]*\\tPassed\\t[0-9]+\\tSkipped\\t[0-9]+\\tFailed\\t0\\n");
    }

    /**
     * A coroutine's body runs on its resumer's large stack: it yields from as deep a recursion as
     * tclsh allows (its virtual thread's 16 MB stack would overflow near 20,000 levels), and still
     * stops at the nesting limit.
     */
    @Test
    void aCoroutineYieldsFromDeepRecursionAndStopsAtTheLimit(@TempDir Path dir) throws Exception {
        String out = runScript(dir, List.of(EXPORT, "-Xss16m", "-XX:+UseParallelGC"), """
                proc r n {if {$n} {r [incr n -1]} else {yield bottom}}
                interp recursionlimit {} 60000
                puts [coroutine C r 50000]
                puts [list [C] [info commands C]]
                interp recursionlimit {} 1000
                proc cr {} {yield; r 2000}
                coroutine D cr
                puts [list [catch D m] $m]
                """);
        assertThat(out).isEqualTo("bottom\n{} {}\n1 {too many nested evaluations (infinite loop?)}\n");
    }

    /**
     * The JDK cannot suspend a continuation with a native frame on its stack, such as a class
     * being initialized: a yield there fails as one across a C callback does in Tcl, and the
     * coroutine goes on.
     */
    @Test
    void aYieldTheJdkCannotSuspendFailsAsOneAcrossCDoes() throws Exception {
        String out = run(List.of(EXPORT), PinnedYield.class.getName());
        assertThat(out).isEqualTo("{1 {cannot yield: C stack busy} {TCL COROUTINE CANT_YIELD}} done {}\n");
    }

    /**
     * With G1, the JDK cannot suspend more stack at once than half a heap region (here 512 KB, a
     * few hundred Tcl levels): a yield from deeper fails with the nesting error, as a recursion
     * deeper than the stack does, and the coroutine goes on running, yields and ends as usual.
     */
    @Test
    void aYieldFromTooDeepForG1FailsAndTheCoroutineGoesOn(@TempDir Path dir) throws Exception {
        String out = runScript(dir, List.of(EXPORT, "-Xss16m", "-Xmx256m", "-XX:+UseG1GC", "-XX:G1HeapRegionSize=1m"), """
                proc r n {if {$n} {r [incr n -1]} else {yield bottom}}
                interp recursionlimit {} 100000
                proc body {} {
                    set rc [catch {r 20000} m]
                    yield [list $rc $m [tcl::unsupported::corotype [info coroutine]]]
                    yield shallow
                    return end
                }
                puts [coroutine C body]
                puts [list [C] [info commands C]]
                puts [list [C] [info commands C]]
                """);
        assertThat(out).isEqualTo("1 {too many nested evaluations (infinite loop?)} active\nshallow C\nend {}\n");
    }

    /** A coroutine whose yield runs inside a static initializer. */
    public static final class PinnedYield {
        static Interp interp;

        static final class Initialized {
            static final String RESULT;

            static {
                String r;
                try {
                    r = interp.eval("list [catch {yield inner} m opts] $m [dict get $opts -errorcode]").toString();
                } catch (TclException e) {
                    r = e.getMessage();
                }
                RESULT = r;
            }
        }

        public static void main(String[] args) throws TclException {
            interp = new Interp();
            interp.createCommand("initialized", (in, objv) -> TclObj.of(Initialized.RESULT));
            System.out.println(interp.eval("""
                    proc p {} {yield a; yield [initialized]; return done}
                    coroutine C p
                    list [C] [C] [info commands C]"""));
        }
    }

    /** Runs main class with args in a JVM of its own with options; returns its output (and stderr). */
    /** Runs a Tcl script through TclMain in a JVM with these options; its output. */
    private static String runScript(Path dir, List<String> options, String script) throws Exception {
        Path file = Files.createTempFile(dir, "script", ".tcl");
        Files.writeString(file, script);
        return run(options, "dev.tclj.TclMain", file.toString());
    }

    private static String run(List<String> options, String main, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(options);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main);
        cmd.addAll(List.of(args));
        // the output goes to a file, so that a hung child cannot block the read past the limit
        Path log = Files.createTempFile("coroutine-continuation", ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            p.getOutputStream().close();
            boolean ended = p.waitFor(120, TimeUnit.SECONDS);
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(ended).as(out).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            return out;
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
