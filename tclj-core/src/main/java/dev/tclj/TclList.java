package dev.tclj;

import java.util.Arrays;

/**
 * A list's internal form: an immutable view of the first {@code size} slots of an array.
 *
 * <p>Appending is amortized O(1) without reference counts: views share their backing array, and a
 * view may extend the array in place only when the slot just past its end is still empty (null),
 * i.e. when it is the longest view of that array. Any other view copies first. Slots below a view's
 * size are never written again, so every view stays valid. Elements are never null.
 */
public final class TclList {
    public static final TclList EMPTY = new TclList(new TclObj[0], 0);

    final TclObj[] items;
    final int size;

    public TclList(TclObj[] items, int size) {
        this.items = items;
        this.size = size;
    }

    public static TclList of(TclObj... items) { return new TclList(items, items.length); }

    public static TclList of(java.util.List<TclObj> items) {
        return new TclList(items.toArray(new TclObj[0]), items.size());
    }

    public int size() { return size; }

    public TclObj get(int i) { return items[i]; }

    /** The elements as an array that the caller must not modify (may be longer than size). */
    public TclObj[] rawArray() { return items; }

    public TclObj[] toArray() { return Arrays.copyOf(items, size); }

    /** A list with {@code x} appended; O(1) amortized when this is the longest view. */
    public TclList append(TclObj x) {
        if (size < items.length && items[size] == null) {
            items[size] = x;
            return new TclList(items, size + 1);
        }
        TclObj[] a = Arrays.copyOf(items, Math.max(8, size + (size >> 1) + 1));
        a[size] = x;
        return new TclList(a, size + 1);
    }

    /** A list with all of {@code xs[from..to)} appended. */
    public TclList appendAll(TclObj[] xs, int from, int to) {
        int n = to - from;
        if (n == 0) return this;
        boolean inPlace = size + n <= items.length;
        if (inPlace) for (int i = size; i < size + n; i++) if (items[i] != null) { inPlace = false; break; }
        TclObj[] a = items;
        if (!inPlace) a = Arrays.copyOf(items, Math.max(8, size + n + (size >> 1)));
        System.arraycopy(xs, from, a, size, n);
        return new TclList(a, size + n);
    }

    public TclList appendAll(TclList other) { return appendAll(other.items, 0, other.size); }

    /** Elements [from, to) as a new list sharing nothing mutable. */
    public TclList range(int from, int to) {
        if (from <= 0 && to >= size) return this;
        if (from >= to) return EMPTY;
        return new TclList(Arrays.copyOfRange(items, from, to), to - from);
    }

    /** A copy with element i replaced. */
    public TclList with(int i, TclObj x) {
        TclObj[] a = Arrays.copyOf(items, size);
        a[i] = x;
        return new TclList(a, size);
    }

    @Override
    public String toString() {
        if (size == 0) return "";
        StringBuilder sb = new StringBuilder(size * 8);
        for (int i = 0; i < size; i++) {
            if (i > 0) sb.append(' ');
            ListParser.appendElement(sb, items[i].toString(), i == 0);
        }
        return sb.toString();
    }
}
