package dev.tclj.regex;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The partition of the alphabet into "colours": two chars get the same colour when every character
 * set of the pattern either contains both or neither, so the automata only ever need to look at a
 * char's colour. Lookup goes through a two-level table of 256-char blocks; blocks that are a single
 * colour share one array.
 */
final class ColorMap {
    final int ncolors;
    private final short[][] blocks = new short[256][];
    private final HashMap<CharSet, long[]> setColors = new HashMap<>();

    ColorMap(List<CharSet> sets) {
        // The alphabet cut into intervals at every range boundary of every set.
        int ncuts = 1;
        for (CharSet s : sets) ncuts += s.ranges.length;
        int[] cuts = new int[ncuts];
        int k = 0;
        cuts[k++] = 0;
        for (CharSet s : sets) {
            int[] r = s.ranges;
            for (int i = 0; i < r.length; i += 2) {
                cuts[k++] = r[i];
                cuts[k++] = r[i + 1] + 1;
            }
        }
        Arrays.sort(cuts, 0, k);
        int n = 0;
        for (int i = 0; i < k; i++) {
            if (cuts[i] <= CharSet.MAX && (n == 0 || cuts[i] != cuts[n - 1])) cuts[n++] = cuts[i];
        }
        int[] starts = Arrays.copyOf(cuts, n);

        // Each interval's membership signature: which sets contain it.
        int nsets = sets.size();
        int words = Math.max(1, (nsets + 63) >>> 6);
        long[][] sig = new long[n][words];
        for (int j = 0; j < nsets; j++) {
            int[] r = sets.get(j).ranges;
            for (int i = 0; i < r.length; i += 2) {
                for (int iv = Arrays.binarySearch(starts, r[i]); iv < n && starts[iv] <= r[i + 1]; iv++) {
                    sig[iv][j >>> 6] |= 1L << j;
                }
            }
        }
        Map<Signature, Integer> colorOf = new HashMap<>();
        int[] intervalColor = new int[n];
        for (int i = 0; i < n; i++) {
            intervalColor[i] = colorOf.computeIfAbsent(new Signature(sig[i]), x -> colorOf.size());
        }
        ncolors = colorOf.size();

        // The lookup blocks.
        Map<Integer, short[]> uniform = new HashMap<>();
        int iv = 0;
        for (int b = 0; b < 256; b++) {
            int lo = b << 8, hi = lo + 255;
            while (iv + 1 < n && starts[iv + 1] <= lo) iv++;
            if (iv + 1 >= n || starts[iv + 1] > hi) {
                blocks[b] = uniform.computeIfAbsent(intervalColor[iv], col -> {
                    short[] a = new short[256];
                    Arrays.fill(a, (short) (int) col);
                    return a;
                });
            } else {
                short[] a = new short[256];
                for (int j = iv; j < n && starts[j] <= hi; j++) {
                    int from = Math.max(starts[j], lo), to = j + 1 < n ? Math.min(starts[j + 1], hi + 1) : hi + 1;
                    Arrays.fill(a, from - lo, to - lo, (short) intervalColor[j]);
                }
                blocks[b] = a;
            }
        }

        latin1 = blocks[0];
        int cwords = (ncolors + 63) >>> 6;
        for (int j = 0; j < nsets; j++) {
            long[] bits = new long[cwords];
            int w = j >>> 6;
            long bit = 1L << j;
            for (int i = 0; i < n; i++) {
                if ((sig[i][w] & bit) != 0) bits[intervalColor[i] >>> 6] |= 1L << intervalColor[i];
            }
            setColors.put(sets.get(j), bits);
        }
    }

    /** Colours of the Latin-1 chars, the common case, without the block indirection. */
    private final short[] latin1;

    int color(char c) { return c < 256 ? latin1[c] : blocks[c >>> 8][c & 0xFF]; }

    /** The colours of a set (equal to one) that took part in building this map. */
    long[] colorsOf(CharSet s) { return setColors.get(s); }

    private record Signature(long[] bits) {
        @Override
        public boolean equals(Object o) { return o instanceof Signature s && Arrays.equals(bits, s.bits); }

        @Override
        public int hashCode() { return Arrays.hashCode(bits); }
    }
}
