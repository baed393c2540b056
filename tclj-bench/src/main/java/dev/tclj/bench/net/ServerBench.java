package dev.tclj.bench.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The network benchmarks of issues 6, 7 and 8: servers written in Tcl, run under tclsh and under
 * tclj (and a Java or Python peer for scale) as child processes, driven in turn by one closed-loop
 * load client in this process over 1 to 100 connections. For each server and load it reports the
 * throughput, the latency percentiles and the CPU time the server spent per request, and compares
 * each server with tclsh's (the reference) and with the ceiling where there is one.
 *
 * <ul>
 *   <li>{@code echo} (issue 6): line_echo.tcl under tclsh and tclj; {@link JavaEchoServer} is the
 *       loopback ceiling.</li>
 *   <li>{@code tclserver} (issue 7): tclserver_original.tcl (TclServer's original protocol, in
 *       pure Tcl) on tclsh; tclj's TclServer package (tclserver_package.tcl, or the server given by
 *       --tclj-tclserver); the Java echo ceiling. Commands {@code incr counter} and
 *       {@code string repeat a 1000}, one in flight per connection and 16 pipelined (which the
 *       original cannot serve: its pipelined rows are n/a).</li>
 *   <li>{@code websocket} (issue 8): ws_echo.tcl on tcllib's websocket under tclsh, Python's
 *       websockets (ws_echo.py), the tclj server given by --tclj-websocket; 1 KiB and 64 KiB binary
 *       messages.</li>
 * </ul>
 * See README.md for the options and for plugging in tclj's own TclServer and websocket servers.
 */
public final class ServerBench {
    private static final String[] RESOURCES = {
        "line_echo.tcl", "tclserver_original.tcl", "tclserver_package.tcl", "ws_echo.tcl", "ws_echo.py"};
    private static final String TCLLIB = "/usr/share/tcltk/tcllib1.21";

    /** What a server is in the comparison. */
    enum Role { REFERENCE, SUBJECT, CEILING, PEER }

    /** A server of a suite: its name and the command that starts it (see {@link Commands}). */
    record Slot(String name, Role role, String template) {}

    /** One load: a request line or message size, the connection counts and the depth in flight. */
    record Load(String label, byte[] line, int messageSize, int depth) {}

    /** One measured configuration. */
    record Row(String suite, Load load, int connections, Slot slot, Measured measured, String failure) {}

    /** What a measured window gave. */
    record Measured(long replies, double seconds, long cpuNanos, Latencies latencies, long missing, int messageSize) {
        double rate() {
            return replies / seconds;
        }

        double cpuMicrosPerReply() {
            return replies == 0 ? Double.NaN : cpuNanos / 1e3 / replies;
        }
    }

    private final Options opts;
    private final Commands commands;
    private final List<Row> rows = new ArrayList<>();
    private final PrintStream progress = System.err;

    private ServerBench(Options opts, Commands commands) {
        this.opts = opts;
        this.commands = commands;
    }

    public static void main(String[] args) {
        Options opts;
        try {
            opts = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("server-bench: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (opts == null) {
            System.out.println(Options.USAGE);
            return;
        }
        Path dir;
        int status;
        try {
            dir = Files.createTempDirectory("tclj-server-bench");
            // Also when the run is interrupted (Ctrl-C): the servers are killed by ServerProcess's hook.
            Path unpacked = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(unpacked), "delete-server-scripts"));
            for (String r : RESOURCES) {
                try (InputStream in = ServerBench.class.getResourceAsStream(r)) {
                    if (in == null) throw new IOException("resource " + r + " is missing from the class path");
                    Files.copy(in, dir.resolve(r));
                }
            }
            Commands commands = Commands.of(opts, dir);
            ServerBench bench = new ServerBench(opts, commands);
            bench.runAll();
            bench.report(System.out);
            status = bench.rows.stream().allMatch(r -> r.failure() == null) ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("server-bench: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    private void runAll() throws IOException {
        for (String suite : opts.suites) {
            switch (suite) {
                case "echo" -> runSuite(suite, echoSlots(), List.of(
                        new Load("32-byte line", "0123456789abcdefghijklmnopqrstu\n".getBytes(StandardCharsets.US_ASCII), 0, 1)),
                        opts.connections(List.of(1, 10, 100)));
                case "tclserver" -> runSuite(suite, tclServerSlots(), tclServerLoads(), opts.connections(List.of(1, 10, 100)));
                case "websocket" -> runSuite(suite, webSocketSlots(), List.of(
                        new Load("1 KiB", null, 1024, 1), new Load("64 KiB", null, 65536, 1)),
                        opts.connections(List.of(1, 64)));
                default -> throw new IllegalArgumentException("unknown suite " + suite);
            }
        }
    }

    private List<Slot> echoSlots() {
        return List.of(
                new Slot("tclsh", Role.REFERENCE, "{tclsh} {dir}/line_echo.tcl {port}"),
                new Slot("tclj", Role.SUBJECT, "{tclj} {dir}/line_echo.tcl {port}"),
                new Slot("java-echo", Role.CEILING, Commands.JAVA_ECHO));
    }

    private List<Slot> tclServerSlots() {
        return List.of(
                new Slot("tclsh-original", Role.REFERENCE, "{tclsh} {dir}/tclserver_original.tcl {port}"),
                new Slot("tclj", Role.SUBJECT, opts.tcljTclServer == null ? Options.TCLJ_TCLSERVER : opts.tcljTclServer),
                new Slot("java-echo", Role.CEILING, Commands.JAVA_ECHO));
    }

    private List<Load> tclServerLoads() {
        List<Load> loads = new ArrayList<>();
        for (int depth : new int[] {1, 16}) {
            for (String cmd : new String[] {"incr counter", "string repeat a 1000"}) {
                loads.add(new Load(cmd + (depth > 1 ? " x" + depth : ""),
                        (cmd + "\n").getBytes(StandardCharsets.US_ASCII), 0, depth));
            }
        }
        return loads;
    }

    private List<Slot> webSocketSlots() {
        return List.of(
                new Slot("tclsh-tcllib", Role.REFERENCE, "{tclsh} {dir}/ws_echo.tcl {port} {tcllib}"),
                new Slot(opts.tcljWebSocket == null ? "tclj (stand-in)" : "tclj", Role.SUBJECT,
                        opts.tcljWebSocket == null ? Options.TCLJ_WEBSOCKET_STANDIN : opts.tcljWebSocket),
                new Slot("python", Role.PEER, "{python} {dir}/ws_echo.py {port}"));
    }

    /** Runs every load on every slot: one server process per slot and load, every connection count. */
    private void runSuite(String suite, List<Slot> slots, List<Load> loads, List<Integer> levels) throws IOException {
        for (Load load : loads) {
            for (Slot slot : slots) {
                if (!opts.selected(slot.name())) continue;
                ServerProcess server = null;
                try {
                    for (int conns : levels) {
                        progress.printf("%s %s: %s, %d connection(s)%s ... ", suite, load.label(), slot.name(), conns,
                                load.depth() > 1 ? ", " + load.depth() + " in flight each" : "");
                        String failure = null;
                        Measured best = null;
                        try {
                            if (server == null || !server.alive()) {
                                if (server != null) server.close();
                                server = start(slot);
                            }
                            best = measure(server, load, conns);
                        } catch (IOException e) {
                            failure = e.getMessage();
                            if (server != null && !server.alive()) {
                                failure += " (the server died:\n" + server.logTail() + ")";
                            }
                            // A server left in an unknown state is not reused.
                            if (server != null) server.close();
                            server = null;
                        }
                        progress.println(failure != null ? "FAILED: " + failure.lines().findFirst().orElse("")
                                : String.format("%.0f/s, %.1f us CPU each, %s", best.rate(), best.cpuMicrosPerReply(),
                                        best.missing() > 0 ? best.missing() + " replies missing"
                                                : String.format("p99 %.0f us", best.latencies().percentile(99) / 1e3)));
                        rows.add(new Row(suite, load, conns, slot, best, failure));
                    }
                } finally {
                    if (server != null) server.close();
                }
            }
        }
    }

    private ServerProcess start(Slot slot) throws IOException {
        int port = ServerProcess.freePort();
        List<String> argv = commands.expand(slot.template(), String.valueOf(port));
        // In the unpacked scripts' directory, which goes at the end of the run.
        Path log = Files.createTempFile(commands.dir(), slot.name().replaceAll("\\W", "") + "-", ".log");
        return ServerProcess.start(slot.name(), argv, port, log, opts.startLimit);
    }

    /** A warm-up window, then --repeat measured windows; the one with the best throughput counts. */
    private Measured measure(ServerProcess server, Load load, int conns) throws IOException {
        long drain = Duration.ofSeconds(3).toNanos();
        Measured best = null;
        if (load.line() != null) {
            try (LineLoad client = new LineLoad(server.address(), conns, load.line(), load.depth())) {
                client.run(System.nanoTime() + opts.warmupNanos, null);
                client.drain(drain);
                for (int i = 0; i < opts.repeat; i++) {
                    Latencies lat = new Latencies();
                    long cpu0 = server.cpuNanos();
                    long t0 = System.nanoTime();
                    long replies = client.run(t0 + opts.measureNanos, lat);
                    long t1 = System.nanoTime();
                    long cpu1 = server.cpuNanos();
                    long missing = client.drain(drain);
                    Measured m = new Measured(replies, (t1 - t0) / 1e9, cpu1 - cpu0, lat, missing, load.line().length);
                    if (best == null || m.rate() > best.rate()) best = m;
                    // Replies that never came would only be waited for again: the measure stands.
                    if (missing > 0) break;
                }
            }
        } else {
            try (WsLoad client = new WsLoad(server.address(), "/echo", conns, load.messageSize())) {
                client.run(System.nanoTime() + opts.warmupNanos, null, drain * 3);
                for (int i = 0; i < opts.repeat; i++) {
                    Latencies lat = new Latencies();
                    long cpu0 = server.cpuNanos();
                    long t0 = System.nanoTime();
                    long deadline = t0 + opts.measureNanos;
                    // CPU is read when the deadline passes, before the last echoes drain.
                    long[] cpu1 = new long[1];
                    Thread reader = Thread.ofVirtual().start(() -> {
                        sleepUntil(deadline);
                        cpu1[0] = server.cpuNanos();
                    });
                    long replies = client.run(deadline, lat, drain * 3);
                    long t1 = Math.min(System.nanoTime(), deadline);
                    joinQuietly(reader);
                    Measured m = new Measured(replies, (t1 - t0) / 1e9, cpu1[0] - cpu0, lat, 0, load.messageSize());
                    if (best == null || m.rate() > best.rate()) best = m;
                }
            }
        }
        return best;
    }

    private static void sleepUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the report ------------------------------------------------------------------------

    private void report(PrintStream out) {
        int cpus = Runtime.getRuntime().availableProcessors();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        out.println();
        out.printf("tclj server benchmarks: %s s warm-up, then %s s measured%s per configuration; %d CPUs,"
                        + " load average %.2f now%s%n",
                trim(opts.warmupNanos / 1e9), trim(opts.measureNanos / 1e9),
                opts.repeat > 1 ? " (best of " + opts.repeat + ")" : "", cpus, load,
                load > cpus / 2.0 ? " -- a busy machine: the figures are noisy" : "");
        out.println("the load client runs in this JVM on one thread; every server is a child process; cpu is the"
                + " server's utime+stime per reply");
        for (String suite : opts.suites) {
            List<Row> suiteRows = rows.stream().filter(r -> r.suite().equals(suite)).toList();
            if (suiteRows.isEmpty()) continue;
            out.println();
            out.println("== " + suite + " ==");
            for (Map.Entry<String, Slot> e : slotsOf(suiteRows).entrySet()) {
                out.println("  " + e.getKey() + ": " + String.join(" ", commands.expand(e.getValue().template(), "PORT")));
            }
            boolean ws = suite.equals("websocket");
            String format = "%-24s %5s  %-16s %11s %8s %9s %9s %9s  %7s %7s %7s  %s%n";
            out.printf(format, "load", "conns", "server", ws ? "msgs/s" : "replies/s", ws ? "MB/s" : "%ceil",
                    ws ? "cpu us/msg" : "cpu us/rep", "p50 us", "p99 us", "x ref", "cpu/ref", "p99/ref", "notes");
            for (Row r : suiteRows) {
                Measured m = r.measured();
                if (m == null) {
                    out.printf(format, r.load().label(), r.connections(), r.slot().name(), "-", "-", "-", "-", "-",
                            "", "", "", "FAILED: " + r.failure().lines().findFirst().orElse(""));
                    continue;
                }
                Measured ref = find(suiteRows, r, Role.REFERENCE);
                Measured ceiling = find(suiteRows, r, Role.CEILING);
                // With replies missing (the original protocol given pipelined requests answers
                // several with one line), the replies that came pair with the wrong requests and
                // count fewer commands than were served: no figure of that row means anything.
                boolean valid = m.missing() == 0;
                String second = ws ? String.format("%.1f", m.rate() * m.messageSize() / 1e6)
                        : ceiling == null || !valid ? "" : String.format("%.0f%%", 100 * m.rate() / ceiling.rate());
                boolean compare = ref != null && ref.missing() == 0 && valid && r.slot().role() != Role.REFERENCE;
                out.printf(format, r.load().label(), r.connections(), r.slot().name(),
                        valid ? String.format("%.0f", m.rate()) : "n/a", second,
                        valid ? String.format("%.2f", m.cpuMicrosPerReply()) : "n/a",
                        valid ? String.format("%.0f", m.latencies().percentile(50) / 1e3) : "n/a",
                        valid ? String.format("%.0f", m.latencies().percentile(99) / 1e3) : "n/a",
                        compare ? String.format("%.2f", m.rate() / ref.rate()) : "",
                        compare ? String.format("%.2f", m.cpuMicrosPerReply() / ref.cpuMicrosPerReply()) : "",
                        compare ? String.format("%.2f", m.latencies().percentile(99) / ref.latencies().percentile(99)) : "",
                        valid ? "" : String.format("cannot pipeline: several requests got one reply, %d never answered",
                                m.missing()));
            }
        }
        out.println();
        out.println("x ref, cpu/ref, p99/ref: the server's throughput, CPU per reply and p99 latency divided by the"
                + " reference's (tclsh);");
        out.println("%ceil: throughput as a share of the Java echo server's; MB/s: message bytes echoed per second"
                + " (each way)");
        List<Row> failed = rows.stream().filter(r -> r.failure() != null).toList();
        if (!failed.isEmpty()) {
            out.println();
            out.println("failures:");
            for (Row r : failed) {
                out.printf("  %s %s, %d conns, %s: %s%n", r.suite(), r.load().label(), r.connections(),
                        r.slot().name(), r.failure());
            }
        }
    }

    private static Map<String, Slot> slotsOf(List<Row> rows) {
        Map<String, Slot> slots = new LinkedHashMap<>();
        for (Row r : rows) slots.putIfAbsent(r.slot().name(), r.slot());
        return slots;
    }

    private static Measured find(List<Row> rows, Row like, Role role) {
        return rows.stream()
                .filter(r -> r.load() == like.load() && r.connections() == like.connections() && r.slot().role() == role)
                .map(Row::measured).filter(m -> m != null).findFirst().orElse(null);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // temporary files only
        }
    }

    /** The command line. */
    static final class Options {
        /** tclj as bin/tclj runs it (the script suite's JVM options: collector, young generation). */
        static final String TCLJ_DEFAULT = "{java} " + String.join(" ", dev.tclj.bench.ScriptSuite.TCLJ_JVM_OPTIONS)
                + " -jar {root}/tclj-cli/target/tclj.jar";
        /** tclj's TclServer package, as an application would start it (loopback only). */
        static final String TCLJ_TCLSERVER = "{tclj} {dir}/tclserver_package.tcl {port}";
        static final String TCLJ_WEBSOCKET_STANDIN = "{tclj} {dir}/ws_echo.tcl {port} {tcllib}";

        static final String USAGE = """
                usage: java -cp tclj-bench.jar dev.tclj.bench.net.ServerBench [options] [suite ...]
                  suite                 echo, tclserver, websocket (default: all three, in that order)
                  --seconds S           measured seconds per configuration (default 5)
                  --warmup S            warm-up seconds before them, on the same connections (default 5)
                  --repeat N            measured windows per configuration; the best throughput counts (default 1)
                  --quick               1 s warm-up and 1 s measured: a smoke run
                  --connections N,...   the connection counts (default 1,10,100; websocket 1,64)
                  --servers NAME,...    only the servers with these names (tclsh, tclj, java-echo,
                                        tclsh-original, tclsh-tcllib, python; "tclj" also selects a stand-in)
                  --tclj CMD            how to run a tclj script (default: %s)
                  --tclj-tclserver CMD  the tclj TclServer slot (default: the TclServer package, %s)
                  --tclj-websocket CMD  the tclj websocket slot (default: the stand-in %s)
                  --tclsh PATH          tclsh 8.6 (default tclsh)
                  --python PATH         a python3 that has websockets (default /usr/bin/python3)
                  --tcllib DIR          tcllib's directory (default %s)
                  --start-timeout S     seconds a server has to start listening (default 60)
                  --help                this text
                A CMD is split at spaces; it may use {java} (this JVM's java), {benchjar} (this jar), {root}
                (the source tree holding this jar), {tclj} (the --tclj command), {tclsh}, {python}, {tcllib},
                {dir} (where the benchmark's server scripts are unpacked: line_echo.tcl, tclserver_original.tcl,
                tclserver_package.tcl, ws_echo.tcl, ws_echo.py) and {port} (the port the server must listen on,
                on 127.0.0.1; the benchmark waits until it accepts connections).
                """.formatted(TCLJ_DEFAULT, TCLJ_TCLSERVER, TCLJ_WEBSOCKET_STANDIN, TCLLIB);

        List<String> suites = new ArrayList<>();
        long measureNanos = Duration.ofSeconds(5).toNanos();
        long warmupNanos = Duration.ofSeconds(5).toNanos();
        int repeat = 1;
        List<Integer> connections;
        List<String> servers;
        String tclj = TCLJ_DEFAULT;
        String tcljTclServer;
        String tcljWebSocket;
        String tclsh = "tclsh";
        String python = "/usr/bin/python3";
        String tcllib = TCLLIB;
        Duration startLimit = Duration.ofSeconds(60);

        /** null means --help. */
        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help", "-h" -> {
                        return null;
                    }
                    case "--seconds" -> o.measureNanos = seconds(value(args, ++i, a), a, false);
                    case "--warmup" -> o.warmupNanos = seconds(value(args, ++i, a), a, true);
                    case "--quick" -> {
                        o.measureNanos = Duration.ofSeconds(1).toNanos();
                        o.warmupNanos = Duration.ofSeconds(1).toNanos();
                    }
                    case "--repeat" -> o.repeat = (int) integer(value(args, ++i, a), a, 1, 100);
                    case "--connections" -> {
                        o.connections = new ArrayList<>();
                        for (String n : value(args, ++i, a).split(",")) o.connections.add((int) integer(n, a, 1, 10_000));
                    }
                    case "--servers" -> o.servers = List.of(value(args, ++i, a).split(","));
                    case "--tclj" -> o.tclj = value(args, ++i, a);
                    case "--tclj-tclserver" -> o.tcljTclServer = value(args, ++i, a);
                    case "--tclj-websocket" -> o.tcljWebSocket = value(args, ++i, a);
                    case "--tclsh" -> o.tclsh = value(args, ++i, a);
                    case "--python" -> o.python = value(args, ++i, a);
                    case "--tcllib" -> o.tcllib = value(args, ++i, a);
                    case "--start-timeout" -> o.startLimit = Duration.ofNanos(seconds(value(args, ++i, a), a, false));
                    default -> {
                        if (a.startsWith("-")) throw new IllegalArgumentException("unknown option " + a);
                        if (!List.of("echo", "tclserver", "websocket").contains(a)) {
                            throw new IllegalArgumentException("unknown suite \"" + a + "\": must be echo, tclserver or websocket");
                        }
                        if (!o.suites.contains(a)) o.suites.add(a);
                    }
                }
            }
            if (o.suites.isEmpty()) o.suites.addAll(List.of("echo", "tclserver", "websocket"));
            return o;
        }

        List<Integer> connections(List<Integer> defaults) {
            return connections != null ? connections : defaults;
        }

        boolean selected(String slotName) {
            if (servers == null) return true;
            String base = slotName.startsWith("tclj") ? "tclj" : slotName;
            return servers.contains(slotName) || servers.contains(base);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
            return args[i];
        }

        private static long seconds(String v, String option, boolean zeroOk) {
            try {
                double s = Double.parseDouble(v);
                if ((zeroOk ? s >= 0 : s > 0) && s <= 3600) return (long) (s * 1e9);
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " needs a number of seconds" + (zeroOk ? "" : " above 0")
                    + ", not \"" + v + "\"");
        }

        private static long integer(String v, String option, long min, long max) {
            try {
                long n = Long.parseLong(v.trim());
                if (n >= min && n <= max) return n;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " needs integers from " + min + " to " + max + ", not \"" + v + "\"");
        }
    }

    /** Turns a command template into an argument vector. */
    static final class Commands {
        static final String JAVA_ECHO = "{java} -cp {benchjar} " + JavaEchoServer.class.getName() + " {port}";

        private final Map<String, String> values;
        private final String tclj;

        private Commands(Map<String, String> values, String tclj) {
            this.values = values;
            this.tclj = tclj;
        }

        static Commands of(Options opts, Path dir) throws IOException {
            Path benchJar;
            try {
                benchJar = Path.of(ServerBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IOException("cannot tell where tclj-bench's classes are: " + e.getMessage());
            }
            // tclj-bench/target/tclj-bench.jar (or tclj-bench/target/classes) -> the source tree
            Path root = benchJar.toAbsolutePath().getParent().getParent().getParent();
            Map<String, String> v = new LinkedHashMap<>();
            v.put("java", ProcessHandle.current().info().command().orElse("java"));
            v.put("benchjar", benchJar.toString());
            v.put("root", root.toString());
            v.put("tclsh", opts.tclsh);
            v.put("python", opts.python);
            v.put("tcllib", opts.tcllib);
            v.put("dir", dir.toString());
            Commands c = new Commands(v, opts.tclj);
            if (opts.tclj.equals(Options.TCLJ_DEFAULT)) {
                Path jar = root.resolve("tclj-cli/target/tclj.jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IOException(jar + " is missing: build it (./mvnw -q -B -pl tclj-cli -am package"
                            + " -DskipTests) or say how to run tclj with --tclj");
                }
            }
            return c;
        }

        Path dir() {
            return Path.of(values.get("dir"));
        }

        /** Splits the template at spaces, then fills in the placeholders ({tclj} may be several words). */
        List<String> expand(String template, String port) {
            List<String> argv = new ArrayList<>();
            for (String word : template.trim().split("\\s+")) {
                if (word.equals("{tclj}")) {
                    argv.addAll(expand(tclj, port));
                    continue;
                }
                String w = word.replace("{port}", port);
                for (Map.Entry<String, String> e : values.entrySet()) w = w.replace("{" + e.getKey() + "}", e.getValue());
                if (w.matches(".*\\{[a-z]+}.*")) throw new IllegalArgumentException("unknown placeholder in \"" + word + "\"");
                argv.add(w);
            }
            return argv;
        }
    }
}
