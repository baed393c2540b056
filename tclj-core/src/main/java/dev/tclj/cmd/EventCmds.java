package dev.tclj.cmd;

import dev.tclj.Interp;
import dev.tclj.Limits;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.VarTrace;
import dev.tclj.VarWatch;
import dev.tclj.event.AfterEvents;
import dev.tclj.event.BackgroundErrors;
import dev.tclj.event.ChannelEvents;
import dev.tclj.event.Notifier;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelTable;

/**
 * The event loop's commands: after, vwait, update, fileevent, {@code chan event} and
 * {@code chan postevent}, and {@code ::tcl::Bgerror} (the default background error handler).
 * The machinery is in package {@code dev.tclj.event}.
 */
public final class EventCmds {
    private EventCmds() {}

    public static void register(Interp interp) {
        interp.createCommand("after", EventCmds::after);
        interp.createCommand("vwait", EventCmds::vwait);
        interp.createCommand("update", EventCmds::update);
        interp.createCommand("fileevent", (in, objv) -> fileevent(in, objv, 1));
        interp.createCommand("::tcl::Bgerror", BackgroundErrors::defaultHandler);
        Subcommands chan = ChannelCmds.chanEnsemble(interp);
        if (chan != null) {
            chan.add("event", (in, objv) -> fileevent(in, objv, 2));
            chan.add("postevent", EventCmds::postevent);
        }
    }

    // ======================================================================================
    // after
    // ======================================================================================

    private static final String[] AFTER_SUBS = {"cancel", "idle", "info"};

    static TclObj after(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "option ?arg ...?");
        long ms;
        try {
            ms = objv[1].asLong();
        } catch (TclException e) {
            return afterSub(interp, objv);
        }
        if (objv.length == 2) {
            // under a time limit or a cancellation the sleep ends early, as Tcl's AfterDelay
            if (Limits.watched(interp)) Limits.delay(interp, ms);
            else sleep(ms);
            return TclObj.EMPTY;
        }
        TclObj script = objv.length == 3 ? objv[2] : ListCmds.concat(objv, 2, objv.length);
        return AfterEvents.of(interp).schedule(ms, script);
    }

    private static TclObj afterSub(Interp interp, TclObj[] objv) throws TclException {
        int sub;
        try {
            sub = Subcommands.index(objv[1], AFTER_SUBS, "argument");
        } catch (TclException e) {
            String arg = objv[1].toString();
            throw TclException.error("bad argument \"" + arg + "\": must be cancel, idle, info, or an integer",
                    "TCL", "LOOKUP", "INDEX", "argument", arg);
        }
        AfterEvents events = AfterEvents.of(interp);
        // usage messages name the subcommand in full, as Tcl's do after a prefix
        if (!objv[1].toString().equals(AFTER_SUBS[sub])) {
            objv = objv.clone();
            objv[1] = TclObj.of(AFTER_SUBS[sub]);
        }
        switch (sub) {
            case 0: {
                if (objv.length < 3) throw TclException.wrongArgs(objv, 2, "id|command");
                events.cancel(objv.length == 3 ? objv[2] : ListCmds.concat(objv, 2, objv.length));
                return TclObj.EMPTY;
            }
            case 1: {
                if (objv.length < 3) throw TclException.wrongArgs(objv, 2, "script ?script ...?");
                return events.scheduleIdle(objv.length == 3 ? objv[2] : ListCmds.concat(objv, 2, objv.length));
            }
            default: {
                if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?id?");
                return objv.length == 2 ? events.ids() : events.info(objv[2]);
            }
        }
    }

    /** after ms: sleeps without serving events. */
    private static void sleep(long ms) throws TclException {
        if (ms <= 0) return;
        long end = System.nanoTime() + Math.min(ms, Long.MAX_VALUE / 2_000_000) * 1_000_000;
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw canceled();
            }
        }
    }

    /** A Java interrupt of the interpreter's thread ends a wait as Tcl's interp cancel does. */
    private static TclException canceled() {
        return TclException.error("eval canceled", "TCL", "CANCEL", "IEVAL");
    }

    // ======================================================================================
    // vwait, update
    // ======================================================================================

    static TclObj vwait(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2) throw TclException.wrongArgs(objv, 1, "name");
        String name = objv[1].toString();
        boolean[] done = {false};
        VarWatch w = VarWatch.global(interp, name, VarTrace.WRITE | VarTrace.UNSET, (in, n1, n2, op) -> done[0] = true);
        Notifier n = interp.notifier();
        boolean found = true;
        try {
            while (!done[0] && found) {
                found = n.doOneEvent(Notifier.ALL_EVENTS);
                if (Thread.currentThread().isInterrupted()) throw canceled();
                // a cancellation or an exceeded limit ends the wait ("limit exceeded"), as in Tcl
                Limits.afterEvent(interp);
            }
        } finally {
            w.remove();
        }
        if (!found) {
            throw TclException.error("can't wait for variable \"" + name + "\": would wait forever", "TCL", "EVENT", "NO_SOURCES");
        }
        return TclObj.EMPTY;
    }

    static TclObj update(Interp interp, TclObj[] objv) throws TclException {
        int flags;
        if (objv.length == 1) {
            flags = Notifier.ALL_EVENTS | Notifier.DONT_WAIT;
        } else if (objv.length == 2) {
            Subcommands.index(objv[1], new String[]{"idletasks"}, "option");
            flags = Notifier.WINDOW_EVENTS | Notifier.IDLE_EVENTS | Notifier.DONT_WAIT;
        } else {
            throw TclException.wrongArgs(objv, 1, "?idletasks?");
        }
        Notifier n = interp.notifier();
        while (n.doOneEvent(flags)) {
            if (Thread.currentThread().isInterrupted()) throw canceled();
            Limits.afterEvent(interp);
        }
        return TclObj.EMPTY;
    }

    // ======================================================================================
    // fileevent, chan event, chan postevent
    // ======================================================================================

    /** fileevent and chan event; skip is the number of words before the channel. */
    static TclObj fileevent(Interp interp, TclObj[] objv, int skip) throws TclException {
        int argc = objv.length - skip;
        if (argc != 2 && argc != 3) throw TclException.wrongArgs(objv, skip, "channelId event ?script?");
        int event = Subcommands.index(objv[skip + 1], new String[]{"readable", "writable"}, "event name");
        Channel c = ChannelTable.of(interp).get(objv[skip].toString());
        boolean readable = event == 0;
        if (readable ? !c.isReadable() : !c.isWritable()) {
            throw TclException.error("channel is not " + (readable ? "readable" : "writable"));
        }
        if (argc == 2) return ChannelEvents.script(interp, c, readable);
        TclObj script = objv[skip + 2];
        ChannelEvents.setScript(interp, c, readable, script.isEmptyString() ? null : script);
        return TclObj.EMPTY;
    }

    static TclObj postevent(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4) throw TclException.wrongArgs(objv, 2, "channel eventspec");
        String name = objv[2].toString();
        Channel c = ChannelTable.of(interp).lookup(name);
        if (c == null || !ChannelEvents.isReflected(c)) {
            throw TclException.error("can not find reflected channel named \"" + name + "\"", "TCL", "LOOKUP", "CHANNEL", name);
        }
        TclList events = objv[3].asList();
        if (events.size() == 0) throw TclException.error("bad event list: is empty");
        boolean read = false, write = false;
        for (int i = 0; i < events.size(); i++) {
            if (Subcommands.index(events.get(i), new String[]{"read", "write"}, "event") == 0) read = true;
            else write = true;
        }
        ChannelEvents.post(interp, c, read, write);
        return TclObj.EMPTY;
    }
}
