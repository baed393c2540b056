package dev.tclj.event;

import dev.tclj.ExitException;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The event loop of one tree of interpreters (a top-level interpreter and its children, which
 * run on one thread, as Tcl's run on the thread that made them): Tcl's notifier (tclNotify.c)
 * with its timer and idle sources (tclTimer.c), the channel event source ({@link ChannelEvents})
 * and a queue that other threads post work to. {@link Interp#notifier()} finds it.
 *
 * <p>{@link #doOneEvent} follows Tcl_DoOneEvent: serve one queued event; else gather new ones
 * (work posted from other threads, ready channels, then, at most once at a time, one timer
 * event that runs every timer due when it runs), waiting first when there are none; else run
 * the idle callbacks. A timer event runs only timers that existed when it started, and an idle
 * pass only callbacks queued before it, so that handlers that reschedule themselves do not
 * starve the other sources.
 *
 * <p>Threads: everything runs on the interpreter's thread, except {@link #post}, {@link #submit},
 * {@link #wake} and {@link #hold}, which any thread may call.
 */
public final class Notifier {
    /** Tcl_DoOneEvent's flags, with Tcl's values. */
    public static final int DONT_WAIT = 1 << 1, WINDOW_EVENTS = 1 << 2, FILE_EVENTS = 1 << 3,
            TIMER_EVENTS = 1 << 4, IDLE_EVENTS = 1 << 5, ALL_EVENTS = ~DONT_WAIT;

    /** Events ready to be served, in order (Tcl's event queue). */
    private final ArrayDeque<Event> queue = new ArrayDeque<>();

    // ---- timers: ordered by due time, then creation; cancelled ones leave lazily
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long timerSeq;
    private int liveTimers;
    private boolean timerEventQueued;
    private final Event timerEvent = new Event() {
        @Override
        boolean accepts(int flags) { return (flags & TIMER_EVENTS) != 0; }

        @Override
        void run() { runDueTimers(); }
    };

    // ---- idle callbacks
    private final ArrayDeque<Idle> idle = new ArrayDeque<>();
    private long idleGeneration;
    private int liveIdle;

    /** Channel events (fileevent and Java channel handlers). */
    final ChannelEvents channels = new ChannelEvents(this);

    /** Ids of after events ("after#N"), one counter per notifier as Tcl has one per thread. */
    long nextAfterId;

    // ---- other threads
    private final ConcurrentLinkedQueue<Runnable> posted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger holds = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeup = lock.newCondition();
    /** Set by wake, cleared by the waiting thread: a wake before the wait is not lost. */
    private volatile boolean woken;
    /** The thread that last ran the loop (see {@link #thread()}). */
    private volatile Thread thread;
    /** What waits in place of the condition once a library's I/O runs on this thread; null until then. */
    private volatile Poller poller;
    /** Given to drivers whose input arrives on other threads (ChannelDriver.watchInput). */
    final Runnable waker = new Runnable() {
        @Override
        public void run() { wake(); }
    };

    /** Made by {@link Interp#notifier()}; one per tree of interpreters. */
    public Notifier() {}

    /**
     * A wait that serves I/O: a library whose channels do their I/O on the interpreter's thread
     * (tclj-net's sockets, on a Netty event loop that this thread drives, as tclsh's notifier
     * selects on its sockets) installs one, and the loop then waits in it instead of on a
     * condition. Its I/O handlers only record what arrived and wake the loop: Tcl code runs from
     * the event queue, never inside a poll.
     */
    public interface Poller {
        /**
         * Serves the I/O that is ready, first waiting up to nanos (0: not at all, negative: no
         * limit) until some is, or until {@link #wakeup}. On the thread that runs the tree.
         */
        void poll(long nanos);

        /** Ends a poll in progress, or makes the next one return at once. Any thread. */
        void wakeup();

        /** The tree's code runs on thread t from now on (a coroutine's thread, or back). */
        void runsOn(Thread t);

        /** At exit: serves I/O until output still on its way has been written (as tclsh flushes at exit). */
        void finish();
    }

    /** The installed poller, or null. */
    public Poller poller() { return poller; }

    /**
     * Installs p as this loop's wait (once, on the tree's thread, before the first channel
     * that needs it exists).
     */
    public void installPoller(Poller p) {
        if (poller != null) throw new IllegalStateException("a poller is installed already");
        poller = p;
        // a thread waiting on the condition meanwhile must wait in the poller from now on
        signal();
    }

    /** The thread that last ran this loop ({@link #doOneEvent}), or null if none has yet. */
    public Thread thread() { return thread; }

    /** The tree's code runs on t from now on (coroutine switches): the poller must know. */
    public void runningOn(Thread t) {
        Poller p = poller;
        if (p != null) p.runsOn(t);
    }

    /** At exit: lets the poller finish writing what is on its way (nothing without one). */
    public void finishIo() {
        Poller p = poller;
        if (p != null) p.finish();
    }

    /** The notifier of an interpreter's tree (same as {@code interp.notifier()}). */
    public static Notifier of(Interp interp) { return interp.notifier(); }

    // ======================================================================================
    // The loop
    // ======================================================================================

    /**
     * Serves one event, or one pass of idle callbacks, waiting for one unless {@link #DONT_WAIT}
     * is given (Tcl_DoOneEvent). Returns false when there was nothing to do: with DONT_WAIT, none
     * was ready; without it, nothing could ever happen (no timers, idle callbacks, channel
     * handlers, posted work or holds), the case in which vwait reports "would wait forever".
     * If the thread is interrupted while waiting, returns true at once with the thread's
     * interrupt status set (vwait and update then fail with "eval canceled").
     */
    public boolean doOneEvent(int flags) {
        if ((flags & ALL_EVENTS) == 0) flags |= ALL_EVENTS;
        if ((flags & ALL_EVENTS) == IDLE_EVENTS) return serviceIdle();
        Thread me = Thread.currentThread();
        if (thread != me) thread = me;
        Poller p = poller;
        if (p != null) p.runsOn(me);
        while (true) {
            takePosted();
            if (serviceEvent(flags)) return true;

            // how long to wait: not at all with idle callbacks or a timer event pending
            long waitNanos = (flags & DONT_WAIT) != 0 ? 0 : -1;
            long now = 0;
            if ((flags & IDLE_EVENTS) != 0 && liveIdle > 0) waitNanos = 0;
            if ((flags & TIMER_EVENTS) != 0 && liveTimers > 0) {
                Timer first = firstTimer();
                now = System.nanoTime();
                long d = Math.max(0, first.due - now);
                if (waitNanos < 0 || d < waitNanos) waitNanos = d;
            }
            boolean fileReady = (flags & FILE_EVENTS) != 0 && channels.queueReady(queue);
            if (!fileReady && waitNanos != 0 && posted.isEmpty()) {
                if (waitNanos < 0 && !hasSources()) return false;
                if (!block(waitNanos)) return true;
                takePosted();
                if ((flags & FILE_EVENTS) != 0) channels.queueReady(queue);
                now = 0;
            } else if (poller != null) {
                // no wait, but the I/O that is ready is served, as Tcl selects without a timeout:
                // else a channel that stays readable would keep the others' input unread
                poller.poll(0);
                takePosted();
                if ((flags & FILE_EVENTS) != 0) channels.queueReady(queue);
            }
            if ((flags & TIMER_EVENTS) != 0 && liveTimers > 0 && !timerEventQueued) {
                if (now == 0) now = System.nanoTime();
                if (firstTimer().due <= now) {
                    timerEventQueued = true;
                    queue.addLast(timerEvent);
                }
            }
            if (serviceEvent(flags)) return true;
            if ((flags & IDLE_EVENTS) != 0 && serviceIdle()) return true;
            if ((flags & DONT_WAIT) != 0) return false;
        }
    }

    /** Whether anything could still produce an event, so that waiting makes sense. */
    private boolean hasSources() {
        return liveTimers > 0 || liveIdle > 0 || !queue.isEmpty() || !posted.isEmpty()
                || holds.get() > 0 || channels.hasHandlers();
    }

    /** Serves the first queued event that these flags allow; false when there is none. */
    private boolean serviceEvent(int flags) {
        Event head = queue.peekFirst();
        if (head == null) return false;
        // the event leaves the queue before it runs: its handler may enter the loop again
        if (head.accepts(flags)) {
            queue.pollFirst();
            head.run();
            return true;
        }
        Iterator<Event> it = queue.iterator();
        while (it.hasNext()) {
            Event e = it.next();
            if (!e.accepts(flags)) continue;
            it.remove();
            e.run();
            return true;
        }
        return false;
    }

    /**
     * Waits until woken or until nanos pass (negative: no limit). Returns false if the thread
     * was interrupted (its interrupt status is set again).
     */
    private boolean block(long nanos) {
        Poller p = poller;
        if (p != null) {
            if (Thread.currentThread().isInterrupted()) return false;
            // cleared before the poll: a wake during it ends it, one after it ends the next
            if (woken) {
                woken = false;
                nanos = 0;
            }
            p.poll(nanos);
            return !Thread.currentThread().isInterrupted();
        }
        lock.lock();
        try {
            if (!woken) {
                if (nanos < 0) wakeup.await();
                else wakeup.awaitNanos(nanos);
            }
            woken = false;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Ends a wait on the condition (or the next one). */
    private void signal() {
        lock.lock();
        try {
            woken = true;
            wakeup.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Ends a wait of the interpreter's thread (or the next one). Any thread. */
    public void wake() {
        Poller p = poller;
        if (p != null) {
            // the loop's own thread is not waiting (it may be inside a poll, which is returning):
            // it looks at every source (posted work, ready channels, timers) before it next
            // waits, so a wake would only cost it one more poll, a system call, per event
            if (Thread.currentThread() == thread) return;
            woken = true;
            p.wakeup();
            return;
        }
        signal();
        // a poller installed meanwhile may be waiting already: it sees woken, or is woken here
        p = poller;
        if (p != null) p.wakeup();
    }

    // ======================================================================================
    // Events in the queue
    // ======================================================================================

    /** An entry of the event queue (Tcl_Event). */
    abstract static class Event {
        /** Whether these flags let the event run (a timer event needs TIMER_EVENTS...). */
        boolean accepts(int flags) { return true; }

        abstract void run();
    }

    // ======================================================================================
    // Timers
    // ======================================================================================

    /** A timer callback (Tcl_CreateTimerHandler); see {@link #createTimer}. */
    public final class Timer implements Comparable<Timer> {
        final long due;
        final long seq;
        private Runnable action;

        Timer(long due, Runnable action) {
            this.due = due;
            this.seq = ++timerSeq;
            this.action = action;
        }

        @Override
        public int compareTo(Timer o) {
            if (due != o.due) return due - o.due < 0 ? -1 : 1;
            return Long.compare(seq, o.seq);
        }

        /** Whether it has neither run nor been cancelled. */
        public boolean isPending() { return action != null; }

        /** Cancels the timer if it has not run yet (Tcl_DeleteTimerHandler). */
        public void cancel() {
            if (action == null) return;
            action = null;
            liveTimers--;
            // cancelled timers wait in the heap until due; don't let them pile up
            if (timers.size() > 64 && timers.size() > 4 * (liveTimers + 1)) timers.removeIf(t -> t.action == null);
        }
    }

    /**
     * Runs action on the interpreter's thread after delayMillis (at once, at the next event,
     * when 0 or less). Timers due at the same time run in the order they were made.
     */
    public Timer createTimer(long delayMillis, Runnable action) {
        long now = System.nanoTime();
        long d = delayMillis <= 0 ? 0 : delayMillis >= Long.MAX_VALUE / 2_000_000 ? Long.MAX_VALUE / 2 : delayMillis * 1_000_000;
        Timer t = new Timer(now + d, action);
        timers.add(t);
        liveTimers++;
        return t;
    }

    private Timer firstTimer() {
        Timer t = timers.peek();
        while (t.action == null) {
            timers.poll();
            t = timers.peek();
        }
        return t;
    }

    /** The timer event: every timer due now that was made before it began (TimerHandlerEventProc). */
    private void runDueTimers() {
        timerEventQueued = false;
        long last = timerSeq;
        long now = System.nanoTime();
        while (liveTimers > 0) {
            Timer t = timers.peek();
            if (t.action == null) {
                timers.poll();
                continue;
            }
            if (t.due > now || t.seq > last) break;
            timers.poll();
            Runnable r = t.action;
            t.action = null;
            liveTimers--;
            r.run();
        }
    }

    // ======================================================================================
    // Idle callbacks
    // ======================================================================================

    /** An idle callback (Tcl_DoWhenIdle); see {@link #whenIdle}. */
    public final class Idle {
        final long generation;
        private Runnable action;

        Idle(Runnable action) {
            this.generation = idleGeneration;
            this.action = action;
        }

        public boolean isPending() { return action != null; }

        /** Cancels the callback if it has not run yet (Tcl_CancelIdleCall). */
        public void cancel() {
            if (action == null) return;
            action = null;
            liveIdle--;
            if (liveIdle == 0) idle.clear();
        }
    }

    /** Runs action when the loop next has nothing else to do. */
    public Idle whenIdle(Runnable action) {
        Idle i = new Idle(action);
        idle.addLast(i);
        liveIdle++;
        return i;
    }

    /** One idle pass: the callbacks queued before it began (TclServiceIdle). */
    private boolean serviceIdle() {
        if (liveIdle == 0) return false;
        long old = idleGeneration++;
        Idle i;
        while ((i = idle.peekFirst()) != null && i.generation <= old) {
            idle.pollFirst();
            Runnable r = i.action;
            if (r == null) continue;
            i.action = null;
            liveIdle--;
            r.run();
        }
        return true;
    }

    // ======================================================================================
    // Work from other threads
    // ======================================================================================

    /**
     * Queues task to run on the interpreter's thread, in order, the next time that thread runs
     * the event loop (vwait, update, doOneEvent), and wakes the loop if it is waiting. Any thread.
     */
    public void post(Runnable task) {
        posted.add(task);
        wake();
    }

    /**
     * Queues a script to be evaluated at global level in interp (which must belong to this
     * notifier), as {@link #post} does. The future completes with the script's result, or
     * exceptionally with its {@link TclException} (break and continue become Tcl's errors, a
     * deleted interpreter Tcl's error for that). Cancelling the future before the script starts
     * keeps it from running. Any thread.
     */
    public CompletableFuture<TclObj> submit(Interp interp, String script) {
        CompletableFuture<TclObj> f = new CompletableFuture<>();
        TclObj s = TclObj.of(script);
        post(() -> {
            if (f.isDone()) return;
            try {
                f.complete(EventScripts.evalForResult(interp, s));
            } catch (TclException e) {
                f.completeExceptionally(e);
            } catch (ExitException e) {
                f.completeExceptionally(e);
                throw e;
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /**
     * Declares that work may still be posted from another thread: while a hold is open the
     * loop waits for it rather than report that nothing can happen (vwait's "would wait
     * forever"). Close the hold when done. Any thread.
     */
    public Hold hold() {
        holds.incrementAndGet();
        return new Hold();
    }

    /** An open {@link #hold()}; closing it twice is harmless. */
    public final class Hold implements AutoCloseable {
        private boolean closed;

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            holds.decrementAndGet();
            wake();
        }
    }

    private void takePosted() {
        Runnable r;
        while ((r = posted.poll()) != null) queue.addLast(new PostedEvent(r));
    }

    private static final class PostedEvent extends Event {
        private final Runnable task;

        PostedEvent(Runnable task) { this.task = task; }

        @Override
        void run() {
            try {
                task.run();
            } catch (ExitException e) {
                throw e;
            } catch (RuntimeException e) {
                // a Java fault in posted work must not end the loop of the interpreter's thread
                System.err.println("tclj: posted task failed: " + e);
            }
        }
    }
}
