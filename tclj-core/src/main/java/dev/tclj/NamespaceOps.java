package dev.tclj;

import java.util.ArrayList;

/** Deleting namespaces: commands first, then variables (with unset traces), then children. */
public final class NamespaceOps {
    private NamespaceOps() {}

    /** Deletes ns and its children; if frames still run in it, finishes when they leave. */
    public static void delete(Interp interp, Namespace ns) {
        if (ns.deleted) return;
        ns.deleted = true;
        for (Namespace c : new ArrayList<>(ns.children.values())) delete(interp, c);
        if (ns.activeFrames == 0) finishDelete(ns);
        if (ns.parent != null && ns.parent.children.get(ns.name) == ns) ns.parent.children.remove(ns.name);
        interp.epoch++;
    }

    static void finishDelete(Namespace ns) {
        if (ns.dying) return;
        ns.dying = true;
        Interp interp = ns.interp;
        for (CommandEntry ce : new ArrayList<>(ns.commands.values())) interp.deleteEntry(ce, true);
        ns.commands.clear();
        for (Var v : new ArrayList<>(ns.vars.values())) {
            Var r = v.resolve();
            if (r.traces != null) VarTraces.fireUnsetWhole(interp, r, v.name, r.array);
        }
        ns.vars.clear();
        if (ns.onDelete != null) for (Runnable r : ns.onDelete) r.run();
        interp.epoch++;
    }
}
