package dev.tclj.net;

import dev.tclj.Interp;
import dev.tclj.event.Notifier;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoRegistration;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.AbstractScheduledEventExecutor;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;

import java.lang.ref.Cleaner;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The Netty event loop of one tree of interpreters, driven by the thread that runs the tree:
 * tclj's sockets do their I/O where the Tcl code that uses them runs, as tclsh's do. The tree's
 * {@link Notifier} waits in {@link #poll} (a select on the tree's sockets) instead of on a
 * condition, so that a request read from a socket, the script it wakes, and the reply written
 * back take no hand-over between threads: on a machine with few cores those wake-ups cost more
 * than the work itself.
 *
 * <p>Netty's handlers run inside a poll, on the tree's thread; they only buffer what arrived and
 * wake the loop, and the Tcl code runs from the event queue afterwards. A blocking read, write
 * or connect polls here until its channel is ready ({@link #await}); meanwhile the other sockets
 * are served only that far (their input is buffered), as in Tcl. Work that other threads hand to
 * Netty ({@link #execute}, a close from another thread) wakes the poll and runs in it.
 *
 * <p>"The tree's thread" is whichever thread runs the tree's code at the moment: the thread that
 * runs its event loop, or the thread of a coroutine it resumed (the two hand over strictly, see
 * {@link Notifier#runningOn}), so Netty's rule that one thread at a time touches a channel holds.
 *
 * <p>The loop is made with the tree's first socket and kept by its notifier; when the notifier is
 * gone (the interpreters dropped), the selector is closed.
 */
final class NetLoop extends AbstractScheduledEventExecutor implements IoEventLoop, Notifier.Poller {
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "tclj-net-cleaner");
        t.setDaemon(true);
        return t;
    });

    /** How long {@link #finish} waits at exit for output on its way (Tcl waits without limit). */
    private static final long FINISH_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final IoHandler handler;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Promise<?> terminated = new DefaultPromise<Void>(GlobalEventExecutor.INSTANCE);
    private final Context waiting = new Context();
    /** The thread that runs the tree now (see the class comment). */
    private volatile Thread active;
    private volatile boolean shutDown;
    /**
     * A wakeup not yet seen by the loop's caller: a poll does not block while it is set, and
     * clears it once it returns (the caller then looks at what the waker left for it). Netty's
     * own wakeup skips the selector's when it believes one is pending already, which a poll
     * that only peeked (poll(0)) leaves behind: without this flag such a wakeup could be lost.
     */
    private volatile boolean pending;
    /** Whether a poll runs now: Netty's handler must not be entered twice. */
    private boolean polling;
    /** Non-blocking closes still writing their output (finished at exit). */
    private int closing;

    private NetLoop(Thread owner) {
        this.active = owner;
        this.handler = NioIoHandler.newFactory().newHandler(this);
        handler.initialize();
    }

    /** The loop of interp's tree, made (and installed in its notifier) on first use, on the tree's thread. */
    static NetLoop of(Interp interp) {
        Notifier n = interp.notifier();
        if (n.poller() instanceof NetLoop l) return l;
        synchronized (n) {
            if (n.poller() instanceof NetLoop l) return l;
            NetLoop l = new NetLoop(Thread.currentThread());
            n.installPoller(l);
            // the loop does not refer to the notifier, so that the notifier can become unreachable
            CLEANER.register(n, l::destroy);
            return l;
        }
    }

    // ======================================================================================
    // Driving it (Notifier.Poller)
    // ======================================================================================

    @Override
    public void poll(long nanos) {
        Thread t = Thread.currentThread();
        if (active != t) active = t;
        if (polling) throw new IllegalStateException("NetLoop.poll entered from a Netty handler");
        if (shutDown) return;
        polling = true;
        try {
            waiting.maxNanos = nanos < 0 ? Long.MAX_VALUE : nanos;
            handler.run(waiting);
            pending = false;
            runTasks();
        } finally {
            polling = false;
            lastPoll = System.nanoTime();
        }
    }

    /** Serves what is ready without waiting, unless a poll is running already (then it will). */
    void settle() {
        if (!polling && inEventLoop()) poll(0);
    }

    /**
     * As {@link #settle}, unless the loop has polled within the last {@link #FRESH_NANOS}: a
     * non-blocking read that finds nothing buffered then asks the sockets (as a read of the
     * socket does in Tcl) without a system call on every read of an event handler.
     */
    void settleIfStale() {
        if (System.nanoTime() - lastPoll > FRESH_NANOS) settle();
    }

    private static final long FRESH_NANOS = 200_000;
    /** When the last poll ended (System.nanoTime). */
    private long lastPoll;

    @Override
    public void wakeup() {
        if (shutDown) return;
        pending = true;
        handler.wakeup();
    }

    @Override
    public void runsOn(Thread t) {
        if (active != t) active = t;
    }

    /**
     * Polls until done says so, for at most nanos (negative: no limit), on the tree's thread;
     * returns done's last answer. From another thread (which cannot poll) it waits for the
     * tree's thread to make it so, in short sleeps.
     */
    boolean await(BooleanSupplier done, long nanos) {
        long end = nanos < 0 ? Long.MAX_VALUE : System.nanoTime() + nanos;
        boolean mine = inEventLoop();
        while (!done.getAsBoolean()) {
            long left = end == Long.MAX_VALUE ? -1 : end - System.nanoTime();
            if (end != Long.MAX_VALUE && left <= 0) return false;
            if (Thread.currentThread().isInterrupted()) return false;
            if (mine) {
                poll(left < 0 ? -1 : Math.max(1, left));
            } else {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** Waits for a Netty future as {@link #await} does (never Netty's own await, which the loop's thread may not use). */
    boolean await(Future<?> f, long nanos) {
        return await(f::isDone, nanos);
    }

    /** A close of a non-blocking channel that still writes its output: at exit, {@link #finish} waits for it. */
    void closingStarted(ChannelFuture closed) {
        closing++;
        closed.addListener(f -> closing--);
    }

    @Override
    public void finish() {
        if (!inEventLoop() || closing == 0) return;
        await(() -> closing == 0, FINISH_NANOS);
    }

    /** Runs the tasks queued for the loop and the scheduled ones that are due. */
    private void runTasks() {
        fetchFromScheduledTaskQueue(tasks);
        Runnable r;
        while ((r = tasks.poll()) != null) safeExecute(r);
    }

    /** What Netty's handler asks while it selects: may it block, and for how long. */
    private final class Context implements IoHandlerContext {
        /** The longest wait, nanoseconds (Long.MAX_VALUE: no limit, 0: none). */
        long maxNanos;

        @Override
        public boolean canBlock() {
            // an interrupted thread must not block, and Netty asks this after a select that an
            // interrupt ended before it would clear the interrupt: so the interrupt stays for
            // the caller (vwait then fails with "eval canceled")
            return maxNanos > 0 && !pending && tasks.isEmpty() && !hasScheduledTasks()
                    && !Thread.currentThread().isInterrupted();
        }

        @Override
        public long delayNanos(long now) {
            if (maxNanos == 0) return 0;
            return Math.min(maxNanos, NetLoop.this.delayNanos(now, maxNanos));
        }

        @Override
        public long deadlineNanos() {
            long next = nextScheduledTaskDeadlineNanos();
            if (maxNanos == Long.MAX_VALUE) return next;
            long now = ticker().nanoTime();
            if (next == -1 || next - now > maxNanos) return now + maxNanos;
            return next;
        }
    }

    /** Closes every channel and the selector (the tree is gone: whoever calls this runs it now). */
    private void destroy() {
        if (shutDown) return;
        active = Thread.currentThread();
        try {
            handler.prepareToDestroy();
            runTasks();
            handler.destroy();
        } finally {
            shutDown = true;
            cancelScheduledTasks();
            tasks.clear();
            terminated.trySuccess(null);
        }
    }

    // ======================================================================================
    // Netty's side: an IoEventLoop
    // ======================================================================================

    @Override
    public boolean inEventLoop(Thread thread) { return thread == active; }

    @Override
    public boolean isExecutorThread(Thread thread) { return thread == active; }

    @Override
    public void execute(Runnable task) {
        if (shutDown) throw new RejectedExecutionException("the interpreter's event loop is gone");
        tasks.add(task);
        if (!inEventLoop()) wakeup();
    }

    @Override
    public NetLoop next() { return this; }

    @Override
    public IoEventLoopGroup parent() { return null; }

    @Override
    public Future<IoRegistration> register(IoHandle handle) {
        Promise<IoRegistration> p = newPromise();
        if (inEventLoop()) registerNow(handle, p);
        else execute(() -> registerNow(handle, p));
        return p;
    }

    private void registerNow(IoHandle handle, Promise<IoRegistration> p) {
        try {
            p.setSuccess(handler.register(handle));
        } catch (Exception e) {
            p.setFailure(e);
        }
    }

    @Override
    @Deprecated
    public ChannelFuture register(Channel channel) {
        return register(new DefaultChannelPromise(channel, this));
    }

    @Override
    @Deprecated
    public ChannelFuture register(ChannelPromise promise) {
        promise.channel().unsafe().register(this, promise);
        return promise;
    }

    @Override
    @Deprecated
    public ChannelFuture register(Channel channel, ChannelPromise promise) {
        channel.unsafe().register(this, promise);
        return promise;
    }

    @Override
    public boolean isCompatible(Class<? extends IoHandle> type) { return handler.isCompatible(type); }

    @Override
    public boolean isIoType(Class<? extends IoHandler> type) { return handler.getClass().equals(type); }

    // the loop lives as long as its tree: the shutdown methods only report that

    @Override
    public boolean isShuttingDown() { return shutDown; }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException("an interpreter's event loop ends with its interpreters");
    }

    @Override
    public Future<?> terminationFuture() { return terminated; }

    @Override
    @Deprecated
    public void shutdown() {
        throw new UnsupportedOperationException("an interpreter's event loop ends with its interpreters");
    }

    @Override
    public boolean isShutdown() { return shutDown; }

    @Override
    public boolean isTerminated() { return shutDown; }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }
}
