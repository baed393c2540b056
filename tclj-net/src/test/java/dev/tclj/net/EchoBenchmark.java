package dev.tclj.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The echo benchmark of issue 6 (not a unit test; run by hand): the same echo server script
 * under tclj and under tclsh, and a trivial Java echo server for the loopback ceiling, each in a
 * child process, driven in turn by one closed-loop load client (this process) over 1 and 100
 * connections. Reports round trips per second, the server's CPU time per round trip (from
 * /proc), and the 50th and 99th percentile latencies.
 *
 * <pre>
 *   java -cp TEST_CLASSES:... dev.tclj.net.EchoBenchmark TCLJ_COMMAND [seconds]
 * </pre>
 * where TCLJ_COMMAND is how to start tclj (for instance "bin/tclj").
 */
public final class EchoBenchmark {
    private EchoBenchmark() {}

    static final String SCRIPT = """
            proc accept {s a p} {
                fconfigure $s -blocking 0 -translation lf
                fileevent $s readable [list echo $s]
            }
            proc echo {s} {
                while {[gets $s line] >= 0} { puts $s $line }
                flush $s
                if {[eof $s]} { close $s }
            }
            set srv [socket -server accept -myaddr 127.0.0.1 0]
            puts [lindex [fconfigure $srv -sockname] 2]
            flush stdout
            vwait forever
            """;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--java-echo")) {
            javaEcho();
            return;
        }
        String tclj = args.length > 0 ? args[0] : "bin/tclj";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path script = Files.createTempFile("echo-", ".tcl");
        Files.writeString(script, SCRIPT);
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("java.class.path");
        List<String[]> servers = List.of(
                new String[]{"java-ceiling", java, "-cp", cp, EchoBenchmark.class.getName(), "--java-echo"},
                new String[]{"tclsh", "tclsh", script.toString()},
                new String[]{"tclj", tclj, script.toString()});
        System.out.printf("%-13s %5s %12s %14s %10s %10s%n", "server", "conns", "rt/s", "cpu us/rt", "p50 us", "p99 us");
        for (int conns : new int[]{1, 100}) {
            for (String[] s : servers) {
                Result r = run(Arrays.copyOfRange(s, 1, s.length), conns, seconds);
                System.out.printf("%-13s %5d %12.0f %14.2f %10.1f %10.1f%n", s[0], conns, r.rate, r.cpuMicrosPerRt,
                        r.p50 / 1000.0, r.p99 / 1000.0);
            }
        }
        Files.deleteIfExists(script);
    }

    record Result(double rate, double cpuMicrosPerRt, long p50, long p99) {}

    static Result run(String[] command, int conns, int seconds) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            int port = Integer.parseInt(out.readLine().trim());
            Load load = new Load(port, conns);
            // warm-up: long enough for the JIT to compile the hot paths of the JVM servers
            load.run(Long.getLong("warmup.ms", 5000), false);
            long cpu0 = cpuTicks(p.pid());
            long t0 = System.nanoTime();
            long n = load.run(seconds * 1000L, true);
            long t1 = System.nanoTime();
            long cpu1 = cpuTicks(p.pid());
            load.close();
            double secs = (t1 - t0) / 1e9;
            double cpuMicros = (cpu1 - cpu0) * 1e6 / ticksPerSecond();
            long[] lat = load.latencies();
            Arrays.sort(lat);
            return new Result(n / secs, cpuMicros / n, lat[lat.length / 2], lat[(int) (lat.length * 0.99)]);
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    /** utime + stime of a process, in clock ticks. */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static long ticksPerSecond() { return 100; }

    /** Closed-loop clients: each connection sends a line and waits for it to come back. */
    public static final class Load {
        private final Selector selector = Selector.open();
        private final List<SocketChannel> channels = new ArrayList<>();
        private final byte[] line = "0123456789abcdefghijklmnopqrstu\n".getBytes(StandardCharsets.ISO_8859_1);
        private long[] lat = new long[1 << 20];
        private int nLat;

        public Load(int port, int conns) throws IOException {
            for (int i = 0; i < conns; i++) {
                SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                c.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                c.configureBlocking(false);
                c.register(selector, SelectionKey.OP_READ, new Conn());
                channels.add(c);
            }
        }

        final class Conn {
            long sentAt;
            int got;
        }

        public long run(long millis, boolean record) throws IOException {
            nLat = 0;
            long end = System.nanoTime() + millis * 1_000_000;
            ByteBuffer buf = ByteBuffer.allocate(4096);
            for (SocketChannel c : channels) send(c);
            long count = 0;
            int outstanding = channels.size();
            while (outstanding > 0) {
                selector.select(1000);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    SocketChannel c = (SocketChannel) k.channel();
                    Conn conn = (Conn) k.attachment();
                    buf.clear();
                    int n = c.read(buf);
                    if (n < 0) throw new IOException("server closed a connection");
                    conn.got += n;
                    if (conn.got < line.length) continue;
                    conn.got -= line.length;
                    long now = System.nanoTime();
                    count++;
                    if (record) {
                        if (nLat == lat.length) lat = Arrays.copyOf(lat, lat.length * 2);
                        lat[nLat++] = now - conn.sentAt;
                    }
                    if (now < end) send(c);
                    else outstanding--;
                }
            }
            return count;
        }

        private void send(SocketChannel c) throws IOException {
            Conn conn = (Conn) c.keyFor(selector).attachment();
            conn.sentAt = System.nanoTime();
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) c.write(b);
        }

        public long[] latencies() { return Arrays.copyOf(lat, nLat); }

        void close() throws IOException {
            for (SocketChannel c : channels) c.close();
            selector.close();
        }
    }

    /** The ceiling: a minimal Java echo server (one selector thread, no Tcl). */
    static void javaEcho() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        server.configureBlocking(false);
        Selector sel = Selector.open();
        server.register(sel, SelectionKey.OP_ACCEPT);
        System.out.println(((InetSocketAddress) server.getLocalAddress()).getPort());
        System.out.flush();
        ByteBuffer buf = ByteBuffer.allocateDirect(65536);
        while (true) {
            sel.select();
            Iterator<SelectionKey> it = sel.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey k = it.next();
                it.remove();
                if (k.isAcceptable()) {
                    SocketChannel c = server.accept();
                    if (c == null) continue;
                    c.configureBlocking(false);
                    c.register(sel, SelectionKey.OP_READ);
                    continue;
                }
                SocketChannel c = (SocketChannel) k.channel();
                buf.clear();
                int n;
                try {
                    n = c.read(buf);
                } catch (IOException e) {
                    n = -1;
                }
                if (n < 0) {
                    k.cancel();
                    c.close();
                    continue;
                }
                buf.flip();
                while (buf.hasRemaining()) c.write(buf);
            }
        }
    }
}
