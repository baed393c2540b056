package dev.tclj.regex;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The partition of the alphabet into "colours": two chars get the same colour when every character
 * set of the pattern either contains both or neither, so the automata only ever need to look at a
 * char's colour. Lookup goes through a two-level table of 256-char blocks; blocks that are a single
 * colour share one array.
 */
final class ColorMap {
    final int ncolors;
    private final short[][] blocks = new short[256][];
    private final IdentityHashMap<CharSet, long[]> setColors = new IdentityHashMap<>();

    ColorMap(List<CharSet> sets) {
        TreeSet<Integer> cuts = new TreeSet<>();
        cuts.add(0);
        for (CharSet s : sets) {
            int[] r = s.ranges;
            for (int i = 0; i < r.length; i += 2) {
                cuts.add(r[i]);
                if (r[i + 1] < CharSet.MAX) cuts.add(r[i + 1] + 1);
            }
        }
        int[] starts = new int[cuts.size()];
        int k = 0;
        for (int c : cuts) starts[k++] = c;
        int nsets = sets.size();
        int words = Math.max(1, (nsets + 63) >>> 6);
        Map<Signature, Integer> colorOf = new HashMap<>();
        int[] intervalColor = new int[starts.length];
        for (int i = 0; i < starts.length; i++) {
            long[] sig = new long[words];
            int c = starts[i];
            for (int j = 0; j < nsets; j++) if (sets.get(j).contains(c)) sig[j >>> 6] |= 1L << j;
            Signature key = new Signature(sig);
            Integer col = colorOf.get(key);
            if (col == null) {
                col = colorOf.size();
                colorOf.put(key, col);
            }
            intervalColor[i] = col;
        }
        ncolors = colorOf.size();
        short[] full = new short[0x10000];
        for (int i = 0; i < starts.length; i++) {
            int from = starts[i], to = i + 1 < starts.length ? starts[i + 1] : 0x10000;
            Arrays.fill(full, from, to, (short) intervalColor[i]);
        }
        Map<Integer, short[]> uniform = new HashMap<>();
        for (int b = 0; b < 256; b++) {
            short first = full[b << 8];
            boolean same = true;
            for (int j = 1; j < 256 && same; j++) same = full[(b << 8) + j] == first;
            if (same) {
                blocks[b] = uniform.computeIfAbsent((int) first, f -> {
                    short[] a = new short[256];
                    Arrays.fill(a, (short) (int) f);
                    return a;
                });
            } else {
                blocks[b] = Arrays.copyOfRange(full, b << 8, (b + 1) << 8);
            }
        }
        int cwords = (ncolors + 63) >>> 6;
        for (CharSet s : sets) {
            long[] bits = new long[cwords];
            int[] r = s.ranges;
            for (int i = 0; i < r.length; i += 2) {
                // Every interval inside the range has its colour in the set; intervals start at cuts.
                int idx = Arrays.binarySearch(starts, r[i]);
                for (int j = idx; j < starts.length && starts[j] <= r[i + 1]; j++) {
                    int col = intervalColor[j];
                    bits[col >>> 6] |= 1L << col;
                }
            }
            setColors.put(s, bits);
        }
    }

    int color(char c) { return blocks[c >>> 8][c & 0xFF]; }

    /** The colours of a set that took part in building this map. */
    long[] colorsOf(CharSet s) { return setColors.get(s); }

    private record Signature(long[] bits) {
        @Override
        public boolean equals(Object o) { return o instanceof Signature s && Arrays.equals(bits, s.bits); }

        @Override
        public int hashCode() { return Arrays.hashCode(bits); }
    }
}
