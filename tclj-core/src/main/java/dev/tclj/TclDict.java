package dev.tclj;

import java.util.Arrays;
import java.util.HashMap;

/**
 * A dict's internal form: an immutable, insertion-ordered view of a shared entry store.
 *
 * <p>The store holds keys and values in insertion order and a hash index from key string to slot.
 * A view sees the first {@code count} slots. Adding a new key to the longest view of a store writes
 * the next slot in place (amortized O(1), as for lists); every other change copies the live entries.
 * Slots below a view's count are never written again, so all views stay valid. A slot whose key was
 * removed in this store generation is null.
 */
public final class TclDict {
    public static final TclDict EMPTY = new TclDict(new Store(0), 0, 0);

    static final class Store {
        TclObj[] keys;
        TclObj[] vals;
        final HashMap<String, Integer> index;
        int used;

        Store(int cap) {
            keys = new TclObj[Math.max(cap, 4)];
            vals = new TclObj[Math.max(cap, 4)];
            index = new HashMap<>(Math.max(cap, 4) * 2);
        }
    }

    final Store store;
    final int count;   // slots visible to this view
    final int size;    // live entries

    private TclDict(Store store, int count, int size) {
        this.store = store;
        this.count = count;
        this.size = size;
    }

    public int size() { return size; }

    private int slot(String key) {
        Integer i = store.index.get(key);
        if (i == null || i >= count) return -1;
        return i;
    }

    public TclObj get(String key) {
        int i = slot(key);
        return i < 0 ? null : store.vals[i];
    }

    public TclObj get(TclObj key) { return get(key.toString()); }

    public boolean containsKey(String key) { return slot(key) >= 0; }

    /** A dict with key set to value; amortized O(1) for a new key on the longest view. */
    public TclDict put(TclObj key, TclObj value) {
        String k = key.toString();
        int i = slot(k);
        if (i < 0 && store.used == count && size == count && this != EMPTY) {
            Store s = store;
            if (count == s.keys.length) {
                int cap = count * 2;
                s.keys = Arrays.copyOf(s.keys, cap);
                s.vals = Arrays.copyOf(s.vals, cap);
            }
            s.keys[count] = key;
            s.vals[count] = value;
            s.index.put(k, count);
            s.used = count + 1;
            return new TclDict(s, count + 1, size + 1);
        }
        Store s = copyStore(size + 1);
        if (i < 0) {
            int j = s.used;
            s.keys[j] = key; s.vals[j] = value; s.index.put(k, j); s.used = j + 1;
            return new TclDict(s, j + 1, size + 1);
        }
        s.vals[s.index.get(k)] = value;
        return new TclDict(s, s.used, size);
    }

    public TclDict remove(String key) {
        if (slot(key) < 0) return this;
        Store s = new Store(size);
        int j = 0;
        for (int i = 0; i < count; i++) {
            TclObj k = store.keys[i];
            if (k == null || store.index.get(k.toString()) != i) continue;
            if (k.toString().equals(key)) continue;
            s.keys[j] = k; s.vals[j] = store.vals[i]; s.index.put(k.toString(), j); j++;
        }
        s.used = j;
        return new TclDict(s, j, j);
    }

    private Store copyStore(int cap) {
        Store s = new Store(cap + (cap >> 1));
        int j = 0;
        for (int i = 0; i < count; i++) {
            TclObj k = store.keys[i];
            if (k == null || store.index.get(k.toString()) != i) continue;
            s.keys[j] = k; s.vals[j] = store.vals[i]; s.index.put(k.toString(), j); j++;
        }
        s.used = j;
        return s;
    }

    /** Whether slot i holds a live entry of this view. */
    private boolean live(int i) {
        TclObj k = store.keys[i];
        return k != null && store.index.get(k.toString()) == i;
    }

    /** Keys in order. */
    public TclObj[] keys() {
        TclObj[] out = new TclObj[size];
        int j = 0;
        for (int i = 0; i < count && j < size; i++) if (size == count || live(i)) out[j++] = store.keys[i];
        return out;
    }

    public TclObj[] values() {
        TclObj[] out = new TclObj[size];
        int j = 0;
        for (int i = 0; i < count && j < size; i++) if (size == count || live(i)) out[j++] = store.vals[i];
        return out;
    }

    /** Calls visitor for each entry in order. */
    public void forEach(java.util.function.BiConsumer<TclObj, TclObj> f) {
        for (int i = 0; i < count; i++) if (size == count || live(i)) f.accept(store.keys[i], store.vals[i]);
    }

    public TclList toList() {
        TclObj[] a = new TclObj[size * 2];
        int j = 0;
        for (int i = 0; i < count; i++) {
            if (size == count || live(i)) { a[j++] = store.keys[i]; a[j++] = store.vals[i]; }
        }
        return new TclList(a, j);
    }

    public static TclDict fromList(TclList l) throws TclException {
        if ((l.size & 1) != 0) {
            throw TclException.error("missing value to go with key", "TCL", "VALUE", "DICTIONARY");
        }
        Builder b = new Builder(l.size / 2);
        for (int i = 0; i < l.size; i += 2) b.put(l.items[i], l.items[i + 1]);
        return b.build();
    }

    /** Builds a new dict in place, then freezes it. */
    public static final class Builder {
        private final Store s;
        private int size;

        public Builder(int cap) { s = new Store(cap); }

        public Builder put(TclObj k, TclObj v) {
            String ks = k.toString();
            Integer i = s.index.get(ks);
            if (i != null) { s.vals[i] = v; return this; }
            if (s.used == s.keys.length) {
                s.keys = Arrays.copyOf(s.keys, s.used * 2);
                s.vals = Arrays.copyOf(s.vals, s.used * 2);
            }
            s.keys[s.used] = k; s.vals[s.used] = v; s.index.put(ks, s.used); s.used++; size++;
            return this;
        }

        public TclDict build() { return size == 0 ? EMPTY : new TclDict(s, s.used, size); }
    }

    @Override
    public String toString() { return toList().toString(); }
}
