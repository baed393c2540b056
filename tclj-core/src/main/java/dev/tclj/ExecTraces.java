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
 * the command; every leave trace is given the command's result.
 */
final class ExecTraces {
    private final Interp interp;
    /**
     * A traced command now executing whose step traces apply. Removing the last step trace of
     * the command ends its stepping for the rest of that execution, even if step traces are
     * added again (Tcl deletes the interpreter-level trace that implements them).
     */
    private static final class Stepping {
        final CommandEntry ce;
        boolean alive = true;

        Stepping(CommandEntry ce) { this.ce = ce; }
    }

    /** The stepping commands, innermost last. */
    private final ArrayList<Stepping> stepping = new ArrayList<>();

    private boolean isStepping(CommandEntry ce) {
        for (Stepping st : stepping) if (st.ce == ce && st.alive) return true;
        return false;
    }

    private static boolean hasStepTraces(CommandEntry ce) {
        return !CommandTraces.list(ce, CommandTraces.ENTERSTEP | CommandTraces.LEAVESTEP).isEmpty();
    }
    /** Number of execution traces in existence. */
    private int count;
    /**
     * Depth of trace scripts running: Tcl runs no step traces (interpreter-level traces) while
     * a trace script runs, though commands it calls still fire their own enter/leave traces.
     */
    private int inHandler;

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
        if (!hasStepTraces(ce)) {
            for (Stepping st : x.stepping) if (st.ce == ce) st.alive = false;
        }
        if (x.count <= 0 && x.stepping.isEmpty()) interp.execTraces = null;
    }

    /** Invokes ce with objv, firing the execution traces that apply. */
    TclObj invoke(CommandEntry ce, TclObj[] objv) throws TclException {
        boolean own = ce.traces != null && !CommandTraces.list(ce, CommandTraces.EXEC_OPS).isEmpty();
        boolean stepOk = inHandler == 0;
        if (!own && (stepping.isEmpty() || !stepOk)) {
            TclObj r = ce.impl.invoke(interp, objv);
            return r == null ? TclObj.EMPTY : r;
        }
        String cmdStr = TclObj.ofList(objv.clone()).toString();
        // enter: the step traces of enclosing traced commands, then the command's own
        if (stepOk) {
            for (int i = stepping.size() - 1; i >= 0; i--) {
                Stepping st = stepping.get(i);
                if (st.alive) fireAll(st.ce, CommandTraces.ENTERSTEP, cmdStr, -1, null, true);
            }
        }
        if (own) fireAll(ce, CommandTraces.ENTER, cmdStr, -1, null, true);
        if (ce.deleted) {
            // an enter trace deleted the command: Tcl looks it up again and runs what it finds
            // now, without traces (a command recreated under the same full name first)
            String name = objv[0].toString();
            CommandEntry now = interp.findCommand(ce.fullName());
            if (now == null) now = interp.findCommand(name);
            if (now == null) throw TclException.error("invalid command name \"" + name + "\"", "TCL", "LOOKUP", "COMMAND", name);
            TclObj r = now.impl.invoke(interp, objv);
            return r == null ? TclObj.EMPTY : r;
        }
        // a command already stepping (a recursive call) does not step twice
        boolean steps = stepOk && own && !isStepping(ce) && hasStepTraces(ce);
        if (steps) stepping.add(new Stepping(ce));
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
        // every leave trace sees the command's own result (Tcl restores it after each trace)
        if (own) fireAll(ce, CommandTraces.LEAVE, cmdStr, code, result, false);
        if (stepOk) {
            for (int i = 0; i < stepping.size(); i++) {
                Stepping st = stepping.get(i);
                if (st.alive) fireAll(st.ce, CommandTraces.LEAVESTEP, cmdStr, code, result, false);
            }
        }
        if (failure != null) throw failure;
        return result;
    }

    /**
     * Runs the traces of ce watching op: enter kinds newest first, leave kinds oldest first.
     */
    private void fireAll(CommandEntry ce, int op, String cmdStr, int code, TclObj result, boolean newestFirst) throws TclException {
        if (ce.traces == null) return;
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
            inHandler++;
            try {
                interp.eval(TclObj.of(sb.toString()));
            } catch (TclException e) {
                if (e.code() == TclException.ERROR) {
                    interp.addErrorInfo(e, "\n    (" + opName(op) + " trace on \"" + cmdStr + "\")");
                    // Tcl does not add the traced command itself to errorInfo
                    e.markLogged();
                }
                throw e;
            } finally {
                t.active = false;
                inHandler--;
            }
        }
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
