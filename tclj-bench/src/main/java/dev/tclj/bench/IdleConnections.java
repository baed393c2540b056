package dev.tclj.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Memory per idle connection (issue 6's target): the same event-driven Tcl server script runs
 * under tclsh and under tclj, each in a child process; this process opens N connections to it
 * (loopback), checks that the server has accepted them all, and reports the growth of the
 * server's resident set per connection (and, for tclj, of its Java heap after a full GC, read
 * with jcmd). tclsh 8.6's select()-based notifier cannot watch descriptors past 1024 (it aborts
 * with "bit out of range 0 - FD_SETSIZE"), so tclsh is measured with at most 1,000 connections.
 *
 * <pre>
 *   java -cp tclj-bench.jar dev.tclj.bench.IdleConnections [--connections N] [--tclsh PATH]
 *        [--tclj "COMMAND..."]
 * </pre>
 * The tclj command defaults to {@code java -Xss16m -jar tclj-cli/target/tclj.jar}. The open file
 * limit (ulimit -n) must exceed N in both processes.
 */
public final class IdleConnections {
    private static final String SERVER = """
            set srv [socket -server accept -myaddr 127.0.0.1 0]
            set n 0
            proc accept {c a p} {
                fconfigure $c -blocking 0 -buffering line
                fileevent $c readable [list serve $c]
                incr ::n
            }
            proc serve {c} {
                if {[gets $c line] < 0} {
                    if {[eof $c]} {close $c; incr ::n -1}
                    return
                }
                puts $c $::n
            }
            puts [lindex [fconfigure $srv -sockname] 2]
            flush stdout
            vwait forever
            """;

    /** Connections tclsh can hold: its select()-based notifier aborts at descriptor 1024. */
    private static final int TCLSH_MAX = 1000;

    public static void main(String[] args) throws Exception {
        int n = 10_000;
        String tclsh = "tclsh";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> tclj = new ArrayList<>(List.of(java, "-Xss16m", "-jar", "tclj-cli/target/tclj.jar"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--connections" -> n = Integer.parseInt(args[++i]);
                case "--tclsh" -> tclsh = args[++i];
                case "--tclj" -> tclj = List.of(args[++i].split(" +"));
                default -> {
                    System.err.println("usage: IdleConnections [--connections N] [--tclsh PATH] [--tclj \"COMMAND...\"]");
                    System.exit(2);
                }
            }
        }
        Path script = Files.createTempFile("idle-server", ".tcl");
        try {
            Files.writeString(script, SERVER);
            System.out.printf("idle connections on loopback, up to %d%n", n);
            // tclsh 8.6's notifier on Linux uses select(): it aborts past FD_SETSIZE (1024) descriptors
            measure("tclsh", withScript(List.of(tclsh), script), Math.min(n, TCLSH_MAX), false);
            measure("tclj", withScript(tclj, script), n, true);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static List<String> withScript(List<String> cmd, Path script) {
        List<String> all = new ArrayList<>(cmd);
        all.add(script.toString());
        return all;
    }

    private static void measure(String name, List<String> cmd, int n, boolean jvm) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<SocketChannel> open = new ArrayList<>(n);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String portLine = out.readLine();
            if (portLine == null) throw new IOException(name + ": the server printed no port");
            int port = Integer.parseInt(portLine.trim());
            // one round trip first, so that the server's code paths are loaded before the baseline
            try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
                ask(c);
            }
            Thread.sleep(300);
            long heap0 = jvm ? heapUsed(p.pid()) : 0;
            long rss0 = rss(p.pid());
            for (int i = 0; i < n; i++) {
                open.add(SocketChannel.open(new InetSocketAddress("127.0.0.1", port)));
            }
            // the server answers with its connection count once it has accepted them all
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long accepted;
            do {
                accepted = ask(open.get(open.size() - 1));
                if (accepted < n) Thread.sleep(100);
            } while (accepted < n && System.nanoTime() < deadline);
            if (accepted < n) throw new IOException(name + ": the server accepted only " + accepted);
            Thread.sleep(300);
            long heap1 = jvm ? heapUsed(p.pid()) : 0;
            long rss1 = rss(p.pid());
            System.out.printf("%-6s %6d connections: resident set %7.1f MB -> %7.1f MB: %6.0f bytes per connection", name,
                    n, rss0 / 1e6, rss1 / 1e6, (double) (rss1 - rss0) / n);
            if (jvm) {
                System.out.printf("; Java heap after GC %6.1f MB -> %6.1f MB: %6.0f bytes per connection",
                        heap0 / 1e6, heap1 / 1e6, (double) (heap1 - heap0) / n);
            }
            System.out.println();
        } finally {
            for (SocketChannel c : open) {
                try {
                    c.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
        }
    }

    /** Sends a line, returns the number the server answers (its connection count). */
    private static long ask(SocketChannel c) throws IOException {
        c.write(ByteBuffer.wrap("?\n".getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer b = ByteBuffer.allocate(64);
        StringBuilder sb = new StringBuilder();
        while (sb.indexOf("\n") < 0) {
            b.clear();
            if (c.read(b) < 0) throw new IOException("the server closed the connection");
            b.flip();
            sb.append(StandardCharsets.US_ASCII.decode(b));
        }
        return Long.parseLong(sb.toString().trim());
    }

    /** The resident set size of a process, from /proc. */
    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
        throw new IOException("no VmRSS for " + pid);
    }

    /** The Java heap in use after a full GC, through jcmd. */
    private static long heapUsed(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, Long.toString(pid), "GC.run");
        String info = run(jcmd, Long.toString(pid), "GC.heap_info");
        // G1: "garbage-first heap   total reserved ..., committed ..., used 12345K [...";
        // Parallel GC: one such line per generation ("PSYoungGen", "ParOldGen"), summed; the
        // Metaspace lines are not the heap
        java.util.regex.Pattern used = java.util.regex.Pattern.compile("used (\\d+)K");
        long total = 0;
        boolean found = false;
        for (String line : info.split("\n")) {
            if (line.contains("Metaspace") || line.contains("class space")) continue;
            java.util.regex.Matcher m = used.matcher(line);
            if (m.find()) {
                total += Long.parseLong(m.group(1)) * 1024;
                found = true;
            }
        }
        if (!found) throw new IOException("jcmd GC.heap_info: no used figure in\n" + info);
        return total;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + ": timed out");
        }
        return out;
    }
}
