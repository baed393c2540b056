package dev.tclj;

import java.util.HashMap;

/**
 * A variable scope: the global frame, a procedure call, a {@code namespace eval}, or an
 * {@code apply}. Procedure frames hold locals in slots resolved once per procedure (see
 * {@link Proc}) plus a map for names created dynamically.
 */
public final class CallFrame {
    final Interp interp;
    Namespace ns;
    /** The frame one level up (the caller's variable frame). */
    final CallFrame parent;
    final int level;
    /** The procedure running in this frame, or null. */
    final Proc proc;
    /** The words that invoked the frame (for info level); null for the global frame. */
    final TclObj[] objv;
    /** Whether variables are local (procedure and lambda frames) rather than namespace ones. */
    final boolean isProc;
    /** Local variables in compiled slots (may be null entries until used). */
    Var[] slots;
    /** Local variables not in slots. */
    HashMap<String, Var> locals;
    /** Set when a local variable has traces: its unset traces fire when the procedure returns. */
    boolean tracedLocals;
    /** The command {@code tailcall} scheduled to run in this procedure's place, or null (see {@link TailCall}). */
    TailCall tailcall;

    CallFrame(Interp interp, Namespace ns, CallFrame parent, Proc proc, TclObj[] objv, boolean isProc) {
        this.interp = interp;
        this.ns = ns;
        this.parent = parent;
        this.level = parent == null ? 0 : parent.level + 1;
        this.proc = proc;
        this.objv = objv;
        this.isProc = isProc;
        if (proc != null && proc.slotNames.length > 0) slots = new Var[proc.slotNames.length];
    }

    public int level() { return level; }
    public Namespace namespace() { return ns; }
    public CallFrame parent() { return parent; }
    public Proc proc() { return proc; }
    public TclObj[] objv() { return objv; }
    public boolean isProc() { return isProc; }

    /** Finds a local variable by name (no creation). */
    Var findLocal(String name) {
        if (proc != null) {
            int i = proc.slotOf(name);
            if (i >= 0) return slots[i];
        }
        return locals == null ? null : locals.get(name);
    }

    /** Finds or creates a local variable. */
    Var localVar(String name) {
        if (proc != null) {
            int i = proc.slotOf(name);
            if (i >= 0) {
                Var v = slots[i];
                if (v == null) slots[i] = v = new Var(name);
                return v;
            }
        }
        if (locals == null) locals = new HashMap<>();
        Var v = locals.get(name);
        if (v == null) locals.put(name, v = new Var(name));
        return v;
    }

    /** Replaces (or creates) the local variable named {@code name} with {@code v}. */
    void putLocal(String name, Var v) {
        if (proc != null) {
            int i = proc.slotOf(name);
            if (i >= 0) { slots[i] = v; return; }
        }
        if (locals == null) locals = new HashMap<>();
        locals.put(name, v);
    }

    void removeLocal(String name) {
        if (proc != null) {
            int i = proc.slotOf(name);
            if (i >= 0) { slots[i] = null; return; }
        }
        if (locals != null) locals.remove(name);
    }

    /** Local variable names in creation-ish order (slots first). */
    java.util.List<String> localNames() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        if (slots != null) for (int i = 0; i < slots.length; i++) if (slots[i] != null) out.add(proc.slotNames[i]);
        if (locals != null) out.addAll(locals.keySet());
        return out;
    }

    java.util.List<Var> localVars() {
        java.util.ArrayList<Var> out = new java.util.ArrayList<>();
        if (slots != null) for (Var v : slots) if (v != null) out.add(v);
        if (locals != null) out.addAll(locals.values());
        return out;
    }
}
