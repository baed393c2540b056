package dev.tclj.cmd;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * C printf's %e %E %f %g %G for doubles, digit for digit as glibc prints them: the exact binary
 * value rounded half-even at the requested digit, with the flags - + space 0 # and a width.
 * (Java's own formatter differs in %g and in rounding.)
 */
final class PrintfFloat {
    private PrintfFloat() {}

    /**
     * Formats d. {@code precision} < 0 means none given (6). Flags as in C; conv is one of e E f g G.
     */
    static String format(double d, char conv, int width, int precision, boolean minus, boolean plus,
                         boolean space, boolean zero, boolean hash) {
        boolean upper = conv == 'E' || conv == 'G';
        boolean negative = (Double.doubleToRawLongBits(d) < 0);
        String sign = negative ? "-" : plus ? "+" : space ? " " : "";
        String body;
        boolean finite = !Double.isNaN(d) && !Double.isInfinite(d);
        if (!finite) {
            body = Double.isNaN(d) ? "nan" : "inf";
            if (upper) body = body.toUpperCase();
            zero = false;
        } else {
            int p = precision < 0 ? 6 : precision;
            double a = Math.abs(d);
            switch (Character.toLowerCase(conv)) {
                case 'f' -> body = fixed(a, p, hash);
                case 'e' -> body = exponential(a, p, hash, upper);
                default -> body = general(a, p == 0 ? 1 : p, hash, upper);
            }
        }
        int len = sign.length() + body.length();
        if (len >= width) return sign + body;
        StringBuilder sb = new StringBuilder(width);
        if (minus) {
            sb.append(sign).append(body);
            while (sb.length() < width) sb.append(' ');
        } else if (zero) {
            sb.append(sign);
            for (int i = len; i < width; i++) sb.append('0');
            sb.append(body);
        } else {
            for (int i = len; i < width; i++) sb.append(' ');
            sb.append(sign).append(body);
        }
        return sb.toString();
    }

    private static String fixed(double a, int p, boolean hash) {
        String s = null;
        long r = scaledRound(a, p);
        if (r >= 0) {
            String rs = Long.toString(r);
            if (p == 0) {
                s = rs;
            } else {
                StringBuilder sb = new StringBuilder(rs.length() + 3);
                int intLen = rs.length() - p;
                if (intLen <= 0) {
                    sb.append("0.");
                    for (int i = intLen; i < 0; i++) sb.append('0');
                    sb.append(rs);
                } else {
                    sb.append(rs, 0, intLen).append('.').append(rs, intLen, rs.length());
                }
                s = sb.toString();
            }
        }
        if (s == null) s = new BigDecimal(a).setScale(p, RoundingMode.HALF_EVEN).toPlainString();
        if (p == 0 && hash) s += ".";
        return s;
    }

    private static final long[] POW10 = new long[19];
    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    /**
     * The fast path: a * 10^p rounded half-even, computed exactly in 128-bit integer arithmetic
     * from the double's binary form; -1 when it does not apply (subnormals, p > 18, results of
     * 10^18 or more), and the caller then uses BigDecimal.
     */
    static long scaledRound(double a, int p) {
        if (p < 0 || p > 18) return -1;
        long bits = Double.doubleToRawLongBits(a);
        int be = (int) ((bits >>> 52) & 0x7ff);
        if (be == 0 || be == 0x7ff) return a == 0 ? 0 : -1;
        long m = (bits & ((1L << 52) - 1)) | (1L << 52);
        int q = be - 1075;                       // a = m * 2^q
        long pow = POW10[p];
        long hi = Math.multiplyHigh(m, pow), lo = m * pow;   // m * 10^p, unsigned 128 bits
        long quo;
        if (q >= 0) {
            if (hi != 0 || lo < 0 || q > 62 || (lo << q) >>> q != lo || (lo << q) < 0) return -1;
            quo = lo << q;
        } else {
            int sh = -q;
            int cmp;                             // remainder compared with half a unit
            if (sh < 64) {
                if ((hi >>> sh) != 0) return -1;
                quo = (hi << (64 - sh)) | (lo >>> sh);
                long rem = lo & ((1L << sh) - 1), half = 1L << (sh - 1);
                cmp = Long.compare(rem, half);
            } else if (sh == 64) {
                quo = hi;
                cmp = Long.compareUnsigned(lo, Long.MIN_VALUE);
            } else if (sh < 128) {
                int t = sh - 64;
                quo = hi >>> t;
                long remHi = hi & ((1L << t) - 1), halfHi = 1L << (t - 1);
                cmp = remHi != halfHi ? Long.compare(remHi, halfHi) : (lo != 0 ? 1 : 0);
            } else {
                return -1;
            }
            if (cmp > 0 || (cmp == 0 && (quo & 1) != 0)) quo++;
        }
        return quo < 0 || quo >= POW10[18] ? -1 : quo;
    }

    /** The decimal digits of a > 0 rounded to n significant digits, and the exponent of the first. */
    private static String digits(double a, int n, int[] exp) {
        if (n <= 18 && a >= Double.MIN_NORMAL) {
            int e = (int) Math.floor(Math.log10(a));
            for (int tries = 0; tries < 3; tries++) {
                long r = scaledRound(a, n - 1 - e);
                if (r < 0) break;
                if (r < POW10[n - 1]) { e--; continue; }          // the estimate of e was too high
                if (r > POW10[n]) { e++; continue; }              // or too low
                if (r == POW10[n]) { r = POW10[n - 1]; e++; }      // rounded up to a new digit
                exp[0] = e;
                return Long.toString(r);
            }
        }
        BigDecimal r = new BigDecimal(a).round(new MathContext(n, RoundingMode.HALF_EVEN));
        String u = r.unscaledValue().toString();
        exp[0] = u.length() - 1 - r.scale();
        if (u.length() < n) {
            StringBuilder sb = new StringBuilder(n).append(u);
            while (sb.length() < n) sb.append('0');
            u = sb.toString();
        } else if (u.length() > n) {
            u = u.substring(0, n);   // only trailing zeros can be cut here
        }
        return u;
    }

    private static String exponential(double a, int p, boolean hash, boolean upper) {
        String dig;
        int e;
        if (a == 0) {
            dig = "0".repeat(p + 1);
            e = 0;
        } else {
            int[] exp = new int[1];
            dig = digits(a, p + 1, exp);
            e = exp[0];
        }
        StringBuilder sb = new StringBuilder(p + 8);
        sb.append(dig.charAt(0));
        if (p > 0 || hash) sb.append('.');
        sb.append(dig, 1, dig.length());
        appendExponent(sb, e, upper);
        return sb.toString();
    }

    private static void appendExponent(StringBuilder sb, int e, boolean upper) {
        sb.append(upper ? 'E' : 'e').append(e < 0 ? '-' : '+');
        int a = Math.abs(e);
        if (a < 10) sb.append('0');
        sb.append(a);
    }

    private static String general(double a, int p, boolean hash, boolean upper) {
        int x;
        if (a == 0) {
            x = 0;
        } else {
            int[] exp = new int[1];
            digits(a, p, exp);
            x = exp[0];
        }
        String s;
        if (p > x && x >= -4) {
            s = fixed(a, p - 1 - x, hash);
            if (!hash) s = stripZeros(s);
        } else {
            s = exponential(a, p - 1, hash, upper);
            if (!hash) {
                int ePos = s.indexOf(upper ? 'E' : 'e');
                s = stripZeros(s.substring(0, ePos)) + s.substring(ePos);
            }
        }
        return s;
    }

    /** Removes trailing zeros of a fraction, and the point if nothing is left after it. */
    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) return s;
        int e = s.length();
        while (s.charAt(e - 1) == '0') e--;
        if (s.charAt(e - 1) == '.') e--;
        return s.substring(0, e);
    }
}
