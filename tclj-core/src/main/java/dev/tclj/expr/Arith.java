package dev.tclj.expr;

import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

import java.math.BigInteger;

/**
 * Tcl 8.6's operator semantics on every combination of operand types: the general (slow) paths
 * behind the expression nodes' long and double fast paths, shared with the ::tcl::mathop commands.
 *
 * <p>Integers are longs that overflow transparently into BigInteger (results that fit go back to
 * long); integer division and remainder round toward negative infinity; a double result that is
 * NaN is a domain error while infinities are allowed; comparisons between integers and doubles
 * are exact, including Tcl's treatment of values at the edge of the long range.
 */
final class Arith {
    private Arith() {}

    static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, MOD = 4, POW = 5, LSHIFT = 6, RSHIFT = 7,
            BITAND = 8, BITOR = 9, BITXOR = 10,
            EQ = 11, NE = 12, LT = 13, GT = 14, LE = 15, GE = 16,
            STREQ = 17, STRNE = 18, IN = 19, NI = 20;

    static final String[] NAMES = {"+", "-", "*", "/", "%", "**", "<<", ">>", "&", "|", "^",
            "==", "!=", "<", ">", "<=", ">=", "eq", "ne", "in", "ni"};

    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
    /** Tcl refuses integer exponents that do not fit in one 28-bit libtommath digit. */
    private static final long MAX_EXPONENT = 0x0FFFFFFFL;

    /**
     * Applies an arithmetic, shift or bitwise operator. a holds the left operand (type t1), b the
     * right one (type t2); the result goes to out (which may be b) and its type is returned.
     */
    static int binary(int op, int t1, Operand a, int t2, Operand b, Operand out) throws TclException {
        switch (op) {
            case ADD: case SUB: case MUL: case DIV: case POW: {
                String name = NAMES[op];
                TclObj leftObj = t1 == Operand.OBJ ? (TclObj) a.o : null;
                t1 = a.numeric(t1, name);
                t2 = b.numeric(t2, name);
                if (op == POW) return power(t1, a, leftObj, t2, b, out);
                if (t1 == Operand.DBL || t2 == Operand.DBL) {
                    double x = a.doubleValue(t1), y = b.doubleValue(t2), r;
                    switch (op) {
                        case ADD: r = x + y; break;
                        case SUB: r = x - y; break;
                        case MUL: r = x * y; break;
                        default: r = x / y; break;
                    }
                    return dbl(r, out);
                }
                if (t1 == Operand.INT && t2 == Operand.INT) return longOp(op, a.l, b.l, out);
                BigInteger x = a.bigValue(t1), y = b.bigValue(t2);
                switch (op) {
                    case ADD: return out.big(x.add(y));
                    case SUB: return out.big(x.subtract(y));
                    case MUL: return out.big(x.multiply(y));
                    default:
                        if (y.signum() == 0) throw Operand.divideByZero();
                        return out.big(floorDiv(x, y));
                }
            }
            case MOD: case LSHIFT: case RSHIFT: case BITAND: case BITOR: case BITXOR: {
                String name = NAMES[op];
                t1 = a.integer(t1, name);
                t2 = b.integer(t2, name);
                if (op == MOD) return mod(t1, a, t2, b, out);
                if (op == LSHIFT || op == RSHIFT) return shift(op, t1, a, t2, b, out);
                if (t1 == Operand.INT && t2 == Operand.INT) {
                    long x = a.l, y = b.l;
                    out.l = op == BITAND ? x & y : op == BITOR ? x | y : x ^ y;
                    return Operand.INT;
                }
                BigInteger x = a.bigValue(t1), y = b.bigValue(t2);
                return out.big(op == BITAND ? x.and(y) : op == BITOR ? x.or(y) : x.xor(y));
            }
            default:
                out.l = compare(op, t1, a, t2, b) ? 1 : 0;
                return Operand.INT;
        }
    }

    /** + - * / on two longs, overflowing into a bignum. */
    static int longOp(int op, long x, long y, Operand out) throws TclException {
        switch (op) {
            case ADD: {
                long r = x + y;
                if (((x ^ r) & (y ^ r)) < 0) return out.big(BigInteger.valueOf(x).add(BigInteger.valueOf(y)));
                out.l = r;
                return Operand.INT;
            }
            case SUB: {
                long r = x - y;
                if (((x ^ y) & (x ^ r)) < 0) return out.big(BigInteger.valueOf(x).subtract(BigInteger.valueOf(y)));
                out.l = r;
                return Operand.INT;
            }
            case MUL: {
                long hi = Math.multiplyHigh(x, y), lo = x * y;
                if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) { out.l = lo; return Operand.INT; }
                return out.big(BigInteger.valueOf(x).multiply(BigInteger.valueOf(y)));
            }
            default: {
                if (y == 0) throw Operand.divideByZero();
                if (x == Long.MIN_VALUE && y == -1) { out.o = TWO_63; return Operand.BIG; }
                out.l = Math.floorDiv(x, y);
                return Operand.INT;
            }
        }
    }

    /** A double result: NaN is a domain error. */
    static int dbl(double r, Operand out) throws TclException {
        if (r != r) throw Operand.domainError();
        out.d = r;
        return Operand.DBL;
    }

    static BigInteger floorDiv(BigInteger x, BigInteger y) {
        BigInteger[] qr = x.divideAndRemainder(y);
        if (qr[1].signum() != 0 && qr[1].signum() != y.signum()) return qr[0].subtract(BigInteger.ONE);
        return qr[0];
    }

    private static int mod(int t1, Operand a, int t2, Operand b, Operand out) throws TclException {
        if (t2 == Operand.INT) {
            long y = b.l;
            if (y == 0) throw Operand.divideByZero();
            if (y == 1 || y == -1) { out.l = 0; return Operand.INT; }
        }
        if (t1 == Operand.INT) {
            long x = a.l;
            if (x == 0) { out.l = 0; return Operand.INT; }
            if (t2 == Operand.INT) { out.l = Math.floorMod(x, b.l); return Operand.INT; }
            BigInteger y = (BigInteger) b.o;
            // |y| > |x|: the remainder is x itself when the signs agree, else x + y
            if ((x > 0) == (y.signum() > 0)) { out.l = x; return Operand.INT; }
            return out.big(y.add(BigInteger.valueOf(x)));
        }
        BigInteger x = (BigInteger) a.o, y = b.bigValue(t2);
        BigInteger r = x.remainder(y);
        if (r.signum() != 0 && r.signum() != y.signum()) r = r.add(y);
        return out.big(r);
    }

    private static int shift(int op, int t1, Operand a, int t2, Operand b, Operand out) throws TclException {
        if (t2 == Operand.INT ? b.l < 0 : ((BigInteger) b.o).signum() < 0) {
            throw new TclException("negative shift argument");
        }
        if (t1 == Operand.INT && a.l == 0) { out.l = 0; return Operand.INT; }
        if (op == LSHIFT) {
            if (t2 != Operand.INT || b.l > Integer.MAX_VALUE) {
                throw new TclException("integer value too large to represent");
            }
            int s = (int) b.l;
            if (t1 == Operand.INT && s < 64) {
                long x = a.l;
                if (((x > 0 ? x : ~x) & -(1L << (63 - s))) == 0) { out.l = x << s; return Operand.INT; }
            }
            try {
                return out.big(a.bigValue(t1).shiftLeft(s));
            } catch (ArithmeticException | OutOfMemoryError e) {
                throw new TclException("integer value too large to represent");
            }
        }
        if (t2 != Operand.INT || b.l > Integer.MAX_VALUE) {
            boolean positive = t1 == Operand.INT ? a.l > 0 : ((BigInteger) a.o).signum() > 0;
            out.l = positive ? 0 : -1;
            return Operand.INT;
        }
        int s = (int) b.l;
        if (t1 == Operand.INT) {
            long x = a.l;
            out.l = s >= 64 ? (x >= 0 ? 0 : -1) : x >> s;
            return Operand.INT;
        }
        return out.big(((BigInteger) a.o).shiftRight(s));
    }

    /** The ** operator (both operands numeric). */
    private static int power(int t1, Operand a, TclObj leftObj, int t2, Operand b, Operand out) throws TclException {
        if (t1 == Operand.DBL || t2 == Operand.DBL) {
            double x = a.doubleValue(t1), y = b.doubleValue(t2);
            if (x == 0.0 && y < 0.0) throw zeroToNegative();
            return dbl(pow(x, y), out);
        }
        boolean negExp, oddExp;
        if (t2 == Operand.INT) {
            long y = b.l;
            if (y == 0) { out.l = 1; return Operand.INT; }
            if (y == 1) {
                // Tcl returns the left operand itself, string form included
                if (leftObj != null) { out.o = leftObj; return Operand.OBJ; }
                if (t1 == Operand.INT) out.l = a.l; else out.o = a.o;
                return t1;
            }
            negExp = y < 0;
            oddExp = (y & 1) != 0;
        } else {
            BigInteger y = (BigInteger) b.o;
            negExp = y.signum() < 0;
            oddExp = y.testBit(0);
        }
        if (t1 == Operand.INT) {
            long x = a.l;
            if (negExp) {
                if (x == 0) throw zeroToNegative();
                if (x == -1) { out.l = oddExp ? -1 : 1; return Operand.INT; }
                out.l = x == 1 ? 1 : 0;
                return Operand.INT;
            }
            if (x == 0 || x == 1) { out.l = x; return Operand.INT; }
            if (x == -1) { out.l = oddExp ? -1 : 1; return Operand.INT; }
        } else if (negExp) {
            out.l = 0;
            return Operand.INT;
        }
        if (t2 != Operand.INT || b.l > MAX_EXPONENT) throw new TclException("exponent too large");
        int e = (int) b.l;
        if (t1 == Operand.INT) {
            try {
                out.l = longPow(a.l, e);
                return Operand.INT;
            } catch (ArithmeticException overflow) {
                // fall through to the bignum
            }
        }
        return out.big(a.bigValue(t1).pow(e));
    }

    /** x**e in a long; ArithmeticException when it does not fit. */
    private static long longPow(long x, int e) {
        long result = 1, base = x;
        while (true) {
            if ((e & 1) != 0) result = Math.multiplyExact(result, base);
            e >>>= 1;
            if (e == 0) return result;
            base = Math.multiplyExact(base, base);
        }
    }

    static TclException zeroToNegative() {
        String s = "exponentiation of zero by negative power";
        return TclException.error(s, "ARITH", "DOMAIN", s);
    }

    /** C's pow: unlike Java's, 1 and -1 to an infinite power are 1. */
    static double pow(double x, double y) {
        if (Double.isInfinite(y) && Math.abs(x) == 1.0) return 1.0;
        return Math.pow(x, y);
    }

    // ---- unary operators ----

    static int negate(int t, Operand r) throws TclException {
        t = r.numeric(t, "-");
        switch (t) {
            case Operand.INT:
                if (r.l == Long.MIN_VALUE) { r.o = TWO_63; return Operand.BIG; }
                r.l = -r.l;
                return Operand.INT;
            case Operand.DBL:
                r.d = -r.d;
                return Operand.DBL;
            default:
                return r.big(((BigInteger) r.o).negate());
        }
    }

    static int bitNot(int t, Operand r) throws TclException {
        t = r.integer(t, "~");
        if (t == Operand.INT) { r.l = ~r.l; return Operand.INT; }
        return r.big(((BigInteger) r.o).not());
    }

    // ---- comparisons ----

    /**
     * A comparison or string operator: numbers compare as numbers, anything else as strings; NaN
     * is unequal to everything and unordered.
     */
    static boolean compare(int op, int t1, Operand a, int t2, Operand b) throws TclException {
        switch (op) {
            case STREQ: return a.string(t1).equals(b.string(t2));
            case STRNE: return !a.string(t1).equals(b.string(t2));
            case IN: return inList(a.string(t1), t2, b);
            case NI: return !inList(a.string(t1), t2, b);
            default: break;
        }
        TclObj o1 = t1 == Operand.OBJ ? (TclObj) a.o : null;
        TclObj o2 = t2 == Operand.OBJ ? (TclObj) b.o : null;
        int c1 = o1 != null ? a.classify(o1) : t1;
        int c2 = o2 != null ? b.classify(o2) : t2;
        if (c1 == Operand.NONE || c2 == Operand.NONE) {
            String s1 = o1 != null ? o1.toString() : a.string(t1);
            String s2 = o2 != null ? o2.toString() : b.string(t2);
            return test(op, s1.compareTo(s2));
        }
        if (c1 == Operand.NAN || c2 == Operand.NAN) return op == NE;
        return test(op, compareNumbers(c1, a, c2, b));
    }

    static boolean test(int op, int c) {
        switch (op) {
            case EQ: return c == 0;
            case NE: return c != 0;
            case LT: return c < 0;
            case GT: return c > 0;
            case LE: return c <= 0;
            default: return c >= 0;
        }
    }

    private static boolean inList(String s, int t, Operand b) throws TclException {
        TclList list = (t == Operand.OBJ ? (TclObj) b.o : b.box(t)).asList();
        for (int i = 0, n = list.size(); i < n; i++) {
            if (list.get(i).toString().equals(s)) return true;
        }
        return false;
    }

    /** C's (long) conversion of a double as x86 does it: out of range gives the minimum long. */
    private static long cLong(double d) {
        return d >= 0x1p63 || d < -0x1p63 ? Long.MIN_VALUE : (long) d;
    }

    private static int dcmp(double x, double y) {
        return x < y ? -1 : x > y ? 1 : 0;
    }

    private static boolean hasFraction(double d) {
        return !Double.isInfinite(d) && d != Math.rint(d);
    }

    /** Tcl's TclCompareTwoNumbers: -1, 0 or 1 (no NaNs here). */
    static int compareNumbers(int c1, Operand a, int c2, Operand b) {
        switch (c1) {
            case Operand.INT: {
                long x = a.l;
                switch (c2) {
                    case Operand.INT: return Long.compare(x, b.l);
                    case Operand.DBL: {
                        double y = b.d, dx = (double) x;
                        if (x == cLong(dx) || hasFraction(y)) return dcmp(dx, y);
                        if (y < -0x1p63) return 1;
                        if (y > 0x1p63) return -1;
                        return Long.compare(x, cLong(y));
                    }
                    default: return ((BigInteger) b.o).signum() < 0 ? 1 : -1;
                }
            }
            case Operand.DBL: {
                double x = a.d;
                switch (c2) {
                    case Operand.DBL: return dcmp(x, b.d);
                    case Operand.INT: {
                        long y = b.l;
                        double dy = (double) y;
                        if (y == cLong(dy) || hasFraction(x)) return dcmp(x, dy);
                        if (x < -0x1p63) return -1;
                        if (x > 0x1p63) return 1;
                        return Long.compare(cLong(x), y);
                    }
                    default: {
                        BigInteger y = (BigInteger) b.o;
                        if (Double.isInfinite(x)) return x > 0 ? 1 : -1;
                        if (x < 0x1p63 && x > -0x1p63) return y.signum() < 0 ? 1 : -1;
                        return new java.math.BigDecimal(x).toBigInteger().compareTo(y);
                    }
                }
            }
            default: {
                BigInteger x = (BigInteger) a.o;
                switch (c2) {
                    case Operand.INT: return x.signum() > 0 ? 1 : -1;
                    case Operand.DBL: {
                        double y = b.d;
                        if (Double.isInfinite(y)) return y > 0 ? -1 : 1;
                        if (y < 0x1p63 && y > -0x1p63) return x.signum() < 0 ? -1 : 1;
                        return x.compareTo(new java.math.BigDecimal(y).toBigInteger());
                    }
                    default: return x.compareTo((BigInteger) b.o);
                }
            }
        }
    }
}
