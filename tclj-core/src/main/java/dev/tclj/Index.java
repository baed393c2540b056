package dev.tclj;

/**
 * Tcl's index syntax for list and string positions (TclGetIntForIndex): an integer, {@code end},
 * {@code end+N}, {@code end-N}, {@code M+N} or {@code M-N}, where each integer has Tcl's integer
 * syntax (0x, 0o, 0b, leading-zero octal) and is taken modulo 2^32 as Tcl_GetInt does.
 *
 * <p>A value used as an index keeps its parsed form as its internal representation (an instance of
 * this class) unless it is a plain integer, which keeps the ordinary integer representation; so a
 * literal {@code end-1} in a loop body is parsed once.
 *
 * <p>Resolved indices are clamped to the int range; every caller treats anything outside
 * [0, length) as out of range, so clamping preserves the meaning.
 */
public final class Index {
    private final boolean fromEnd;
    private final long offset;

    private Index(boolean fromEnd, long offset) {
        this.fromEnd = fromEnd;
        this.offset = offset;
    }

    /** Resolves {@code o} against a sequence whose last index is {@code end}; error for bad syntax. */
    public static int get(TclObj o, int end) throws TclException {
        Object r = o.rep;
        if (r == TclObj.INT) {
            long v = o.bits;
            if (v > Integer.MIN_VALUE && v <= Integer.MAX_VALUE) return (int) v;
        } else if (r instanceof Index x) {
            return x.resolve(end);
        }
        int i = slow(o, end);
        if (i == NOT_INDEX) throw bad(o);
        return i;
    }

    /**
     * As {@link #get}, but returns {@link #NOT_INDEX} instead of throwing when {@code o} is not an
     * index (lindex uses it to tell an index from an index list).
     */
    public static int getOrInvalid(TclObj o, int end) {
        Object r = o.rep;
        if (r == TclObj.INT) {
            long v = o.bits;
            if (v > Integer.MIN_VALUE && v <= Integer.MAX_VALUE) return (int) v;
        } else if (r instanceof Index x) {
            return x.resolve(end);
        }
        return slow(o, end);
    }

    /** Never a resolved index (those are clamped to start above it). */
    public static final int NOT_INDEX = Integer.MIN_VALUE;

    /**
     * TclIndexEncode, for the -index options of lsort and lsearch: the index kept unresolved, to be
     * applied to each sublist with {@link #resolve}. An index that can select nothing in any list
     * (before the start, or past the end) is an error.
     */
    public static Index encode(TclObj o) throws TclException {
        Index x;
        if (o.rep instanceof Index c) {
            x = c;
        } else {
            int v = get(o, 0);
            x = o.rep instanceof Index c ? c : new Index(false, v);
        }
        if (x.fromEnd ? x.offset > 0 : (x.offset < 0 || x.offset >= Integer.MAX_VALUE)) {
            throw TclException.error("index \"" + o + "\" cannot select an element from any list",
                    "TCL", "VALUE", "INDEXOUTOFRANGE");
        }
        return x;
    }

    /** This index applied to a sequence whose last index is {@code end}. */
    public int resolve(int end) {
        long v = fromEnd ? end + offset : offset;
        return clamp(v);
    }

    private static int clamp(long v) {
        if (v < Integer.MIN_VALUE + 1) return Integer.MIN_VALUE + 1;
        if (v > Integer.MAX_VALUE) return Integer.MAX_VALUE;
        return (int) v;
    }

    private static int slow(TclObj o, int end) {
        if (o.rep == TclObj.INT) {
            // A long outside the int range: Tcl_GetInt accepts magnitudes up to 2^32-1 and wraps.
            long v = o.bits;
            if (v >= -0xFFFFFFFFL && v <= 0xFFFFFFFFL) return clamp((int) v);
            return NOT_INDEX;
        }
        if (o.toInteger()) {
            if (o.rep != TclObj.INT) return NOT_INDEX;
            long v = o.bits;
            return v >= -0xFFFFFFFFL && v <= 0xFFFFFFFFL ? clamp((int) v) : NOT_INDEX;
        }
        String s = o.toString();
        Index x = parse(s);
        if (x == null) return NOT_INDEX;
        Object r = o.rep;
        if (!(r instanceof TclList) && !(r instanceof TclDict)) o.setRep(x);
        return x.resolve(end);
    }

    /** The "bad index" error for {@code o}. */
    public static TclException bad(TclObj o) {
        String s = o.toString();
        String msg = "bad index \"" + s + "\": must be integer?[+-]integer? or end?[+-]integer?";
        String probe = s.startsWith("end-") ? s.substring(4) : s;
        if (NumberFormat.looksLikeBadOctal(probe)) msg += " (looks like invalid octal number)";
        return TclException.error(msg, "TCL", "VALUE", "INDEX");
    }

    private static final long NO_INT = Long.MIN_VALUE;

    /**
     * Tcl_GetInt on s[from, to): Tcl integer syntax with surrounding whitespace; magnitudes up to
     * 2^32-1 wrap to 32 bits. Returns NO_INT when it is not such an integer.
     */
    private static long getInt(String s, int from, int to) {
        if (from >= to) return NO_INT;
        TclObj t = TclObj.of(s.substring(from, to));
        if (t == TclObj.EMPTY || !t.toInteger() || t.rep != TclObj.INT) return NO_INT;
        long v = t.bits;
        if (v < -0xFFFFFFFFL || v > 0xFFFFFFFFL) return NO_INT;
        return (int) v;
    }

    /** Parses the end and M+N forms; null if s is neither (plain integers are handled before). */
    private static Index parse(String s) {
        int n = s.length();
        if (n > 0 && s.charAt(0) == 'e') {
            if (n <= 3) return "end".startsWith(s) ? new Index(true, 0) : null;
            if (!s.startsWith("end")) return null;
            char op = s.charAt(3);
            if (n == 4 || (op != '+' && op != '-') || isSpace(s.charAt(4))) return null;
            long v = getInt(s, 4, n);
            if (v == NO_INT) return null;
            return new Index(true, op == '-' ? -v : v);
        }
        int i = 0;
        while (i < n && isSpace(s.charAt(i))) i++;
        int opPos = integerPrefixEnd(s, i, n);
        if (opPos <= i || opPos >= n - 1) return null;
        char op = s.charAt(opPos);
        if ((op != '+' && op != '-') || isSpace(s.charAt(opPos + 1))) return null;
        long a = getInt(s, i, opPos);
        long b = getInt(s, opPos + 1, n);
        if (a == NO_INT || b == NO_INT) return null;
        return new Index(false, op == '-' ? a - b : a + b);
    }

    /** The end of the longest integer at s[i..) (sign, radix prefix, digits); i if there is none. */
    private static int integerPrefixEnd(String s, int i, int n) {
        int start = i;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        if (i >= n) return start;
        char c = s.charAt(i);
        if (c == '0') {
            if (i + 1 < n) {
                char p = s.charAt(i + 1);
                int radix = p == 'x' || p == 'X' ? 16 : p == 'o' || p == 'O' ? 8 : p == 'b' || p == 'B' ? 2 : 0;
                if (radix != 0) {
                    int j = i + 2;
                    while (j < n && Character.digit(s.charAt(j), radix) >= 0 && s.charAt(j) < 128) j++;
                    if (j > i + 2) return j;
                    return i + 1;
                }
            }
            int j = i + 1;
            while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '7') j++;
            return j;
        }
        if (c < '0' || c > '9') return start;
        int j = i;
        while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') j++;
        return j;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f';
    }
}
