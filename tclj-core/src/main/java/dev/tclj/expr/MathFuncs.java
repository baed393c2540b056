package dev.tclj.expr;

import dev.tclj.Command;
import dev.tclj.Interp;
import dev.tclj.Namespace;
import dev.tclj.TclException;
import dev.tclj.TclObj;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The ::tcl::mathfunc commands: Tcl 8.6's math functions, with its argument checks, its error
 * messages and its results to the bit (see {@link LibmFunctions} for the floating-point ones).
 * Like Tcl's, several functions return their argument itself when it is already the answer.
 */
public final class MathFuncs {
    private MathFuncs() {}

    /** Per-interpreter state of rand() and srand(). */
    private static final class RandState {
        long seed;
        boolean seeded;
    }

    private static final Object RAND_KEY = new Object();

    public static void register(Interp interp) {
        Namespace ns = interp.createNamespace("::tcl::mathfunc", interp.globalNs);
        unary(interp, ns, "abs", MathFuncs::abs);
        doubleFunc(interp, ns, "acos", LibmFunctions::acos);
        doubleFunc(interp, ns, "asin", LibmFunctions::asin);
        doubleFunc(interp, ns, "atan", LibmFunctions::atan);
        binaryFunc(interp, ns, "atan2", LibmFunctions::atan2);
        unary(interp, ns, "bool", v -> TclObj.of(new Operand().truth(v)));
        unary(interp, ns, "ceil", v -> TclObj.of(roundToIntegral(v, true)));
        doubleFunc(interp, ns, "cos", LibmFunctions::cos);
        doubleFunc(interp, ns, "cosh", LibmFunctions::cosh);
        unary(interp, ns, "double", v -> TclObj.of(toDouble(v, new Operand())));
        unary(interp, ns, "entier", MathFuncs::entier);
        doubleFunc(interp, ns, "exp", LibmFunctions::exp);
        unary(interp, ns, "floor", v -> TclObj.of(roundToIntegral(v, false)));
        binaryFunc(interp, ns, "fmod", LibmFunctions::fmod);
        binaryFunc(interp, ns, "hypot", LibmFunctions::hypot);
        unary(interp, ns, "int", v -> TclObj.of(wrapToLong(entier(v))));
        unary(interp, ns, "isqrt", MathFuncs::isqrt);
        doubleFunc(interp, ns, "log", LibmFunctions::log);
        doubleFunc(interp, ns, "log10", LibmFunctions::log10);
        binaryFunc(interp, ns, "pow", Arith::pow);
        interp.defineIn(ns, "rand", (in, objv) -> {
            if (objv.length != 1) throw wrongArgs(1, objv);
            return TclObj.of(nextRandom(randState(in)));
        });
        unary(interp, ns, "round", MathFuncs::round);
        doubleFunc(interp, ns, "sin", LibmFunctions::sin);
        doubleFunc(interp, ns, "sinh", LibmFunctions::sinh);
        unary(interp, ns, "sqrt", MathFuncs::sqrt);
        interp.defineIn(ns, "srand", (in, objv) -> {
            if (objv.length != 2) throw wrongArgs(2, objv);
            RandState st = randState(in);
            st.seed = seedOf(objv[1]) & 0x7fffffffL;
            if (st.seed == 0 || st.seed == 0x7fffffffL) st.seed ^= 123459876L;
            st.seeded = true;
            return TclObj.of(nextRandom(st));
        });
        doubleFunc(interp, ns, "tan", LibmFunctions::tan);
        doubleFunc(interp, ns, "tanh", LibmFunctions::tanh);
        unary(interp, ns, "wide", v -> TclObj.of(wrapToLong(entier(v))));
        minMax(interp, ns, "min", -1);
        minMax(interp, ns, "max", 1);
        for (String f : new String[]{"abs", "acos", "asin", "atan", "atan2", "bool", "ceil", "cos", "cosh",
                "double", "entier", "exp", "floor", "fmod", "hypot", "int", "isqrt", "log", "log10", "pow", "rand",
                "round", "sin", "sinh", "sqrt", "srand", "tan", "tanh", "wide", "min", "max"}) {
            if (!ns.exportPatterns().contains(f)) ns.exportPatterns().add(f);
        }
    }

    private interface Unary {
        TclObj apply(TclObj v) throws TclException;
    }

    private static void unary(Interp interp, Namespace ns, String name, Unary f) {
        Command cmd = (in, objv) -> {
            if (objv.length != 2) throw wrongArgs(2, objv);
            return f.apply(objv[1]);
        };
        interp.defineIn(ns, name, cmd);
    }

    private static void doubleFunc(Interp interp, Namespace ns, String name, DoubleUnaryOperator f) {
        interp.defineIn(ns, name, (in, objv) -> {
            if (objv.length != 2) throw wrongArgs(2, objv);
            return checked(f.applyAsDouble(toDouble(objv[1], new Operand())));
        });
    }

    private static void binaryFunc(Interp interp, Namespace ns, String name, DoubleBinaryOperator f) {
        interp.defineIn(ns, name, (in, objv) -> {
            if (objv.length != 3) throw wrongArgs(3, objv);
            Operand r = new Operand();
            double x = toDouble(objv[1], r), y = toDouble(objv[2], r);
            return checked(f.applyAsDouble(x, y));
        });
    }

    /** A floating-point result: NaN is a domain error; overflow to infinity is accepted. */
    private static TclObj checked(double d) throws TclException {
        if (d != d) throw Operand.domainError();
        return TclObj.of(d);
    }

    /** Tcl's MathFuncWrongNumArgs: the function name is the tail of the command name. */
    private static TclException wrongArgs(int expected, TclObj[] objv) {
        String name = objv[0].toString();
        int sep = name.lastIndexOf("::");
        if (sep >= 0 && sep + 2 <= name.length() && sep > 0) name = name.substring(sep + 2);
        else if (sep == 0 && name.length() > 2) name = name.substring(2);
        String which = objv.length < expected ? "not enough" : "too many";
        return TclException.error(which + " arguments for math function \"" + name + "\"", "TCL", "WRONGARGS");
    }

    // ---- argument conversion ----

    /** Tcl_GetNumberFromObj with its error: the type (NAN included), value in r. */
    private static int number(TclObj v, Operand r) throws TclException {
        int c = r.classify(v);
        if (c == Operand.NONE) throw expected("number", v, "TCL", "VALUE", "NUMBER");
        return c;
    }

    /** Tcl_GetDoubleFromObj with its errors. */
    static double toDouble(TclObj v, Operand r) throws TclException {
        int c = r.classify(v);
        if (c == Operand.NONE) throw expected("floating-point number", v, "TCL", "VALUE", "NUMBER");
        if (c == Operand.NAN) throw Operand.notANumber();
        return r.doubleValue(c);
    }

    private static TclException expected(String what, TclObj v, String... code) {
        String s = v.toString();
        String msg = "expected " + what + " but got \"" + s + "\"";
        if (Operand.looksLikeBadOctal(s)) msg += " (looks like invalid octal number)";
        return TclException.error(msg, code);
    }

    // ---- the functions ----

    private static TclObj abs(TclObj v) throws TclException {
        Operand r = new Operand();
        switch (number(v, r)) {
            case Operand.INT: {
                long l = r.l;
                if (l > 0) return v;
                if (l == 0) {
                    // "-0" and the like become a plain 0
                    String s = v.toString();
                    for (int i = 0; i < s.length() && s.charAt(i) != '0'; i++) {
                        if (s.charAt(i) == '-') return TclObj.of(0);
                    }
                    return v;
                }
                if (l == Long.MIN_VALUE) return TclObj.of(BigInteger.valueOf(l).negate());
                return TclObj.of(-l);
            }
            case Operand.DBL: {
                double d = r.d;
                if (d > 0.0 || (d == 0.0 && Double.doubleToRawLongBits(d) == 0)) return v;
                return TclObj.of(-d);
            }
            case Operand.BIG: {
                BigInteger b = (BigInteger) r.o;
                return b.signum() < 0 ? TclObj.of(b.negate()) : v;
            }
            default:
                throw Operand.notANumber();
        }
    }

    /** entier(): integers as they are, doubles truncated (to a bignum when needed). */
    private static TclObj entier(TclObj v) throws TclException {
        Operand r = new Operand();
        switch (number(v, r)) {
            case Operand.DBL: {
                double d = r.d;
                if (d >= 0x1p63 || d <= -0x1p63) return TclObj.of(bigOfDouble(d));
                return TclObj.of((long) d);
            }
            case Operand.NAN:
                throw Operand.notANumber();
            default:
                return v;
        }
    }

    /** The integer part of a double as a bignum; infinities are too large. */
    private static BigInteger bigOfDouble(double d) throws TclException {
        if (Double.isInfinite(d)) throw tooLarge();
        return new BigDecimal(d).toBigInteger();
    }

    static TclException tooLarge() {
        String s = "integer value too large to represent";
        return TclException.error(s, "ARITH", "IOVERFLOW", s);
    }

    /** int() and wide(): the low 64 bits, as 8.6 does. */
    private static long wrapToLong(TclObj v) throws TclException {
        Operand r = new Operand();
        int t = r.classify(v);
        return t == Operand.INT ? r.l : ((BigInteger) r.o).longValue();
    }

    private static TclObj round(TclObj v) throws TclException {
        Operand r = new Operand();
        switch (number(v, r)) {
            case Operand.DBL: {
                double d = r.d;
                double ip = d < 0 ? Math.ceil(d) : Math.floor(d);
                double frac = d - ip;
                long max = Long.MAX_VALUE, min = Long.MIN_VALUE;
                if (frac <= -0.5) min++;
                else if (frac >= 0.5) max--;
                if (ip >= (double) max || ip <= (double) min) {
                    BigInteger b = bigOfDouble(ip);
                    if (frac <= -0.5) b = b.subtract(BigInteger.ONE);
                    else if (frac >= 0.5) b = b.add(BigInteger.ONE);
                    return TclObj.of(b);
                }
                long result = (long) ip;
                if (frac <= -0.5) result--;
                else if (frac >= 0.5) result++;
                return TclObj.of(result);
            }
            case Operand.NAN:
                throw Operand.notANumber();
            default:
                return v;
        }
    }

    /** The largest integer whose square is at most the argument. */
    private static TclObj isqrt(TclObj v) throws TclException {
        Operand r = new Operand();
        switch (number(v, r)) {
            case Operand.NAN:
                throw Operand.notANumber();
            case Operand.DBL: {
                double d = r.d;
                if (d < 0) throw negativeRoot();
                if (d <= 9007199254740991.0) return TclObj.of((long) Math.sqrt(d));
                return TclObj.of(bigOfDouble(d).sqrt());
            }
            case Operand.BIG: {
                BigInteger b = (BigInteger) r.o;
                if (b.signum() < 0) throw negativeRoot();
                return TclObj.of(b.sqrt());
            }
            default: {
                long l = r.l;
                if (l < 0) throw negativeRoot();
                double d = (double) l;
                if (d < 9007199254740991.0) return TclObj.of((long) Math.sqrt(d));
                return TclObj.of(BigInteger.valueOf(l).sqrt());
            }
        }
    }

    private static TclException negativeRoot() {
        return TclException.error("square root of negative argument", "ARITH", "DOMAIN",
                "domain error: argument not in valid range");
    }

    /** sqrt(): exact for integers too large for a double. */
    private static TclObj sqrt(TclObj v) throws TclException {
        Operand r = new Operand();
        double d = toDouble(v, r);
        if (d > 0 && Double.isInfinite(d) && (v.isIntRep() || v.rep() instanceof BigInteger)) {
            BigInteger b = v.asBigInteger();
            return TclObj.of(b.sqrt().doubleValue());
        }
        // unlike the other functions, Tcl's sqrt does not check for NaN: it returns C's -NaN
        if (d < 0) {
            TclObj nan = TclObj.of("-NaN");
            nan.toNumber();
            return nan;
        }
        return TclObj.of(Math.sqrt(d));
    }

    /** ceil() and floor(): for integers, the nearest double on the right side of the exact value. */
    private static double roundToIntegral(TclObj v, boolean up) throws TclException {
        Operand r = new Operand();
        double d = toDouble(v, r);
        if (!(v.isIntRep() || v.rep() instanceof BigInteger)) return up ? Math.ceil(d) : Math.floor(d);
        BigInteger b = v.asBigInteger();
        if (Double.isInfinite(d)) return d;
        int c = new BigDecimal(d).toBigInteger().compareTo(b);
        if (up && c < 0) return Math.nextUp(d);
        if (!up && c > 0) return Math.nextDown(d);
        return d;
    }

    private static void minMax(Interp interp, Namespace ns, String name, int sign) {
        interp.defineIn(ns, name, (in, objv) -> {
            if (objv.length < 2) throw new TclException("not enough arguments to math function \"" + name + "\"");
            TclObj best = null;
            Operand r = new Operand(), b = new Operand();
            int tb = 0;
            for (int i = 1; i < objv.length; i++) {
                TclObj v = objv[i];
                int t = r.classify(v);
                if (t == Operand.NONE) {
                    String s = v.toString();
                    String msg = "expected floating-point number but got \"" + s + "\"";
                    if (Operand.looksLikeBadOctal(s)) msg += " (looks like invalid octal number)";
                    throw new TclException(msg);
                }
                if (t == Operand.NAN) throw new TclException("floating point value is Not a Number");
                if (best == null || Integer.signum(Arith.compareNumbers(t, r, tb, b)) == sign) {
                    best = v;
                    tb = t;
                    Operand swap = b;
                    b = r;
                    r = swap;
                }
            }
            return best;
        });
    }

    // ---- rand and srand ----

    private static RandState randState(Interp interp) {
        RandState st = interp.getAssoc(RAND_KEY);
        if (st == null) {
            st = new RandState();
            interp.setAssoc(RAND_KEY, st);
        }
        return st;
    }

    /** The seed srand takes: any integer, reduced to its low bits. */
    private static long seedOf(TclObj v) throws TclException {
        Operand r = new Operand();
        int t = r.classify(v);
        if (t == Operand.INT) return r.l;
        if (t == Operand.BIG) return ((BigInteger) r.o).longValue();
        String code = t == Operand.NONE ? "NUMBER" : "INTEGER";
        throw TclException.error("expected integer but got \"" + v + "\"", "TCL", "VALUE", code);
    }

    /** Park and Miller's minimal standard generator, as Tcl's rand(). */
    private static double nextRandom(RandState st) {
        if (!st.seeded) {
            st.seeded = true;
            st.seed = (System.nanoTime() + (Thread.currentThread().threadId() << 12)) & 0x7fffffffL;
            if (st.seed == 0 || st.seed == 0x7fffffffL) st.seed ^= 123459876L;
        }
        final long ia = 16807, im = 2147483647, iq = 127773, ir = 2836;
        long tmp = st.seed / iq;
        st.seed = ia * (st.seed - tmp * iq) - ir * tmp;
        if (st.seed < 0) st.seed += im;
        return st.seed * (1.0 / im);
    }
}
