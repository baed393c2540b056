package dev.tclj.event;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The {@code after} events of one interpreter (tclTimer.c's AfterInfo list): scripts scheduled
 * on a timer or for idle time, known by ids "after#N" (N from the notifier, so ids are unique
 * across the interpreters of a thread, as in Tcl). The command's argument handling is in
 * {@code dev.tclj.cmd.EventCmds}.
 */
public final class AfterEvents {
    private static final Object KEY = AfterEvents.class;
    private static final String INFO_LINE = "\n    (\"after\" script)";
    private static final TclObj IDLE = TclObj.of("idle"), TIMER = TclObj.of("timer");

    private final Interp interp;
    private Notifier notifier;
    /** Pending events by id, oldest first (after info lists them newest first). */
    private final LinkedHashMap<Long, After> events = new LinkedHashMap<>();

    private AfterEvents(Interp interp) { this.interp = interp; }

    public static AfterEvents of(Interp interp) {
        AfterEvents a = interp.getAssoc(KEY);
        if (a == null) {
            a = new AfterEvents(interp);
            interp.setAssoc(KEY, a);
        }
        return a;
    }

    private Notifier notifier() {
        Notifier n = notifier;
        if (n == null) notifier = n = interp.notifier();
        return n;
    }

    /** A scheduled script; it runs once, at global level. */
    private final class After implements Runnable {
        final long id;
        final TclObj script;
        Notifier.Timer timer;
        Notifier.Idle idle;
        TclObj name;

        After(long id, TclObj script) {
            this.id = id;
            this.script = script;
        }

        TclObj name() {
            if (name == null) name = TclObj.of("after#" + id);
            return name;
        }

        @Override
        public void run() {
            // out of the list first: the script may cancel or list events
            events.remove(id);
            EventScripts.run(interp, script, INFO_LINE);
        }

        void cancel() {
            if (timer != null) timer.cancel();
            if (idle != null) idle.cancel();
        }
    }

    /** after ms script: schedules script; returns its id. */
    public TclObj schedule(long ms, TclObj script) {
        Notifier n = notifier();
        After a = new After(n.nextAfterId++, script);
        a.timer = n.createTimer(ms, a);
        events.put(a.id, a);
        return a.name();
    }

    /** after idle script: runs script when the loop is idle; returns its id. */
    public TclObj scheduleIdle(TclObj script) {
        Notifier n = notifier();
        After a = new After(n.nextAfterId++, script);
        a.idle = n.whenIdle(a);
        events.put(a.id, a);
        return a.name();
    }

    /**
     * after cancel: cancels the newest event whose script is exactly the given text, else the
     * event with that id; nothing when there is neither.
     */
    public void cancel(TclObj scriptOrId) {
        String s = scriptOrId.toString();
        After found = null;
        Iterator<After> it = events.sequencedValues().reversed().iterator();
        while (it.hasNext()) {
            After a = it.next();
            if (a.script.toString().equals(s)) {
                found = a;
                break;
            }
        }
        if (found == null) found = byId(s);
        if (found == null) return;
        events.remove(found.id);
        found.cancel();
    }

    /** after info: the ids of the pending events, newest first. */
    public TclObj ids() {
        List<TclObj> l = new ArrayList<>(events.size());
        for (After a : events.sequencedValues().reversed()) l.add(a.name());
        return TclObj.ofList(TclList.of(l));
    }

    /** after info id: {script idle|timer}; Tcl's error when there is no such event here. */
    public TclObj info(TclObj id) throws TclException {
        After a = byId(id.toString());
        if (a == null) {
            throw TclException.error("event \"" + id + "\" doesn't exist", "TCL", "LOOKUP", "EVENT", id.toString());
        }
        return TclObj.ofList(a.script, a.idle != null ? IDLE : TIMER);
    }

    /** The event an id "after#N" names (strtoul's syntax after the prefix), or null. */
    private After byId(String s) {
        if (!s.startsWith("after#")) return null;
        int i = 6, n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) i++;
        if (i < n && s.charAt(i) == '+') i++;
        int start = i;
        long id = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            id = id * 10 + (s.charAt(i) - '0');
            if (id < 0) return null;
            i++;
        }
        if (i == start || i != n) return null;
        return events.get(id);
    }
}
