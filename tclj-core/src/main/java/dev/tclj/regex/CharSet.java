package dev.tclj.regex;

import java.util.Arrays;

/**
 * An immutable set of UTF-16 code units, held as sorted, disjoint, non-adjacent inclusive ranges.
 * Bracket expressions, classes and single characters all become CharSets on NFA arcs; the colour
 * map later partitions the alphabet by them.
 */
final class CharSet {
    static final int MAX = 0xFFFF;
    static final CharSet EMPTY = new CharSet(new int[0]);
    static final CharSet ALL = new CharSet(new int[]{0, MAX});

    /** start0, end0, start1, end1... */
    final int[] ranges;

    private CharSet(int[] ranges) { this.ranges = ranges; }

    static CharSet of(char c) { return new CharSet(new int[]{c, c}); }

    static CharSet range(int from, int to) { return new CharSet(new int[]{from, to}); }

    /** Parses a table string of start/end char pairs (see {@link CharClassTables}). */
    static CharSet fromTable(String pairs) {
        Builder b = new Builder();
        for (int i = 0; i + 1 < pairs.length(); i += 2) b.addRange(pairs.charAt(i), pairs.charAt(i + 1));
        return b.build();
    }

    boolean contains(int c) {
        int[] r = ranges;
        int lo = 0, hi = r.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (c < r[2 * mid]) hi = mid - 1;
            else if (c > r[2 * mid + 1]) lo = mid + 1;
            else return true;
        }
        return false;
    }

    boolean isEmpty() { return ranges.length == 0; }

    CharSet union(CharSet o) {
        if (o.isEmpty()) return this;
        if (isEmpty()) return o;
        Builder b = new Builder();
        b.addAll(this);
        b.addAll(o);
        return b.build();
    }

    CharSet complement() {
        int[] r = ranges;
        int[] out = new int[r.length + 2];
        int n = 0, next = 0;
        for (int i = 0; i < r.length; i += 2) {
            if (r[i] > next) { out[n++] = next; out[n++] = r[i] - 1; }
            next = r[i + 1] + 1;
        }
        if (next <= MAX) { out[n++] = next; out[n++] = MAX; }
        return new CharSet(Arrays.copyOf(out, n));
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof CharSet c && c.hashCode() == hashCode() && Arrays.equals(ranges, c.ranges);
    }

    private int hash;

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) hash = h = Arrays.hashCode(ranges) | 1;
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ranges.length; i += 2) {
            sb.append(String.format("%04x", ranges[i]));
            if (ranges[i + 1] != ranges[i]) sb.append('-').append(String.format("%04x", ranges[i + 1]));
            sb.append(' ');
        }
        return sb.append(']').toString();
    }

    /** Accumulates chars and ranges in any order. */
    static final class Builder {
        private int[] buf = new int[16];
        private int n;

        Builder add(int c) { return addRange(c, c); }

        Builder addRange(int from, int to) {
            if (from > to) return this;
            if (n + 2 > buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
            buf[n++] = from;
            buf[n++] = to;
            return this;
        }

        Builder addAll(CharSet s) {
            for (int i = 0; i < s.ranges.length; i += 2) addRange(s.ranges[i], s.ranges[i + 1]);
            return this;
        }

        CharSet build() {
            if (n == 0) return EMPTY;
            int pairs = n / 2;
            long[] packed = new long[pairs];
            for (int i = 0; i < pairs; i++) packed[i] = ((long) buf[2 * i] << 32) | buf[2 * i + 1];
            Arrays.sort(packed);
            int[] out = new int[n];
            int m = 0;
            for (long p : packed) {
                int s = (int) (p >>> 32), e = (int) p;
                if (m > 0 && s <= out[m - 1] + 1) {
                    if (e > out[m - 1]) out[m - 1] = e;
                } else {
                    out[m++] = s;
                    out[m++] = e;
                }
            }
            return new CharSet(m == out.length ? out : Arrays.copyOf(out, m));
        }
    }
}
