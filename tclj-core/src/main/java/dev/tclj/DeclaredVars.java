package dev.tclj;

/**
 * The {@code variable} command's access to a namespace variable it has just declared: the value
 * is stored into that very variable (found once, by Tcl's namespace-only rules), not looked up
 * again by a name that a procedure's locals or the global namespace could shadow.
 */
public final class DeclaredVars {
    private DeclaredVars() {}

    /** Sets declared variable {@code v} (named {@code name} for messages and traces). */
    public static TclObj assign(Interp interp, Var v, String name, TclObj value) throws TclException {
        v = v.resolve();
        if (v.array != null) {
            throw TclException.error("can't set \"" + name + "\": variable is array", "TCL", "WRITE", "VARNAME");
        }
        v.value = value;
        if (v.traces != null) return VarTraces.fireWrite(interp, v, name, null, value);
        return value;
    }
}
