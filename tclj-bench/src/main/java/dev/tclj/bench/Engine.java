package dev.tclj.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * An interpreter that runs benchmark scripts: tclsh or tclj in a child process ({@link HarnessProcess}),
 * or tclj in this process ({@link TcljEngine}). An engine holds one fresh interpreter for one script at one
 * size, so that scripts do not see each other's procs and globals.
 *
 * <p>Every call takes a time limit: past it the call fails with {@link Failure.Kind#TIMEOUT} and the
 * engine is unusable.
 */
interface Engine extends AutoCloseable {

    /**
     * The global variable that holds a scratch directory for the scripts' files: the suite's own
     * temporary directory, deleted at the end of the run even when a script's cleanup could not run.
     */
    String SCRATCH_VAR = "::bench_scratch";

    /** Sources the script at the global level. */
    void load(Path script, Duration limit) throws Failure;

    /** Calls {@code setup n} if the script defines it (untimed). */
    void setup(long n, Duration limit) throws Failure;

    /**
     * Calls {@code cleanup} if the script defines it (untimed): it removes what setup made outside
     * the interpreter, such as the large files of the I/O scripts.
     */
    void cleanup(Duration limit) throws Failure;

    /** Calls {@code bench n} once, timed inside the interpreter's process. */
    Sample run(long n, Duration limit) throws Failure;

    @Override
    void close();

    /** One timed call of bench: its wall time and its result. */
    record Sample(long nanos, String result) {}

    /** Why a script could not be run or finished. */
    final class Failure extends Exception {
        enum Kind { ERROR, TIMEOUT }

        private final Kind kind;

        Failure(Kind kind, String detail) {
            super(detail, null, false, false);
            this.kind = kind;
        }

        Kind kind() {
            return kind;
        }
    }
}
