package dev.tclj;

import java.util.ArrayList;
import java.util.List;

/**
 * Command traces: {@code rename} and {@code delete} traces, and the execution traces
 * ({@code enter leave enterstep leavestep}, fired by {@link ExecTraces}). They are kept in
 * {@link CommandEntry#traces}, oldest first, and travel with the command when it is renamed.
 */
public final class CommandTraces {
    private CommandTraces() {}

    public static final int RENAME = 1, DELETE = 2, ENTER = 4, LEAVE = 8, ENTERSTEP = 16, LEAVESTEP = 32;
    static final int EXEC_OPS = ENTER | LEAVE | ENTERSTEP | LEAVESTEP;

    /** One trace: the operations it watches and the script prefix to run. */
    public static final class Trace {
        public final int ops;
        public final TclObj command;
        /** Set while the trace's script runs: a trace does not fire from inside itself. */
        boolean active;

        Trace(int ops, TclObj command) {
            this.ops = ops;
            this.command = command;
        }
    }

    /**
     * Fires the rename or delete traces of a command (op "rename" or "delete"; newName is "" for
     * a deletion). Errors in these traces are ignored, as in Tcl.
     */
    static void fire(Interp interp, CommandEntry ce, String oldName, String newName, String op) throws TclException {
        if (ce.traces == null) return;
        if (interp.deleted) {
            // an interpreter being deleted runs no more trace scripts (as Tcl)
            ce.traces = null;
            return;
        }
        int bit = op.equals("rename") ? RENAME : DELETE;
        Object[] ts = ce.traces.toArray();
        for (int i = ts.length - 1; i >= 0; i--) {
            if (!(ts[i] instanceof Trace t) || (t.ops & bit) == 0 || t.active) continue;
            if (ce.traces == null || !ce.traces.contains(t)) continue;
            StringBuilder sb = new StringBuilder(t.command.toString());
            sb.append(' ');
            ListParser.appendElement(sb, oldName, false);
            sb.append(' ');
            ListParser.appendElement(sb, newName, false);
            sb.append(' ').append(op);
            t.active = true;
            try {
                interp.eval(TclObj.of(sb.toString()));
            } catch (TclException ignored) {
                // as in Tcl, a failing rename or delete trace does not stop the operation
            } finally {
                t.active = false;
            }
        }
        if (bit == DELETE) ce.traces = null;
    }

    /** Adds a trace to a command. */
    public static void add(Interp interp, CommandEntry ce, int ops, TclObj command) {
        if (ce.traces == null) ce.traces = new ArrayList<>(2);
        ce.traces.add(new Trace(ops, command));
        if ((ops & EXEC_OPS) != 0) ExecTraces.added(interp, ce);
    }

    /** Removes the newest trace with exactly these operations and this command; quiet if none. */
    public static void remove(Interp interp, CommandEntry ce, int ops, String command) {
        if (ce.traces == null) return;
        for (int i = ce.traces.size() - 1; i >= 0; i--) {
            if (ce.traces.get(i) instanceof Trace t && t.ops == ops && t.command.toString().equals(command)) {
                ce.traces.remove(i);
                if ((ops & EXEC_OPS) != 0) ExecTraces.removed(interp, ce);
                break;
            }
        }
        if (ce.traces.isEmpty()) ce.traces = null;
    }

    /** The traces of a command whose operations intersect mask, newest first. */
    public static List<Trace> list(CommandEntry ce, int mask) {
        ArrayList<Trace> out = new ArrayList<>();
        if (ce.traces == null) return out;
        for (int i = ce.traces.size() - 1; i >= 0; i--) {
            if (ce.traces.get(i) instanceof Trace t && (t.ops & mask) != 0) out.add(t);
        }
        return out;
    }
}
