package dev.tclj;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The handoff of control between a coroutine and its resumer on one thread: the coroutine's body
 * runs as a JDK continuation (the mechanism under virtual threads), mounted on the resumer's own
 * stack while it runs and kept on the heap while it is suspended. A switch is then a copy of the
 * few frames that changed, about a tenth of a microsecond, where handing over between threads
 * ({@link ThreadHandoff}) costs an operating-system wake-up on each side. The body also gets the
 * rest of the resumer's (large) stack for its recursion, and the interpreter stays on the one
 * thread that waits for its events.
 *
 * <p>The continuation API is internal to the JDK: it is used only when the JVM exports it to
 * tclj ({@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}, or {@code Add-Exports:
 * java.base/jdk.internal.vm} in the manifest of the jar run with -jar, as the tclj and tclserver
 * commands start it) and the VM implements continuations; otherwise (an embedder's JVM, an
 * unexpected JDK, or {@code -Dtclj.coroutines=threads}) coroutines run on virtual threads. It is
 * reached through method handles, so tclj compiles against the public API of Java 21 only.
 *
 * <p>A continuation cannot be suspended while a native frame or a critical section of the JDK is
 * on its stack ("pinned"): {@link #handBack} then hands nothing over and says so, and the yield
 * fails as one across a C callback does in Tcl. Nor can the JDK suspend more stack at once than
 * fits in one heap object that its collector accepts: with G1, half a heap region, about a
 * thousand Tcl levels entered since the coroutine was last resumed (the stack a suspension saves
 * is only what changed since the last resume); the yield then fails with a StackOverflowError,
 * which the evaluator reports as Tcl's nesting error. The parallel collector, which bin/tclj
 * chooses, has no such bound.
 */
final class ContinuationHandoff extends Handoff {
    /** The continuation methods, or null when the JVM does not give tclj continuations. */
    private static final MethodHandle NEW, RUN, YIELD;
    /** The scope of every coroutine's continuation (an instance of ContinuationScope). */
    private static final Object SCOPE;

    static {
        MethodHandle make = null, run = null, yield = null;
        Object scope = null;
        try {
            if (!"threads".equals(System.getProperty("tclj.coroutines"))
                    && Object.class.getModule().isExported("jdk.internal.vm", ContinuationHandoff.class.getModule())) {
                Class<?> support = Class.forName("jdk.internal.vm.ContinuationSupport");
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                boolean supported = (boolean) lookup.findStatic(support, "isSupported",
                        MethodType.methodType(boolean.class)).invoke();
                if (supported) {
                    Class<?> cont = Class.forName("jdk.internal.vm.Continuation");
                    Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
                    scope = lookup.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
                            .invoke("tclj-coroutine");
                    make = lookup.findConstructor(cont, MethodType.methodType(void.class, scopeClass, Runnable.class))
                            .asType(MethodType.methodType(Object.class, Object.class, Runnable.class));
                    run = lookup.findVirtual(cont, "run", MethodType.methodType(void.class))
                            .asType(MethodType.methodType(void.class, Object.class));
                    yield = lookup.findStatic(cont, "yield", MethodType.methodType(boolean.class, scopeClass))
                            .asType(MethodType.methodType(boolean.class, Object.class));
                }
            }
        } catch (Throwable e) {
            // an unexpected JDK: virtual threads then
            make = run = yield = null;
            scope = null;
        }
        NEW = make;
        RUN = run;
        YIELD = yield;
        SCOPE = scope;
    }

    /** Whether coroutines can run as continuations in this JVM. */
    static final boolean AVAILABLE = NEW != null;

    /** The body's continuation, made at the first resume. */
    private Object continuation;

    @Override
    void resume(Interp interp, Runnable body) {
        try {
            if (continuation == null) continuation = (Object) NEW.invokeExact(SCOPE, body);
            RUN.invokeExact(continuation);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    boolean handBack(boolean wait) {
        // ending: the body returns, and with it the continuation's run
        if (!wait) return true;
        try {
            return (boolean) YIELD.invokeExact(SCOPE);
        } catch (IllegalStateException pinned) {
            // the JDK's report of a pinned continuation: nothing was suspended
            return false;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
