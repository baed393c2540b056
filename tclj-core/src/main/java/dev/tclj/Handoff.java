package dev.tclj;

/**
 * How control passes between a coroutine's body and the code that resumes it (see
 * {@link Coroutine}): strictly, so that exactly one of the two runs interpreter code at any time,
 * and each sees what the other wrote before handing over. As a continuation on the resumer's
 * thread when the JVM allows it ({@link ContinuationHandoff}), else between threads
 * ({@link ThreadHandoff}).
 */
abstract class Handoff {
    static Handoff create() {
        return ContinuationHandoff.AVAILABLE ? new ContinuationHandoff() : new ThreadHandoff();
    }

    /**
     * Resumer side: starts body (the first time) or lets the suspended body go on, and returns
     * once the body hands control back. interp is the coroutine's interpreter.
     */
    abstract void resume(Interp interp, Runnable body);

    /**
     * Coroutine side: gives control back to the resumer; with wait, returns true once resumed,
     * or false at once, having handed nothing over, if the body cannot be suspended where it is.
     */
    abstract boolean handBack(boolean wait);
}
