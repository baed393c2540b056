package dev.tclj.bench.net;

import java.util.Arrays;

/**
 * The latencies of one measured run, in nanoseconds: every reply's, kept whole (a few million at
 * most in a run of seconds), so that the percentiles are exact rather than estimated.
 */
final class Latencies {
    private long[] values = new long[1 << 16];
    private int size;
    private boolean sorted;

    void add(long nanos) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = nanos;
        sorted = false;
    }

    int size() {
        return size;
    }

    /** The p-th percentile (0 < p <= 100) by the nearest-rank rule, or NaN when there are none. */
    double percentile(double p) {
        if (size == 0) return Double.NaN;
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
        int rank = (int) Math.ceil(p / 100.0 * size);
        return values[Math.max(0, Math.min(size - 1, rank - 1))];
    }
}
