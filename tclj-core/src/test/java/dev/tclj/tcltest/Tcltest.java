package dev.tclj.tcltest;

import dev.tclj.CallFrame;
import dev.tclj.ExitException;
import dev.tclj.Glob;
import dev.tclj.Interp;
import dev.tclj.Namespace;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.cmd.ErrorCmds;
import dev.tclj.io.ChannelTable;
import dev.tclj.parse.Parser;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tcltest package as tclj's test runner provides it: a Java implementation of the part of Tcl
 * 8.6's tcltest 2.5 that the .test files use, installed as {@code ::tcltest} in one interpreter.
 * Each top-level {@code test} becomes a {@link TestOutcome}.
 *
 * <p>It is in Java rather than the real tcltest-2.5.5.tm so that the runner reports test by test on
 * a language that is still being built (the real package needs traces, files, {@code info frame}...).
 * It follows tcltest 2.5.5 exactly where it goes: the argument checks and their messages, the old
 * {@code test name desc ?constraints? body result} form, the three forms of constraint expressions,
 * {@code -returnCodes} names, {@code -errorCode} patterns, {@code -output}/{@code -errorOutput}
 * captured during the body only, the exact/glob/regexp/custom matches, the failure report text,
 * tests nested in tests not counted, and errorCode {@code BYPASS-SKIPPED-TEST} skipping a test.
 *
 * <p>Where it differs: {@code test name desc {-option value ...}} (one argument holding the options)
 * is refused with an error; only {@code test testConstraint cleanupTests customMatch} exist; the
 * constraint {@code tclj} is true (tests only tclj can run carry it, and tclsh skips them); the
 * constraints {@code stdio} and {@code socket} say whether tclj has {@code open} and {@code socket};
 * the -match/-skip selection comes from the runner instead of the command line.
 */
public final class Tcltest {
    /** The tcltest version this subset answers {@code package require tcltest} with. */
    public static final String VERSION = "2.5.5";

    /** test's options, in lsort order (the order of tcltest's "bad option" message). */
    private static final String[] FLAGS = {"-body", "-cleanup", "-constraints", "-errorCode", "-errorOutput",
            "-match", "-output", "-result", "-returnCodes", "-setup"};
    private static final String[] CODE_NAMES = {"ok", "0", "normal", "0", "error", "1", "return", "2",
            "break", "3", "continue", "4"};
    private static final Pattern CONSTRAINT_WORD = Pattern.compile("[.\\w]+");
    private static final Pattern NOT_SIMPLE = Pattern.compile("[^.:_a-zA-Z0-9 \\n\\r\\t]+");
    private static final String BYPASS = "BYPASS-SKIPPED-TEST";

    private final Interp interp;
    private final List<String> matchPatterns;
    private final List<String> skipPatterns;
    private final Consumer<TestOutcome> listener;
    private final Map<String, TclObj> constraints = new HashMap<>();
    private final Map<String, Supplier<Boolean>> initializers = new HashMap<>();
    /** -match modes: null for the built-in ones, else the custom command prefix. Sorted for messages. */
    private final TreeMap<String, String> matchModes = new TreeMap<>();
    private int testLevel;
    private boolean cleanedUp;
    private Runnable onCleanup;

    private Tcltest(Interp interp, List<String> match, List<String> skip, Consumer<TestOutcome> listener) {
        this.interp = interp;
        this.matchPatterns = match;
        this.skipPatterns = skip;
        this.listener = listener;
        matchModes.put("exact", null);
        matchModes.put("glob", null);
        matchModes.put("regexp", null);
    }

    /**
     * Creates ::tcltest in {@code interp} with its commands exported, and provides package tcltest.
     *
     * @param match    glob patterns of test names to run (tcltest -match; {@code ["*"]} for all)
     * @param skip     glob patterns of test names to skip (tcltest -skip)
     * @param listener receives each top-level test's outcome, on the interpreter's thread
     */
    public static Tcltest install(Interp interp, List<String> match, List<String> skip,
                                  Consumer<TestOutcome> listener) throws TclException {
        Tcltest t = new Tcltest(interp, List.copyOf(match), List.copyOf(skip), listener);
        Namespace ns = interp.createNamespace("::tcltest", interp.globalNs);
        interp.createCommand("::tcltest::test", t::test);
        interp.createCommand("::tcltest::testConstraint", t::testConstraint);
        interp.createCommand("::tcltest::cleanupTests", t::cleanupTests);
        interp.createCommand("::tcltest::customMatch", t::customMatch);
        ns.exportPatterns().addAll(List.of("test", "testConstraint", "cleanupTests", "customMatch"));
        t.defineConstraints();
        interp.eval("package provide tcltest " + VERSION);
        return t;
    }

    /** Runs {@code r} when the file calls cleanupTests. */
    public void onCleanup(Runnable r) { onCleanup = r; }

    /** Whether the file called cleanupTests. */
    public boolean cleanedUp() { return cleanedUp; }

    // ======================================================================================
    // Constraints
    // ======================================================================================

    /** The built-in constraints, valued as tcltest values them on this machine. */
    private void defineConstraints() {
        String platform = globalElement("tcl_platform", "platform");
        if (platform == null) platform = System.getProperty("os.name").startsWith("Windows") ? "windows" : "unix";
        String os = globalElement("tcl_platform", "os");
        String user = globalElement("tcl_platform", "user");
        if (user == null) user = System.getProperty("user.name", "");
        boolean unix = platform.equals("unix"), win = platform.equals("windows"), mac = platform.equals("macintosh");
        boolean root = unix && (user.equals("root") || user.isEmpty());
        Object[] values = {
                "unixOnly", unix, "macOnly", mac, "pcOnly", win, "winOnly", win,
                "unix", unix, "mac", mac, "pc", win, "win", win,
                "unixOrPc", unix || win, "macOrPc", mac || win, "unixOrWin", unix || win,
                "macOrWin", mac || win, "macOrUnix", mac || unix,
                "nt", "Windows NT".equals(os), "95", "Windows 95".equals(os), "98", "Windows 98".equals(os),
                "tempNotPc", !win, "tempNotWin", !win, "tempNotMac", !mac, "tempNotUnix", !unix,
                "pcCrash", !win, "winCrash", !win, "macCrash", !mac, "unixCrash", !unix,
                "emptyTest", false, "knownBug", false, "nonPortable", false, "userInteraction", false,
                "root", root, "notRoot", !root,
                // tcltest's probes for these come out true on any Unix.
                "nonBlockFiles", true, "asyncPipeClose", true, "unixExecs", !mac,
                // tcltest runs each file in its own process unless told otherwise.
                "singleTestInterp", false,
                "hasIsoLocale", false,
                "tclj", true,
        };
        for (int i = 0; i < values.length; i += 2) constraints.put((String) values[i], TclObj.of((Boolean) values[i + 1]));
        initializers.put("interactive", () -> {
            String v = globalElement("tcl_interactive", null);
            return v != null && truthOrFalse(TclObj.of(v));
        });
        initializers.put("eformat", () -> evalsTrue("::string equal [::format %g 5e-5] 5e-05"));
        initializers.put("stdio", () -> interp.findCommand("::open") != null
                && evalsTrue("::expr {![::catch {set ::tcltest::f [::open \"|[::list [::info nameofexecutable]]\" w]; "
                        + "::puts $::tcltest::f exit; ::close $::tcltest::f}]}"));
        initializers.put("socket", () -> interp.findCommand("::socket") != null);
    }

    private String globalElement(String array, String element) {
        TclObj v = interp.getVarOrNull(element == null ? "::" + array : "::" + array + "(" + element + ")");
        return v == null ? null : v.toString();
    }

    private boolean evalsTrue(String script) {
        try {
            return truthOrFalse(interp.evalInFrame(interp.globalFrame(), TclObj.of(script)));
        } catch (TclException | RuntimeException e) {
            return false;
        }
    }

    /** A constraint's value; an unknown constraint is 0, as tcltest's read trace makes it. */
    private TclObj constraint(String name) {
        TclObj v = constraints.get(name);
        if (v == null) {
            Supplier<Boolean> init = initializers.remove(name);
            v = TclObj.of(init != null && init.get());
            constraints.put(name, v);
        }
        return v;
    }

    private boolean isKnown(String name) {
        return constraints.containsKey(name) || initializers.containsKey(name);
    }

    /** expr's truth of a value: numbers are true when non-zero, else a boolean spelling. */
    private static boolean truth(TclObj v) throws TclException {
        if (v.toNumber()) return v.isIntRep() ? v.rawLong() != 0 : v.asDouble() != 0;
        return v.asBoolean();
    }

    private static boolean truthOrFalse(TclObj v) {
        try {
            return truth(v);
        } catch (TclException e) {
            return false;
        }
    }

    /** Why tcltest would skip this test, or null to run it. */
    private String skipReason(String name, String constraintSpec) {
        for (String p : skipPatterns) if (Glob.match(p, name, false)) return "userSpecifiedSkip";
        boolean selected = false;
        for (String p : matchPatterns) if (Glob.match(p, name, false)) { selected = true; break; }
        if (!selected) return "userSpecifiedNonMatch";
        if (constraintSpec.isEmpty()) return null;
        boolean run = false;
        String reason = constraintSpec;
        if (constraintSpec.indexOf('$') >= 0 || constraintSpec.indexOf('[') >= 0) {
            // A full expression, evaluated at the global level.
            try {
                run = truth(interp.evalInFrame(interp.globalFrame(),
                        TclObj.ofList(TclObj.of("::expr"), TclObj.of(constraintSpec))));
            } catch (TclException | RuntimeException e) {
                run = false;
            }
        } else if (NOT_SIMPLE.matcher(constraintSpec).find()) {
            // An expression over constraint names, such as {unix || win}.
            Matcher m = CONSTRAINT_WORD.matcher(constraintSpec);
            StringBuilder sb = new StringBuilder();
            while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(constraint(m.group()).toString()));
            m.appendTail(sb);
            try {
                run = truth(interp.evalInFrame(interp.globalFrame(),
                        TclObj.ofList(TclObj.of("::expr"), TclObj.of(sb.toString()))));
            } catch (TclException | RuntimeException e) {
                run = false;
            }
        } else {
            // A list of constraint names, all of which must hold.
            try {
                run = true;
                for (TclObj c : TclObj.of(constraintSpec).asList().toArray()) {
                    String cn = c.toString();
                    if (!isKnown(cn) || !truth(constraint(cn))) {
                        run = false;
                        reason = cn;
                        break;
                    }
                }
            } catch (TclException e) {
                run = false;
            }
        }
        return run ? null : reason;
    }

    // ======================================================================================
    // Commands
    // ======================================================================================

    private TclObj testConstraint(Interp in, TclObj[] objv) throws TclException {
        if (objv.length != 2 && objv.length != 3) throw TclException.wrongArgs(objv, 1, "constraint ?value?");
        String name = objv[1].toString();
        if (objv.length == 2) return constraint(name);
        truth(objv[2]); // tcltest checks the value with expr {$value && 1}
        initializers.remove(name);
        constraints.put(name, objv[2]);
        return objv[2];
    }

    private TclObj cleanupTests(Interp in, TclObj[] objv) throws TclException {
        if (objv.length > 2) throw TclException.wrongArgs(objv, 1, "?calledFromAllFile?");
        cleanedUp = true;
        if (onCleanup != null) onCleanup.run();
        return TclObj.EMPTY;
    }

    private TclObj customMatch(Interp in, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 1, "mode script");
        if (!Parser.isComplete(objv[2].toString())) {
            throw TclException.error("invalid customMatch script; can't evaluate after completion");
        }
        matchModes.put(objv[1].toString(), objv[2].toString());
        return TclObj.EMPTY;
    }

    /** A test's attributes after argument parsing. */
    private static final class Spec {
        String constraints = "", setup = "", body = "", cleanup = "", result = "", match = "exact";
        String returnCodes = "0 2", errorCode = "*";
        String output, errorOutput;
    }

    private TclObj test(Interp in, TclObj[] objv) throws TclException {
        if (objv.length < 3) throw TclException.wrongArgs(objv, 1, "name description ?arg ...?");
        String name = objv[1].toString();
        String description = objv[2].toString();
        Spec s = parseArgs(objv);
        testLevel++;
        try {
            String reason = skipReason(name, s.constraints);
            if (reason != null) {
                report(TestOutcome.skipped(name, description, reason));
                return TclObj.EMPTY;
            }
            run(name, description, s);
            return TclObj.EMPTY;
        } finally {
            testLevel--;
        }
    }

    private Spec parseArgs(TclObj[] objv) throws TclException {
        Spec s = new Spec();
        int n = objv.length - 3;
        if (n <= 1 || objv[3].toString().startsWith("-")) {
            if (n == 1) {
                throw TclException.error("tclj's tcltest does not take test's options as one list argument:"
                        + " give them as separate words");
            }
            if (n % 2 != 0) throw TclException.error("list must have an even number of elements");
            Map<String, String> attrs = new LinkedHashMap<>();
            for (int i = 3; i < objv.length; i += 2) attrs.put(objv[i].toString(), objv[i + 1].toString());
            for (String flag : attrs.keySet()) {
                if (Arrays.binarySearch(FLAGS, flag) < 0) {
                    throw TclException.error("bad option \"" + flag + "\": must be " + oneOf(Arrays.asList(FLAGS)));
                }
            }
            for (Map.Entry<String, String> e : attrs.entrySet()) {
                String v = e.getValue();
                switch (e.getKey()) {
                    case "-body" -> s.body = v;
                    case "-cleanup" -> s.cleanup = v;
                    case "-constraints" -> s.constraints = v;
                    case "-errorCode" -> s.errorCode = v;
                    case "-errorOutput" -> s.errorOutput = v;
                    case "-match" -> s.match = v;
                    case "-output" -> s.output = v;
                    case "-result" -> s.result = v;
                    case "-returnCodes" -> s.returnCodes = v;
                    case "-setup" -> s.setup = v;
                    default -> throw new IllegalStateException(e.getKey());
                }
            }
            if (!matchModes.containsKey(s.match)) {
                throw TclException.error("bad -match value \"" + s.match + "\": must be " + oneOf(matchModes.keySet()));
            }
            s.returnCodes = codeNamesToNumbers(s.returnCodes);
            if (!s.errorCode.equals("*") && !returnCodesOf(s).contains("1")) s.returnCodes = "1";
        } else {
            s.result = objv[objv.length - 1].toString();
            if (n == 2) {
                s.body = objv[3].toString();
            } else if (n == 3) {
                s.constraints = objv[3].toString();
                s.body = objv[4].toString();
            } else {
                throw TclException.error("wrong # args: should be \"test name desc ?options?\"");
            }
        }
        return s;
    }

    /** tcltest's [string map -nocase {ok 0 normal 0 error 1 ...}] on the -returnCodes value. */
    private static String codeNamesToNumbers(String codes) {
        String s = codes;
        for (int i = 0; i < CODE_NAMES.length; i += 2) {
            String from = CODE_NAMES[i];
            StringBuilder sb = new StringBuilder();
            int at = 0;
            String lower = s.toLowerCase(Locale.ROOT);
            for (int k; (k = lower.indexOf(from, at)) >= 0; at = k + from.length()) {
                sb.append(s, at, k).append(CODE_NAMES[i + 1]);
            }
            s = sb.append(s.substring(at)).toString();
        }
        return s;
    }

    private static List<String> returnCodesOf(Spec s) throws TclException {
        List<String> l = new ArrayList<>();
        for (TclObj o : TclObj.of(s.returnCodes).asList().toArray()) l.add(o.toString());
        return l;
    }

    private static String oneOf(java.util.Collection<String> words) {
        List<String> l = new ArrayList<>(words);
        return String.join(", ", l.subList(0, l.size() - 1)) + ", or " + l.get(l.size() - 1);
    }

    /** How a script completed, as [catch] and $::errorInfo/$::errorCode tell it. */
    private record Completion(int code, String result, String errorInfo, String errorCode, String javaFailure) {
        boolean bypassed() { return code == TclException.ERROR && BYPASS.equals(errorCode); }
    }

    /** Evaluates a script in the caller's frame as [catch {uplevel 1 $script}] does. */
    private Completion eval(String script) {
        CallFrame frame = interp.currentFrame();
        int depth = interp.nestingDepth();
        try {
            return new Completion(TclException.OK, interp.eval(TclObj.of(script)).toString(), null, null, null);
        } catch (TclException e) {
            interp.restoreNestingDepth(depth);
            if (e.code() != TclException.ERROR) return new Completion(e.code(), e.result().toString(), null, null, null);
            ErrorCmds.recordError(interp, e);
            return new Completion(e.code(), e.result().toString(), globalElement("errorInfo", null),
                    globalElement("errorCode", null), null);
        } catch (ExitException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // A Java exception out of eval is a bug in tclj: report it on this test and carry on.
            interp.setFrame(frame);
            interp.restoreNestingDepth(depth);
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            return new Completion(TclException.ERROR, "Java exception: " + e, sw.toString(), "JAVA", sw.toString());
        }
    }

    /** The result of comparing an actual value with an expected one: a match, or why it could not. */
    private record Comparison(boolean matched, String error) {}

    private Comparison compare(String actual, String expected, String mode) {
        try {
            return switch (mode) {
                case "exact" -> new Comparison(actual.equals(expected), null);
                case "glob" -> new Comparison(Glob.match(expected, actual, false), null);
                case "regexp" -> new Comparison(regexpMatches(expected, actual), null);
                default -> {
                    String script = matchModes.get(mode) + " " + TclObj.ofList(TclObj.of(expected), TclObj.of(actual));
                    TclObj r = interp.evalInFrame(interp.globalFrame(), TclObj.of(script));
                    try {
                        yield new Comparison(truth(r), null);
                    } catch (TclException e) {
                        yield new Comparison(false, "Invalid result from `-match " + mode + "' command: " + e.result());
                    }
                }
            };
        } catch (TclException e) {
            return new Comparison(false, e.result().toString());
        } catch (RuntimeException e) {
            return new Comparison(false, e.toString());
        }
    }

    /** [regexp -- $expected $actual]: tclj's regexp once it has one, Java's meanwhile. */
    private boolean regexpMatches(String re, String s) throws TclException {
        if (interp.findCommand("::regexp") != null) {
            return truth(interp.evalInFrame(interp.globalFrame(),
                    TclObj.ofList(TclObj.of("::regexp"), TclObj.of("--"), TclObj.of(re), TclObj.of(s))));
        }
        try {
            return Pattern.compile(re).matcher(s).find();
        } catch (java.util.regex.PatternSyntaxException e) {
            throw TclException.error("couldn't compile regular expression pattern: " + e.getDescription());
        }
    }

    private void run(String name, String description, Spec s) throws TclException {
        List<String> returnCodes = returnCodesOf(s);
        boolean processTest = true;
        String skippedBecause = null;

        Completion setup = eval(s.setup);
        if (setup.bypassed()) {
            processTest = false;
            skippedBecause = setup.result();
            setup = new Completion(TclException.OK, "", null, null, null);
        }
        boolean setupFailure = setup.code() != TclException.OK;

        Completion body = null;
        String outData = "", errData = "";
        if (processTest && !setupFailure) {
            boolean capture = s.output != null || s.errorOutput != null;
            PrintStream out = interp.stdout, err = interp.stderr;
            ByteArrayOutputStream outBytes = new ByteArrayOutputStream(), errBytes = new ByteArrayOutputStream();
            if (capture) {
                // The channels buffer: what was written before the body goes where it was going.
                ChannelTable.flushAll(interp);
                interp.stdout = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
                interp.stderr = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
            }
            try {
                body = eval(s.body);
            } finally {
                if (capture) {
                    ChannelTable.flushAll(interp);
                    interp.stdout.flush();
                    interp.stderr.flush();
                    interp.stdout = out;
                    interp.stderr = err;
                    outData = outBytes.toString(StandardCharsets.UTF_8);
                    errData = errBytes.toString(StandardCharsets.UTF_8);
                }
            }
            if (body.bypassed()) {
                processTest = false;
                skippedBecause = body.result();
            }
        }
        boolean ran = processTest && !setupFailure;
        int returnCode = body == null ? 0 : body.code();
        boolean codeFailure = ran && !returnCodes.contains(Integer.toString(returnCode));
        boolean errorCodeFailure = ran && !codeFailure && returnCode == TclException.ERROR
                && !Glob.match(s.errorCode, body.errorCode(), false);
        Comparison output = ran && s.output != null && !codeFailure ? compare(outData, s.output, s.match) : null;
        Comparison errorOutput = ran && s.errorOutput != null && !codeFailure ? compare(errData, s.errorOutput, s.match) : null;
        Comparison script = ran && !codeFailure ? compare(body.result(), s.result, s.match) : null;

        Completion cleanup = eval(s.cleanup);
        boolean cleanupFailure = cleanup.code() != TclException.OK;

        if (!processTest) {
            report(TestOutcome.skipped(name, description, skippedBecause));
            return;
        }
        boolean outputFailure = output != null && !output.matched();
        boolean errorFailure = errorOutput != null && !errorOutput.matched();
        boolean scriptFailure = script != null && !script.matched();
        if (!(setupFailure || cleanupFailure || outputFailure || errorFailure || codeFailure || errorCodeFailure
                || scriptFailure)) {
            report(TestOutcome.passed(name, description));
            return;
        }

        // tcltest's failure report (with -verbose {body error}, its default).
        StringBuilder r = new StringBuilder();
        String desc = description.trim();
        r.append("==== ").append(name).append(' ').append(desc).append(" FAILED\n");
        if (!s.body.isEmpty()) r.append("==== Contents of test case:\n").append(s.body).append('\n');
        if (setupFailure) {
            r.append("---- Test setup failed:\n").append(setup.result()).append('\n');
            if (setup.code() == TclException.ERROR) {
                r.append("---- errorInfo(setup): ").append(setup.errorInfo()).append('\n');
                r.append("---- errorCode(setup): ").append(setup.errorCode()).append('\n');
            }
        }
        String expected = null, actual = null;
        if (scriptFailure) {
            if (script.error() != null) {
                r.append("---- Error testing result: ").append(script.error()).append('\n');
            } else {
                r.append("---- Result was:\n").append(body.result()).append('\n');
                r.append("---- Result should have been (").append(s.match).append(" matching):\n")
                        .append(s.result).append('\n');
                expected = s.result;
                actual = body.result();
            }
        }
        if (errorCodeFailure) {
            r.append("---- Error code was: '").append(body.errorCode()).append("'\n");
            r.append("---- Error code should have been: '").append(s.errorCode).append("'\n");
        }
        if (codeFailure) {
            String msg = switch (returnCode) {
                case 0 -> "Test completed normally";
                case 1 -> "Test generated error";
                case 2 -> "Test generated return exception";
                case 3 -> "Test generated break exception";
                case 4 -> "Test generated continue exception";
                default -> "Test generated exception";
            };
            r.append("---- ").append(msg).append("; Return code was: ").append(returnCode).append('\n');
            r.append("---- Return code should have been one of: ").append(s.returnCodes).append('\n');
            if (returnCode == TclException.ERROR && !returnCodes.contains("1")) {
                r.append("---- errorInfo: ").append(body.errorInfo()).append('\n');
                r.append("---- errorCode: ").append(body.errorCode()).append('\n');
            }
        }
        if (outputFailure) {
            if (output.error() != null) {
                r.append("---- Error testing output: ").append(output.error()).append('\n');
            } else {
                r.append("---- Output was:\n").append(outData).append('\n');
                r.append("---- Output should have been (").append(s.match).append(" matching):\n")
                        .append(s.output).append('\n');
                if (expected == null) { expected = s.output; actual = outData; }
            }
        }
        if (errorFailure) {
            if (errorOutput.error() != null) {
                r.append("---- Error testing errorOutput: ").append(errorOutput.error()).append('\n');
            } else {
                r.append("---- Error output was:\n").append(errData).append('\n');
                r.append("---- Error output should have been (").append(s.match).append(" matching):\n")
                        .append(s.errorOutput).append('\n');
                if (expected == null) { expected = s.errorOutput; actual = errData; }
            }
        }
        if (cleanupFailure) {
            r.append("---- Test cleanup failed:\n").append(cleanup.result()).append('\n');
            if (cleanup.code() == TclException.ERROR) {
                r.append("---- errorInfo(cleanup): ").append(cleanup.errorInfo()).append('\n');
                r.append("---- errorCode(cleanup): ").append(cleanup.errorCode()).append('\n');
            }
        }
        for (Completion c : new Completion[]{setup, body, cleanup}) {
            if (c != null && c.javaFailure() != null) r.append("---- Java exception in tclj:\n").append(c.javaFailure());
        }
        r.append("==== ").append(name).append(" FAILED\n");
        report(TestOutcome.failed(name, description, r.toString(), expected, actual));
    }

    /** Only top-level tests count, as in tcltest. */
    private void report(TestOutcome o) {
        if (testLevel == 1) listener.accept(o);
    }
}
