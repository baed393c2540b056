package dev.tclj;

import java.math.BigInteger;

/**
 * A Tcl value: a string form and a cached internal form, converted lazily (Tcl_Obj's dual port).
 *
 * <p>Invariants: at least one of {@code str} and {@code rep} is valid. A value never changes as seen
 * from outside: conversions only replace the cached internal form, and the string form, once
 * generated, is kept exactly as written (so {@code 0x10} stays {@code 0x10} after use as a number).
 *
 * <p>Internal forms: {@link #INT} (a long in {@code bits}), {@link #DOUBLE} (a double's bits in
 * {@code bits}), {@link #BOOL} (a boolean spelling such as {@code yes}: 0 or 1 in {@code bits}),
 * {@link BigInteger}, {@link TclList}, {@link TclDict}, {@link StringBuilderRep} (a string being
 * appended to) and caches owned by other packages (parsed scripts, compiled expressions).
 *
 * <p>Values are confined to the thread of the interpreter that uses them, as in Tcl.
 */
public final class TclObj {
    /** Marker reps: compared by identity on hot paths. */
    public static final Object INT = new Object() { public String toString() { return "int"; } };
    public static final Object DOUBLE = new Object() { public String toString() { return "double"; } };
    public static final Object BOOL = new Object() { public String toString() { return "boolean"; } };

    public static final TclObj EMPTY = new TclObj("");

    String str;
    Object rep;
    long bits;

    TclObj(String s) { this.str = s; }

    private TclObj(Object rep, long bits) { this.rep = rep; this.bits = bits; }

    // ---- construction ----

    public static TclObj of(String s) { return s.isEmpty() ? EMPTY : new TclObj(s); }

    public static TclObj of(long v) { return new TclObj(INT, v); }

    public static TclObj of(int v) { return new TclObj(INT, v); }

    public static TclObj of(boolean b) { return new TclObj(INT, b ? 1 : 0); }

    public static TclObj of(double d) { return new TclObj(DOUBLE, Double.doubleToRawLongBits(d)); }

    /** A bignum, normalised to a long when it fits. */
    public static TclObj of(BigInteger b) {
        if (b.bitLength() < 64) return of(b.longValue());
        return new TclObj(b, 0);
    }

    public static TclObj ofRep(Object rep) { return new TclObj(rep, 0); }

    public static TclObj ofList(TclObj... items) { return new TclObj(new TclList(items, items.length), 0); }

    public static TclObj ofList(TclList l) { return new TclObj(l, 0); }

    public static TclObj ofDict(TclDict d) { return new TclObj(d, 0); }

    // ---- string form ----

    @Override
    public String toString() {
        String s = str;
        if (s == null) s = str = generateString();
        return s;
    }

    /**
     * Appends the string form to sb. An integer without a string form is written as digits and
     * keeps having none: a word like {@code k$i} would otherwise leave every value of i carrying
     * a string it never needs again (memory that lives as long as the value, say in a dict).
     */
    public void appendTo(StringBuilder sb) {
        String s = str;
        if (s != null) sb.append(s);
        else if (rep == INT) sb.append(bits);
        else sb.append(toString());
    }

    /** Whether a string form exists without generating one. */
    public boolean hasString() { return str != null; }

    private String generateString() {
        Object r = rep;
        if (r == INT) return Long.toString(bits);
        if (r == DOUBLE) return NumberFormat.formatDouble(Double.longBitsToDouble(bits));
        if (r instanceof BigInteger b) return b.toString();
        if (r instanceof TclList l) return l.toString();
        if (r instanceof TclDict d) return d.toString();
        if (r instanceof StringBuilderRep sb) return sb.string();
        if (r == BOOL) throw new IllegalStateException("boolean rep without string");
        throw new IllegalStateException("no string form for " + r);
    }

    public Object rep() { return rep; }

    /** Caches an internal form owned by another package (a parsed script, a compiled expr...). */
    public void setRep(Object r) {
        if (str == null) toString();
        if (this == EMPTY) return;
        rep = r;
    }

    public int length() { return toString().length(); }

    public boolean isEmptyString() {
        if (str != null) return str.isEmpty();
        Object r = rep;
        if (r instanceof TclList l) return l.size() == 0;
        if (r instanceof TclDict d) return d.size() == 0;
        return toString().isEmpty();
    }

    // ---- numbers ----

    public boolean isIntRep() { return rep == INT; }

    public boolean isDoubleRep() { return rep == DOUBLE; }

    public long rawLong() { return bits; }

    public double rawDouble() { return Double.longBitsToDouble(bits); }

    /**
     * Converts to a number if the string form is one, caching the result. Returns false (and leaves
     * the value unchanged) when it is not a number.
     */
    public boolean toNumber() {
        Object r = rep;
        if (r == INT || r == DOUBLE || r instanceof BigInteger) return true;
        if (r == BOOL) { /* a boolean spelling such as "1" may also be a number */ }
        return NumberFormat.parseNumberInto(this, toString());
    }

    /** Converts to an integer (long or bignum) if the string form is one. */
    public boolean toInteger() {
        Object r = rep;
        if (r == INT || r instanceof BigInteger) return true;
        if (r == DOUBLE) return false;
        if (!NumberFormat.parseNumberInto(this, toString())) return false;
        return rep == INT || rep instanceof BigInteger;
    }

    /** Sets the cached form; used by the number parser. */
    void setInt(long v) { if (this != EMPTY) { rep = INT; bits = v; } }
    void setDouble(double d) { if (this != EMPTY) { rep = DOUBLE; bits = Double.doubleToRawLongBits(d); } }
    void setBig(BigInteger b) { if (this != EMPTY) { rep = b; } }

    /** The value as a long; a bignum that does not fit is an error, as in Tcl_GetLongFromObj. */
    public long asLong() throws TclException {
        if (rep == INT) return bits;
        return asLongSlow();
    }

    private long asLongSlow() throws TclException {
        if (toInteger()) {
            if (rep == INT) return bits;
            BigInteger b = (BigInteger) rep;
            // Tcl accepts values in the unsigned 64-bit range for wide ints.
            throw TclException.error("integer value too large to represent", "ARITH", "IOVERFLOW",
                    "integer value too large to represent");
        }
        throw notInteger();
    }

    /** The value as an int (list indices, counts...): errors as Tcl_GetIntFromObj. */
    public int asInt() throws TclException {
        long v = asLong();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            // Tcl_GetIntFromObj accepts values that fit in an unsigned int too
            if (v > 0 && v <= 0xFFFFFFFFL) return (int) v;
            throw TclException.error("integer value too large to represent", "ARITH", "IOVERFLOW",
                    "integer value too large to represent");
        }
        return (int) v;
    }

    /** The value as an integer of any size. */
    public BigInteger asBigInteger() throws TclException {
        if (rep == INT) return BigInteger.valueOf(bits);
        if (toInteger()) return rep == INT ? BigInteger.valueOf(bits) : (BigInteger) rep;
        throw notInteger();
    }

    TclException notInteger() {
        String s = toString();
        String msg = "expected integer but got \"" + s + "\"";
        if (NumberFormat.looksLikeBadOctal(s)) msg += " (looks like invalid octal number)";
        return TclException.error(msg, "TCL", "VALUE", "INTEGER");
    }

    public double asDouble() throws TclException {
        Object r = rep;
        if (r == DOUBLE) return Double.longBitsToDouble(bits);
        if (r == INT) return (double) bits;
        if (toNumber()) {
            if (rep == DOUBLE) return Double.longBitsToDouble(bits);
            if (rep == INT) return (double) bits;
            return ((BigInteger) rep).doubleValue();
        }
        throw TclException.error("expected floating-point number but got \"" + this + "\"",
                "TCL", "VALUE", "NUMBER");
    }

    // ---- booleans ----

    /** The value as a boolean: numbers (non-zero is true) and every Tcl spelling. */
    public boolean asBoolean() throws TclException {
        Object r = rep;
        if (r == INT || r == BOOL) return bits != 0;
        if (r == DOUBLE) return Double.longBitsToDouble(bits) != 0.0;
        int b = NumberFormat.parseBoolean(toString());
        if (b >= 0) {
            if (rep == null || !(rep instanceof BigInteger)) { rep = BOOL; bits = b; }
            return b == 1;
        }
        if (toNumber()) {
            if (rep == INT) return bits != 0;
            if (rep == DOUBLE) return Double.longBitsToDouble(bits) != 0.0;
            return ((BigInteger) rep).signum() != 0;
        }
        throw TclException.error("expected boolean value but got \"" + this + "\"", "TCL", "VALUE", "NUMBER");
    }

    /** Whether the value is a boolean (a number or a boolean word), without error. */
    public boolean isBoolean() {
        try { asBoolean(); return true; } catch (TclException e) { return false; }
    }

    // ---- lists and dicts ----

    /** The value as a list, parsing and caching it. */
    public TclList asList() throws TclException {
        Object r = rep;
        if (r instanceof TclList l) return l;
        return toListSlow();
    }

    private TclList toListSlow() throws TclException {
        Object r = rep;
        TclList l;
        if (r instanceof TclDict d && str == null) {
            // a dict with no string form: its list form is its entries (a dict parsed from a
            // string is re-read from the string, which may repeat keys)
            l = d.toList();
        } else if (r == INT || r == DOUBLE || r instanceof BigInteger) {
            if (str == null) toString();
            l = new TclList(new TclObj[]{ this.copyPlain() }, 1);
        } else {
            String s = toString();
            l = ListParser.parse(s);
        }
        if (this != EMPTY) rep = l;
        return l;
    }

    /** A new value with this value's string and number form but no shared identity. */
    private TclObj copyPlain() {
        TclObj c = new TclObj(str);
        c.rep = rep; c.bits = bits;
        return c;
    }

    public TclDict asDict() throws TclException {
        Object r = rep;
        if (r instanceof TclDict d) return d;
        return TclDict.from(this);
    }

    /** Whether this value is a well-formed list (parses it). */
    public boolean isList() {
        try { asList(); return true; } catch (TclException e) { return false; }
    }

    // ---- equality (string equality, as in Tcl) ----

    public boolean stringEquals(TclObj o) {
        return this == o || toString().equals(o.toString());
    }
}
