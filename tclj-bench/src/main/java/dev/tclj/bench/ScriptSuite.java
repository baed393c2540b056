package dev.tclj.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The script benchmark suite: runs every benchmark script under real tclsh (a child process) and
 * under tclj (in this process), checks that both return the same value, and prints a table of
 * times, tclj/tclsh ratios and their geometric mean, then the 10x growth ratios of the growth
 * scripts. See README.md for the options.
 *
 * <p>Exit status: 0 when every script ran under both interpreters with matching results, 1 when one
 * failed, timed out or mismatched, 2 on a usage error.
 */
public final class ScriptSuite {

    private record Options(List<String> filters, Measurement.Plan plan, boolean quick, String tclsh,
                           Path dir, boolean list, boolean inProcess, List<String> jvmOptions) {}

    /**
     * The JVM options tclj runs with, as bin/tclj gives them (the stack size of the JVM's threads;
     * the throughput collector with a fixed young generation, sized as gc_options in
     * bin/find-jdk.sh sizes it; the JDK's continuations, which tclj.jar's manifest exports, for
     * coroutines).
     */
    public static final List<String> TCLJ_JVM_OPTIONS = tcljJvmOptions();

    private static List<String> tcljJvmOptions() {
        List<String> o = new ArrayList<>(List.of("-Xss16m", "-XX:+UseParallelGC"));
        long young = youngGenerationMiB();
        if (young > 0) o.addAll(List.of("-Xmn" + young + "m", "-XX:-UseAdaptiveSizePolicy"));
        o.addAll(List.of("--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"));
        return List.copyOf(o);
    }

    /** RAM/16 in MiB, at most 1024; 0 when unknown or under 16 (bin/find-jdk.sh's rule). */
    static long youngGenerationMiB() {
        long bytes = 0;
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            bytes = os.getTotalMemorySize();
        }
        long mb = Math.min(1024, bytes / 1024 / 1024 / 16);
        return mb >= 16 ? mb : 0;
    }

    private ScriptSuite() {}

    public static void main(String[] args) {
        Options opts;
        try {
            opts = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("tclj-bench: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (opts == null) {
            System.out.println(USAGE);
            return;
        }
        try {
            System.exit(run(opts));
        } catch (IOException e) {
            System.err.println("tclj-bench: " + e.getMessage());
            System.exit(2);
        }
    }

    static final String USAGE = """
            usage: java -jar tclj-bench.jar [options] [filter ...]
              filter           run only the scripts whose name contains one of the filters
              --iterations N   measured calls of bench per script and size (default 5)
              --warmup N       warm-up calls before them, not measured (default 3)
              --warmup-time S  more warm-up calls while the warm-ups have taken less than S seconds
                               (default 2; 0 for none): the JIT compiles code that has run long enough
              --quick          smaller sizes, for smoke runs
              --best           report the fastest measured call instead of the median
              --budget S       soft time budget in seconds per script, size and interpreter: warm-ups
                               and measured calls are cut to fit it, never below one measured call
                               and one warm-up (if any were asked for) (default 60)
              --timeout S      hard limit in seconds for one call; a call past it is reported as
                               TIMEOUT (default 300)
              --tclsh PATH     the tclsh to compare with (default tclsh)
              --in-process     run tclj in this JVM (one after another, sharing the JIT's
                               profiles) instead of a JVM of its own per script and size, started
                               as bin/tclj starts it
              --tclj-jvm OPTS  the JVM options of that process (default "-Xss16m -XX:+UseParallelGC -Xmn<RAM/16, at most 1g> -XX:-UseAdaptiveSizePolicy
                               --add-exports java.base/jdk.internal.vm=ALL-UNNAMED", bin/tclj's)
              --dir DIR        run the scripts in DIR instead of the packaged ones
              --list           list the scripts and their sizes, and exit
              --help           show this text""";

    /** Parses the command line; null means --help. */
    private static Options parse(String[] args) {
        List<String> filters = new ArrayList<>();
        int warmups = 3;
        int iterations = 5;
        long budget = 60;
        long timeout = 300;
        boolean quick = false;
        boolean list = false;
        boolean best = false;
        String tclsh = "tclsh";
        Path dir = null;
        boolean inProcess = false;
        double warmupSeconds = 2;
        List<String> jvmOptions = TCLJ_JVM_OPTIONS;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--quick" -> quick = true;
                case "--list" -> list = true;
                case "--best" -> best = true;
                case "--iterations" -> iterations = (int) number(args, ++i, a, 1);
                case "--warmup" -> warmups = (int) number(args, ++i, a, 0);
                case "--budget" -> budget = number(args, ++i, a, 1);
                case "--timeout" -> timeout = number(args, ++i, a, 1);
                case "--tclsh" -> tclsh = value(args, ++i, a);
                case "--in-process" -> inProcess = true;
                case "--warmup-time" -> warmupSeconds = number(args, ++i, a, 0);
                case "--tclj-jvm" -> jvmOptions = List.of(value(args, ++i, a).trim().split("\\s+"));
                case "--dir" -> {
                    dir = Path.of(value(args, ++i, a));
                    if (!Files.isDirectory(dir)) throw new IllegalArgumentException("no such directory: " + dir);
                }
                default -> {
                    if (a.startsWith("-")) throw new IllegalArgumentException("unknown option " + a);
                    filters.add(a);
                }
            }
        }
        Measurement.Plan plan = new Measurement.Plan(warmups, iterations,
                Duration.ofSeconds(budget), Duration.ofSeconds(timeout), best, Duration.ofMillis((long) (warmupSeconds * 1000)));
        return new Options(filters, plan, quick, tclsh, dir, list, inProcess, jvmOptions);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static long number(String[] args, int i, String option, long min) {
        String v = value(args, i, option);
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= Integer.MAX_VALUE) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs an integer >= " + min + ", not \"" + v + "\"");
    }

    private static int run(Options opts) throws IOException {
        SuiteFiles files = SuiteFiles.open(opts.dir());
        try {
            List<BenchScript> scripts = select(files.scripts(), opts.filters());
            if (opts.list()) {
                for (BenchScript s : scripts) {
                    System.out.printf("%-18s size %-16s quick %-14s %s%n", s.name(), sizes(s.sizes(false)),
                            sizes(s.sizes(true)), s.description());
                }
                return 0;
            }
            if (scripts.isEmpty()) {
                System.err.println("tclj-bench: no script matches " + String.join(" ", opts.filters()));
                return 2;
            }
            // What a script prints under tclj goes to stderr, as tclsh's does, to keep the table clean.
            PrintStream table = System.out;
            System.setOut(System.err);
            SuiteReport report = measureAll(scripts, files, opts);
            table.println();
            report.print(table);
            table.flush();
            return report.allPassed() ? 0 : 1;
        } finally {
            files.delete();
        }
    }

    private static List<BenchScript> select(List<BenchScript> all, List<String> filters) {
        if (filters.isEmpty()) return all;
        return all.stream().filter(s -> filters.stream().anyMatch(f -> s.name().contains(f))).toList();
    }

    private static String sizes(List<Long> sizes) {
        return String.join(",", sizes.stream().map(String::valueOf).toList());
    }

    private static SuiteReport measureAll(List<BenchScript> scripts, SuiteFiles files, Options opts)
            throws IOException {
        Measurement.Plan plan = opts.plan();
        Path scratch = files.scratch();
        SuiteReport report = new SuiteReport(plan, opts.quick(), opts.tclsh(),
                opts.inProcess() ? "in process" : "a JVM per script and size, " + String.join(" ", opts.jvmOptions()));
        int total = scripts.stream().mapToInt(s -> s.sizes(opts.quick()).size()).sum();
        int done = 0;
        for (BenchScript script : scripts) {
            for (long n : script.sizes(opts.quick())) {
                done++;
                System.err.printf("[%d/%d] %s n=%d: tclsh ", done, total, script.name(), n);
                // Collect the previous script's garbage now, not in the middle of this one's times.
                System.gc();
                Measurement.Outcome sh = Measurement.measure(
                        limit -> new HarnessProcess("tclsh", List.of(opts.tclsh()), files.harness(), scratch), script, n, plan);
                System.err.print(brief(sh, plan) + ", tclj ");
                System.gc();
                TcljEngine[] started = new TcljEngine[1];
                Measurement.Outcome j = opts.inProcess()
                        ? Measurement.measure(limit -> started[0] = new TcljEngine(limit, scratch), script, n, plan)
                        : Measurement.measure(limit -> new HarnessProcess("tclj", tcljCommand(opts), files.harness(), scratch),
                                script, n, plan);
                System.err.println(brief(j, plan));
                if (sh.ok() && j.ok() && !sh.result().equals(j.result())) {
                    System.err.println("!!! MISMATCH: tclj's result differs from tclsh's (see the report)");
                }
                boolean abandoned = started[0] != null && started[0].abandoned();
                if (abandoned) {
                    System.err.println("!!! tclj could not stop " + script.name()
                            + " after its timeout; it still runs and disturbs the timings that follow");
                }
                report.add(new SuiteReport.Row(script, n, sh, j, abandoned));
            }
        }
        return report;
    }

    /** tclj as a process of its own: this jar's copy of the interpreter, with tclj's JVM options. */
    private static List<String> tcljCommand(Options opts) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(opts.jvmOptions());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.tclj.TclMain");
        return cmd;
    }

    private static String brief(Measurement.Outcome o, Measurement.Plan plan) {
        return o.ok() ? String.format("%.2f ms", plan.time(o) / 1e6) : o.status().toString();
    }
}
