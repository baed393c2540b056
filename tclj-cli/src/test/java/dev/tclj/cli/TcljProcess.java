package dev.tclj.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built tclj.jar in a child JVM (the one running the tests), for the *IT tests. */
final class TcljProcess {
    private TcljProcess() {}

    static final Path JAR = Path.of("target", "tclj.jar").toAbsolutePath();

    record Result(int status, String out, String err) {}

    /** The command that starts tclj, as a list of words. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs tclj with these arguments and this standard input (null: none) and waits for it. */
    static Result run(String stdin, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("tclj-out", ".txt"), err = Files.createTempFile("tclj-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command(args))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            Process p = pb.start();
            if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("tclj did not finish in 120 s: " + Files.readString(out) + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
