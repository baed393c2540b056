package dev.tclj.expr;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;

/** Tcl's expr: compiles an expression once (cached in its value) and evaluates it. */
public final class Expr {
    private Expr() {}

    public static TclObj eval(Interp interp, TclObj expr) throws TclException {
        throw new TclException("expr not yet implemented");
    }

    public static boolean evalBoolean(Interp interp, TclObj expr) throws TclException {
        return eval(interp, expr).asBoolean();
    }
}
