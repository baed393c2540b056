package dev.tclj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Variable traces as Tcl fires them (TclCallVarTraces): for an element access the traces on the
 * whole array run first, then the element's own; within a variable the newest trace runs first.
 * While traces run for a variable they do not fire again for it (but an unset always fires). An
 * error from a read, write or array trace becomes the access's error ("can't read "x": msg");
 * errors from unset traces are ignored. Unsetting a variable removes its traces.
 *
 * <p>Also here: adding, removing and listing traces (the {@code trace} command's variable forms)
 * and the unsets that happen when a procedure returns or a namespace is deleted.
 */
public final class VarTraces {
    private VarTraces() {}

    /** Flag in {@link VarTrace#ops}: a trace made by the legacy {@code trace variable} form. */
    public static final int OLD_STYLE = 16;

    // ======================================================================================
    // Firing
    // ======================================================================================

    /**
     * Read traces. Called by Interp.readVar for the variable named by name1 (an array or scalar)
     * when it has traces, and then for the element when the element has traces.
     */
    static void fireRead(Interp interp, Var v, String name1, String index) throws TclException {
        Var arr = v.parentArray;
        if (arr != null) {
            // The element: when its array has traces they were all run by the array's call.
            if (arr.traces != null) return;
            call(interp, null, v, name1, index, VarTrace.READ);
            return;
        }
        if (index != null && v.array != null) {
            // Reading an element of a traced array: the element exists (undefined) while the
            // traces run, so that a trace may create it and reads inside the trace don't recurse.
            Var e = v.array.get(index);
            if (e == null) {
                e = new Var(index);
                e.parentArray = v;
                v.array.put(index, e);
            }
            try {
                call(interp, v, e, name1, index, VarTrace.READ);
            } finally {
                cleanupElement(v, e);
            }
            return;
        }
        call(interp, null, v, name1, index, VarTrace.READ);
    }

    /** Write traces for a variable just set (an element of a traced array included). */
    static TclObj fireWrite(Interp interp, Var v, String name1, String index, TclObj value) throws TclException {
        Var arr = v.parentArray;
        call(interp, arr != null && arr.traces != null ? arr : null, v, name1, index, VarTrace.WRITE);
        if (v.array == null && v.value != null) return v.value;
        return TclObj.EMPTY;
    }

    /** Unset traces for an element already removed from its array (arr, null when not traced). */
    static void fireUnset(Interp interp, Var e, Var arr, String name1, String index) {
        try {
            call(interp, arr != null && arr.traces != null ? arr : null, e, name1, index, VarTrace.UNSET);
        } catch (TclException ignored) {
            // errors from unset traces are ignored, as in Tcl
        }
        e.traces = null;
    }

    /**
     * Unset traces for a whole variable already removed from its scope: its own traces first,
     * then those of the elements it had (elems), as Tcl's UnsetVarStruct and DeleteArray do.
     */
    static void fireUnsetWhole(Interp interp, Var v, String name1, LinkedHashMap<String, Var> elems) {
        if (v.traces != null) {
            try {
                call(interp, null, v, name1, null, VarTrace.UNSET);
            } catch (TclException ignored) {
                // ignored, as in Tcl
            }
            v.traces = null;
        }
        if (elems != null) {
            for (Var e : new ArrayList<>(elems.values())) {
                if (e.traces == null) continue;
                try {
                    call(interp, null, e, name1, e.name, VarTrace.UNSET);
                } catch (TclException ignored) {
                    // ignored, as in Tcl
                }
                e.traces = null;
            }
        }
    }

    /** Unsets a variable that is going away with its namespace; name is its full name. */
    static void unsetDeleted(Interp interp, Var v, String name) {
        LinkedHashMap<String, Var> arr = v.array;
        boolean traced = v.traces != null || hasElementTraces(arr);
        v.value = null;
        v.array = null;
        v.dead = v.refCount > 0;
        if (traced) fireUnsetWhole(interp, v, name, arr);
    }

    /**
     * Unsets the local variables of a procedure frame that is returning (their traces fire) and
     * drops the references its upvar links held. Called when the frame is marked
     * {@code tracedLocals}, which traced variables and links both set.
     */
    static void unsetLocals(Interp interp, CallFrame f) {
        // slots first (no allocation for the common case of a procedure with upvar or global)
        Var[] slots = f.slots;
        if (slots != null) {
            for (int i = 0; i < slots.length; i++) {
                Var v = slots[i];
                if (v == null) continue;
                if (v.link != null) {
                    releaseLink(v.link);
                    continue;
                }
                if (v.traces == null && !hasElementTraces(v.array)) continue;
                unsetTracedLocal(interp, f, f.proc.slotNames[i], v);
            }
        }
        if (f.locals == null || f.locals.isEmpty()) return;
        for (java.util.Map.Entry<String, Var> e : new ArrayList<>(f.locals.entrySet())) {
            Var v = e.getValue();
            if (v.link != null) {
                releaseLink(v.link);
                continue;
            }
            if (v.traces == null && !hasElementTraces(v.array)) continue;
            unsetTracedLocal(interp, f, e.getKey(), v);
        }
    }

    private static void unsetTracedLocal(Interp interp, CallFrame f, String name, Var v) {
        LinkedHashMap<String, Var> arr = v.array;
        v.value = null;
        v.array = null;
        if (f.findLocal(name) == v) f.removeLocal(name);
        fireUnsetWhole(interp, v, name, arr);
    }

    /**
     * Array traces ({@code array} operation), fired by the array command's subcommands on the
     * (resolved) variable v that the script named {@code name}. An error becomes
     * "can't trace array "name": msg".
     */
    public static void fireArray(Interp interp, Var v, String name) throws TclException {
        if (v.traces == null) return;
        call(interp, null, v, name, null, VarTrace.ARRAY);
    }

    /**
     * Drops one upvar link's reference to target: an undefined variable that nothing refers to
     * any more leaves its namespace or array, as Tcl's CleanupVar does.
     */
    static void releaseLink(Var target) {
        if (--target.refCount > 0 || !target.isUndefined() || target.traces != null) return;
        Var arr = target.parentArray;
        if (arr != null) {
            if (arr.array != null && arr.array.get(target.name) == target) arr.array.remove(target.name);
        } else if (target.ns != null && !target.declared && target.ns.vars.get(target.name) == target) {
            target.ns.vars.remove(target.name);
        }
    }

    private static boolean hasElementTraces(LinkedHashMap<String, Var> arr) {
        if (arr == null) return false;
        for (Var e : arr.values()) if (e.traces != null) return true;
        return false;
    }

    private static void cleanupElement(Var arr, Var e) {
        if (e.isUndefined() && e.traces == null && e.refCount == 0 && arr.array != null && arr.array.get(e.name) == e) {
            arr.array.remove(e.name);
        }
    }

    /**
     * Runs the traces for one access: those of arr (the array, for an element access; null
     * otherwise) and then those of v (the variable or element; may be null). The variable being
     * accessed is marked active meanwhile so that its traces don't fire again.
     */
    private static void call(Interp interp, Var arr, Var v, String name1, String name2, int op) throws TclException {
        Var holder = v != null ? v : arr;
        if (holder.traceActive && op != VarTrace.UNSET) return;
        boolean prev = holder.traceActive;
        holder.traceActive = true;
        try {
            if (arr != null && arr.traces != null && (arr == holder || !arr.traceActive)) run(interp, arr, op, name1, name2);
            if (v != null && v != arr && v.traces != null) run(interp, v, op, name1, name2);
        } finally {
            holder.traceActive = prev;
        }
    }

    private static void run(Interp interp, Var owner, int op, String name1, String name2) throws TclException {
        List<VarTrace> ts = owner.traces;
        if (ts == null) return;
        VarTrace[] snapshot = ts.toArray(new VarTrace[0]);
        for (int i = snapshot.length - 1; i >= 0; i--) {
            VarTrace t = snapshot[i];
            if ((t.ops & op) == 0) continue;
            if (owner.traces == null || !owner.traces.contains(t)) continue; // removed by an earlier trace
            if (t.callback != null) {
                try {
                    t.callback.traced(interp, name1, name2, op);
                } catch (TclException e) {
                    if (op != VarTrace.UNSET) throw accessError(interp, e, op, name1, name2);
                }
                continue;
            }
            if (interp.deleted) continue; // a deleted interpreter runs no trace scripts
            StringBuilder cmd = new StringBuilder(t.command.toString());
            cmd.append(' ');
            ListParser.appendElement(cmd, name1, false);
            cmd.append(' ');
            ListParser.appendElement(cmd, name2 == null ? "" : name2, false);
            cmd.append(' ').append(opName(op, (t.ops & OLD_STYLE) != 0));
            int depth = interp.depth;
            interp.yieldBarriers++;
            try {
                interp.eval(TclObj.of(cmd.toString()));
            } catch (TclException e) {
                interp.depth = depth;
                if (op == VarTrace.UNSET) continue;
                throw accessError(interp, e, op, name1, name2);
            } finally {
                // a trace is a callback from C in Tcl: no yield across it
                interp.yieldBarriers--;
            }
        }
    }

    /** The error of an access whose trace failed: "can't read "x": <the trace's result>". */
    private static TclException accessError(Interp interp, TclException e, int op, String name1, String name2) {
        String shown = name2 == null ? name1 : name1 + "(" + name2 + ")";
        String type = op == VarTrace.READ ? "read" : op == VarTrace.WRITE ? "set" : op == VarTrace.ARRAY ? "trace array" : "unset";
        String info = e.code() == TclException.ERROR && e.errorInfo != null ? e.errorInfo.toString() : e.getMessage();
        TclException x;
        if (op == VarTrace.READ) x = TclException.error("can't " + type + " \"" + shown + "\": " + e.getMessage(), "TCL", "READ", "VARNAME");
        else if (op == VarTrace.WRITE) x = TclException.error("can't " + type + " \"" + shown + "\": " + e.getMessage(), "TCL", "WRITE", "VARNAME");
        else {
            x = TclException.error("can't " + type + " \"" + shown + "\": " + e.getMessage());
            x.errorCode = e.code() == TclException.ERROR && e.errorCode != null ? e.errorCode : TclObj.of("NONE");
        }
        String what = op == VarTrace.READ ? "read" : op == VarTrace.WRITE ? "write" : op == VarTrace.ARRAY ? "array" : "unset";
        x.errorInfo = new StringBuilder(info).append("\n    (").append(what).append(" trace on \"").append(shown).append("\")");
        x.infoStarted = true;
        return x;
    }

    static String opName(int op, boolean oldStyle) {
        switch (op) {
            case VarTrace.READ: return oldStyle ? "r" : "read";
            case VarTrace.WRITE: return oldStyle ? "w" : "write";
            case VarTrace.UNSET: return oldStyle ? "u" : "unset";
            default: return oldStyle ? "a" : "array";
        }
    }

    // ======================================================================================
    // The trace command's variable forms
    // ======================================================================================

    /** Adds a trace to the variable name (creating it, undefined, when needed). */
    public static void add(Interp interp, String name, VarTrace trace) throws TclException {
        Var target = resolveForTrace(interp, name, true);
        if (target.traces == null) target.traces = new ArrayList<>(2);
        target.traces.add(trace);
        markFrame(interp, target);
    }

    /** Removes the newest trace of name with the same operations and command; quiet if none. */
    public static void remove(Interp interp, String name, int ops, String command) throws TclException {
        Var target = resolveForTrace(interp, name, false);
        if (target == null || target.traces == null) return;
        for (int i = target.traces.size() - 1; i >= 0; i--) {
            VarTrace t = target.traces.get(i);
            if (t.command != null && (t.ops & ~OLD_STYLE) == (ops & ~OLD_STYLE) && t.command.toString().equals(command)) {
                target.traces.remove(i);
                break;
            }
        }
        if (target.traces.isEmpty()) target.traces = null;
    }

    /** The traces on name, newest first; empty when the variable does not exist. */
    public static List<VarTrace> list(Interp interp, String name) throws TclException {
        Var target = resolveForTrace(interp, name, false);
        if (target == null || target.traces == null) return List.of();
        ArrayList<VarTrace> out = new ArrayList<>(target.traces);
        java.util.Collections.reverse(out);
        return out;
    }

    private static Var resolveForTrace(Interp interp, String name, boolean create) throws TclException {
        String[] parts = Interp.splitArrayName(name);
        String name1 = parts == null ? name : parts[0];
        Var v;
        try {
            v = interp.lookupVar(name1, create);
        } catch (Interp.NoParentNamespace e) {
            throw TclException.error("can't trace \"" + name + "\": parent namespace doesn't exist",
                    "TCL", "LOOKUP", "VARNAME", name);
        }
        if (v == null) return null;
        v = v.resolve();
        if (v.dead && create) v.dead = false;
        if (parts == null) return v;
        if (v.array == null) {
            if (v.value != null) {
                if (!create) return null;
                throw TclException.error("can't trace \"" + name + "\": variable isn't array", "TCL", "LOOKUP", "VARNAME", name1);
            }
            if (!create) return null;
            v.array = new LinkedHashMap<>();
        }
        Var e = v.array.get(parts[1]);
        if (e == null && create) {
            e = new Var(parts[1]);
            e.parentArray = v;
            v.array.put(parts[1], e);
        }
        return e;
    }

    /** Remembers that a procedure frame holds a traced variable, so that its return unsets it. */
    private static void markFrame(Interp interp, Var target) {
        Var root = target.parentArray != null ? target.parentArray : target;
        for (CallFrame f = interp.frame; f != null; f = f.parent) {
            if (!f.isProc) continue;
            if (f.localVars().contains(root)) {
                f.tracedLocals = true;
                return;
            }
        }
    }
}
