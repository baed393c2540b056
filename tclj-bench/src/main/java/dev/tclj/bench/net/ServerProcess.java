package dev.tclj.bench.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A server under test, running as a child process: started on a free loopback port, ready once it
 * accepts a connection, measured by the CPU time the kernel charges to it, and killed (with every
 * process it started) when the measurement is done, when the benchmark fails, and, through a
 * shutdown hook, when the JVM exits.
 *
 * <p>CPU time is utime + stime from /proc/PID/stat, summed over the process and its descendants, so
 * that a launcher script that starts the real server (bin/tclj runs java) is measured whole.
 */
final class ServerProcess implements AutoCloseable {
    private static final Set<ServerProcess> RUNNING = ConcurrentHashMap.newKeySet();
    private static final long TICKS_PER_SECOND = clockTicks();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ServerProcess::close),
                "kill-benchmark-servers"));
    }

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a server and waits until its port accepts connections.
     *
     * @param argv the command, already given its port
     * @param log the file that takes the server's stdout and stderr
     */
    static ServerProcess start(String name, List<String> argv, int port, Path log, Duration startLimit)
            throws IOException {
        Process p = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        ServerProcess server = new ServerProcess(name, p, port, log);
        RUNNING.add(server);
        try {
            server.awaitListening(startLimit);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** A loopback port that was free a moment ago (the server binds it next). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitListening(Duration limit) throws IOException {
        long end = System.nanoTime() + limit.toNanos();
        InetSocketAddress address = address();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with status " + process.exitValue() + " before it listened:\n"
                        + logTail());
            }
            try (Socket probe = new Socket()) {
                probe.connect(address, 200);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > end) {
                    throw new IOException(name + " did not listen on port " + port + " within "
                            + limit.toSeconds() + " s:\n" + logTail());
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The CPU time charged to the server and its descendants so far, in nanoseconds. */
    long cpuNanos() {
        long ticks = ticks(process.pid());
        for (ProcessHandle d : process.descendants().toList()) ticks += ticks(d.pid());
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }

    /** utime + stime of a process in clock ticks; 0 when it is gone. */
    private static long ticks(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (IOException e) {
            return 0;
        }
        // The command name, in parentheses, may hold spaces: fields are counted after it.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100; // Linux's USER_HZ everywhere in practice
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** The last lines the server printed, for error messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Kills the server and everything it started, and waits for them to go. */
    @Override
    public void close() {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle d : family) d.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // a descendant that outlives SIGKILL for 10 s is beyond our reach
        }
        RUNNING.remove(this);
    }
}
