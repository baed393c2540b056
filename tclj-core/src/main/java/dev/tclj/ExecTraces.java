package dev.tclj;

import java.util.ArrayList;

/**
 * Execution traces ({@code trace add execution}): enter and leave traces around a traced
 * command, and enterstep/leavestep traces around every command run while a traced command
 * executes, at any depth. The evaluator calls {@link #invoke} instead of the command itself
 * only while some execution trace exists ({@link Interp#execTraces} is non-null), so untraced
 * programs pay one field test per command.
 *
 * <p>As in Tcl: enter traces run newest first and leave traces oldest first; step traces of the
 * enclosing traced commands run before a command's own enter traces and after its own leave
 * traces; a trace does not fire from inside its own script; an error from an enter trace stops
 * the command; each leave trace is given the result the previous leave trace left.
 */
final class ExecTraces {
    private final Interp interp;
    /** Traced commands now executing whose step traces apply (innermost last). */
    private final ArrayList<CommandEntry> stepping = new ArrayList<>();
    /** Number of execution traces in existence. */
    private int count;

    private ExecTraces(Interp interp) {
        this.interp = interp;
    }

    static void added(Interp interp, CommandEntry ce) {
        if (interp.execTraces == null) interp.execTraces = new ExecTraces(interp);
        interp.execTraces.count++;
    }

    static void removed(Interp interp, CommandEntry ce) {
        ExecTraces x = interp.execTraces;
        if (x == null) return;
        x.count--;
        if (x.count <= 0 && x.stepping.isEmpty()) interp.execTraces = null;
    }

    /** Invokes ce with objv, firing the execution traces that apply. */
    TclObj invoke(CommandEntry ce, TclObj[] objv) throws TclException {
        boolean own = ce.traces != null && !CommandTraces.list(ce, CommandTraces.EXEC_OPS).isEmpty();
        if (!own && stepping.isEmpty()) {
            TclObj r = ce.impl.invoke(interp, objv);
            return r == null ? TclObj.EMPTY : r;
        }
        String cmdStr = TclObj.ofList(objv.clone()).toString();
        // enter: the step traces of enclosing traced commands, then the command's own
        for (int i = stepping.size() - 1; i >= 0; i--) {
            fireAll(stepping.get(i), CommandTraces.ENTERSTEP, cmdStr, -1, null, true);
        }
        if (own) fireAll(ce, CommandTraces.ENTER, cmdStr, -1, null, true);
        boolean steps = own && !CommandTraces.list(ce, CommandTraces.ENTERSTEP | CommandTraces.LEAVESTEP).isEmpty();
        if (steps) stepping.add(ce);
        TclObj result;
        TclException failure = null;
        int depth = interp.depth;
        try {
            TclObj r = ce.impl.invoke(interp, objv);
            result = r == null ? TclObj.EMPTY : r;
        } catch (TclException e) {
            interp.depth = depth;
            failure = e;
            result = e.result();
        } finally {
            if (steps) stepping.remove(stepping.size() - 1);
        }
        int code = failure == null ? TclException.OK : failure.code();
        TclObj passed = result;
        if (own) passed = fireAll(ce, CommandTraces.LEAVE, cmdStr, code, passed, false);
        for (int i = 0; i < stepping.size(); i++) {
            passed = fireAll(stepping.get(i), CommandTraces.LEAVESTEP, cmdStr, code, passed, false);
        }
        if (failure != null) throw failure;
        return result;
    }

    /**
     * Runs the traces of ce watching op: enter kinds newest first, leave kinds oldest first.
     * Returns the result the last trace left (what the next leave trace is given).
     */
    private TclObj fireAll(CommandEntry ce, int op, String cmdStr, int code, TclObj result, boolean newestFirst) throws TclException {
        if (ce.traces == null) return result;
        Object[] ts = ce.traces.toArray();
        int n = ts.length;
        for (int k = 0; k < n; k++) {
            int i = newestFirst ? n - 1 - k : k;
            if (!(ts[i] instanceof CommandTraces.Trace t) || (t.ops & op) == 0 || t.active) continue;
            if (ce.traces == null || !ce.traces.contains(t)) continue;
            StringBuilder sb = new StringBuilder(t.command.toString());
            sb.append(' ');
            ListParser.appendElement(sb, cmdStr, false);
            if (code >= 0) {
                sb.append(' ').append(code).append(' ');
                ListParser.appendElement(sb, result.toString(), false);
            }
            sb.append(' ').append(opName(op));
            t.active = true;
            try {
                result = interp.eval(TclObj.of(sb.toString()));
            } catch (TclException e) {
                if (e.code() == TclException.ERROR) {
                    interp.addErrorInfo(e, "\n    (" + opName(op) + " trace on \"" + cmdStr + "\")");
                    // Tcl does not add the traced command itself to errorInfo
                    e.markLogged();
                }
                throw e;
            } finally {
                t.active = false;
            }
        }
        return result;
    }

    static String opName(int op) {
        switch (op) {
            case CommandTraces.ENTER: return "enter";
            case CommandTraces.LEAVE: return "leave";
            case CommandTraces.ENTERSTEP: return "enterstep";
            default: return "leavestep";
        }
    }
}
