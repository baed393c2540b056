package dev.tclj.bench;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclMain;
import dev.tclj.TclObj;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * tclj in this process: a fresh {@link Interp} on a thread of its own with the large stack that
 * {@link TclMain} gives scripts, so deep recursion behaves as under the tclj command. Each bench call
 * is timed on that thread with System.nanoTime, the same span tclsh's harness measures.
 *
 * <p>A call that runs past its limit cannot be killed (the JVM has no Thread.stop); it is asked to
 * stop by dropping the interpreter's nesting limit to zero, which makes the next command evaluation
 * fail. If even that does not end it within {@link #CANCEL_GRACE}, the thread is abandoned and
 * {@link #abandoned()} says so, because it keeps a CPU busy and disturbs later timings.
 */
final class TcljEngine implements Engine {
    static final Duration CANCEL_GRACE = Duration.ofSeconds(15);

    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(null, task, "tclj-bench", TclMain.STACK_SIZE);
        t.setDaemon(true);
        return t;
    });
    /** Created, and afterwards only used, on {@link #thread}. */
    private Interp interp;
    private boolean abandoned;

    TcljEngine(Duration limit, Path scratch) throws Failure {
        try {
            call(() -> {
                interp = new Interp();
                interp.setVar(SCRATCH_VAR, TclObj.of(scratch.toString()));
                return null;
            }, limit);
        } catch (Failure f) {
            close();
            throw f;
        }
    }

    @Override
    public void load(Path script, Duration limit) throws Failure {
        TclObj source = TclObj.ofList(TclObj.of("source"), TclObj.of(script.toString()));
        call(() -> {
            try {
                return interp.evalTop(source);
            } catch (TclException e) {
                if (e.code() != TclException.OK) throw e;
                return e.result(); // a return at the script's top level
            }
        }, limit);
    }

    @Override
    public void setup(long n, Duration limit) throws Failure {
        TclObj setup = TclObj.ofList(TclObj.of("setup"), TclObj.of(n));
        call(() -> interp.findCommand("::setup") == null ? null : interp.evalTop(setup), limit);
    }

    @Override
    public void cleanup(Duration limit) throws Failure {
        TclObj cleanup = TclObj.ofList(TclObj.of("cleanup"));
        call(() -> interp.findCommand("::cleanup") == null ? null : interp.evalTop(cleanup), limit);
    }

    @Override
    public Sample run(long n, Duration limit) throws Failure {
        TclObj bench = TclObj.ofList(TclObj.of("bench"), TclObj.of(n));
        return call(() -> {
            long t0 = System.nanoTime();
            TclObj result = interp.evalTop(bench);
            long t1 = System.nanoTime();
            return new Sample(t1 - t0, result.toString());
        }, limit);
    }

    /** Whether a call outlived both its limit and the cancellation grace. */
    boolean abandoned() {
        return abandoned;
    }

    private <T> T call(Callable<T> body, Duration limit) throws Failure {
        Future<T> future = thread.submit(body);
        try {
            try {
                return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                cancel(future);
                throw new Failure(Failure.Kind.TIMEOUT, "no result within " + limit.toSeconds() + " s"
                        + (abandoned ? "; the call did not stop when cancelled" : ""));
            }
        } catch (ExecutionException e) {
            throw new Failure(Failure.Kind.ERROR, describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(Failure.Kind.ERROR, "interrupted");
        }
    }

    private void cancel(Future<?> future) throws InterruptedException {
        // Deliberately racy: the interpreter thread reads the limit without synchronization, and
        // sees the new value at its next nested evaluation in practice, which is all we need.
        if (interp != null) interp.setRecursionLimit(0);
        try {
            future.get(CANCEL_GRACE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandoned = true;
        } catch (ExecutionException e) {
            // the cancellation error we asked for
        }
    }

    private static String describe(Throwable t) {
        if (t instanceof TclException e) {
            return e.errorInfo != null && !e.errorInfo.isEmpty() ? e.errorInfo.toString() : e.getMessage();
        }
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        return "Java exception in tclj: " + trace;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
