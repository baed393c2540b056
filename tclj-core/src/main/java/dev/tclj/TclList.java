package dev.tclj;

import java.util.Arrays;

/**
 * A list's internal form: an immutable view of the first {@code size} slots of an array.
 *
 * <p>Appending is amortized O(1) without reference counts: views share their backing array, and a
 * view may extend the array in place only when the slot just past its end is still empty (null),
 * i.e. when it is the longest view of that array. Any other view copies first. Slots below a view's
 * size are never written again, so every view stays valid. Elements are never null.
 *
 * <p>One exception makes {@code lset} amortized O(1) as well, without proof of unsharedness (which
 * needs reference counts): Baker's "version arrays". An array created by {@link #set} carries a
 * {@link Versions} log and may then be written in place below a view's size. Every view of such an
 * array records the log's stamp when it is made; a write records (slot, old element) in the log and
 * advances the stamp, which makes every other view of the array stale. A stale view, on its first
 * access, rebuilds a private copy by undoing the newer log entries (O(size + changes), once), so
 * no view ever sees a change. Views of a logged array are only made here and always carry the log.
 * The log is bounded: after {@code max(16, size)} writes the next {@link #set} starts a fresh
 * array, so the copying stays amortized O(1) per write and the retained old elements O(size).
 * Arrays without a log (those passed to the public constructor, among others) are never written
 * below any view's size. Hence the array is read only through {@link #arr()} or the accessors,
 * which check for staleness.
 */
public final class TclList {
    public static final TclList EMPTY = new TclList(new TclObj[0], 0);

    /** The log of in-place writes to one array. {@code stamp} is the number of entries. */
    static final class Versions {
        int stamp;
        int[] slot = new int[8];
        TclObj[] old = new TclObj[8];
        /** Writes allowed before the next {@link #set} copies to a fresh array (bounds the log). */
        final int budget;

        Versions(int size) { budget = Math.max(16, size); }

        void record(int i, TclObj prev) {
            if (stamp == slot.length) {
                slot = Arrays.copyOf(slot, stamp * 2);
                old = Arrays.copyOf(old, stamp * 2);
            }
            slot[stamp] = i;
            old[stamp] = prev;
            stamp++;
        }
    }

    private TclObj[] items;
    final int size;
    /** The write log of the array, or null if the array is never written below a view's size. */
    private Versions ver;
    /** ver's stamp when this view was made; the view is stale once the stamp has moved on. */
    private int stamp;

    public TclList(TclObj[] items, int size) {
        this.items = items;
        this.size = size;
    }

    private TclList(TclObj[] items, int size, Versions ver, int stamp) {
        this.items = items;
        this.size = size;
        this.ver = ver;
        this.stamp = stamp;
    }

    public static TclList of(TclObj... items) { return new TclList(items, items.length); }

    public static TclList of(java.util.List<TclObj> items) {
        return new TclList(items.toArray(new TclObj[0]), items.size());
    }

    public int size() { return size; }

    public TclObj get(int i) {
        Versions v = ver;
        if (v != null && v.stamp != stamp) rebuild();
        return items[i];
    }

    /** The backing array, valid for this view's first size() slots. */
    private TclObj[] arr() {
        Versions v = ver;
        if (v != null && v.stamp != stamp) rebuild();
        return items;
    }

    /** A stale view makes its own copy: the shared array with the newer writes undone. */
    private void rebuild() {
        Versions v = ver;
        TclObj[] a = Arrays.copyOf(items, size);
        for (int k = v.stamp - 1; k >= stamp; k--) {
            int i = v.slot[k];
            if (i < size) a[i] = v.old[k];
        }
        items = a;
        ver = null;
        stamp = 0;
    }

    /** The elements as an array that the caller must not modify (may be longer than size). */
    public TclObj[] rawArray() { return arr(); }

    public TclObj[] toArray() { return Arrays.copyOf(arr(), size); }

    /** A list with {@code x} appended; O(1) amortized when this is the longest view. */
    public TclList append(TclObj x) {
        TclObj[] a = arr();
        if (size < a.length && a[size] == null) {
            a[size] = x;
            return new TclList(a, size + 1, ver, stamp);
        }
        TclObj[] b = Arrays.copyOf(a, Math.max(8, size + (size >> 1) + 1));
        b[size] = x;
        return new TclList(b, size + 1);
    }

    /** A list with all of {@code xs[from..to)} appended. */
    public TclList appendAll(TclObj[] xs, int from, int to) {
        int n = to - from;
        if (n == 0) return this;
        TclObj[] a = arr();
        boolean inPlace = size + n <= a.length;
        if (inPlace) for (int i = size; i < size + n; i++) if (a[i] != null) { inPlace = false; break; }
        if (!inPlace) {
            a = Arrays.copyOf(a, Math.max(8, size + n + (size >> 1)));
            System.arraycopy(xs, from, a, size, n);
            return new TclList(a, size + n);
        }
        System.arraycopy(xs, from, a, size, n);
        return new TclList(a, size + n, ver, stamp);
    }

    public TclList appendAll(TclList other) { return appendAll(other.arr(), 0, other.size); }

    /** Elements [from, to) as a list (a prefix of at least half the list shares the array). */
    public TclList range(int from, int to) {
        if (from <= 0 && to >= size) return this;
        if (from < 0) from = 0;
        if (to > size) to = size;
        if (from >= to) return EMPTY;
        TclObj[] a = arr();
        if (from == 0 && to >= size - (size >> 1)) return new TclList(a, to, ver, stamp);
        return new TclList(Arrays.copyOfRange(a, from, to), to - from);
    }

    /** A copy with element i replaced. */
    public TclList with(int i, TclObj x) {
        TclObj[] a = Arrays.copyOf(arr(), size);
        a[i] = x;
        return new TclList(a, size);
    }

    /**
     * This list with element i replaced (0 <= i < size), for lset: amortized O(1). Writes the array
     * in place when it carries a write log and this view is current, which makes every other view
     * of the array stale (see the class comment); otherwise copies into a fresh array with a log.
     */
    public TclList set(int i, TclObj x) {
        Versions v = ver;
        if (v != null && v.stamp == stamp && v.stamp < v.budget) {
            v.record(i, items[i]);
            items[i] = x;
            return new TclList(items, size, v, v.stamp);
        }
        TclObj[] a = Arrays.copyOf(arr(), size);
        a[i] = x;
        return new TclList(a, size, new Versions(size), 0);
    }

    @Override
    public String toString() {
        if (size == 0) return "";
        TclObj[] a = arr();
        StringBuilder sb = new StringBuilder(size * 8);
        for (int i = 0; i < size; i++) {
            if (i > 0) sb.append(' ');
            ListParser.appendElement(sb, a[i].toString(), i == 0);
        }
        return sb.toString();
    }
}
