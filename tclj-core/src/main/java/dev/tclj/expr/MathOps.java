package dev.tclj.expr;

import dev.tclj.Command;
import dev.tclj.Interp;
import dev.tclj.Namespace;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.parse.Cmd;
import dev.tclj.parse.Word;

/**
 * The ::tcl::mathop commands: each operator as a command, with Tcl 8.6's variadic rules.
 * {@code + * & | ^ **} fold any number of arguments (none gives the identity; ** folds to the
 * right); {@code - /} need at least one ({@code - x} negates, {@code / x} is 1.0/x); the
 * comparisons hold between each neighbouring pair (and are true for fewer than two); the others
 * take exactly one or two. Results are never given the final numeric conversion of expr.
 *
 * <p>Tcl compiles a call written literally in a script into bytecode whose operand order differs
 * a little from the command's own: {@code - x} negates (the command computes 0 - x, which differs
 * for 0.0), and for three or more arguments {@code + * & | ^} combine the second argument with the
 * first, then each next one with the result, which decides which bad operand an error names. A
 * call counts as compiled when it comes from a literal command word (see {@link #compiled}).
 */
public final class MathOps {
    private MathOps() {}

    public static void register(Interp interp) {
        Namespace ns = interp.createNamespace("::tcl::mathop", interp.globalNs);
        if (!ns.exportPatterns().contains("*")) ns.exportPatterns().add("*");
        variadic(interp, ns, "+", Arith.ADD, 0);
        variadic(interp, ns, "*", Arith.MUL, 1);
        variadic(interp, ns, "&", Arith.BITAND, -1);
        variadic(interp, ns, "|", Arith.BITOR, 0);
        variadic(interp, ns, "^", Arith.BITXOR, 0);
        variadic(interp, ns, "**", Arith.POW, 1);
        variadic(interp, ns, "-", Arith.SUB, Long.MIN_VALUE);
        variadic(interp, ns, "/", Arith.DIV, Long.MIN_VALUE);
        for (int op : new int[]{Arith.LT, Arith.LE, Arith.GT, Arith.GE, Arith.EQ, Arith.STREQ}) sorting(interp, ns, op);
        pair(interp, ns, Arith.NE, "value value");
        pair(interp, ns, Arith.STRNE, "value value");
        pair(interp, ns, Arith.IN, "value list");
        pair(interp, ns, Arith.NI, "value list");
        pair(interp, ns, Arith.MOD, "integer integer");
        pair(interp, ns, Arith.LSHIFT, "integer shift");
        pair(interp, ns, Arith.RSHIFT, "integer shift");
        interp.defineIn(ns, "!", (in, objv) -> {
            if (objv.length != 2) throw TclException.wrongArgs(objv, 1, "boolean");
            Operand r = operand(objv[1]);
            return TclObj.of(!r.notOperand(Operand.OBJ));
        });
        interp.defineIn(ns, "~", (in, objv) -> {
            if (objv.length != 2) throw TclException.wrongArgs(objv, 1, "integer");
            Operand r = operand(objv[1]);
            return r.box(Arith.bitNot(Operand.OBJ, r));
        });
    }

    private static Operand operand(TclObj v) {
        Operand r = new Operand();
        r.o = v;
        return r;
    }

    /** An operator folded over its arguments; identity Long.MIN_VALUE means "at least one argument". */
    private static void variadic(Interp interp, Namespace ns, String name, int op, long identity) {
        Command cmd = (in, objv) -> {
            int n = objv.length - 1;
            if (n == 0) {
                if (identity == Long.MIN_VALUE) throw TclException.wrongArgs(objv, 1, "value ?value ...?");
                return TclObj.of(identity);
            }
            Operand acc = new Operand();
            int t;
            if (n == 1) {
                Operand x = operand(objv[1]);
                switch (op) {
                    case Arith.SUB:
                        if (compiled(in, objv)) return x.box(Arith.negate(Operand.OBJ, x));
                        t = Arith.binary(op, Operand.INT, acc.set(0), Operand.OBJ, x, acc);
                        return acc.box(t);
                    case Arith.POW:
                        t = Arith.binary(op, Operand.OBJ, x, Operand.INT, acc.set(1), acc);
                        return acc.box(t);
                    case Arith.DIV:
                        acc.d = 1.0;
                        t = Arith.binary(op, Operand.DBL, acc, Operand.OBJ, x, acc);
                        return acc.box(t);
                    default:
                        t = Arith.binary(op, Operand.INT, acc.set(identity), Operand.OBJ, x, acc);
                        return acc.box(t);
                }
            }
            if (op == Arith.POW) {
                acc.o = objv[n];
                t = Operand.OBJ;
                for (int i = n - 1; i >= 1; i--) {
                    t = Arith.binary(op, Operand.OBJ, operand(objv[i]), t, acc, acc);
                }
                return acc.box(t);
            }
            if (n >= 3 && op != Arith.SUB && op != Arith.DIV && compiled(in, objv)) {
                // ((a2 op a1) then a3 op ..., each new argument on the left
                acc.o = objv[1];
                t = Operand.OBJ;
                for (int i = 2; i <= n; i++) {
                    Operand x = operand(objv[i]);
                    t = Arith.binary(op, Operand.OBJ, x, t, acc, acc);
                }
                return acc.box(t);
            }
            acc.o = objv[1];
            t = Operand.OBJ;
            for (int i = 2; i <= n; i++) {
                t = Arith.binary(op, t, acc, Operand.OBJ, operand(objv[i]), acc);
            }
            return acc.box(t);
        };
        interp.defineIn(ns, name, cmd);
    }

    /** Whether the command was invoked from a literal command word, which Tcl compiles inline. */
    private static boolean compiled(Interp in, TclObj[] objv) {
        Cmd c = in.runningCommand();
        return c != null && !c.hasExpansion && c.words.length == objv.length
                && c.words[0].kind == Word.LITERAL && c.words[0].literal == objv[0];
    }

    /** A comparison that must hold between every pair of neighbouring arguments. */
    private static void sorting(Interp interp, Namespace ns, int op) {
        interp.defineIn(ns, Arith.NAMES[op], (in, objv) -> {
            for (int i = 1; i + 1 < objv.length; i++) {
                if (!Arith.compare(op, Operand.OBJ, operand(objv[i]), Operand.OBJ, operand(objv[i + 1]))) {
                    return TclObj.of(0);
                }
            }
            return TclObj.of(1);
        });
    }

    /** An operator of exactly two arguments. */
    private static void pair(Interp interp, Namespace ns, int op, String usage) {
        interp.defineIn(ns, Arith.NAMES[op], (in, objv) -> {
            if (objv.length != 3) throw TclException.wrongArgs(objv, 1, usage);
            Operand a = operand(objv[1]);
            int t = Arith.binary(op, Operand.OBJ, a, Operand.OBJ, operand(objv[2]), a);
            return a.box(t);
        });
    }
}
