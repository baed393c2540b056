package dev.tclj.expr;

import dev.tclj.Interp;
import dev.tclj.TclException;

import java.util.function.UnaryOperator;

/**
 * A long left-associative chain such as {@code a + b + c + ...} (expressions built by joining a
 * list): evaluated in a loop rather than by recursion, so that its length is not limited by the
 * Java stack. Each step has exactly the semantics of the binary operator node it replaces.
 */
final class Chain extends Operators.Op {
    static final int AND = 100, OR = 101;

    /** ops[i] joins the value so far with operands[i + 1]. */
    final int[] ops;
    final Node[] operands;

    Chain(int[] ops, Node[] operands) {
        this.ops = ops;
        this.operands = operands;
    }

    @Override int eval(Interp in, Operand r) throws TclException {
        int t = operands[0].eval(in, r);
        for (int i = 0; i < ops.length; i++) {
            int op = ops[i];
            Node next = operands[i + 1];
            if (op == AND || op == OR) {
                boolean v = r.truth(t);
                if (v == (op == OR)) {
                    r.l = v ? 1 : 0;
                } else {
                    r.l = next.evalBool(in, r) ? 1 : 0;
                }
                t = Operand.INT;
                continue;
            }
            Operand left = Operators.left(r.l, r.d, r.o);
            int t2 = next.eval(in, r);
            t = Arith.binary(op, t, left, t2, r, r);
        }
        return t;
    }

    @Override boolean constant() {
        for (Node n : operands) if (!n.constant()) return false;
        return true;
    }

    @Override void mapChildren(UnaryOperator<Node> f) {
        for (int i = 0; i < operands.length; i++) operands[i] = f.apply(operands[i]);
    }
}
