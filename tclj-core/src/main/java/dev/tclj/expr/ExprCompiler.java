package dev.tclj.expr;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;

/**
 * Turns a parsed expression into its final tree, as Tcl's expression compiler does.
 *
 * <p>An expression that Tcl compiles from a literal word ({@code expr {...}}, {@code if {...}})
 * has its constant subexpressions (operators on literals only) computed once, here; an error in
 * one is raised only when evaluation reaches it, and with the message alone as errorInfo. A
 * computed expression string ({@code expr $e}) is compiled without that step. The difference
 * shows: a folded group such as {@code ("0x10")} keeps its string, and errorInfo differs.
 *
 * <p>This is also where Tcl's final numeric conversion is decided: a result that comes from a
 * leaf (literal, variable, command, function) is converted to a canonical number; one that comes
 * from an operator or a folded constant is kept as it is ({@link #convertAfter}).
 */
final class ExprCompiler {
    private ExprCompiler() {}

    static CompiledExpr compile(Interp in, String text, boolean fold) {
        Node root;
        try {
            root = ExprParser.parse(text);
        } catch (ExprParser.Failure f) {
            return new CompiledExpr(text, f);
        }
        root = fold ? fold(root, in) : strip(root);
        return new CompiledExpr(text, root, convertAfter(root, true), fold);
    }

    /** Removes parentheses: they matter only for folding. */
    private static Node strip(Node n) {
        while (n instanceof Operators.Paren p) n = p.a;
        n.mapChildren(ExprCompiler::strip);
        return n;
    }

    /** Replaces each maximal constant operator subtree by its value. */
    private static Node fold(Node n, Interp in) {
        if (n.operator() && n.constant()) return evaluate(n, in);
        if (n instanceof Operators.Paren p) return fold(p.a, in);
        n.mapChildren(c -> fold(c, in));
        return n;
    }

    private static Node evaluate(Node n, Interp in) {
        // a folded ?: gets the final conversion its own compilation would give it
        boolean convert = n instanceof Operators.Ternary && convertAfter(n, true);
        Operand r = new Operand();
        try {
            int t = n.eval(in, r);
            if (convert) {
                TclObj v = r.convert(t);
                r.o = v;
                return new Node.Folded(Operand.OBJ, r);
            }
            return new Node.Folded(t, r);
        } catch (TclException e) {
            return new Node.Failure(e);
        }
    }

    /**
     * Whether Tcl's compiler would still want the final numeric conversion after compiling n,
     * given that it wanted it (c) before: leaves leave the wish unchanged, operators and folded
     * constants cancel it, functions set it, and ?: follows its branches.
     */
    static boolean convertAfter(Node n, boolean c) {
        if (n instanceof Node.Folded || n instanceof Node.Failure) return false;
        if (n instanceof Operators.Paren p) return convertAfter(p.a, c);
        if (n instanceof Call) return true;
        if (n instanceof Operators.Ternary t) {
            boolean afterCond = convertAfter(t.c, true);
            return convertAfter(t.a, afterCond) || convertAfter(t.b, true);
        }
        if (n.operator()) return false;
        return c;
    }
}
