package dev.tclj.expr;

/**
 * The floating-point functions of expr, computed to give the same bits as tclsh, that is as
 * glibc: it rounds asin, acos, atan, atan2 and hypot correctly (nearly always), where Java's Math
 * is one bit off for a few percent of arguments, so those are computed by
 * {@link CorrectlyRounded}; it computes log10, sinh, cosh and tanh with fdlibm's formulas, ported
 * here over the same building blocks. For sin, cos, tan, exp, log and pow Java's Math is the
 * closest available: it differs from glibc in the last bit for about 0.2% of arguments (glibc's
 * own algorithms are not correctly rounded either).
 */
final class LibmFunctions {
    private LibmFunctions() {}

    static double sin(double x) { return Math.sin(x); }

    static double cos(double x) { return Math.cos(x); }

    static double tan(double x) { return Math.tan(x); }

    static double exp(double x) { return Math.exp(x); }

    static double log(double x) { return Math.log(x); }

    static double asin(double x) {
        if (!(Math.abs(x) <= 1.0)) return Double.NaN;
        return CorrectlyRounded.asin(x);
    }

    static double acos(double x) {
        if (!(Math.abs(x) <= 1.0)) return Double.NaN;
        return CorrectlyRounded.acos(x);
    }

    static double atan(double x) {
        if (x == 0.0 || Double.isNaN(x)) return x;
        if (Double.isInfinite(x)) return Math.atan(x);
        return CorrectlyRounded.atan(x);
    }

    static double atan2(double y, double x) {
        if (Double.isNaN(x) || Double.isNaN(y) || y == 0.0 || x == 0.0 || Double.isInfinite(x) || Double.isInfinite(y)) {
            // the special cases are exact or the correctly rounded constants Java gives too
            return Math.atan2(y, x);
        }
        return CorrectlyRounded.atan2(y, x);
    }

    /** The correctly rounded square root of x*x + y*y, decided exactly in integers. */
    static double hypot(double x, double y) {
        x = Math.abs(x);
        y = Math.abs(y);
        if (Double.isInfinite(x) || Double.isInfinite(y)) return Double.POSITIVE_INFINITY;
        if (Double.isNaN(x) || Double.isNaN(y)) return Double.NaN;
        if (x == 0.0) return y;
        if (y == 0.0) return x;
        return CorrectlyRounded.hypot(x, y);
    }

    static double tanh(double x) { return StrictMath.tanh(x); }

    /** C's fmod (Java's remainder operator on doubles is the same function). */
    static double fmod(double x, double y) { return x % y; }

    private static final double TWO54 = 1.80143985094819840000e+16;
    private static final double IVLN10 = 4.34294481903251816668e-01;
    private static final double LOG10_2HI = 3.01029995663611771306e-01;
    private static final double LOG10_2LO = 3.69423907715893078616e-13;

    /** fdlibm's log10 over a correctly rounded log, as glibc computes it. */
    static double log10(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int hx = (int) (bits >> 32);
        int lx = (int) bits;
        int k = 0;
        if (hx < 0x00100000) {
            if (((hx & 0x7fffffff) | lx) == 0) return Double.NEGATIVE_INFINITY;
            if (hx < 0) return Double.NaN;
            k -= 54;
            x *= TWO54;
            hx = (int) (Double.doubleToRawLongBits(x) >> 32);
        }
        if (hx >= 0x7ff00000) return x + x;
        k += (hx >> 20) - 1023;
        int i = (k & 0x80000000) >>> 31;
        hx = (hx & 0x000fffff) | ((0x3ff - i) << 20);
        double y = k + i;
        x = Double.longBitsToDouble(((long) hx << 32) | (Double.doubleToRawLongBits(x) & 0xffffffffL));
        double z = y * LOG10_2LO + IVLN10 * Math.log(x);
        return z + y * LOG10_2HI;
    }

    private static final double SHUGE = 1.0e307;

    /** fdlibm's sinh with glibc's exp and expm1. */
    static double sinh(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int jx = (int) (bits >> 32);
        int ix = jx & 0x7fffffff;
        if (ix >= 0x7ff00000) return x + x;
        double h = jx < 0 ? -0.5 : 0.5;
        if (ix < 0x40360000) { // |x| < 22
            if (ix < 0x3e300000) { // |x| < 2**-28
                if (SHUGE + x > 1.0) return x;
            }
            double t = StrictMath.expm1(Math.abs(x));
            if (ix < 0x3ff00000) return h * (2.0 * t - t * t / (t + 1.0));
            return h * (t + t / (t + 1.0));
        }
        if (ix < 0x40862e42) return h * Math.exp(Math.abs(x)); // |x| < log(maxdouble)
        int lx = (int) bits;
        if (ix < 0x408633ce || (ix == 0x408633ce && Integer.compareUnsigned(lx, 0x8fb9f87d) <= 0)) {
            double w = Math.exp(0.5 * Math.abs(x));
            double t = h * w;
            return t * w;
        }
        return x * SHUGE;
    }

    /** fdlibm's cosh with glibc's exp and expm1. */
    static double cosh(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int ix = (int) (bits >> 32) & 0x7fffffff;
        if (ix < 0x40360000) { // |x| < 22
            if (ix < 0x3fd62e43) { // |x| < 0.5*ln2
                if (ix < 0x3c800000) return 1.0;
                double t = StrictMath.expm1(Math.abs(x));
                double w = 1.0 + t;
                return 1.0 + (t * t) / (w + w);
            }
            double t = Math.exp(Math.abs(x));
            return 0.5 * t + 0.5 / t;
        }
        if (ix < 0x40862e42) return 0.5 * Math.exp(Math.abs(x));
        int lx = (int) bits;
        if (ix < 0x408633ce || (ix == 0x408633ce && Integer.compareUnsigned(lx, 0x8fb9f87d) <= 0)) {
            double w = Math.exp(0.5 * Math.abs(x));
            double t = 0.5 * w;
            return t * w;
        }
        if (ix >= 0x7ff00000) return x * x;
        return SHUGE * SHUGE;
    }
}
