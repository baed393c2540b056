package dev.tclj.bench.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The socket throughput and TLS benchmark: the same script (transfer.tcl) under tclsh with
 * tcl-tls and under tclj, each in a child process, one after the other. Client and server live in
 * one interpreter: the mean time of a TLS handshake (RSA 2048 certificate), and the throughput of
 * a bulk transfer over plain TCP, cold (the first one) and warm, and over TLS. Prints both lines
 * and the ratios tclj/tclsh.
 *
 * <pre>
 *   java -cp tclj-bench.jar dev.tclj.bench.net.TransferBench [--tclj CMD] [--tclsh PATH] [handshakes] [megabytes]
 * </pre>
 * Needs tclsh with tcl-tls, and openssl for the certificate. CMD is split at spaces and may use
 * {java} (this JVM's java) and {benchjar} (this jar, which holds tclj and Netty); the default runs
 * tclj from this jar.
 */
public final class TransferBench {
    private static final String TCLJ_DEFAULT = "{java} -Xss16m -cp {benchjar} dev.tclj.TclMain";

    private TransferBench() {}

    public static void main(String[] args) throws Exception {
        String tcljCmd = TCLJ_DEFAULT;
        String tclsh = "tclsh";
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tclj" -> tcljCmd = value(args, ++i);
                case "--tclsh" -> tclsh = value(args, ++i);
                case "--help" -> {
                    System.out.println("usage: java -cp tclj-bench.jar dev.tclj.bench.net.TransferBench"
                            + " [--tclj CMD] [--tclsh PATH] [handshakes (50)] [megabytes (10)]");
                    return;
                }
                default -> rest.add(args[i]);
            }
        }
        String n = rest.size() > 0 ? rest.get(0) : "50";
        String mb = rest.size() > 1 ? rest.get(1) : "10";
        Path dir = Files.createTempDirectory("tclj-transfer-bench");
        try {
            Path script = dir.resolve("transfer.tcl");
            try (InputStream in = TransferBench.class.getResourceAsStream("transfer.tcl")) {
                Files.write(script, in.readAllBytes());
            }
            run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out",
                    "server.pem", "-days", "2", "-subj", "/CN=localhost");
            String ref = run(dir, tclsh, script.toString(), dir.toString(), n, mb);
            List<String> tclj = new ArrayList<>(expand(tcljCmd));
            tclj.addAll(List.of(script.toString(), dir.toString(), n, mb));
            String subject = run(dir, tclj.toArray(new String[0]));
            System.out.println("tclsh+tcl-tls: " + ref);
            System.out.println("tclj:          " + subject);
            String[] a = ref.split(" "), b = subject.split(" ");
            StringBuilder r = new StringBuilder("tclj/tclsh:   ");
            for (int i = 1; i < a.length && i < b.length; i += 2) {
                r.append(' ').append(a[i - 1]).append(' ')
                        .append(String.format("%.2f", Double.parseDouble(b[i]) / Double.parseDouble(a[i])));
            }
            System.out.println(r);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) throw new IllegalArgumentException(args[i - 1] + " needs a value");
        return args[i];
    }

    /** The tclj command line, with {java} and {benchjar} filled in. */
    private static List<String> expand(String template) throws URISyntaxException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = Path.of(TransferBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> argv = new ArrayList<>();
        for (String w : template.trim().split(" +")) argv.add(w.replace("{java}", java).replace("{benchjar}", jar));
        return argv;
    }

    /** Runs a command in dir and returns the last line it printed; fails on a non-zero status. */
    private static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
            List<String> lines = out.lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        } finally {
            p.destroyForcibly();
        }
    }
}
