package dev.tclj.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The slow, sure path of {@link CorrectlyRounded}, taken when its double-double result is too
 * close to a rounding boundary to decide: the value is computed to 50 significant digits and
 * rounded once by BigDecimal.doubleValue (which rounds correctly); hypot is decided exactly.
 */
final class HighPrecision {
    private HighPrecision() {}

    private static final MathContext MC = new MathContext(50, RoundingMode.HALF_EVEN);
    private static final BigDecimal PI = new BigDecimal(
            "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899863");
    private static final BigDecimal HALF_PI = PI.divide(BigDecimal.TWO, MC);
    private static final BigDecimal EPS = new BigDecimal("1e-60");
    private static final BigDecimal REDUCED = new BigDecimal("0.1");

    /** atan(x) for any finite x. */
    static BigDecimal atan(BigDecimal x) {
        int sign = x.signum();
        if (sign == 0) return BigDecimal.ZERO;
        x = x.abs();
        BigDecimal r;
        if (x.compareTo(BigDecimal.ONE) > 0) {
            r = HALF_PI.subtract(atanSmall(BigDecimal.ONE.divide(x, MC)), MC);
        } else {
            r = atanSmall(x);
        }
        return sign < 0 ? r.negate() : r;
    }

    /** atan(x) for 0 <= x <= 1: halve the angle until x is small, then sum the series. */
    private static BigDecimal atanSmall(BigDecimal x) {
        int doublings = 0;
        while (x.compareTo(REDUCED) > 0) {
            // atan(x) = 2 atan(x / (1 + sqrt(1 + x^2)))
            BigDecimal root = BigDecimal.ONE.add(x.multiply(x, MC)).sqrt(MC);
            x = x.divide(BigDecimal.ONE.add(root), MC);
            doublings++;
        }
        BigDecimal x2 = x.multiply(x, MC);
        BigDecimal term = x, sum = x;
        BigDecimal limit = x.multiply(EPS);
        for (int k = 3; ; k += 2) {
            term = term.multiply(x2, MC).negate();
            BigDecimal t = term.divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(t, MC);
            if (t.abs().compareTo(limit) < 0) break;
        }
        return doublings == 0 ? sum : sum.multiply(BigDecimal.valueOf(1L << doublings), MC);
    }

    /** asin(x) for |x| <= 1. */
    static BigDecimal asin(double v) {
        BigDecimal x = new BigDecimal(v);
        BigDecimal c2 = BigDecimal.ONE.subtract(x.multiply(x));
        if (c2.signum() == 0) return v > 0 ? HALF_PI : HALF_PI.negate();
        return atan(x.divide(c2.sqrt(MC), MC));
    }

    /** acos(x) for |x| <= 1, x != 1. */
    static BigDecimal acos(double v) {
        BigDecimal x = new BigDecimal(v);
        BigDecimal c2 = BigDecimal.ONE.subtract(x.multiply(x));
        if (c2.signum() == 0) return PI;
        // acos(x) = pi/2 - atan(x / sqrt(1 - x^2)), exact enough away from x = 1 (handled by the caller)
        return HALF_PI.subtract(atan(x.divide(c2.sqrt(MC), MC)), MC);
    }

    /** atan2(y, x) for finite non-zero x and y. */
    static BigDecimal atan2(double y, double x) {
        BigDecimal r = atan(new BigDecimal(y).divide(new BigDecimal(x), MC));
        if (x > 0) return r;
        return y > 0 ? r.add(PI, MC) : r.subtract(PI, MC);
    }

    /**
     * The double nearest sqrt(x*x + y*y) for positive finite x and y: Java's hypot is within one
     * ulp; the exact comparison of x*x + y*y with the squares of the midpoints around it decides.
     */
    static double hypot(double x, double y) {
        double c = Math.hypot(x, y);
        int ex = Math.getExponent(x) - 52, ey = Math.getExponent(y) - 52;
        // x = mx * 2^ex exactly (subnormals: exponent fixed at the minimum)
        if (ex < -1074) ex = -1074;
        if (ey < -1074) ey = -1074;
        BigInteger mx = BigInteger.valueOf((long) Math.scalb(x, -ex)), my = BigInteger.valueOf((long) Math.scalb(y, -ey));
        int e0 = Math.min(2 * ex, 2 * ey);
        BigInteger s = mx.multiply(mx).shiftLeft(2 * ex - e0).add(my.multiply(my).shiftLeft(2 * ey - e0));
        for (int step = 0; step < 3; step++) {
            if (Double.isInfinite(c)) {
                double below = Double.MAX_VALUE;
                if (compareSquare(s, e0, below, Math.ulp(below)) > 0) return c;
                c = below;
                continue;
            }
            double up = Math.nextUp(c), down = Math.nextDown(c);
            int hi = compareMid(s, e0, c, up);
            if (hi > 0 || (hi == 0 && (Double.doubleToRawLongBits(c) & 1) != 0)) { c = up; continue; }
            int lo = compareMid(s, e0, down, c);
            if (lo < 0 || (lo == 0 && (Double.doubleToRawLongBits(c) & 1) != 0)) { c = down; continue; }
            return c;
        }
        return c;
    }

    /** Compares s * 2^e0 with ((a + b) / 2)^2 (a, b adjacent positive doubles). */
    private static int compareMid(BigInteger s, int e0, double a, double b) {
        if (Double.isInfinite(b)) return compareSquare(s, e0, a, Math.ulp(a));
        return compareSquare(s, e0, a, b - a);
    }

    /** Compares s * 2^e0 with (a + gap/2)^2, exactly. */
    private static int compareSquare(BigInteger s, int e0, double a, double gap) {
        // the gap is a power of two; half of it is the unit 2^eg of the integers compared
        int eg = gap < Double.MIN_NORMAL ? -1075 : Math.getExponent(gap) - 1;
        // midpoint m = a + gap/2 = mm * 2^eg exactly
        BigInteger ma = BigInteger.valueOf((long) Math.scalb(a, -eg));
        BigInteger mm = ma.add(BigInteger.ONE);
        BigInteger m2 = mm.multiply(mm);
        int em = 2 * eg;
        int e = Math.min(e0, em);
        return s.shiftLeft(e0 - e).compareTo(m2.shiftLeft(em - e));
    }
}
