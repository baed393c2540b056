package dev.tclj;

/**
 * A variable trace owned by Java code and removed by that code (Tcl_TraceVar2 and
 * Tcl_UntraceVar2 with a C callback), as vwait uses one. It is not listed by {@code trace info}.
 */
public final class VarWatch {
    private final Var target;
    private final VarTrace trace;

    private VarWatch(Var target, VarTrace trace) {
        this.target = target;
        this.trace = trace;
    }

    /**
     * Traces the global variable name (an element with "a(b)") for the operations ops
     * ({@link VarTrace#WRITE}...), creating it undefined when needed; errors as the trace
     * command gives them ("can't trace "x(1)": variable isn't array").
     */
    public static VarWatch global(Interp interp, String name, int ops, VarTrace.Callback callback) throws TclException {
        CallFrame save = interp.frame;
        interp.frame = interp.globalFrame;
        try {
            VarTrace t = new VarTrace(ops, null, callback);
            VarTraces.add(interp, name, t);
            String[] parts = Interp.splitArrayName(name);
            Var v = interp.lookupVar(parts == null ? name : parts[0], false);
            if (v != null) v = v.resolve();
            if (v != null && parts != null) v = v.array == null ? null : v.array.get(parts[1]);
            return new VarWatch(v, t);
        } finally {
            interp.frame = save;
        }
    }

    /** Removes the trace (nothing if an unset already did). */
    public void remove() {
        if (target == null || target.traces == null) return;
        target.traces.remove(trace);
        if (!target.traces.isEmpty()) return;
        target.traces = null;
        // a variable that existed only for the trace goes, as Tcl's CleanupVar does
        if (!target.isUndefined() || target.refCount > 0) return;
        Var arr = target.parentArray;
        if (arr != null) {
            if (arr.array != null && arr.array.get(target.name) == target) arr.array.remove(target.name);
        } else if (target.ns != null && !target.declared && target.ns.vars.get(target.name) == target) {
            target.ns.vars.remove(target.name);
        }
    }
}
