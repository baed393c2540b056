package dev.tclj.cmd;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.expr.Expr;
import dev.tclj.expr.MathFuncs;
import dev.tclj.expr.MathOps;

/**
 * The expr command (its arguments are joined with spaces into one expression), and the
 * ::tcl::mathop and ::tcl::mathfunc commands that go with it.
 */
public final class ExprCmd {
    private ExprCmd() {}

    public static void register(Interp interp) {
        interp.createCommand("expr", (in, objv) -> {
            if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "arg ?arg ...?");
            if (objv.length == 2) return Expr.eval(in, objv[1]);
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i < objv.length; i++) {
                if (i > 1) sb.append(' ');
                sb.append(objv[i]);
            }
            return Expr.eval(in, TclObj.of(sb.toString()));
        });
        MathOps.register(interp);
        MathFuncs.register(interp);
    }
}
