package dev.tclj;

import dev.tclj.event.BackgroundErrors;
import dev.tclj.event.Notifier;

import java.util.ArrayList;
import java.util.List;

/**
 * What stops an interpreter's evaluation from outside (Tcl's TIP 143 resource limits and TIP 285
 * script cancellation): the command count and time limits of {@code interp limit}, {@code interp
 * cancel}, and deletion while running ("attempt to call eval in deleted interpreter").
 *
 * <p>The evaluator consults this class through one comparison per command: it calls
 * {@link #check} when the interpreter's command count reaches {@link Interp#limitCheckAt}, which
 * is {@code Long.MAX_VALUE} while there is nothing to watch, the command limit's value plus one
 * while only a command limit (of granularity 1) is set, and 0 (every command, and every script
 * body, so that a loop without commands still stops) while a time limit, a cancellation or a
 * coarser granularity needs Tcl's per-check ticker.
 *
 * <p>As in Tcl, an exceeded limit first runs the {@code -command} callbacks registered for it
 * (each in the interpreter that registered it, at global level); if the limit is still exceeded
 * the evaluation fails with "command count limit exceeded" or "time limit exceeded", which no
 * {@code catch} or {@code try} in the limited interpreter stops ({@link LimitError}). A
 * cancellation fails with "eval canceled", which catch may stop, or with -unwind "eval unwound",
 * which it may not until the evaluation has unwound completely.
 */
public final class Limits {
    static final int COMMANDS = 1, TIME = 2;

    private final Interp interp;

    private boolean cmdActive;
    private long cmdValue;
    private int cmdGranularity = 1;

    private boolean timeActive;
    /** The time limit in microseconds since the epoch. */
    private long timeMicros;
    private int timeGranularity = 10;
    private Notifier.Timer timeEvent;

    /** Which limits are exceeded (Tcl's limit.exceeded). */
    private int exceeded;
    /** Tcl's granularityTicker: counts checks; a limit is examined when it is a multiple of its granularity. */
    private int ticker;

    /** A callback registered with -command: run in {@code owner} when {@code type} is exceeded. */
    private static final class Handler {
        final Interp owner;
        final int type;
        final TclObj script;

        Handler(Interp owner, int type, TclObj script) {
            this.owner = owner;
            this.type = type;
            this.script = script;
        }
    }

    /** Callbacks, newest first (Tcl runs them in that order). */
    private final List<Handler> handlers = new ArrayList<>(2);

    /** Cancellation: 0, or CANCELED with or without UNWIND; set by any thread. */
    private volatile int cancel;
    private volatile TclObj cancelMessage;
    static final int CANCELED = 1, UNWIND = 2;

    private Limits(Interp interp) { this.interp = interp; }

    /** The limits of an interpreter, made on first use. */
    static Limits of(Interp interp) {
        Limits l = interp.limits;
        if (l == null) interp.limits = l = new Limits(interp);
        return l;
    }

    // ======================================================================================
    // The evaluator's check
    // ======================================================================================

    /**
     * Called by the evaluator when {@code interp.cmdCount >= interp.limitCheckAt}, before a
     * command runs (its count already taken) and before a script body runs: fails the
     * evaluation if the interpreter was deleted, canceled, or is over a limit that its
     * callbacks did not raise.
     */
    static void check(Interp interp) throws TclException {
        if (interp.deleted) {
            throw TclException.error("attempt to call eval in deleted interpreter", "TCL", "IDELETE",
                    "attempt to call eval in deleted interpreter");
        }
        Limits l = interp.limits;
        if (l == null) {
            interp.limitCheckAt = Long.MAX_VALUE;
            return;
        }
        if (l.cancel != 0) throw l.canceled();
        l.ticker++;
        l.limitCheck();
    }

    /** Recomputes when the evaluator must call {@link #check} (after any change). */
    void rearm() {
        long at;
        if (interp.deleted || cancel != 0 || timeActive || (cmdActive && cmdGranularity != 1)) {
            at = 0;
        } else if (cmdActive) {
            at = cmdValue == Long.MAX_VALUE ? Long.MAX_VALUE : cmdValue + 1;
            // an exceeded limit is reported at the very next command
            if (exceeded != 0) at = 0;
        } else {
            at = Long.MAX_VALUE;
        }
        interp.limitCheckAt = at;
    }

    /** Tcl_LimitCheck: examines the limits the ticker says are due. */
    private void limitCheck() throws TclException {
        if (interp.deleted) return;
        int t = ticker;
        if (cmdActive && (cmdGranularity == 1 || t % cmdGranularity == 0) && cmdValue < interp.cmdCount) {
            exceeded |= COMMANDS;
            runHandlers(COMMANDS);
            if (!cmdActive || cmdValue >= interp.cmdCount) {
                exceeded &= ~COMMANDS;
            } else if ((exceeded & COMMANDS) != 0) {
                rearm();
                throw new LimitError("command count limit exceeded", "COMMANDS");
            }
        }
        if (timeActive && (timeGranularity == 1 || t % timeGranularity == 0)) {
            long now = nowMicros();
            if (timeMicros < now) {
                exceeded |= TIME;
                runHandlers(TIME);
                if (!timeActive || timeMicros >= nowMicros()) {
                    exceeded &= ~TIME;
                } else if ((exceeded & TIME) != 0) {
                    rearm();
                    throw new LimitError("time limit exceeded", "TIME");
                }
            }
        }
        rearm();
    }

    /** Runs the callbacks of a limit type, newest first; a failing one is a background error of its owner. */
    private void runHandlers(int type) {
        for (Handler h : new ArrayList<>(handlers)) {
            if (h.type != type || !handlers.contains(h) || h.owner.deleted) continue;
            CallFrame save = h.owner.frame;
            h.owner.frame = h.owner.globalFrame;
            try {
                h.owner.eval(h.script);
            } catch (TclException e) {
                if (!h.owner.deleted) BackgroundErrors.report(h.owner, h.owner.toTopLevel(e));
            } finally {
                h.owner.frame = save;
            }
        }
    }

    private static long nowMicros() { return System.currentTimeMillis() * 1000; }

    /** The error a limit raises: no catch or try in the limited interpreter stops it. */
    static final class LimitError extends TclException {
        LimitError(String msg, String which) {
            super(ERROR, TclObj.of(msg));
            errorCode = TclObj.ofList(TclObj.of("TCL"), TclObj.of("LIMIT"), TclObj.of(which));
        }

        LimitError(String msg, TclObj code) {
            super(ERROR, TclObj.of(msg));
            errorCode = code;
        }

        @Override
        public boolean isLimit() { return true; }
    }

    /** Whether the interpreter has limits or a cancellation to heed (or is deleted): waits must check. */
    public static boolean watched(Interp interp) {
        return interp.limits != null || interp.deleted;
    }

    /** Whether a limit is exceeded (Tcl_LimitExceeded): catch and vwait give up while it is. */
    static boolean exceeded(Interp interp) {
        Limits l = interp.limits;
        return l != null && l.exceeded != 0;
    }

    // ======================================================================================
    // Cancellation
    // ======================================================================================

    /**
     * Tcl_CancelEval: the evaluation in progress in interp (or its next one) fails at its next
     * command with message (default "eval canceled", or "eval unwound" with unwind). Any
     * thread may call this.
     */
    public static void cancel(Interp interp, TclObj message, boolean unwind) {
        Limits l;
        synchronized (interp) {
            l = of(interp);
        }
        l.cancelMessage = message == null || message.isEmptyString() ? null : message;
        l.cancel = CANCELED | (unwind ? UNWIND : 0);
        // the evaluator re-reads this at its next command (a plain write of the watermark is
        // enough: the cancelling thread's write becomes visible, and nothing waits on it)
        interp.limitCheckAt = 0;
        interp.notifier().wake();
    }

    /** Tcl_Canceled: the error for a pending cancellation; a plain cancel is reported once. */
    private TclException canceled() {
        int c = cancel;
        TclObj msg = cancelMessage;
        boolean unwind = (c & UNWIND) != 0;
        String text = msg != null ? msg.toString() : unwind ? "eval unwound" : "eval canceled";
        TclObj ec = TclObj.ofList(TclObj.of("TCL"), TclObj.of("CANCEL"), TclObj.of(unwind ? "IUNWIND" : "ICANCEL"), TclObj.of(text));
        if (!unwind || interp.cmdTop <= 1) {
            // a plain cancel is one-shot; an unwinding one ends where nothing in this
            // interpreter is left to unwind
            cancel = 0;
            cancelMessage = null;
            rearm();
        }
        if (unwind) return new LimitError(text, ec);
        TclException e = TclException.error(text);
        e.errorCode = ec;
        return e;
    }

    /**
     * Called where an evaluation of the interpreter returns to its caller (interp eval, an
     * alias into it, the Java entry points): an unwinding cancellation is complete.
     */
    public static void evaluationEnded(Interp interp) {
        if (interp.deleted) Interps.finishDelete(interp);
        Limits l = interp.limits;
        if (l == null || (l.cancel & UNWIND) == 0 || interp.cmdTop > 0) return;
        l.cancel = 0;
        l.cancelMessage = null;
        l.rearm();
    }

    /** The error a wait (vwait, update, after ms) ends with when canceled or over a limit; null if none. */
    static TclException waitInterrupted(Interp interp) {
        if (interp.deleted) {
            return TclException.error("attempt to call eval in deleted interpreter", "TCL", "IDELETE",
                    "attempt to call eval in deleted interpreter");
        }
        Limits l = interp.limits;
        if (l == null) return null;
        if (l.cancel != 0) return l.canceled();
        if (l.exceeded != 0) return new LimitError("limit exceeded", TclObj.of("NONE"));
        return null;
    }

    /**
     * Checks after an event served by vwait or update in this interpreter (Tcl's vwait and
     * update give up with "limit exceeded" once a limit is exceeded, and report cancellation).
     */
    public static void afterEvent(Interp interp) throws TclException {
        if (interp.limits == null && !interp.deleted) return;
        TclException e = waitInterrupted(interp);
        if (e != null) throw e;
    }

    /**
     * {@code after ms} in interp: sleeps, but only until the time limit, which it then checks
     * (AfterDelay); a cancellation or a Java interrupt of the thread ends the sleep.
     */
    public static void delay(Interp interp, long ms) throws TclException {
        long end = System.currentTimeMillis() + Math.max(0, Math.min(ms, Long.MAX_VALUE / 4));
        while (true) {
            Limits l = interp.limits;
            if (l != null) {
                if (l.cancel != 0) throw l.canceled();
                if (l.timeActive && l.timeMicros < nowMicros()) {
                    l.ticker = 0;
                    l.limitCheck();
                }
            }
            long now = System.currentTimeMillis();
            if (now >= end) return;
            long until = end;
            if (l != null && l.timeActive) until = Math.min(until, l.timeMicros / 1000 + 1);
            long wait = Math.max(1, Math.min(until - now, 100));
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw TclException.error("eval canceled", "TCL", "CANCEL", "ICANCEL", "eval canceled");
            }
        }
    }

    // ======================================================================================
    // interp limit
    // ======================================================================================

    private static final String[] CMD_OPTIONS = {"-command", "-granularity", "-value"};
    private static final String[] TIME_OPTIONS = {"-command", "-granularity", "-milliseconds", "-seconds"};

    /**
     * {@code interp limit path limitType ?-option value ...?} as issued by {@code caller} for
     * {@code target}; objv[0..consumed) are the words up to the limit type.
     */
    public static TclObj command(Interp caller, Interp target, boolean time, TclObj[] objv, int consumed) throws TclException {
        if (caller == target) {
            throw TclException.error("limits on current interpreter inaccessible", "TCL", "OPERATION", "INTERP", "SELF");
        }
        Limits l = of(target);
        int type = time ? TIME : COMMANDS;
        String[] options = time ? TIME_OPTIONS : CMD_OPTIONS;
        int n = objv.length - consumed;
        if (n == 0) {
            TclDict.Builder d = new TclDict.Builder(4);
            for (String o : options) d.put(TclObj.of(o), l.query(caller, type, o));
            return TclObj.ofDict(d.build());
        }
        if (n == 1) {
            int i = dev.tclj.cmd.Subcommands.index(objv[consumed], options, "option");
            return l.query(caller, type, options[i]);
        }
        if ((n & 1) != 0) throw TclException.wrongArgs(objv, consumed, "?-option value ...?");
        TclObj script = null;
        int gran = 0;
        boolean granSet = false;
        if (!time) {
            TclObj valueObj = null;
            long value = 0;
            for (int i = consumed; i < objv.length; i += 2) {
                TclObj v = objv[i + 1];
                switch (dev.tclj.cmd.Subcommands.index(objv[i], options, "option")) {
                    case 0 -> script = v;
                    case 1 -> {
                        gran = v.asInt();
                        granSet = true;
                        if (gran < 1) throw badValue("granularity must be at least 1");
                    }
                    default -> {
                        valueObj = v;
                        if (v.isEmptyString()) break;
                        value = v.asInt();
                        if (value < 0) throw badValue("command limit value must be at least 0");
                    }
                }
            }
            if (script != null) l.setHandler(caller, COMMANDS, script);
            if (granSet) l.cmdGranularity = gran;
            if (valueObj != null) {
                if (!valueObj.isEmptyString()) {
                    l.cmdValue = value;
                    l.cmdActive = true;
                } else {
                    l.cmdActive = false;
                }
                l.exceeded &= ~COMMANDS;
            }
            l.rearm();
            return TclObj.EMPTY;
        }
        TclObj secObj = null, milliObj = null;
        long sec = l.timeActive ? Math.floorDiv(l.timeMicros, 1_000_000) : 0;
        long usec = l.timeActive ? Math.floorMod(l.timeMicros, 1_000_000) : 0;
        for (int i = consumed; i < objv.length; i += 2) {
            TclObj v = objv[i + 1];
            switch (dev.tclj.cmd.Subcommands.index(objv[i], options, "option")) {
                case 0 -> script = v;
                case 1 -> {
                    gran = v.asInt();
                    granSet = true;
                    if (gran < 1) throw badValue("granularity must be at least 1");
                }
                case 2 -> {
                    milliObj = v;
                    if (v.isEmptyString()) break;
                    int ms = v.asInt();
                    if (ms < 0) throw badValue("milliseconds must be at least 0");
                    usec = ms * 1000L;
                }
                default -> {
                    secObj = v;
                    if (v.isEmptyString()) break;
                    int s = v.asInt();
                    if (s < 0) throw badValue("seconds must be at least 0");
                    sec = s;
                }
            }
        }
        if (script != null) l.setHandler(caller, TIME, script);
        if (granSet) l.timeGranularity = gran;
        if (milliObj != null || secObj != null) {
            boolean milliReset = milliObj != null && milliObj.isEmptyString();
            boolean secReset = secObj != null && secObj.isEmptyString();
            if (milliObj != null) {
                if (secReset && !milliReset) {
                    throw badUsage("may only set -milliseconds if -seconds is not also being reset");
                }
                if (milliReset && (secObj == null || !secReset)) {
                    throw badUsage("may only reset -milliseconds if -seconds is also being reset");
                }
            }
            if ((milliObj != null && !milliReset) || (secObj != null && !secReset)) {
                sec += usec / 1_000_000;
                usec %= 1_000_000;
                l.setTime(sec * 1_000_000 + usec);
            } else {
                l.clearTime();
            }
        }
        l.rearm();
        return TclObj.EMPTY;
    }

    private TclObj query(Interp caller, int type, String option) {
        switch (option) {
            case "-command": {
                for (Handler h : handlers) if (h.owner == caller && h.type == type) return h.script;
                return TclObj.EMPTY;
            }
            case "-granularity":
                return TclObj.of(type == TIME ? timeGranularity : cmdGranularity);
            case "-value":
                return cmdActive ? TclObj.of(cmdValue) : TclObj.EMPTY;
            case "-milliseconds":
                return timeActive ? TclObj.of(Math.floorMod(timeMicros, 1_000_000) / 1000) : TclObj.EMPTY;
            default:
                return timeActive ? TclObj.of(Math.floorDiv(timeMicros, 1_000_000)) : TclObj.EMPTY;
        }
    }

    private static TclException badValue(String msg) {
        return TclException.error(msg, "TCL", "OPERATION", "INTERP", "BADVALUE");
    }

    private static TclException badUsage(String msg) {
        return TclException.error(msg, "TCL", "OPERATION", "INTERP", "BADUSAGE");
    }

    /** Registers (or with an empty script removes) owner's callback for a limit type. */
    private void setHandler(Interp owner, int type, TclObj script) {
        handlers.removeIf(h -> h.owner == owner && h.type == type);
        if (!script.isEmptyString()) handlers.add(0, new Handler(owner, type, script));
    }

    /** Tcl_LimitSetTime: the limit, and a timer that checks it if the interpreter waits for events then. */
    /** Removes the time limit, and forgets that it was exceeded. */
    private void clearTime() {
        timeActive = false;
        exceeded &= ~TIME;
        if (timeEvent != null) timeEvent.cancel();
        timeEvent = null;
    }

    private void setTime(long micros) {
        timeMicros = micros;
        timeActive = true;
        exceeded &= ~TIME;
        if (timeEvent != null) timeEvent.cancel();
        long delay = Math.max(0, (micros - nowMicros() + 999) / 1000);
        timeEvent = interp.notifier().createTimer(delay + 1, this::timeLimitReached);
    }

    /**
     * For Java code that limits the evaluations it starts itself (TclServer's time limit per
     * command): sets interp's time limit to the moment deadlineMillis (on the scale of
     * System.currentTimeMillis), or, when deadlineMillis is negative, removes it and forgets that
     * it was exceeded, as {@code interp limit} does from a parent with {@code -seconds} and
     * {@code -milliseconds}. Unlike that command it applies to a top-level interpreter too.
     * Interpreter's thread.
     */
    public static void setTimeLimit(Interp interp, long deadlineMillis) {
        Limits l = of(interp);
        if (deadlineMillis >= 0) {
            l.setTime(deadlineMillis * 1000);
        } else {
            l.clearTime();
        }
        l.rearm();
    }

    /** TimeLimitCallback: the moment has come while the interpreter waited for events. */
    private void timeLimitReached() {
        timeEvent = null;
        if (interp.deleted || !timeActive) return;
        ticker = 0;
        try {
            limitCheck();
        } catch (TclException e) {
            if (e.errorInfo == null) e.errorInfo = new StringBuilder(e.result().toString());
            e.infoStarted = true;
            e.errorInfo.append("\n    (while waiting for event)");
            BackgroundErrors.report(interp, e);
        }
    }

    /**
     * A new child inherits its parent's limits (InheritLimitsFromParent): a command limit of 0
     * over its own count, and the same moment as time limit.
     */
    static void inherit(Interp child, Interp parent) {
        Limits p = parent.limits;
        if (p == null || (!p.cmdActive && !p.timeActive)) return;
        Limits c = of(child);
        if (p.cmdActive) {
            c.cmdActive = true;
            c.cmdValue = 0;
            c.cmdGranularity = p.cmdGranularity;
        }
        if (p.timeActive) {
            c.timeGranularity = p.timeGranularity;
            c.setTime(p.timeMicros);
        }
        c.rearm();
    }

    /**
     * Forgets what concerns a deleted interpreter: its own time limit timer, and the callbacks
     * it registered on other interpreters' limits (those are in its children, the only
     * interpreters it can reach).
     */
    static void interpDeleted(Interp deleted) {
        Limits l = deleted.limits;
        if (l != null && l.timeEvent != null) {
            l.timeEvent.cancel();
            l.timeEvent = null;
        }
        deleted.limitCheckAt = 0;
    }

    /** Removes the callbacks owner registered on target's limits (owner is being deleted). */
    static void dropHandlersOf(Interp target, Interp owner) {
        Limits l = target.limits;
        if (l != null) l.handlers.removeIf(h -> h.owner == owner);
    }

    // ======================================================================================
    // Value size
    // ======================================================================================

    /**
     * The largest value (in characters, or list elements) a safe interpreter may build unless
     * its embedder says otherwise; property {@code tclj.safe.maxValueSize}.
     */
    static final long SAFE_MAX_VALUE = Long.getLong("tclj.safe.maxValueSize", 64L * 1024 * 1024);

    /** The error for a value over the interpreter's maximum size (Tcl's message for its own maximum). */
    static TclException tooBig(long max) {
        return TclException.error("result exceeds max size for a Tcl value (" + max + " bytes)", "TCL", "MEMORY");
    }
}
