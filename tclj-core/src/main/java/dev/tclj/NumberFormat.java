package dev.tclj;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Tcl's number syntax: parsing integers (decimal, 0x, 0o, 0b and 8.6's leading-zero octal, of any
 * size), doubles (including Inf and NaN), boolean spellings, and printing doubles as tclsh does
 * (shortest round-trip digits, exponent form below 1e-4 and from 1e17).
 */
public final class NumberFormat {
    private NumberFormat() {}

    /**
     * Parses {@code s} as a Tcl number and caches it in {@code o}. Leading and trailing whitespace
     * is allowed, as in Tcl. Returns false when s is not a number.
     */
    static boolean parseNumberInto(TclObj o, String s) {
        int n = s.length();
        if (n == 0) return false;
        // Fast path: plain decimal integers that fit in a long.
        char c0 = s.charAt(0);
        if (n < 19 && (c0 >= '1' && c0 <= '9' || (c0 == '-' && n > 1 && s.charAt(1) >= '1' && s.charAt(1) <= '9') || (c0 == '0' && n == 1))) {
            int i = c0 == '-' ? 1 : 0;
            long v = 0;
            boolean ok = true;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') { ok = false; break; }
                v = v * 10 + (c - '0');
            }
            if (ok) { o.setInt(c0 == '-' ? -v : v); return true; }
        }
        return parseSlow(o, s);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f';
    }

    private static boolean parseSlow(TclObj o, String s) {
        int n = s.length();
        int b = 0, e = n;
        while (b < e && isSpace(s.charAt(b))) b++;
        while (e > b && isSpace(s.charAt(e - 1))) e--;
        if (b == e) return false;
        int i = b;
        boolean neg = false;
        char c = s.charAt(i);
        if (c == '-' || c == '+') { neg = c == '-'; i++; }
        if (i >= e) return false;
        c = s.charAt(i);
        // radix prefixes
        if (c == '0' && i + 1 < e) {
            char p = s.charAt(i + 1);
            int radix = 0;
            if (p == 'x' || p == 'X') radix = 16;
            else if (p == 'o' || p == 'O') radix = 8;
            else if (p == 'b' || p == 'B') radix = 2;
            if (radix != 0) {
                return setInteger(o, s, i + 2, e, radix, neg);
            }
        }
        // decimal integer, legacy octal, or double
        int j = i;
        while (j < e && Character.isDigit(s.charAt(j)) && s.charAt(j) < 128) j++;
        if (j == e && j > i) {
            if (s.charAt(i) == '0' && e - i > 1) {
                // 8.6: a leading zero means octal
                return setInteger(o, s, i + 1, e, 8, neg);
            }
            return setInteger(o, s, i, e, 10, neg);
        }
        // double forms
        return parseDouble(o, s, b, e);
    }

    private static boolean setInteger(TclObj o, String s, int from, int to, int radix, boolean neg) {
        if (from >= to) return false;
        long v = 0;
        boolean overflow = false;
        for (int k = from; k < to; k++) {
            int d = Character.digit(s.charAt(k), radix);
            if (d < 0 || s.charAt(k) > 127) return false;
            if (!overflow) {
                if (v > (Long.MAX_VALUE - d) / radix) overflow = true;
                else v = v * radix + d;
            }
        }
        if (!overflow) { o.setInt(neg ? -v : v); return true; }
        BigInteger big = new BigInteger(s.substring(from, to), radix);
        if (neg) big = big.negate();
        if (big.bitLength() < 64) o.setInt(big.longValue());
        else o.setBig(big);
        return true;
    }

    private static boolean parseDouble(TclObj o, String s, int b, int e) {
        String t = s.substring(b, e);
        // Special values: Inf, Infinity, NaN (case-insensitive), with optional sign for Inf.
        String u = t;
        boolean neg = false;
        if (!u.isEmpty() && (u.charAt(0) == '-' || u.charAt(0) == '+')) { neg = u.charAt(0) == '-'; u = u.substring(1); }
        if (u.equalsIgnoreCase("inf") || u.equalsIgnoreCase("infinity")) {
            o.setDouble(neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            return true;
        }
        if (u.length() >= 3 && u.regionMatches(true, 0, "nan", 0, 3)) {
            long payload = nanPayload(u);
            if (payload < 0) return false;
            // quiet NaN with the sign and the low 51 bits of the payload, as Tcl builds it
            long bits = 0x7FF8000000000000L | (payload & 0x0007FFFFFFFFFFFFL) | (neg ? Long.MIN_VALUE : 0);
            o.setDouble(Double.longBitsToDouble(bits));
            return true;
        }
        // digits [. digits] [e [sign] digits] with at least one digit in mantissa
        int k = 0, n = u.length();
        int digits = 0;
        while (k < n && isAsciiDigit(u.charAt(k))) { k++; digits++; }
        if (k < n && u.charAt(k) == '.') {
            k++;
            while (k < n && isAsciiDigit(u.charAt(k))) { k++; digits++; }
        }
        if (digits == 0) return false;
        if (k < n && (u.charAt(k) == 'e' || u.charAt(k) == 'E')) {
            k++;
            if (k < n && (u.charAt(k) == '+' || u.charAt(k) == '-')) k++;
            int ed = 0;
            while (k < n && isAsciiDigit(u.charAt(k))) { k++; ed++; }
            if (ed == 0) return false;
        }
        if (k != n) return false;
        try {
            double d = Double.parseDouble(t);
            o.setDouble(d);
            return true;
        } catch (NumberFormatException ex) {
            return false;
        }
    }

    private static boolean isAsciiDigit(char c) { return c >= '0' && c <= '9'; }

    /**
     * The payload of "NaN" or "NaN(hex)" (u starts with nan, any case): up to 13 hex digits,
     * white space allowed anywhere between the parentheses. 0 for a bare NaN, -1 if malformed.
     */
    private static long nanPayload(String u) {
        int n = u.length();
        if (n == 3) return 0;
        if (u.charAt(3) != '(' || u.charAt(n - 1) != ')') return -1;
        long v = 0;
        int digits = 0;
        for (int k = 4; k < n - 1; k++) {
            char c = u.charAt(k);
            if (isSpace(c)) continue;
            int d = c < 128 ? Character.digit(c, 16) : -1;
            if (d < 0 || ++digits > 13) return -1;
            v = v << 4 | d;
        }
        return digits == 0 ? -1 : v;
    }

    /**
     * TclCheckBadOctal, asked of a word that failed to parse as a number: whether it is a leading
     * zero (with an optional 0o prefix) followed only by decimal digits, so that the error can add
     * "(looks like invalid octal number)".
     */
    public static boolean looksLikeBadOctal(String s) {
        int i = 0, n = s.length();
        while (i < n && isSpace(s.charAt(i))) i++;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        if (i >= n || s.charAt(i) != '0') return false;
        if (i + 1 < n && (s.charAt(i + 1) == 'o' || s.charAt(i + 1) == 'O')) i += 2;
        while (i < n && isAsciiDigit(s.charAt(i))) i++;
        while (i < n && isSpace(s.charAt(i))) i++;
        return i == n;
    }

    /** Parses a Tcl boolean word (not a number): 1 for true, 0 for false, -1 if not one. */
    public static int parseBoolean(String s) {
        int n = s.length();
        if (n == 0 || n > 5) return -1;
        String l = s.toLowerCase();
        switch (l.charAt(0)) {
            case 't': return "true".startsWith(l) ? 1 : -1;
            case 'f': return "false".startsWith(l) ? 0 : -1;
            case 'y': return "yes".startsWith(l) ? 1 : -1;
            case 'n': return "no".startsWith(l) ? 0 : -1;
            case 'o':
                if (n < 2) return -1;
                if ("on".equals(l)) return 1;
                if ("off".startsWith(l)) return 0;
                return -1;
            default: return -1;
        }
    }

    /**
     * tcl_precision of this thread: 0 for the shortest digits that read back, else the number of
     * significant digits (1 to 17). Like Tcl's, it is per thread and shared by the interpreters of
     * the thread (see {@link PrecisionVar}).
     */
    private static final ThreadLocal<int[]> PRECISION = ThreadLocal.withInitial(() -> new int[1]);

    public static int precision() { return PRECISION.get()[0]; }

    static void setPrecision(int digits) { PRECISION.get()[0] = digits; }

    /** Formats a double as Tcl 8.6 does, with the thread's tcl_precision. */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            // Tcl shows a payload other than the default quiet NaN's: NaN(123456789abc)
            long bits = Double.doubleToRawLongBits(d);
            long payload = bits & 0x0007FFFFFFFFFFFFL;
            String nan = payload == 0 ? "NaN" : "NaN(" + Long.toHexString(payload) + ")";
            return bits < 0 ? "-" + nan : nan;
        }
        if (Double.isInfinite(d)) return d > 0 ? "Inf" : "-Inf";
        if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
        int precision = PRECISION.get()[0];
        String digits;
        int pointPos; // digits before the decimal point
        if (precision == 0) {
            // Shortest digits that read back as d (Steele-White/Gay "mode 0").
            String[] de = shortestDigits(Math.abs(d));
            digits = de[0];
            pointPos = Integer.parseInt(de[1]);
        } else {
            // tcl_precision digits, correctly rounded (ties to even), trailing zeros dropped
            BigDecimal r = new BigDecimal(Math.abs(d)).round(new java.math.MathContext(precision, java.math.RoundingMode.HALF_EVEN));
            String u = r.unscaledValue().toString();
            pointPos = u.length() - r.scale();
            int end = u.length();
            while (end > 1 && u.charAt(end - 1) == '0') end--;
            digits = u.substring(0, end);
        }
        int exp = pointPos - 1; // scientific exponent
        StringBuilder out = new StringBuilder(24);
        if (d < 0) out.append('-');
        if (exp < -4 || exp >= 17) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) out.append('.').append(digits, 1, digits.length());
            out.append('e').append(exp < 0 ? '-' : '+');
            // with a tcl_precision, Tcl keeps 8.4's two-digit exponents (1e+05)
            if (precision != 0 && Math.abs(exp) < 10) out.append('0');
            out.append(Math.abs(exp));
        } else if (pointPos <= 0) {
            out.append("0.");
            for (int i = 0; i < -pointPos; i++) out.append('0');
            out.append(digits);
        } else if (pointPos >= digits.length()) {
            out.append(digits);
            for (int i = digits.length(); i < pointPos; i++) out.append('0');
            out.append(".0");
        } else {
            out.append(digits, 0, pointPos).append('.').append(digits, pointPos, digits.length());
        }
        return out.toString();
    }

    /**
     * The shortest decimal digit string (without trailing zeros) that reads back as the positive
     * double v, and the position of the decimal point (digits before it). Among equally short
     * candidates the one nearest to v. Java's Double.toString is shortest only up to asymmetric
     * intervals (powers of two) and always prints two digits; this corrects both.
     */
    static String[] shortestDigits(double v) {
        String js = Double.toString(v);
        int ePos = js.indexOf('E');
        String mant = ePos < 0 ? js : js.substring(0, ePos);
        int e10 = ePos < 0 ? 0 : Integer.parseInt(js.substring(ePos + 1));
        int dot = mant.indexOf('.');
        String all = mant.substring(0, dot) + mant.substring(dot + 1);
        int pointPos = dot + e10;
        int lead = 0;
        while (lead < all.length() - 1 && all.charAt(lead) == '0') { lead++; pointPos--; }
        String digits = all.substring(lead);
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') end--;
        digits = digits.substring(0, end);
        // Try fewer digits: rounding down and up at each length.
        BigDecimal exact = new BigDecimal(v);
        // Tcl 8.6 (TclDoubleDigits) treats the rounding interval of a power of two as symmetric,
        // with the half-gap above it, and so prints 2**64 as 1.844674407370955e+19 (which does
        // not read back exactly). tclsh is the reference: do the same.
        long bits = Double.doubleToRawLongBits(v);
        boolean pow2 = (bits & 0x000FFFFFFFFFFFFFL) == 0 && (bits >>> 52) > 1;
        BigDecimal halfUp = pow2 ? new BigDecimal(Math.nextUp(v)).subtract(exact).divide(BigDecimal.valueOf(2)) : null;
        for (int n = digits.length() - 1; n >= 1; n--) {
            BigDecimal best = null;
            String bestDigits = null;
            int bestPoint = 0;
            BigDecimal base = new BigDecimal(new java.math.BigInteger(digits.substring(0, n)));
            for (int delta = 0; delta <= 1; delta++) {
                BigDecimal cand = base.add(BigDecimal.valueOf(delta));
                // value = cand * 10^(pointPos - n)
                BigDecimal val = cand.scaleByPowerOfTen(pointPos - n);
                BigDecimal dist = val.subtract(exact).abs();
                if (pow2 ? dist.compareTo(halfUp) > 0 : Double.parseDouble(val.toString()) != v) continue;
                if (best == null || dist.compareTo(best) < 0) {
                    best = dist;
                    String cs = cand.toPlainString();
                    int pp = pointPos + (cs.length() - n);
                    int ce = cs.length();
                    while (ce > 1 && cs.charAt(ce - 1) == '0') ce--;
                    bestDigits = cs.substring(0, ce);
                    bestPoint = pp;
                }
            }
            if (bestDigits == null) break;
            digits = bestDigits;
            pointPos = bestPoint;
            if (digits.length() < n) n = digits.length() + 1;
        }
        return new String[]{digits, Integer.toString(pointPos)};
    }

    /** Parses an exact decimal string to BigDecimal (used by format for bignums). */
    static BigDecimal toBigDecimal(double d) { return new BigDecimal(d); }
}
