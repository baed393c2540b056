package dev.tclj.tcltest;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Runs every .test file of this module's src/test/tcl through tclj, one dynamic test per Tcl test
 * (a container per file). Each file runs in a fresh interpreter with {@link Tcltest}, files side
 * by side, one per processor. A test skipped by a constraint is reported as skipped; a failure
 * carries tcltest's report (the test's body, the result and the expected result).
 *
 * <p>Other modules run their own src/test/tcl by extending this class. System properties narrow a
 * run: {@code tcltest.files} (comma-separated globs of file names), {@code tcltest.match} and
 * {@code tcltest.skip} (space-separated globs of test names, as tcltest's -match and -skip), and
 * {@code tcltest.timeout} (seconds per file, 60 by default). For example:
 * {@code bin/test -pl tclj-core -Dtest=TclTestFiles -Dtcltest.files=expr.test -Dtcltest.match='expr-1.*'}.
 */
public class TclTestFiles {

    /** Where this module's .test files are (relative to the module, Maven's working directory). */
    protected Path testDirectory() {
        return Path.of("src", "test", "tcl");
    }

    @TestFactory
    Stream<DynamicNode> tclTests() throws IOException {
        List<Path> files = TestFile.find(testDirectory(), System.getProperty("tcltest.files"));
        // The files run side by side (each in its own interpreter); a container waits for its file.
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tcltest files");
            t.setDaemon(true);
            return t;
        });
        List<String> match = TestFile.patterns("tcltest.match", "*");
        List<String> skip = TestFile.patterns("tcltest.skip", "");
        List<DynamicNode> containers = new ArrayList<>();
        for (Path f : files) {
            Future<TestFile.Report> report = pool.submit(() -> TestFile.run(f, match, skip, TestFile.DEFAULT_TIMEOUT, o -> { }));
            containers.add(dynamicContainer(f.getFileName().toString(), f.toUri(),
                    // flatMap is lazy: the container waits for its file when JUnit executes it.
                    Stream.of(f).flatMap(x -> testsOf(x, report))));
        }
        pool.shutdown();
        return containers.stream();
    }

    private static Stream<DynamicTest> testsOf(Path file, Future<TestFile.Report> pending) {
        TestFile.Report report;
        try {
            report = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + file.getFileName() + " ran", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(file.getFileName() + " could not be run", e.getCause());
        }
        Map<String, Integer> lines = TestFile.testLines(file);
        List<DynamicTest> tests = new ArrayList<>();
        for (TestOutcome o : report.outcomes()) {
            Integer line = lines.get(o.name());
            URI source = line == null ? file.toUri() : URI.create(file.toUri() + "?line=" + line);
            tests.add(dynamicTest(displayName(o), source, () -> check(o)));
        }
        if (report.fileError() != null) {
            tests.add(dynamicTest(file.getFileName() + " (outside any test)", file.toUri(), () -> {
                throw new AssertionFailedError(file.getFileName() + ": " + report.fileError());
            }));
        }
        return tests.stream();
    }

    private static String displayName(TestOutcome o) {
        String d = o.description().strip().replaceAll("\\s+", " ");
        return d.isEmpty() ? o.name() : o.name() + " " + d;
    }

    private static void check(TestOutcome o) {
        switch (o.status()) {
            case PASSED -> { }
            case SKIPPED -> Assumptions.abort("skipped: " + o.message());
            case FAILED -> throw o.expected() != null
                    ? new AssertionFailedError(o.message(), o.expected(), o.actual())
                    : new AssertionFailedError(o.message());
        }
    }
}
