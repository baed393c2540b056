package dev.tclj.tcltest;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The differential check: every .test file of this module's src/test/tcl must pass under real
 * tclsh 8.6 with the real tcltest, since an expectation tclsh does not reproduce is a wrong test.
 * One dynamic test per file; it fails unless tcltest's summary says "Failed 0", and shows tclsh's
 * report. Without tclsh 8.6 the check is skipped, except under CI (CI=true), where it fails.
 * {@code tcltest.files} narrows the files as for {@link TclTestFiles}; TCLSH names the tclsh to use.
 */
public class TclshDifferentialTest {
    private static final Pattern SUMMARY =
            Pattern.compile("Total\\s+(\\d+)\\s+Passed\\s+(\\d+)\\s+Skipped\\s+(\\d+)\\s+Failed\\s+(\\d+)");

    protected Path testDirectory() {
        return Path.of("src", "test", "tcl");
    }

    @TestFactory
    Stream<DynamicTest> underTclsh() throws IOException {
        String tclsh = System.getenv().getOrDefault("TCLSH", "tclsh");
        String version = patchLevel(tclsh);
        if (version == null || !version.startsWith("8.6")) {
            String why = tclsh + " 8.6 is not installed (found: " + version + ")";
            if ("true".equals(System.getenv("CI"))) throw new AssertionFailedError(why + "; CI needs it");
            Assumptions.abort(why);
        }
        List<Path> files = TestFile.find(testDirectory(), System.getProperty("tcltest.files"));
        return files.stream().map(f -> dynamicTest(f.getFileName().toString(), f.toUri(), () -> runFile(tclsh, f)));
    }

    private static String patchLevel(String tclsh) {
        try {
            Process p = new ProcessBuilder(tclsh).redirectErrorStream(true).start();
            p.getOutputStream().write("puts [info patchlevel]\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void runFile(String tclsh, Path file) throws Exception {
        Path dir = file.toAbsolutePath().getParent();
        Path log = Files.createTempFile("tclsh-", ".out");
        try {
            // Output goes to a file so that a chatty test cannot block tclsh on a full pipe.
            Process p = new ProcessBuilder(tclsh, file.getFileName().toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")))
                    .start();
            long timeout = TestFile.DEFAULT_TIMEOUT.toSeconds();
            if (!p.waitFor(timeout, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionFailedError(file.getFileName() + " did not finish under tclsh within " + timeout
                        + " s:\n" + Files.readString(log));
            }
            String out = Files.readString(log);
            Matcher m = SUMMARY.matcher(out);
            if (!m.find()) {
                throw new AssertionFailedError(file.getFileName() + ": no tcltest summary from tclsh (exit "
                        + p.exitValue() + "):\n" + out);
            }
            if (!m.group(4).equals("0") || p.exitValue() != 0) {
                throw new AssertionFailedError(file.getFileName() + " fails under tclsh " + "(a test expects what"
                        + " tclsh does not do):\n" + out);
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").startsWith("Windows");
    }
}
