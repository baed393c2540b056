package dev.tclj.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TLS benchmark (not a unit test; run by hand): the same script (tls-bench.tcl) under tclsh
 * with tcl-tls and under tclj, each in a child process, one after the other: the mean time of a
 * TLS handshake (client and server in the process, RSA 2048 certificate) and the throughput of a
 * bulk transfer over plain TCP and over TLS. Prints both lines and the ratios tclj/tclsh.
 *
 * <pre>
 *   java -cp TEST_CLASSES:CLASSES:DEPENDENCIES dev.tclj.net.TlsBenchmark [handshakes] [megabytes]
 * </pre>
 * Needs tclsh with tcl-tls, and openssl for the certificate.
 */
public final class TlsBenchmark {
    private TlsBenchmark() {}

    public static void main(String[] args) throws Exception {
        String n = args.length > 0 ? args[0] : "50";
        String mb = args.length > 1 ? args[1] : "10";
        Path dir = Files.createTempDirectory("tls-bench");
        Path script = dir.resolve("tls-bench.tcl");
        try (InputStream in = TlsBenchmark.class.getResourceAsStream("tls-bench.tcl")) {
            Files.write(script, in.readAllBytes());
        }
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out",
                "server.pem", "-days", "2", "-subj", "/CN=localhost");
        String java = ProcessHandle.current().info().command().orElse("java");
        String tclsh = run(dir, "tclsh", script.toString(), dir.toString(), n, mb);
        String tclj = run(dir, java, "-Xss16m", "-cp", System.getProperty("java.class.path"), "dev.tclj.TclMain",
                script.toString(), dir.toString(), n, mb);
        System.out.println("tclsh+tcl-tls: " + tclsh);
        System.out.println("tclj:          " + tclj);
        String[] a = tclsh.split(" "), b = tclj.split(" ");
        StringBuilder r = new StringBuilder("tclj/tclsh:   ");
        for (int i = 1; i < a.length; i += 2) {
            r.append(' ').append(a[i - 1]).append(' ')
                    .append(String.format("%.2f", Double.parseDouble(b[i]) / Double.parseDouble(a[i])));
        }
        System.out.println(r);
        for (Path p : List.of(script, dir.resolve("server.key"), dir.resolve("server.pem"))) Files.deleteIfExists(p);
        Files.deleteIfExists(dir);
    }

    /** Runs a command in dir and returns the last line it printed; fails on a non-zero status. */
    private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
            List<String> lines = new ArrayList<>(out.lines().toList());
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        } finally {
            p.destroyForcibly();
        }
    }
}
