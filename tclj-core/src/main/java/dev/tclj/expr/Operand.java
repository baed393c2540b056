package dev.tclj.expr;

import dev.tclj.NumberFormat;
import dev.tclj.TclException;
import dev.tclj.TclObj;

import java.math.BigInteger;

/**
 * The register an expression evaluates into, so that the long fast path allocates nothing: a node
 * returns the type of its value ({@link #INT}, {@link #DBL}, {@link #BIG} or {@link #OBJ}) and
 * leaves the value in {@link #l}, {@link #d} or {@link #o}.
 *
 * <p>One register serves a whole evaluation: a node that needs its left operand after evaluating
 * its right one copies it to locals first. {@link #OBJ} is a Tcl value as it came (a variable, a
 * literal, a command result): numeric operators classify it, string operators use its string.
 *
 * <p>Also here: Tcl's classification of a value as a number and the errors that go with it.
 */
final class Operand {
    static final int INT = 0, DBL = 1, BIG = 2, OBJ = 3;
    /** Classification results beyond the value types: a NaN double, and not a number at all. */
    static final int NAN = 4, NONE = 5;

    long l;
    double d;
    /** The BigInteger of a {@link #BIG} or the TclObj of an {@link #OBJ}. */
    Object o;

    Operand set(long v) { l = v; return this; }

    /**
     * Turns an {@link #OBJ} holding a long or a (non-NaN) double into {@link #INT} or {@link #DBL}
     * without allocating; anything else is left as it is for the slow paths.
     */
    int fast(int t) {
        if (t == OBJ) {
            TclObj v = (TclObj) o;
            if (v.isIntRep()) { l = v.rawLong(); return INT; }
            if (v.isDoubleRep()) {
                double x = v.rawDouble();
                if (x == x) { d = x; return DBL; }
            }
        }
        return t;
    }

    /** Normalises a bignum result: one that fits in a long becomes {@link #INT}. */
    int big(BigInteger b) {
        if (b.bitLength() < 64) { l = b.longValue(); return INT; }
        o = b;
        return BIG;
    }

    // ---- classification of values as numbers ----

    /**
     * Classifies a value as Tcl's GetNumberFromObj does: INT, DBL, BIG (value left in this
     * register), NAN, or NONE when the string is not a number (the empty string is never one).
     */
    int classify(TclObj v) {
        if (v.isIntRep()) { l = v.rawLong(); return INT; }
        if (v.isDoubleRep()) {
            double x = v.rawDouble();
            d = x;
            return x != x ? NAN : DBL;
        }
        Object rep = v.rep();
        if (rep instanceof BigInteger b) { o = b; return BIG; }
        if (!v.toNumber()) return NONE;
        if (v.isIntRep()) { l = v.rawLong(); return INT; }
        if (v.isDoubleRep()) {
            double x = v.rawDouble();
            d = x;
            return x != x ? NAN : DBL;
        }
        o = v.rep();
        return BIG;
    }

    /**
     * Makes the value of type t numeric for operator op: an {@link #OBJ} is classified; a value
     * that is no number, or NaN, is the error Tcl gives for the operator.
     */
    int numeric(int t, String op) throws TclException {
        if (t != OBJ) return t;
        TclObj v = (TclObj) o;
        int c = classify(v);
        if (c >= NAN) throw illegalOperand(op, c, v);
        return c;
    }

    /** As {@link #numeric} for the integer-only operators: doubles are errors too. */
    int integer(int t, String op) throws TclException {
        if (t == DBL) throw illegalOperand(op, DBL, null);
        if (t != OBJ) return t;
        TclObj v = (TclObj) o;
        int c = classify(v);
        if (c >= DBL && c != BIG) throw illegalOperand(op, c, v);
        return c;
    }

    /** The value as a BigInteger (type INT or BIG). */
    BigInteger bigValue(int t) {
        return t == INT ? BigInteger.valueOf(l) : (BigInteger) o;
    }

    /** The value as a double (type INT, DBL or BIG). */
    double doubleValue(int t) {
        switch (t) {
            case INT: return (double) l;
            case DBL: return d;
            default: return ((BigInteger) o).doubleValue();
        }
    }

    /** The value as a TclObj (numbers get a pure numeric value). */
    TclObj box(int t) {
        switch (t) {
            case INT: return TclObj.of(l);
            case DBL: return TclObj.of(d);
            case BIG: return TclObj.of((BigInteger) o);
            default: return (TclObj) o;
        }
    }

    /** The string form of the value (for string comparison and list membership). */
    String string(int t) {
        switch (t) {
            case INT: return Long.toString(l);
            case DBL: return NumberFormat.formatDouble(d);
            case BIG: return o.toString();
            default: return o.toString();
        }
    }

    /**
     * Tcl's final conversion of an expression result (INST_TRY_CVT_TO_NUMERIC): a value that is a
     * number becomes that number in canonical form; NaN is an error; other strings stay as they are.
     */
    TclObj convert(int t) throws TclException {
        if (t != OBJ) return box(t);
        TclObj v = (TclObj) o;
        if (!v.hasString()) {
            // a pure number is already canonical
            if (v.isIntRep() || v.rep() instanceof BigInteger) return v;
            if (v.isDoubleRep()) {
                if (v.rawDouble() != v.rawDouble()) throw domainError();
                return v;
            }
        }
        switch (classify(v)) {
            case INT: return TclObj.of(l);
            case DBL: return TclObj.of(d);
            case BIG: return TclObj.of((BigInteger) o);
            case NAN: throw domainError();
            default: return v;
        }
    }

    // ---- booleans ----

    /** The value as a boolean for &&, ||, ?: and conditions (Tcl_GetBooleanFromObj). */
    boolean truth(int t) throws TclException {
        switch (t) {
            case INT: return l != 0;
            case DBL: return d != 0.0;
            case BIG: return ((BigInteger) o).signum() != 0;
            default: return truth((TclObj) o);
        }
    }

    boolean truth(TclObj v) throws TclException {
        if (v.isIntRep()) return v.rawLong() != 0;
        if (v.isDoubleRep()) {
            double x = v.rawDouble();
            if (x != x) throw notANumber();
            return x != 0.0;
        }
        Object rep = v.rep();
        if (rep == TclObj.BOOL) return v.asBoolean();
        if (rep instanceof BigInteger b) return b.signum() != 0;
        String s = v.toString();
        if (NumberFormat.parseBoolean(s) >= 0) return v.asBoolean();
        switch (classify(v)) {
            case INT: return l != 0;
            case DBL: return d != 0.0;
            case BIG: return ((BigInteger) o).signum() != 0;
            case NAN: throw notANumber();
            default: throw notBoolean(s);
        }
    }

    /** The operand of ! as a boolean: failures are operand errors, not boolean ones. */
    boolean notOperand(int t) throws TclException {
        if (t != OBJ) return truth(t);
        TclObj v = (TclObj) o;
        if (v.isIntRep()) return v.rawLong() != 0;
        Object rep = v.rep();
        if (rep == TclObj.BOOL) return v.asBoolean();
        if (!(rep instanceof BigInteger) && NumberFormat.parseBoolean(v.toString()) >= 0) return v.asBoolean();
        int c = classify(v);
        if (c >= NAN) throw illegalOperand("!", c, v);
        return truth(c);
    }

    // ---- errors ----

    /** Tcl's IllegalExprOperandType: "can't use X as operand of "op"". */
    static TclException illegalOperand(String op, int kind, TclObj v) {
        String what;
        switch (kind) {
            case NONE: {
                String s = v.toString();
                if (s.isEmpty()) what = "empty string";
                else if (looksLikeBadOctal(s)) what = "invalid octal number";
                else what = "non-numeric string";
                break;
            }
            case NAN: what = "non-numeric floating-point value"; break;
            case DBL: what = "floating-point value"; break;
            default: what = "(big) integer"; break;
        }
        return TclException.error("can't use " + what + " as operand of \"" + op + "\"", "ARITH", "DOMAIN", what);
    }

    static TclException domainError() {
        String s = "domain error: argument not in valid range";
        return TclException.error(s, "ARITH", "DOMAIN", s);
    }

    static TclException notANumber() {
        return TclException.error("floating point value is Not a Number", "TCL", "VALUE", "DOUBLE", "NAN");
    }

    static TclException notBoolean(String s) {
        String msg = "expected boolean value but got \"" + s + "\"";
        if (looksLikeBadOctal(s)) msg += " (looks like invalid octal number)";
        return TclException.error(msg, "TCL", "VALUE", "NUMBER");
    }

    static TclException divideByZero() {
        return TclException.error("divide by zero", "ARITH", "DIVZERO", "divide by zero");
    }

    /** Tcl's TclCheckBadOctal: a leading zero followed only by digits (some of them 8 or 9). */
    static boolean looksLikeBadOctal(String s) {
        int i = 0, n = s.length();
        while (i < n && isSpace(s.charAt(i))) i++;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        if (i >= n || s.charAt(i) != '0') return false;
        if (i + 1 < n && (s.charAt(i + 1) == 'o' || s.charAt(i + 1) == 'O')) i += 2;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        while (i < n && isSpace(s.charAt(i))) i++;
        return i == n;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f';
    }
}
