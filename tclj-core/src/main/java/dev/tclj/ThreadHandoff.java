package dev.tclj;

import java.util.concurrent.locks.LockSupport;

/**
 * The strict handoff of control between a coroutine's thread and the thread that resumes it (see
 * {@link Coroutine}): exactly one of the two runs at any time. The coroutine's body runs on a
 * virtual thread of its own; used when the JVM gives tclj no continuations
 * ({@link ContinuationHandoff}).
 *
 * <p>One volatile flag says whose turn it is. The side that hands over has written everything the
 * other needs before it flips the flag; the other side's read of the flag happens-after that
 * write, so it sees all of it. Then it unparks the other side and waits for its own turn.
 *
 * <p>Parking costs an operating-system wakeup on each side (about ten microseconds a round trip
 * when the resumer is a platform thread), while a generator that is resumed in a loop yields back
 * within a microsecond. So, on a machine with processors to spare, each side first spins for a
 * while when the other side has recently answered fast: a running average of the other side's
 * answer times (from the hand-over timestamp it leaves, so a wakeup's latency does not count)
 * decides, and a wait expected to be longer than {@link #SPIN_LIMIT_NS} parks at once (a
 * coroutine resumed by events thus never spins). With fewer than four processors the two
 * spinning threads would take them all, and spinning measurably slows the handoff down instead:
 * both sides park at once.
 */
final class ThreadHandoff extends Handoff {
    /** Waits expected to be longer than this are not spun for. */
    private static final long SPIN_LIMIT_NS = 10_000;
    private static final boolean SPIN = Runtime.getRuntime().availableProcessors() >= 4;
    /** The wait estimate of a side that has not waited yet: long, so that it parks. */
    private static final long UNKNOWN = SPIN_LIMIT_NS * 4;

    private volatile boolean coroutineTurn;
    private Thread resumer;
    /** The coroutine's thread, once it has started (it records itself before its first handBack). */
    private Thread coroutine;
    private boolean started;
    /** Running averages (ns) of how long the coroutine and the resumer took to hand back. */
    private long resumerWait = UNKNOWN;
    private long coroutineWait = UNKNOWN;
    /** When the side that last handed over did so (System.nanoTime, kept only when spinning). */
    private long handedAt;

    @Override
    void resume(Interp interp, Runnable body) {
        resumer = Thread.currentThread();
        if (SPIN) handedAt = System.nanoTime();
        coroutineTurn = true;
        if (!started) {
            started = true;
            threads(interp).execute(() -> {
                coroutine = Thread.currentThread();
                body.run();
            });
        } else {
            LockSupport.unpark(coroutine);
        }
        resumerWait = await(false, resumerWait);
    }

    @Override
    boolean handBack(boolean wait) {
        Thread r = resumer;
        if (SPIN) handedAt = System.nanoTime();
        coroutineTurn = false;
        // nothing of this object may be touched past this point unless waiting for the turn
        LockSupport.unpark(r);
        if (wait) coroutineWait = await(true, coroutineWait);
        return true;
    }

    /** Waits until it is turn's turn; returns the updated estimate of the other side's answers. */
    private long await(boolean turn, long estimate) {
        if (!SPIN) {
            park(turn);
            return estimate;
        }
        long start = System.nanoTime();
        if (estimate <= SPIN_LIMIT_NS) {
            long budget = Math.max(2 * estimate, 1_000);
            do {
                if (coroutineTurn == turn) return (estimate + Math.max(0, handedAt - start)) / 2;
                Thread.onSpinWait();
            } while (System.nanoTime() - start < budget);
        }
        park(turn);
        return (estimate + Math.max(0, handedAt - start)) / 2;
    }

    private void park(boolean turn) {
        boolean interrupted = false;
        while (coroutineTurn != turn) {
            LockSupport.park(this);
            // an interrupt must not turn this wait into a busy loop; it is kept for the caller
            if (Thread.interrupted()) interrupted = true;
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /**
     * The executor that starts an interpreter's coroutine threads. Its threads belong to it
     * rather than to the JVM's root thread container, which would keep every parked one (and
     * through its stack the whole interpreter) alive: so an interpreter dropped without being
     * deleted, suspended coroutines and all, can still be garbage-collected.
     */
    private static java.util.concurrent.Executor threads(Interp interp) {
        java.util.concurrent.Executor e = interp.getAssoc(ThreadHandoff.class);
        if (e == null) {
            e = java.util.concurrent.Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory());
            interp.setAssoc(ThreadHandoff.class, e);
        }
        return e;
    }
}
