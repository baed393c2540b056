package dev.tclj.expr;

/**
 * Correctly rounded atan, atan2, asin, acos and hypot (glibc's results, which Java's Math misses
 * by one bit in a few percent of cases). Each is computed in double-double arithmetic (about 100
 * bits) and rounded; in the rare case where that is not enough to decide the rounding, the value
 * is computed again with {@link HighPrecision}.
 *
 * <p>atan reduces its argument to [0, 1] (atan x = pi/2 - atan 1/x), then to within 1/128 of a
 * multiple of 1/64 whose arctangent is tabulated, and sums a short series for the rest.
 */
final class CorrectlyRounded {
    private CorrectlyRounded() {}

    /** A double-double value hi + lo (|lo| at most half an ulp of hi), used as a scratch register. */
    private static final class DD {
        double hi, lo;
    }

    private static final double PI_HI = 0x1.921fb54442d18p+1, PI_LO = 0x1.1a62633145c07p-53;
    private static final double HALF_PI_HI = 0x1.921fb54442d18p+0, HALF_PI_LO = 0x1.1a62633145c07p-54;

    /** atan(k/64) for k = 0..64, as double-double pairs. */
    private static final double[] ATAN = {
            0x0.0p+0, 0x0.0p+0,
            0x1.fff555bbb729bp-7, -0x1.220c39d4dff50p-61,
            0x1.ffd55bba97625p-6, -0x1.5ec431444912cp-60,
            0x1.7fb818430da2ap-5, -0x1.86ef8f794f105p-63,
            0x1.ff55bb72cfdeap-5, -0x1.c934d86d23f1dp-60,
            0x1.3f59f0e7c559dp-4, 0x1.ac4ce285df847p-58,
            0x1.7ee182602f10fp-4, -0x1.cfb654c0c3d98p-58,
            0x1.be39ebe6f07c3p-4, 0x1.f7b8f29a05987p-58,
            0x1.fd5ba9aac2f6ep-4, -0x1.cd37686760c17p-59,
            0x1.1e1fafb043727p-3, -0x1.b485914dacf8cp-59,
            0x1.3d6eee8c6626cp-3, 0x1.61a3b0ce9281bp-57,
            0x1.5c9811e3ec26ap-3, -0x1.054ab2c010f3dp-58,
            0x1.7b97b4bce5b02p-3, 0x1.347b0b4f881cap-58,
            0x1.9a6a8e96c8626p-3, 0x1.cf601e7b4348ep-59,
            0x1.b90d7529260a2p-3, 0x1.17b10d2e0e5abp-61,
            0x1.d77d5df205736p-3, 0x1.c648d1534597ep-57,
            0x1.f5b75f92c80ddp-3, 0x1.8ab6e3cf7afbdp-57,
            0x1.09dc597d86362p-2, 0x1.62e47390cb865p-56,
            0x1.18bf5a30bf178p-2, 0x1.30ca4748b1bf9p-57,
            0x1.278372057ef46p-2, -0x1.077cdd36dfc81p-56,
            0x1.362773707ebccp-2, -0x1.963a544b672d8p-57,
            0x1.44aa436c2af0ap-2, -0x1.5d5e43c55b3bap-56,
            0x1.530ad9951cd4ap-2, -0x1.2566480884082p-57,
            0x1.614840309cfe2p-2, -0x1.a725715711f00p-56,
            0x1.6f61941e4def1p-2, -0x1.c63aae6f6e918p-56,
            0x1.7d5604b63b3f7p-2, 0x1.69c885c2b249ap-56,
            0x1.8b24d394a1b25p-2, 0x1.b6d0ba3748fa8p-56,
            0x1.98cd5454d6b18p-2, 0x1.9e6c988fd0a77p-56,
            0x1.a64eec3cc23fdp-2, -0x1.24dec1b50b7ffp-56,
            0x1.b3a911da65c6cp-2, 0x1.ae187b1ca5040p-56,
            0x1.c0db4c94ec9f0p-2, -0x1.cc1ce70934c34p-56,
            0x1.cde53432c1351p-2, -0x1.a2cfa4418f1adp-56,
            0x1.dac670561bb4fp-2, 0x1.a2b7f222f65e2p-56,
            0x1.e77eb7f175a34p-2, 0x1.0e53dc1bf3435p-56,
            0x1.f40dd0b541418p-2, -0x1.a3992dc382a23p-57,
            0x1.0039c73c1a40cp-1, -0x1.b32c949c9d593p-55,
            0x1.0657e94db30d0p-1, -0x1.d5b495f6349e6p-56,
            0x1.0c6145b5b43dap-1, 0x1.974fa13b5404fp-58,
            0x1.1255d9bfbd2a9p-1, -0x1.2bdaee1c0ee35p-58,
            0x1.1835a88be7c13p-1, 0x1.c621cec00c301p-55,
            0x1.1e00babdefeb4p-1, -0x1.928df287a668fp-58,
            0x1.23b71e2cc9e6ap-1, 0x1.c421c9f38224ep-57,
            0x1.2958e59308e31p-1, -0x1.09e73b0c6c087p-56,
            0x1.2ee628406cbcap-1, 0x1.c5d5e9ff0cf8dp-55,
            0x1.345f01cce37bbp-1, 0x1.1021137c71102p-55,
            0x1.39c391cd4171ap-1, -0x1.2304331d8bf46p-55,
            0x1.3f13fb89e96f4p-1, 0x1.ecf8b492644f0p-56,
            0x1.445065b795b56p-1, -0x1.f76d0163f79c8p-56,
            0x1.4978fa3269ee1p-1, 0x1.2419a87f2a458p-56,
            0x1.4e8de5bb6ec04p-1, 0x1.4a33dbeb3796cp-55,
            0x1.538f57b89061fp-1, -0x1.1bb74abda520cp-55,
            0x1.587d81f732fbbp-1, -0x1.5e5c9d8c5a950p-56,
            0x1.5d58987169b18p-1, 0x1.0028e4bc5e7cap-57,
            0x1.6220d115d7b8ep-1, -0x1.2b785350ee8c1p-57,
            0x1.66d663923e087p-1, -0x1.6ea6febe8bbbap-56,
            0x1.6b798920b3d99p-1, -0x1.a80386188c50ep-55,
            0x1.700a7c5784634p-1, -0x1.8c34d25aadef6p-56,
            0x1.748978fba8e0fp-1, 0x1.7b2a6165884a1p-59,
            0x1.78f6bbd5d315ep-1, 0x1.406a089803740p-55,
            0x1.7d528289fa093p-1, 0x1.560821e2f3aa9p-55,
            0x1.819d0b7158a4dp-1, -0x1.bf76229d3b917p-56,
            0x1.85d69576cc2c5p-1, 0x1.6b66e7fc8b8c3p-57,
            0x1.89ff5ff57f1f8p-1, -0x1.55b9a5e177a1bp-55,
            0x1.8e17aa99cc05ep-1, -0x1.ec182ab042f61p-56,
            0x1.921fb54442d18p-1, 0x1.1a62633145c07p-55
    };

    /** 1/3, 1/5, ..., 1/23 as double-double pairs: the coefficients of the arctangent series. */
    private static final double[] INV_ODD = {
            0x1.5555555555555p-2, 0x1.5555555555555p-56,
            0x1.999999999999ap-3, -0x1.999999999999ap-57,
            0x1.2492492492492p-3, 0x1.2492492492492p-57,
            0x1.c71c71c71c71cp-4, 0x1.c71c71c71c71cp-58,
            0x1.745d1745d1746p-4, -0x1.745d1745d1746p-59,
            0x1.3b13b13b13b14p-4, -0x1.3b13b13b13b14p-58,
            0x1.1111111111111p-4, 0x1.1111111111111p-60,
            0x1.e1e1e1e1e1e1ep-5, 0x1.e1e1e1e1e1e1ep-61,
            0x1.af286bca1af28p-5, 0x1.af286bca1af28p-59,
    };

    // ---- double-double arithmetic (error below 2^-104 per operation) ----

    private static void add(DD r, double ah, double al, double bh, double bl) {
        double s = ah + bh, bb = s - ah, e = (ah - (s - bb)) + (bh - bb);
        double t = al + bl, tb = t - al, f = (al - (t - tb)) + (bl - tb);
        e += t;
        double h = s + e;
        e -= h - s;
        e += f;
        double h2 = h + e;
        r.lo = e - (h2 - h);
        r.hi = h2;
    }

    private static void mul(DD r, double ah, double al, double bh, double bl) {
        double p = ah * bh;
        double e = Math.fma(ah, bh, -p) + (ah * bl + al * bh);
        double h = p + e;
        r.lo = e - (h - p);
        r.hi = h;
    }

    private static void div(DD r, double ah, double al, double bh, double bl) {
        double q1 = ah / bh;
        mul(r, q1, 0, bh, bl);
        add(r, ah, al, -r.hi, -r.lo);
        double q2 = r.hi / bh;
        double rh = r.hi, rl = r.lo;
        mul(r, q2, 0, bh, bl);
        add(r, rh, rl, -r.hi, -r.lo);
        double q3 = r.hi / bh;
        double h = q1 + q2, e = q2 - (h - q1) + q3;
        double h2 = h + e;
        r.lo = e - (h2 - h);
        r.hi = h2;
    }

    private static void sqrt(DD r, double ah, double al) {
        double s = Math.sqrt(ah);
        double p = s * s, pe = Math.fma(s, s, -p);
        double d = ((ah - p) - pe + al) / (2 * s);
        double h = s + d;
        r.lo = d - (h - s);
        r.hi = h;
    }

    /** r = atan(x) for x = xh + xl >= 0, finite. */
    private static void atan(DD r, double xh, double xl) {
        boolean inverted = xh > 1.0;
        if (inverted) {
            div(r, 1.0, 0.0, xh, xl);
            xh = r.hi;
            xl = r.lo;
        }
        int k = (int) Math.rint(xh * 64);
        double c = k / 64.0;
        DD num = new DD(), den = new DD();
        add(num, xh, xl, -c, 0.0);
        mul(den, xh, xl, c, 0.0);
        add(den, 1.0, 0.0, den.hi, den.lo);
        DD t = new DD();
        div(t, num.hi, num.lo, den.hi, den.lo);
        // atan t = t (1 - s/3 + s^2/5 - ...), s = t^2 <= 2^-14: nine terms reach 2^-126. The
        // terms from s^4 on are below 2^-56 and need only double precision.
        DD s = new DD();
        mul(s, t.hi, t.lo, t.hi, t.lo);
        double sh = s.hi, tail = 0;
        for (int i = INV_ODD.length / 2 - 1; i >= 3; i--) {
            double ci = INV_ODD[2 * i];
            tail = ((i & 1) == 0 ? -ci : ci) + sh * tail;
        }
        double ph = tail * sh, pl = 0; // the sum from the s^4 term on, over s^3
        for (int i = 2; i >= 0; i--) {
            double ch = INV_ODD[2 * i], cl = INV_ODD[2 * i + 1];
            if ((i & 1) == 0) { ch = -ch; cl = -cl; }
            add(r, ch, cl, ph, pl);
            mul(r, s.hi, s.lo, r.hi, r.lo);
            ph = r.hi;
            pl = r.lo;
        }
        add(r, 1.0, 0.0, ph, pl);
        mul(r, t.hi, t.lo, r.hi, r.lo);
        add(r, ATAN[2 * k], ATAN[2 * k + 1], r.hi, r.lo);
        if (inverted) add(r, HALF_PI_HI, HALF_PI_LO, -r.hi, -r.lo);
    }

    /**
     * The double nearest hi + lo (a positive value known to within 2^-95 relative), or NaN if
     * that does not decide it.
     */
    private static double round(double hi, double lo) {
        double err = hi * 0x1p-95;
        double up = Math.nextUp(hi), down = Math.nextDown(hi);
        double midUp = (up - hi) / 2, midDown = (hi - down) / 2;
        if (lo >= 0) {
            if (lo + err < midUp) return hi;
            if (lo - err > midUp) return up;
        } else {
            if (-lo + err < midDown) return hi;
            if (-lo - err > midDown) return down;
        }
        return Double.NaN;
    }

    /** atan(x) for finite x. */
    static double atan(double x) {
        double a = Math.abs(x);
        if (a < 0x1p-27) return x;
        if (a > 0x1p60) return Math.copySign(HALF_PI_HI, x);
        DD r = new DD();
        atan(r, a, 0.0);
        double v = round(r.hi, r.lo);
        if (v != v) v = HighPrecision.atan(new java.math.BigDecimal(a)).doubleValue();
        return Math.copySign(v, x);
    }

    /** atan2(y, x) for finite non-zero x and y. */
    static double atan2(double y, double x) {
        int de = Math.getExponent(y) - Math.getExponent(x);
        double v = Double.NaN;
        if (de > -900 && de < 900) {
            DD r = new DD();
            double ay = Math.abs(y), ax = Math.abs(x);
            div(r, ay, 0.0, ax, 0.0);
            if (r.hi < 0x1p-27 && x > 0) {
                v = round(r.hi, r.lo);
            } else if (r.hi > 0x1p60) {
                v = HALF_PI_HI;
            } else {
                atan(r, r.hi, r.lo);
                if (x < 0) add(r, PI_HI, PI_LO, -r.hi, -r.lo);
                v = round(r.hi, r.lo);
            }
        }
        if (v != v) return HighPrecision.atan2(y, x).doubleValue();
        return Math.copySign(v, y);
    }

    /** asin(x) for |x| <= 1. */
    static double asin(double x) {
        double a = Math.abs(x);
        if (a < 0x1p-27) return x;
        if (a == 1.0) return Math.copySign(HALF_PI_HI, x);
        DD p = new DD(), q = new DD(), r = new DD();
        // asin a = atan(a / sqrt((1 - a)(1 + a)))
        add(p, 1.0, 0.0, -a, 0.0);
        add(q, 1.0, 0.0, a, 0.0);
        mul(p, p.hi, p.lo, q.hi, q.lo);
        sqrt(q, p.hi, p.lo);
        div(r, a, 0.0, q.hi, q.lo);
        atan(r, r.hi, r.lo);
        double v = round(r.hi, r.lo);
        if (v != v) v = HighPrecision.asin(a).doubleValue();
        return Math.copySign(v, x);
    }

    /** acos(x) for |x| <= 1. */
    static double acos(double x) {
        if (x == 1.0) return 0.0;
        if (x == -1.0) return PI_HI;
        DD p = new DD(), q = new DD(), r = new DD();
        // acos x = 2 atan(sqrt((1 - x) / (1 + x)))
        add(p, 1.0, 0.0, -x, 0.0);
        add(q, 1.0, 0.0, x, 0.0);
        div(r, p.hi, p.lo, q.hi, q.lo);
        sqrt(q, r.hi, r.lo);
        atan(r, q.hi, q.lo);
        double v = round(2 * r.hi, 2 * r.lo);
        if (v != v) v = HighPrecision.acos(x).doubleValue();
        return v;
    }

    /** hypot(x, y) for positive finite x and y. */
    static double hypot(double x, double y) {
        double big = Math.max(x, y), small = Math.min(x, y);
        int e = Math.getExponent(big);
        if (e - Math.getExponent(small) > 30) return big; // the smaller one cannot change the rounding
        if (e > -1000 && e < 1000) {
            // scale by a power of two (exact) so that squares neither overflow nor underflow
            double xs = Math.scalb(big, -e), ys = Math.scalb(small, -e);
            DD p = new DD(), q = new DD();
            double xx = xs * xs, yy = ys * ys;
            add(p, xx, Math.fma(xs, xs, -xx), yy, Math.fma(ys, ys, -yy));
            sqrt(q, p.hi, p.lo);
            double v = round(q.hi, q.lo);
            if (v == v) {
                double r = Math.scalb(v, e);
                if (r >= Double.MIN_NORMAL && !Double.isInfinite(r)) return r;
            }
        }
        return HighPrecision.hypot(x, y);
    }
}
