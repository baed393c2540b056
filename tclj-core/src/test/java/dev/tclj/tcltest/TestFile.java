package dev.tclj.tcltest;

import dev.tclj.ExitException;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclMain;
import dev.tclj.TclObj;
import dev.tclj.io.ChannelTable;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs one .test file in a fresh interpreter with {@link Tcltest}, on a thread with tclj's large
 * stack, and gathers its outcomes. Also a command line for trying .test files against the core
 * without Maven:
 *
 * <pre>
 *   java -cp CORE_CLASSES:TEST_CLASSES dev.tclj.tcltest.TestFile ?-match pattern? ?-skip pattern? file.test ...
 * </pre>
 *
 * which prints tcltest's failure reports and summary line ("file.test: Total N Passed N Skipped N
 * Failed N") for each file and exits 1 if any test failed.
 */
public final class TestFile {
    private TestFile() {}

    /** How long one file may run before it is reported as hung (its thread is left behind). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(Long.getLong("tcltest.timeout", 60));

    /**
     * What a file run produced.
     *
     * @param fileError errorInfo of an error outside any test (the file stopped there), or null
     * @param timedOut  whether the file was still running at the time limit
     */
    public record Report(Path file, List<TestOutcome> outcomes, String fileError, boolean timedOut) {
        public long count(TestOutcome.Status s) {
            return outcomes.stream().filter(o -> o.status() == s).count();
        }

        /** tcltest's summary line. */
        public String summary() {
            return file.getFileName() + ":\tTotal\t" + outcomes.size() + "\tPassed\t" + count(TestOutcome.Status.PASSED)
                    + "\tSkipped\t" + count(TestOutcome.Status.SKIPPED) + "\tFailed\t" + count(TestOutcome.Status.FAILED);
        }
    }

    /** The .test files of a directory, sorted by name; {@code only} is a comma-separated list of globs or null. */
    public static List<Path> find(Path dir, String only) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        List<String> globs = only == null || only.isBlank() ? List.of("*") : List.of(only.split(","));
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".test"))
                    .filter(p -> globs.stream().anyMatch(g -> dev.tclj.Glob.match(g.trim(), p.getFileName().toString(), false)))
                    .sorted()
                    .toList();
        }
    }

    /** Space-separated glob patterns from a system property (tcltest's -match and -skip lists). */
    public static List<String> patterns(String property, String dflt) {
        String v = System.getProperty(property, dflt);
        return v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
    }

    /**
     * Runs a file. {@code listener} sees each outcome as it happens, on the file's thread.
     */
    public static Report run(Path file, List<String> match, List<String> skip, Duration timeout,
                             Consumer<TestOutcome> listener) {
        Path abs = file.toAbsolutePath().normalize();
        List<TestOutcome> outcomes = new CopyOnWriteArrayList<>();
        String[] fileError = {null};
        Runnable body = () -> {
            try {
                Interp interp = new Interp();
                TclMain.setArgs(interp, abs.toString(), new String[0], false);
                Tcltest.install(interp, match, skip, o -> {
                    outcomes.add(o);
                    listener.accept(o);
                });
                try {
                    interp.evalTop(TclObj.ofList(TclObj.of("source"), TclObj.of(abs.toString())));
                } catch (TclException e) {
                    fileError[0] = e.errorInfo != null ? e.errorInfo.toString() : e.result().toString();
                } catch (ExitException e) {
                    if (e.status() != 0) fileError[0] = "the file called exit " + e.status();
                } finally {
                    // as Tcl at exit: buffered output is written, files closed
                    ChannelTable.closeAll(interp);
                    interp.stdout.flush();
                }
            } catch (Throwable e) {
                StringWriter sw = new StringWriter();
                e.printStackTrace(new PrintWriter(sw));
                fileError[0] = "Java exception in tclj:\n" + sw;
            }
        };
        Thread t = new Thread(null, body, "tcltest " + abs.getFileName(), TclMain.STACK_SIZE);
        t.setDaemon(true);
        t.start();
        try {
            t.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            // Tcl code cannot be stopped from outside yet: leave the daemon thread and report.
            return new Report(abs, List.copyOf(outcomes),
                    "still running after " + timeout.toSeconds() + " s (tcltest.timeout): hung in the test after "
                            + (outcomes.isEmpty() ? "the start of the file" : outcomes.get(outcomes.size() - 1).name()),
                    true);
        }
        return new Report(abs, List.copyOf(outcomes), fileError[0], false);
    }

    private static final Pattern TEST_LINE = Pattern.compile("^\\s*(?:::)?(?:tcltest::)?test\\s+(\\S+)\\s");

    /** The line where each test of a file starts (for IDE navigation), by test name. */
    public static Map<String, Integer> testLines(Path file) {
        Map<String, Integer> lines = new HashMap<>();
        try {
            List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < text.size(); i++) {
                Matcher m = TEST_LINE.matcher(text.get(i));
                if (m.find()) lines.putIfAbsent(m.group(1), i + 1);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // Navigation is a convenience; the tests run without it.
        }
        return lines;
    }

    public static void main(String[] args) throws IOException {
        List<String> match = new ArrayList<>(), skip = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("-match") || args[i].equals("-skip")) && i + 1 < args.length) {
                (args[i].equals("-match") ? match : skip).addAll(List.of(args[++i].trim().split("\\s+")));
            } else if (args[i].startsWith("-")) {
                System.err.println("usage: TestFile ?-match patterns? ?-skip patterns? file.test ?file.test ...?");
                System.exit(2);
            } else {
                Path p = Path.of(args[i]);
                files.addAll(Files.isDirectory(p) ? find(p, null) : List.of(p));
            }
        }
        if (match.isEmpty()) match.add("*");
        boolean failed = false;
        for (Path f : files) {
            Report r = run(f, match, skip, DEFAULT_TIMEOUT, o -> {
                if (o.status() == TestOutcome.Status.FAILED) {
                    System.out.print("\n\n" + o.message() + "\n");
                    System.out.flush();
                }
            });
            System.out.println(r.summary());
            Map<String, Integer> skips = new TreeMap<>();
            for (TestOutcome o : r.outcomes()) {
                if (o.status() == TestOutcome.Status.SKIPPED) skips.merge(o.message(), 1, Integer::sum);
            }
            if (!skips.isEmpty()) {
                System.out.println("Number of tests skipped for each constraint:");
                skips.forEach((c, n) -> System.out.println("\t" + n + "\t" + c));
            }
            if (r.fileError() != null) System.out.println("Test file error: " + r.fileError());
            failed |= r.count(TestOutcome.Status.FAILED) > 0 || r.fileError() != null;
        }
        System.exit(failed ? 1 : 0);
    }
}
