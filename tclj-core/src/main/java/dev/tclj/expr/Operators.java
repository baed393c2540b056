package dev.tclj.expr;

import dev.tclj.Interp;
import dev.tclj.TclException;

import java.util.function.UnaryOperator;

/**
 * The operator nodes of a compiled expression. Each has a fast path for operands that are longs
 * (and doubles where it matters) which allocates nothing, and hands every other case to
 * {@link Arith}. Operands are always both evaluated before either is checked, as in Tcl.
 */
final class Operators {
    private Operators() {}

    /** Base of the operator nodes: constant when all children are. */
    abstract static class Op extends Node {
        @Override boolean operator() { return true; }
    }

    abstract static class BinaryOp extends Op {
        final int op;
        Node a, b;

        BinaryOp(int op, Node a, Node b) {
            this.op = op;
            this.a = a;
            this.b = b;
        }

        @Override boolean constant() { return a.constant() && b.constant(); }

        @Override void mapChildren(UnaryOperator<Node> f) {
            a = f.apply(a);
            b = f.apply(b);
        }
    }

    /** Makes the node for a binary operator. */
    static Node binary(int op, Node a, Node b) {
        switch (op) {
            case Arith.ADD: case Arith.SUB: case Arith.MUL: case Arith.DIV:
                return new Arithmetic(op, a, b);
            case Arith.POW:
                return new Power(a, b);
            case Arith.MOD: case Arith.LSHIFT: case Arith.RSHIFT:
            case Arith.BITAND: case Arith.BITOR: case Arith.BITXOR:
                return new IntegerOp(op, a, b);
            case Arith.STREQ: case Arith.STRNE: case Arith.IN: case Arith.NI:
                return new StringOp(op, a, b);
            default:
                return new Compare(op, a, b);
        }
    }

    /** Copies the left operand (saved in locals while the right one was evaluated) for a slow path. */
    static Operand left(long l, double d, Object o) {
        Operand x = new Operand();
        x.l = l;
        x.d = d;
        x.o = o;
        return x;
    }

    /** + - * / */
    static final class Arithmetic extends BinaryOp {
        Arithmetic(int op, Node a, Node b) { super(op, a, b); }

        @Override int eval(Interp in, Operand r) throws TclException {
            int t1 = r.fast(a.eval(in, r));
            long l1 = r.l;
            double d1 = r.d;
            Object o1 = r.o;
            int t2 = r.fast(b.eval(in, r));
            if (t1 == Operand.INT && t2 == Operand.INT) {
                long x = l1, y = r.l;
                switch (op) {
                    case Arith.ADD: {
                        long s = x + y;
                        if (((x ^ s) & (y ^ s)) >= 0) { r.l = s; return Operand.INT; }
                        break;
                    }
                    case Arith.SUB: {
                        long s = x - y;
                        if (((x ^ y) & (x ^ s)) >= 0) { r.l = s; return Operand.INT; }
                        break;
                    }
                    default:
                        break;
                }
                return Arith.longOp(op, x, y, r);
            }
            if (t1 <= Operand.DBL && t2 <= Operand.DBL) {
                double x = t1 == Operand.INT ? (double) l1 : d1, y = t2 == Operand.INT ? (double) r.l : r.d, s;
                switch (op) {
                    case Arith.ADD: s = x + y; break;
                    case Arith.SUB: s = x - y; break;
                    case Arith.MUL: s = x * y; break;
                    default: s = x / y; break;
                }
                return Arith.dbl(s, r);
            }
            return Arith.binary(op, t1, left(l1, d1, o1), t2, r, r);
        }
    }

    /** % << >> & | ^ */
    static final class IntegerOp extends BinaryOp {
        IntegerOp(int op, Node a, Node b) { super(op, a, b); }

        @Override int eval(Interp in, Operand r) throws TclException {
            int t1 = r.fast(a.eval(in, r));
            long l1 = r.l;
            double d1 = r.d;
            Object o1 = r.o;
            int t2 = r.fast(b.eval(in, r));
            if (t1 == Operand.INT && t2 == Operand.INT) {
                long x = l1, y = r.l;
                switch (op) {
                    case Arith.MOD:
                        if (y != 0) { r.l = Math.floorMod(x, y); return Operand.INT; }
                        break;
                    case Arith.BITAND: r.l = x & y; return Operand.INT;
                    case Arith.BITOR: r.l = x | y; return Operand.INT;
                    case Arith.BITXOR: r.l = x ^ y; return Operand.INT;
                    case Arith.RSHIFT:
                        if (y >= 0 && y < 64) { r.l = x >> y; return Operand.INT; }
                        break;
                    default:
                        break;
                }
            }
            return Arith.binary(op, t1, left(l1, d1, o1), t2, r, r);
        }
    }

    /** ** (right-associative; keeps its left operand's own value for x**1, as Tcl does). */
    static final class Power extends BinaryOp {
        Power(Node a, Node b) { super(Arith.POW, a, b); }

        @Override int eval(Interp in, Operand r) throws TclException {
            int t1 = a.eval(in, r);
            Operand x = left(r.l, r.d, r.o);
            int t2 = b.eval(in, r);
            return Arith.binary(Arith.POW, t1, x, t2, r, r);
        }
    }

    /** == != < > <= >= */
    static final class Compare extends BinaryOp {
        Compare(int op, Node a, Node b) { super(op, a, b); }

        @Override int eval(Interp in, Operand r) throws TclException {
            r.l = evalBool(in, r) ? 1 : 0;
            return Operand.INT;
        }

        @Override boolean evalBool(Interp in, Operand r) throws TclException {
            int t1 = a.eval(in, r);
            int f1 = r.fast(t1);
            long l1 = r.l;
            double d1 = r.d;
            Object o1 = r.o;
            int t2 = b.eval(in, r);
            int f2 = r.fast(t2);
            if (f1 == Operand.INT && f2 == Operand.INT) {
                long x = l1, y = r.l;
                switch (op) {
                    case Arith.EQ: return x == y;
                    case Arith.NE: return x != y;
                    case Arith.LT: return x < y;
                    case Arith.GT: return x > y;
                    case Arith.LE: return x <= y;
                    default: return x >= y;
                }
            }
            if (f1 == Operand.DBL && f2 == Operand.DBL) {
                double x = d1, y = r.d;
                switch (op) {
                    case Arith.EQ: return x == y;
                    case Arith.NE: return x != y;
                    case Arith.LT: return x < y;
                    case Arith.GT: return x > y;
                    case Arith.LE: return x <= y;
                    default: return x >= y;
                }
            }
            return Arith.compare(op, t1, left(l1, d1, o1), t2, r);
        }
    }

    /** eq ne in ni: on strings, whatever the operands are. */
    static final class StringOp extends BinaryOp {
        StringOp(int op, Node a, Node b) { super(op, a, b); }

        @Override int eval(Interp in, Operand r) throws TclException {
            r.l = evalBool(in, r) ? 1 : 0;
            return Operand.INT;
        }

        @Override boolean evalBool(Interp in, Operand r) throws TclException {
            int t1 = a.eval(in, r);
            Operand x = left(r.l, r.d, r.o);
            int t2 = b.eval(in, r);
            return Arith.compare(op, t1, x, t2, r);
        }
    }

    /** && */
    static final class And extends BinaryOp {
        And(Node a, Node b) { super(-1, a, b); }

        @Override int eval(Interp in, Operand r) throws TclException {
            r.l = evalBool(in, r) ? 1 : 0;
            return Operand.INT;
        }

        @Override boolean evalBool(Interp in, Operand r) throws TclException {
            return a.evalBool(in, r) && b.evalBool(in, r);
        }
    }

    /** || */
    static final class Or extends BinaryOp {
        Or(Node a, Node b) { super(-1, a, b); }

        @Override int eval(Interp in, Operand r) throws TclException {
            r.l = evalBool(in, r) ? 1 : 0;
            return Operand.INT;
        }

        @Override boolean evalBool(Interp in, Operand r) throws TclException {
            return a.evalBool(in, r) || b.evalBool(in, r);
        }
    }

    /** c ? a : b */
    static final class Ternary extends Op {
        Node c, a, b;

        Ternary(Node c, Node a, Node b) {
            this.c = c;
            this.a = a;
            this.b = b;
        }

        @Override int eval(Interp in, Operand r) throws TclException {
            return c.evalBool(in, r) ? a.eval(in, r) : b.eval(in, r);
        }

        @Override boolean evalBool(Interp in, Operand r) throws TclException {
            return c.evalBool(in, r) ? a.evalBool(in, r) : b.evalBool(in, r);
        }

        @Override boolean constant() { return c.constant() && a.constant() && b.constant(); }

        @Override void mapChildren(UnaryOperator<Node> f) {
            c = f.apply(c);
            a = f.apply(a);
            b = f.apply(b);
        }
    }

    /** Parentheses: kept until compiling decides whether the group folds (see {@link ExprCompiler}). */
    static final class Paren extends Op {
        Node a;

        Paren(Node a) { this.a = a; }

        @Override int eval(Interp in, Operand r) throws TclException { return a.eval(in, r); }

        @Override boolean evalBool(Interp in, Operand r) throws TclException { return a.evalBool(in, r); }

        @Override boolean constant() { return a.constant(); }

        @Override void mapChildren(UnaryOperator<Node> f) { a = f.apply(a); }
    }

    /** Unary - + ~ ! */
    static final class Unary extends Op {
        static final int NEG = 0, PLUS = 1, BITNOT = 2, NOT = 3;
        final int op;
        Node a;

        Unary(int op, Node a) {
            this.op = op;
            this.a = a;
        }

        @Override int eval(Interp in, Operand r) throws TclException {
            int t = a.eval(in, r);
            switch (op) {
                case NEG: {
                    t = r.fast(t);
                    if (t == Operand.INT && r.l != Long.MIN_VALUE) { r.l = -r.l; return Operand.INT; }
                    return Arith.negate(t, r);
                }
                case PLUS: return r.numeric(r.fast(t), "+");
                case BITNOT: return Arith.bitNot(r.fast(t), r);
                default:
                    r.l = r.notOperand(t) ? 0 : 1;
                    return Operand.INT;
            }
        }

        @Override boolean evalBool(Interp in, Operand r) throws TclException {
            if (op == NOT) return !r.notOperand(a.eval(in, r));
            return super.evalBool(in, r);
        }

        @Override boolean constant() { return a.constant(); }

        @Override void mapChildren(UnaryOperator<Node> f) { a = f.apply(a); }
    }
}
