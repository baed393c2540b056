package dev.tclj;

import java.util.concurrent.locks.LockSupport;

/**
 * The strict handoff of control between a coroutine's thread and the thread that resumes it (see
 * {@link Coroutine}): exactly one of the two runs at any time.
 *
 * <p>One volatile flag says whose turn it is. The side that hands over has written everything the
 * other needs before it flips the flag; the other side's read of the flag happens-after that
 * write, so it sees all of it. Then it unparks the other side and waits for its own turn.
 *
 * <p>Parking costs an operating-system wakeup on each side (tens of microseconds when the resumer
 * is a platform thread), while a generator that is resumed in a loop yields back within a
 * microsecond. So each side first spins for a while when its recent waits were short: the
 * running average of its last waits decides, and a wait expected to be longer than
 * {@link #SPIN_LIMIT_NS} parks at once. A coroutine resumed by events thus never spins.
 */
final class Handoff {
    /** Waits expected to be longer than this are not spun for. */
    private static final long SPIN_LIMIT_NS = 50_000;
    /** The wait estimate of a side that has not waited yet: long, so that it parks. */
    private static final long UNKNOWN = SPIN_LIMIT_NS * 4;

    private volatile boolean coroutineTurn;
    private Thread resumer;
    private Thread coroutine;
    /** Running averages (ns) of the resumer's and of the coroutine's recent waits. */
    private long resumerWait = UNKNOWN;
    private long coroutineWait = UNKNOWN;

    /**
     * Resumer side: starts the coroutine's thread with body (the first time) or wakes it, and
     * returns once the coroutine hands control back.
     */
    void resume(Runnable body) {
        resumer = Thread.currentThread();
        coroutineTurn = true;
        if (coroutine == null) {
            coroutine = Thread.ofVirtual().unstarted(body);
            coroutine.start();
        } else {
            LockSupport.unpark(coroutine);
        }
        resumerWait = await(false, resumerWait);
    }

    /** Coroutine side: gives control back to the resumer; with wait, returns once resumed. */
    void handBack(boolean wait) {
        Thread r = resumer;
        coroutineTurn = false;
        // nothing of this object may be touched past this point unless waiting for the turn
        LockSupport.unpark(r);
        if (wait) coroutineWait = await(true, coroutineWait);
    }

    /** Waits until it is turn's turn; returns the updated estimate of this side's waits. */
    private long await(boolean turn, long estimate) {
        long start = System.nanoTime();
        if (estimate <= SPIN_LIMIT_NS) {
            long budget = Math.max(2 * estimate, 2_000);
            do {
                if (coroutineTurn == turn) return (estimate + System.nanoTime() - start) / 2;
                Thread.onSpinWait();
            } while (System.nanoTime() - start < budget);
        }
        boolean interrupted = false;
        while (coroutineTurn != turn) {
            LockSupport.park(this);
            // an interrupt must not turn this wait into a busy loop; it is kept for the caller
            if (Thread.interrupted()) interrupted = true;
        }
        if (interrupted) Thread.currentThread().interrupt();
        return (estimate + System.nanoTime() - start) / 2;
    }
}
