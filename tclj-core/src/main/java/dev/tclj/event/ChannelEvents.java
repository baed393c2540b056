package dev.tclj.event;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelDriver;
import dev.tclj.io.ChannelTable;
import dev.tclj.io.ReflectedDriver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The channel event source of a {@link Notifier}: {@code fileevent} scripts and Java handlers
 * (background copies) on channels, level-triggered as in Tcl: a readable handler keeps firing
 * while a read would find data or end of data without waiting, a writable one while the
 * channel can be written. Input that arrives on another thread (pipes, standard input,
 * sockets) wakes the loop through {@link ChannelDriver#watchInput}.
 *
 * <p>After a read came back short for lack of data ({@link Channel#blocked()}: an incomplete
 * line, say), what is buffered no longer counts as readable until the device has more, so a
 * handler waiting for the rest of a line is not called in a loop (Tcl's NEED_MORE_DATA). A
 * reflected channel ({@code chan create}) is ready only when its handler says so with
 * {@code chan postevent}, or when input is buffered.
 *
 * <p>Handlers of a channel run newest first, each once per event with the ready part of its
 * mask, as Tcl_NotifyChannel calls them. A handler whose interpreter was deleted, or whose
 * channel was closed in it, is dropped.
 */
public final class ChannelEvents {
    /** Event masks, with Tcl's values. */
    public static final int READABLE = 1 << 1, WRITABLE = 1 << 2;

    private final Notifier notifier;
    /** Watched channels in the order they were first watched (Channel has identity equality). */
    private final LinkedHashMap<Channel, Watch> watches = new LinkedHashMap<>();

    ChannelEvents(Notifier notifier) { this.notifier = notifier; }

    // ======================================================================================
    // For the commands (fileevent, chan event, chan postevent)
    // ======================================================================================

    /** The readable or writable fileevent script of interp on c; empty when none. */
    public static TclObj script(Interp interp, Channel c, boolean readable) {
        TclObj s = interp.notifier().channels.script(interp, c, readable ? READABLE : WRITABLE);
        return s == null ? TclObj.EMPTY : s;
    }

    /** Sets the readable or writable fileevent script of interp on c; null removes it. */
    public static void setScript(Interp interp, Channel c, boolean readable, TclObj script) {
        interp.notifier().channels.setScript(interp, c, readable ? READABLE : WRITABLE, script);
    }

    /** Whether c is a reflected channel (chan create), the only kind chan postevent accepts. */
    public static boolean isReflected(Channel c) { return c.driver() instanceof ReflectedDriver; }

    /**
     * chan postevent: runs the handlers of c for the events now, after checking that they are
     * watched (Tcl's "not interested in" error).
     */
    public static void post(Interp interp, Channel c, boolean read, boolean write) throws TclException {
        ChannelEvents ce = interp.notifier().channels;
        int mask = (read ? READABLE : 0) | (write ? WRITABLE : 0);
        Watch w = ce.watches.get(c);
        int interest = w == null ? 0 : w.interest;
        if ((mask & ~interest) != 0) {
            throw TclException.error("tried to post events channel \"" + c.name() + "\" is not interested in");
        }
        ce.dispatch(w, mask);
    }

    /**
     * Registers a Java handler on c for the events of mask (READABLE, WRITABLE or both), in the
     * notifier of interp, as a fileevent script would be: level-triggered, run on the
     * interpreter's thread, dropped (with {@link Handler#dropped}) when c is closed in interp.
     * For Java code that serves channels itself (TclServer's connections). Interpreter's thread.
     */
    public static Registration watch(Interp interp, Channel c, int mask, Handler h) {
        return interp.notifier().channels.addHandler(interp, c, mask, h);
    }

    /** Removes a registration made by {@link #watch} (quietly if it is gone already). */
    public static void unwatch(Interp interp, Channel c, Registration r) {
        interp.notifier().channels.remove(c, r);
    }

    /** Java code called when a channel is ready (a background copy's step, a server's connection). */
    public interface Handler {
        void ready(int mask);

        /** The handler was dropped because its channel was closed or its interpreter deleted. */
        default void dropped() {}
    }

    /** One registration: a fileevent script (script != null) or a Java handler. */
    public static final class Registration {
        final Interp interp;
        final int mask;
        TclObj script;
        final Handler handler;

        Registration(Interp interp, int mask, TclObj script, Handler handler) {
            this.interp = interp;
            this.mask = mask;
            this.script = script;
            this.handler = handler;
        }
    }

    /** A channel with handlers. */
    private static final class Watch {
        final Channel channel;
        /** Oldest first; they run newest first. */
        final ArrayList<Registration> regs = new ArrayList<>(2);
        /** The mask last announced to the driver. */
        int interest;
        /** The driver told to wake us (watchInput), to undo it on the same one. */
        ChannelDriver watching;
        /** The driver told to wake us when output drains (watchOutput). */
        ChannelDriver watchingOutput;
        boolean queued;

        Watch(Channel channel) { this.channel = channel; }
    }

    // ======================================================================================
    // Registering
    // ======================================================================================

    /** The fileevent script of interp on c for one event, or null. */
    TclObj script(Interp interp, Channel c, int mask) {
        Watch w = watches.get(c);
        if (w == null) return null;
        for (Registration r : w.regs) if (r.interp == interp && r.mask == mask && r.script != null) return r.script;
        return null;
    }

    /** Sets (or with null removes) the fileevent script of interp on c for one event. */
    void setScript(Interp interp, Channel c, int mask, TclObj script) {
        Watch w = watches.get(c);
        if (w != null) {
            for (int i = 0; i < w.regs.size(); i++) {
                Registration r = w.regs.get(i);
                if (r.interp == interp && r.mask == mask && r.script != null) {
                    if (script != null) {
                        r.script = script;
                        return;
                    }
                    w.regs.remove(i);
                    updateInterest(w);
                    return;
                }
            }
        }
        if (script == null) return;
        add(c, new Registration(interp, mask, script, null));
    }

    /** Adds a Java handler; remove it with {@link #remove}. */
    Registration addHandler(Interp interp, Channel c, int mask, Handler h) {
        Registration r = new Registration(interp, mask, null, h);
        add(c, r);
        return r;
    }

    private void add(Channel c, Registration r) {
        Watch w = watches.get(c);
        if (w == null) {
            w = new Watch(c);
            watches.put(c, w);
        }
        w.regs.add(r);
        updateInterest(w);
    }

    /** Removes a registration (quietly if it is gone already). */
    void remove(Channel c, Registration r) {
        Watch w = watches.get(c);
        if (w != null && w.regs.remove(r)) updateInterest(w);
    }

    /**
     * The channel is being closed in interp: its handlers there go (Java ones are told), and a
     * reflected channel hears that nothing is watched any more before it is finalized.
     */
    void closing(Interp interp, Channel c) {
        Watch w = watches.get(c);
        if (w == null) return;
        // one at a time, newest first, as Tcl deletes the script records: the driver hears
        // each change of interest
        for (int i = w.regs.size() - 1; i >= 0; i--) {
            if (i >= w.regs.size()) continue;
            Registration r = w.regs.get(i);
            if (r.interp != interp) continue;
            w.regs.remove(i);
            updateInterest(w);
            if (r.handler != null) r.handler.dropped();
        }
    }

    /** Tells the driver what is watched now, when that changed; forgets unwatched channels. */
    private void updateInterest(Watch w) {
        int mask = 0;
        for (Registration r : w.regs) mask |= r.mask;
        if (w.regs.isEmpty()) watches.remove(w.channel);
        ChannelDriver d = w.channel.driver();
        boolean wantInput = (mask & READABLE) != 0 && !w.channel.isClosed();
        if (wantInput && w.watching != d) {
            if (w.watching != null) w.watching.watchInput(null);
            d.watchInput(notifier.waker);
            w.watching = d;
        } else if (!wantInput && w.watching != null) {
            w.watching.watchInput(null);
            w.watching = null;
        }
        boolean wantOutput = (mask & WRITABLE) != 0 && !w.channel.isClosed();
        if (wantOutput && w.watchingOutput != d) {
            if (w.watchingOutput != null) w.watchingOutput.watchOutput(null);
            d.watchOutput(notifier.waker);
            w.watchingOutput = d;
        } else if (!wantOutput && w.watchingOutput != null) {
            w.watchingOutput.watchOutput(null);
            w.watchingOutput = null;
        }
        if (mask == w.interest) return;
        w.interest = mask;
        if (d instanceof ReflectedDriver rd && !w.channel.isClosed()) {
            List<String> events = new ArrayList<>(2);
            if ((mask & READABLE) != 0) events.add("read");
            if ((mask & WRITABLE) != 0) events.add("write");
            try {
                rd.watch(events);
            } catch (TclException e) {
                // Tcl ignores a failing watch method
            }
        }
    }

    // ======================================================================================
    // Readiness and dispatch
    // ======================================================================================

    /** Whether any handler is registered (after dropping stale ones). */
    boolean hasHandlers() {
        if (watches.isEmpty()) return false;
        prune();
        return !watches.isEmpty();
    }

    private boolean valid(Registration r, Channel c) {
        if (r.interp.isDeleted() || c.isClosed()) return false;
        return ChannelTable.of(r.interp).lookup(c.name()) == c;
    }

    private void prune() {
        for (Watch w : new ArrayList<>(watches.values())) {
            List<Registration> gone = null;
            for (Registration r : w.regs) {
                if (valid(r, w.channel)) continue;
                if (gone == null) gone = new ArrayList<>();
                gone.add(r);
            }
            if (gone == null) continue;
            w.regs.removeAll(gone);
            updateInterest(w);
            for (Registration r : gone) if (r.handler != null) r.handler.dropped();
        }
    }

    /** The events of w's interest that could be handled now without waiting. */
    private static int readyMask(Watch w) {
        Channel c = w.channel;
        if (c.isClosed()) return 0;
        ChannelDriver d = c.driver();
        boolean reflected = d instanceof ReflectedDriver;
        int m = 0;
        if ((w.interest & READABLE) != 0 && c.isReadable()) {
            boolean r;
            if (reflected) r = !c.blocked() && c.pendingInput() > 0;
            else if (c.blocked()) r = d.inputReady();
            else r = c.inputReady();
            if (r) m |= READABLE;
        }
        if ((w.interest & WRITABLE) != 0 && c.isWritable() && !reflected && d.outputReady()) m |= WRITABLE;
        return m;
    }

    /**
     * Queues an event for every watched channel that is ready and has none queued yet (what
     * Tcl's notifier does after select). Returns whether any channel is ready.
     */
    boolean queueReady(ArrayDeque<Notifier.Event> queue) {
        if (watches.isEmpty()) return false;
        boolean any = false;
        boolean stale = false;
        for (Watch w : watches.values()) {
            int m = readyMask(w);
            if (m == 0) {
                if (w.channel.isClosed()) stale = true;
                continue;
            }
            any = true;
            if (w.queued) continue;
            w.queued = true;
            queue.addLast(new ChannelEvent(w, m));
        }
        if (stale) prune();
        return any;
    }

    private final class ChannelEvent extends Notifier.Event {
        private final Watch w;
        private final int mask;

        ChannelEvent(Watch w, int mask) {
            this.w = w;
            this.mask = mask;
        }

        @Override
        boolean accepts(int flags) { return (flags & Notifier.FILE_EVENTS) != 0; }

        @Override
        void run() {
            w.queued = false;
            if (watches.get(w.channel) != w) return;
            // an earlier event may have used up what made it ready
            int m = mask & readyMask(w);
            if (m != 0) dispatch(w, m);
        }
    }

    private void dispatch(Watch w, int mask) {
        Channel c = w.channel;
        Registration[] regs = w.regs.toArray(new Registration[0]);
        for (int i = regs.length - 1; i >= 0; i--) {
            Registration r = regs[i];
            int m = r.mask & mask;
            if (m == 0 || !w.regs.contains(r)) continue;
            if (!valid(r, c)) {
                // its interpreter is gone or no longer has the channel: it must not keep the channel watched
                w.regs.remove(r);
                updateInterest(w);
                if (r.handler != null) r.handler.dropped();
                continue;
            }
            if (r.handler != null) {
                r.handler.ready(m);
                continue;
            }
            if (r.interp.isDeleted()) continue;
            try {
                EventScripts.evalGlobal(r.interp, r.script);
            } catch (TclException e) {
                // a failing script is removed, so that it does not fail again at once
                if (w.regs.remove(r)) updateInterest(w);
                BackgroundErrors.report(r.interp, e);
            }
        }
    }
}
