package dev.tclj.expr;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;

/**
 * An expression compiled once and cached in its value: the tree and whether the result gets
 * Tcl's final numeric conversion, or the syntax error (raised afresh at each evaluation).
 */
final class CompiledExpr {
    final String text;
    final Node root;
    final boolean convert;
    /**
     * Whether a condition gets the final conversion before its truth is taken: Tcl drops it for
     * conditions it compiles with the script, not for those computed at run time (it shows in
     * the error for NaN).
     */
    private final boolean convertCondition;
    private final ExprParser.Failure error;

    CompiledExpr(String text, Node root, boolean convert, boolean folded) {
        this.text = text;
        this.root = root;
        this.convert = convert;
        this.convertCondition = convert && !folded;
        this.error = null;
    }

    CompiledExpr(String text, ExprParser.Failure error) {
        this.text = text;
        this.root = null;
        this.convert = false;
        this.convertCondition = false;
        this.error = error;
    }

    TclObj eval(Interp in) throws TclException {
        if (root == null) throw syntaxError();
        Operand r = new Operand();
        int t = root.eval(in, r);
        return convert ? r.convert(t) : r.box(t);
    }

    boolean evalBoolean(Interp in) throws TclException {
        if (root == null) throw syntaxError();
        Operand r = new Operand();
        if (convertCondition) {
            int t = root.eval(in, r);
            if (t != Operand.OBJ) return r.truth(t);
            TclObj v = (TclObj) r.o;
            r.convert(t);
            return r.truth(v);
        }
        return root.evalBool(in, r);
    }

    /** The syntax error, with errorInfo "(parsing expression ...)" as Tcl gives it. */
    private TclException syntaxError() {
        String msg = error.getMessage();
        TclException e;
        if (error.errCode == null) e = new TclException(msg);
        else if (error.subCode == null) e = TclException.error(msg, "TCL", "PARSE", "EXPR", error.errCode);
        else e = TclException.error(msg, "TCL", "PARSE", "EXPR", error.errCode, error.subCode);
        e.errorInfo = new StringBuilder(msg).append(ExprParser.parsingLine(text));
        e.infoStarted = true;
        return e;
    }
}
