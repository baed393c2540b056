package dev.tclj;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Emulates the bucket layout of Tcl's string-keyed hash tables (tclHash.c with TclHashObjKey), so
 * that what scripts can observe of it matches tclsh: the order in which {@code array names},
 * {@code array get} and array searches visit elements, and the text of {@code array statistics} and
 * {@code dict info} (Tcl_HashStats).
 *
 * <p>Tcl's table starts with 4 buckets and grows 4-fold whenever the entry count reaches 3 times the
 * bucket count; an entry goes to the head of bucket {@code hash & mask}, and a rebuild moves entries
 * bucket by bucket, each chain from its head, to the head of their new bucket. Iteration visits the
 * buckets in index order, each chain from its head. The layout is reproduced by replaying the
 * insertions of the present keys in their insertion order; a table that lost entries to deletions
 * may have grown earlier in tclsh (tables never shrink), which this replay does not know.
 */
public final class TclHashLayout {
    private TclHashLayout() {}

    private static final int SMALL_BUCKETS = 4;
    private static final int REBUILD_MULTIPLIER = 3;

    /** Tcl's string hash over the key's internal (modified UTF-8) bytes. */
    public static int hash(String s) {
        // result = result * 9 + byte, over every byte (Tcl's loop starts from the first byte)
        int n = s.length();
        int r = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != 0 && c < 0x80) {
                r += (r << 3) + c;
            } else if (c < 0x800) {
                // NUL is stored as C0 80 in Tcl's internal encoding
                r += (r << 3) + (0xC0 | (c >> 6));
                r += (r << 3) + (0x80 | (c & 0x3F));
            } else {
                r += (r << 3) + (0xE0 | (c >> 12));
                r += (r << 3) + (0x80 | ((c >> 6) & 0x3F));
                r += (r << 3) + (0x80 | (c & 0x3F));
            }
        }
        return r;
    }

    /** The bucket count of a table holding {@code n} entries that never had deletions. */
    public static int bucketsFor(int n) {
        int b = SMALL_BUCKETS;
        while (n >= b * REBUILD_MULTIPLIER && b < (1 << 28)) b *= 4;
        return b;
    }

    /**
     * The order in which Tcl iterates a table into which {@code keys[0..n)} were inserted in that
     * order: a permutation of 0..n-1.
     */
    public static int[] iterationOrder(String[] keys, int n) {
        int[] hashes = new int[n];
        int[] next = new int[n];
        int size = SMALL_BUCKETS;
        int[] heads = new int[size];
        java.util.Arrays.fill(heads, -1);
        int rebuildAt = size * REBUILD_MULTIPLIER;
        for (int i = 0; i < n; i++) {
            int h = hashes[i] = hash(keys[i]);
            int b = h & (size - 1);
            next[i] = heads[b];
            heads[b] = i;
            if (i + 1 >= rebuildAt && size < (1 << 28)) {
                int nsize = size * 4;
                int[] nheads = new int[nsize];
                java.util.Arrays.fill(nheads, -1);
                for (int ob = 0; ob < size; ob++) {
                    for (int e = heads[ob]; e != -1; ) {
                        int nx = next[e];
                        int nb = hashes[e] & (nsize - 1);
                        next[e] = nheads[nb];
                        nheads[nb] = e;
                        e = nx;
                    }
                }
                size = nsize;
                heads = nheads;
                rebuildAt = size * REBUILD_MULTIPLIER;
            }
        }
        int[] out = new int[n];
        int j = 0;
        for (int b = 0; b < size; b++) {
            for (int e = heads[b]; e != -1; e = next[e]) out[j++] = e;
        }
        return out;
    }

    /** Tcl_HashStats for a table holding {@code keys[0..n)}. */
    public static String stats(String[] keys, int n) {
        int size = bucketsFor(n);
        int[] chain = new int[size];
        for (int i = 0; i < n; i++) chain[hash(keys[i]) & (size - 1)]++;
        final int counters = 10;
        int[] count = new int[counters];
        int overflow = 0;
        double average = 0.0;
        for (int b = 0; b < size; b++) {
            int j = chain[b];
            if (j < counters) count[j]++; else overflow++;
            double tmp = j;
            if (n != 0) average += (tmp + 1.0) * (tmp / n) / 2.0;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(n).append(" entries in table, ").append(size).append(" buckets\n");
        for (int i = 0; i < counters; i++) {
            sb.append("number of buckets with ").append(i).append(" entries: ").append(count[i]).append('\n');
        }
        sb.append("number of buckets with ").append(counters).append(" or more entries: ").append(overflow).append('\n');
        // printf("%.1f") rounds the exact binary value, ties to even
        sb.append("average search distance for entry: ")
                .append(new BigDecimal(average).setScale(1, RoundingMode.HALF_EVEN).toPlainString());
        return sb.toString();
    }
}
