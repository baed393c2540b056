package dev.tclj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Firing variable traces (read, write, unset, array) as Tcl does: traces on an array fire for its
 * elements too; a trace does not fire again for the same variable while it runs; an error from a
 * read or write trace becomes the access's error ("can't read "x": message").
 */
final class VarTraces {
    private VarTraces() {}

    static void fireRead(Interp interp, Var v, String name1, String index) throws TclException {
        Var arr = v.parentArray;
        if (v.array != null && index != null) {
            // trace on the whole array, reading an element
            run(interp, v, VarTrace.READ, name1, index, "read");
            return;
        }
        if (arr != null && arr.traces != null) run(interp, arr, VarTrace.READ, name1, index, "read");
        if (v.traces != null) run(interp, v, VarTrace.READ, name1, index, "read");
    }

    static TclObj fireWrite(Interp interp, Var v, String name1, String index, TclObj value) throws TclException {
        Var arr = v.parentArray;
        if (arr != null && arr.traces != null) run(interp, arr, VarTrace.WRITE, name1, index, "write");
        if (v.traces != null) run(interp, v, VarTrace.WRITE, name1, index, "write");
        return v.value != null ? v.value : value;
    }

    static void fireUnset(Interp interp, Var e, Var arr, String name1, String index) {
        try {
            if (arr != null && arr.traces != null) run(interp, arr, VarTrace.UNSET, name1, index, "unset");
            if (e.traces != null) run(interp, e, VarTrace.UNSET, name1, index, "unset");
        } catch (TclException ignored) {
            // errors from unset traces are ignored, as in Tcl
        }
    }

    static void fireUnsetWhole(Interp interp, Var v, String name1, LinkedHashMap<String, Var> elems) {
        if (elems != null) {
            for (Var e : elems.values()) if (e.traces != null) fireUnset(interp, e, null, name1, e.name);
        }
        try {
            run(interp, v, VarTrace.UNSET, name1, null, "unset");
        } catch (TclException ignored) {
        }
        v.traces = null;
    }

    private static void run(Interp interp, Var v, int op, String name1, String index, String opName) throws TclException {
        if (v.traceActive || v.traces == null) return;
        List<VarTrace> ts = new ArrayList<>(v.traces);
        v.traceActive = true;
        try {
            for (int i = ts.size() - 1; i >= 0; i--) {
                VarTrace t = ts.get(i);
                if ((t.ops & op) == 0) continue;
                if (v.traces == null || !v.traces.contains(t)) continue;
                try {
                    if (t.callback != null) {
                        t.callback.traced(interp, name1, index, op);
                    } else {
                        TclList cmd = t.command.asList();
                        TclObj[] words = new TclObj[cmd.size() + 3];
                        System.arraycopy(cmd.rawArray(), 0, words, 0, cmd.size());
                        words[cmd.size()] = TclObj.of(name1);
                        words[cmd.size() + 1] = index == null ? TclObj.EMPTY : TclObj.of(index);
                        words[cmd.size() + 2] = TclObj.of(opName);
                        interp.invokeRaw(words);
                    }
                } catch (TclException e) {
                    if (op == VarTrace.UNSET) continue;
                    String shown = index == null ? name1 : name1 + "(" + index + ")";
                    String verb = op == VarTrace.READ ? "read" : op == VarTrace.WRITE ? "set" : "unset";
                    TclException x = TclException.error("can't " + verb + " \"" + shown + "\": " + e.getMessage());
                    x.errorCode = e.errorCode;
                    throw x;
                }
            }
        } finally {
            v.traceActive = false;
        }
    }
}
