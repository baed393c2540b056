package dev.tclj.expr;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.parse.Cmd;
import dev.tclj.parse.Word;

/**
 * Tcl's expressions: the entry points for expr and for the conditions of if, while and for.
 * An expression is compiled once (see {@link ExprCompiler}) and cached in its value, so a loop
 * condition is evaluated without parsing again; a value that is already a number needs no
 * compilation at all.
 */
public final class Expr {
    private Expr() {}

    /** Evaluates an expression and returns its value. */
    public static TclObj eval(Interp interp, TclObj expr) throws TclException {
        if (expr.isIntRep()) return expr.hasString() ? TclObj.of(expr.rawLong()) : expr;
        if (expr.isDoubleRep()) {
            double d = expr.rawDouble();
            if (d == d) return expr.hasString() ? TclObj.of(d) : expr;
        }
        Object rep = expr.rep();
        CompiledExpr ce = rep instanceof CompiledExpr c ? c : compile(interp, expr);
        return ce.eval(interp);
    }

    /** Evaluates an expression as a condition (if, while, for). */
    public static boolean evalBoolean(Interp interp, TclObj expr) throws TclException {
        Object rep = expr.rep();
        if (rep instanceof CompiledExpr c) return c.evalBoolean(interp);
        if (expr.isIntRep()) return expr.rawLong() != 0;
        if (expr.isDoubleRep()) {
            double d = expr.rawDouble();
            if (d == d) return d != 0.0;
        }
        if (rep == TclObj.BOOL) return expr.asBoolean();
        return compile(interp, expr).evalBoolean(interp);
    }

    private static CompiledExpr compile(Interp interp, TclObj expr) {
        CompiledExpr ce = ExprCompiler.compile(interp, expr.toString(), isLiteralWord(interp, expr));
        expr.setRep(ce);
        return ce;
    }

    /**
     * Whether the expression is a literal word of the command being run, which Tcl would have
     * compiled along with the script (folding its constants) rather than at run time.
     */
    private static boolean isLiteralWord(Interp interp, TclObj expr) {
        Cmd c = interp.runningCommand();
        if (c == null || c.hasExpansion) return false;
        for (Word w : c.words) {
            if (w.kind == Word.LITERAL && w.literal == expr) return true;
        }
        return false;
    }
}
