package dev.tclj;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A dict's internal form: an immutable (as seen from outside), insertion-ordered map from key
 * strings to values. Building and updating a dict held in one variable costs amortized O(1) per
 * operation, like Tcl's unshared dicts, without reference counts.
 *
 * <p>Layout (Baker's "version arrays", also known as rerooting). The entries live in a mutable
 * {@link Store}: keys and values in insertion order (a removed entry leaves a hole) and an
 * open-addressing index from key string to slot. A store belongs to exactly one version, its
 * <em>root</em>. Every other version derived from it is a <em>diff</em>: a reference to the next
 * newer version plus the one change that turns that version's content back into its own (put the
 * old value back in a slot, drop the last slot, refill a hole).
 *
 * <p>Why not a persistent hash trie: it is O(log n) for every pattern, but copies a path of nodes
 * on every update, several times slower than a hash table write for the overwhelmingly common
 * case of one variable owning its dict (the {@code dict set} / {@code dict incr} loop). Here that
 * case is an array write plus one small object, and sharing costs what it costs in Tcl: one copy
 * of a version that is changed or read after a newer one was made from it.
 *
 * <p>Invariants:
 * <ul>
 * <li>Content never changes. Changing the root writes its store in place, makes the store's new
 *     root the result, and turns the old root into a diff of it: O(1). Changing or reading a diff
 *     first <em>materializes</em> it: the store of its root is copied and its chain of diffs is
 *     applied backwards, O(size + chain); the version becomes the root of that copy, and the
 *     versions that chained through it still see the same content. So {@code set a $d; dict set d
 *     k v} leaves $a as it was; reading $a later costs one copy, as the {@code dict set} on a
 *     shared dict costs one copy in Tcl.</li>
 * <li>Chains stay short. A store takes at most max(64, n) changes in place, n being its number
 *     of slots when it was made; the next change goes to a fresh (compacted) copy, O(n) after n
 *     changes (a dict built key by key is copied at sizes 64, 128, 256... as an array list
 *     grows). Hence a diff's chain within its store is at most that long, materializing it costs
 *     O(n), and a dead old version can keep at most one store's chain alive (old versions point
 *     to newer ones, which a generational collector may otherwise retain for long).</li>
 * <li>Slot numbers are fixed for the life of a store (diffs refer to them): a store is never
 *     compacted in place. Compaction (when removals leave more holes than entries) builds a fresh
 *     store for the new version and leaves the old version the root of the old store.</li>
 * <li>Order is Tcl's: a new key goes last; replacing a value keeps its slot; a removed key that
 *     is added again goes last.</li>
 * <li>{@link #EMPTY} is shared by every interpreter and thread and is never changed in place.
 *     Other dicts, like Tcl_Objs, belong to one thread at a time: materializing writes.</li>
 * </ul>
 */
public final class TclDict {
    /** Stores with at most this many slots have no index and are scanned. */
    static final int SMALL = 8;

    public static final TclDict EMPTY = new TclDict(new Store(0), 0);

    private static final int SET = 1, UNAPPEND = 2, UNHOLE = 3;

    /** Non-null iff this version is the root of this store. */
    private Store store;
    /** For a diff: the newer version, and the change from its content to this one's. */
    private TclDict next;
    private int op;
    private int slot;
    private TclObj diffKey, diffValue;
    private final int size;

    private TclDict(Store store, int size) {
        this.store = store;
        this.size = size;
    }

    public int size() { return size; }

    public boolean isEmpty() { return size == 0; }

    /** This version's store, materializing it if it is a diff. */
    private Store root() {
        Store s = store;
        return s != null ? s : materialize();
    }

    private Store materialize() {
        int n = 0;
        for (TclDict v = this; v.store == null; v = v.next) n++;
        TclDict[] path = new TclDict[n];
        TclDict v = this;
        for (int i = 0; i < n; i++, v = v.next) path[i] = v;
        Store c = v.store.copy();
        for (int i = n - 1; i >= 0; i--) path[i].undo(c);
        store = c;
        next = null;
        diffKey = diffValue = null;
        return c;
    }

    private void undo(Store c) {
        switch (op) {
            case SET -> c.vals[slot] = diffValue;
            case UNAPPEND -> c.unappend();
            default -> c.unhole(slot, diffKey, diffValue);
        }
    }

    /** After an in-place change of s (whose root this was): the new root; this becomes a diff. */
    private TclDict advance(Store s, int newSize, int op, int slot, TclObj k, TclObj v) {
        TclDict nv = new TclDict(s, newSize);
        s.changes++;
        store = null;
        next = nv;
        this.op = op;
        this.slot = slot;
        diffKey = k;
        diffValue = v;
        return nv;
    }

    /** Whether a change must go to a fresh store instead of s (see class comment). */
    private boolean mustCopy(Store s) {
        return this == EMPTY || s.changes >= s.limit;
    }

    // ======================================================================================
    // Lookup
    // ======================================================================================

    public TclObj get(String key) {
        Store s = root();
        int i = s.find(key, Store.hash(key));
        return i < 0 ? null : s.vals[i];
    }

    public TclObj get(TclObj key) { return get(key.toString()); }

    public boolean containsKey(String key) {
        return root().find(key, Store.hash(key)) >= 0;
    }

    // ======================================================================================
    // Changes
    // ======================================================================================

    /** A dict with key set to value: the key keeps its place if present, else goes last. */
    public TclDict put(TclObj key, TclObj value) {
        String k = key.toString();
        int h = Store.hash(k);
        Store s = root();
        int i = s.find(k, h);
        if (i >= 0) {
            TclObj old = s.vals[i];
            if (old == value) return this;
            if (mustCopy(s)) {
                Store c = s.compacted(-1, 0);
                c.vals[c.find(k, h)] = value;
                return new TclDict(c, size);
            }
            s.vals[i] = value;
            return advance(s, size, SET, i, null, old);
        }
        if (mustCopy(s)) {
            Store c = s.compacted(-1, 1);
            c.append(key, h, value);
            return new TclDict(c, size + 1);
        }
        s.append(key, h, value);
        return advance(s, size + 1, UNAPPEND, 0, null, null);
    }

    /** A dict without key (this one if it has no such key). */
    public TclDict remove(String key) {
        Store s = root();
        int i = s.find(key, Store.hash(key));
        if (i < 0) return this;
        if (size == 1) return EMPTY;
        int holes = s.used - s.live + 1;
        if (mustCopy(s) || (holes > 32 && holes > size - 1)) return new TclDict(s.compacted(i, 0), size - 1);
        TclObj k = s.keys[i], v = s.vals[i];
        s.hole(i);
        return advance(s, size - 1, UNHOLE, i, k, v);
    }

    public TclDict remove(TclObj key) { return remove(key.toString()); }

    // ======================================================================================
    // Iteration
    // ======================================================================================

    /** The entries as a flat list: key, value, key, value... */
    public TclList toList() {
        Store s = root();
        TclObj[] a = new TclObj[2 * size];
        int j = 0;
        for (int i = 0; i < s.used; i++) {
            if (s.keys[i] != null) { a[j++] = s.keys[i]; a[j++] = s.vals[i]; }
        }
        return new TclList(a, a.length);
    }

    /** Keys in order. */
    public TclObj[] keys() {
        Store s = root();
        TclObj[] out = new TclObj[size];
        int j = 0;
        for (int i = 0; i < s.used; i++) if (s.keys[i] != null) out[j++] = s.keys[i];
        return out;
    }

    /** Values in order. */
    public TclObj[] values() {
        Store s = root();
        TclObj[] out = new TclObj[size];
        int j = 0;
        for (int i = 0; i < s.used; i++) if (s.keys[i] != null) out[j++] = s.vals[i];
        return out;
    }

    /** Calls f for each entry in order (f must not change dicts: it sees a snapshot). */
    public void forEach(BiConsumer<TclObj, TclObj> f) {
        TclList l = toList();
        for (int i = 0; i < l.size(); i += 2) f.accept(l.get(i), l.get(i + 1));
    }

    @Override
    public String toString() { return toList().toString(); }

    /** Tcl_HashStats text for this dict's table (dict info). */
    public String hashStats() {
        TclObj[] ks = keys();
        String[] s = new String[ks.length];
        for (int i = 0; i < s.length; i++) s[i] = ks[i].toString();
        return TclHashLayout.stats(s, s.length);
    }

    // ======================================================================================
    // Construction and conversion
    // ======================================================================================

    /** A dict from a list of keys and values; a repeated key keeps its first place and last value. */
    public static TclDict fromList(TclList l) throws TclException {
        if ((l.size() & 1) != 0) throw missingValue();
        Builder b = new Builder(l.size() / 2);
        for (int i = 0, n = l.size(); i < n; i += 2) b.put(l.get(i), l.get(i + 1));
        return b.build();
    }

    /**
     * The value as a dict, with dict parse errors ("missing value to go with key", "unmatched open
     * brace in dict"...). The dict is cached in the value unless the value repeats a key: then the
     * value's list form (which keeps the repeats) must stay what its string says.
     */
    public static TclDict from(TclObj o) throws TclException {
        Object r = o.rep;
        if (r instanceof TclDict d) return d;
        TclList l;
        if (r instanceof TclList lr) {
            l = lr;
        } else {
            try {
                l = ListParser.parse(o.toString());
            } catch (TclException e) {
                throw dictSyntax(e);
            }
        }
        if ((l.size() & 1) != 0) throw missingValue();
        Builder b = new Builder(l.size() / 2);
        for (int i = 0, n = l.size(); i < n; i += 2) b.put(l.get(i), l.get(i + 1));
        TclDict d = b.build();
        if (!b.repeated && o != TclObj.EMPTY) {
            // without repeats the list and dict forms print the same, so the string may stay lazy
            o.rep = d;
        }
        return d;
    }

    static TclException missingValue() {
        return TclException.error("missing value to go with key", "TCL", "VALUE", "DICTIONARY");
    }

    /** Rewrites a list syntax error as the dict one tclsh reports. */
    private static TclException dictSyntax(TclException e) {
        String m = e.getMessage();
        String what = "JUNK";
        if (m.startsWith("unmatched open brace")) what = "BRACE";
        else if (m.startsWith("unmatched open quote")) what = "QUOTE";
        m = m.replace(" in list", " in dict");
        if (m.startsWith("list element")) m = "dict" + m.substring(4);
        return TclException.error(m, "TCL", "VALUE", "DICTIONARY", what);
    }

    /** Builds a new dict by mutation, then freezes it; not to be used after build(). */
    public static final class Builder {
        private Store s;
        /** Whether a key was given twice. */
        boolean repeated;

        public Builder(int cap) { s = new Store(cap); }

        public Builder put(TclObj k, TclObj v) {
            String ks = k.toString();
            int h = Store.hash(ks);
            int i = s.find(ks, h);
            if (i >= 0) {
                s.vals[i] = v;
                repeated = true;
            } else {
                s.append(k, h, v);
            }
            return this;
        }

        public int size() { return s.live; }

        public TclDict build() {
            Store st = s;
            s = null;
            st.limit = Math.max(64, st.used);
            return st.live == 0 ? EMPTY : new TclDict(st, st.live);
        }
    }

    // ======================================================================================
    // The store
    // ======================================================================================

    /**
     * Entries in slots [0, used) in insertion order, a removed one leaving a null key (a hole), and,
     * once there are more than SMALL slots, an open-addressing table (linear probing, at most half
     * full) of hash and slot + 1 per live entry, 0 for an empty bucket.
     */
    static final class Store {
        TclObj[] keys;
        TclObj[] vals;
        int[] hashes;
        int used, live;
        /**
         * The index: per bucket 0 (empty) or the entry's hash in the high half and its slot + 1
         * in the low half, so that a probe compares hashes without touching the entry arrays.
         */
        long[] table;
        /** Changes made in place since the store was made, and how many it may take. */
        int changes;
        int limit = 64;

        Store(int cap) {
            cap = Math.max(cap, 4);
            keys = new TclObj[cap];
            vals = new TclObj[cap];
            hashes = new int[cap];
            if (cap > SMALL) table = new long[tableSize(cap)];
        }

        private Store(Store o) {
            keys = o.keys.clone();
            vals = o.vals.clone();
            hashes = o.hashes.clone();
            used = o.used;
            live = o.live;
            table = o.table == null ? null : o.table.clone();
        }

        static int hash(String k) {
            int h = k.hashCode();
            return h ^ (h >>> 16);
        }

        private static int tableSize(int entries) {
            return Math.max(16, Integer.highestOneBit(entries * 2 - 1) << 1);
        }

        /** A copy with the same slots (for materializing a diff). */
        Store copy() {
            Store c = new Store(this);
            c.limit = Math.max(64, used);
            return c;
        }

        /** A compacted copy of the live entries except slot skip, with room for extra more. */
        Store compacted(int skip, int extra) {
            int n = live - (skip >= 0 ? 1 : 0);
            Store c = new Store(n + extra + (n >> 1));
            for (int i = 0; i < used; i++) {
                if (keys[i] != null && i != skip) c.append(keys[i], hashes[i], vals[i]);
            }
            c.limit = Math.max(64, n);
            return c;
        }

        int find(String k, int h) {
            long[] t = table;
            if (t == null) {
                for (int i = 0; i < used; i++) {
                    TclObj x = keys[i];
                    if (x != null && hashes[i] == h && x.toString().equals(k)) return i;
                }
                return -1;
            }
            int mask = t.length - 1;
            for (int b = h & mask; ; b = (b + 1) & mask) {
                long e = t[b];
                if (e == 0) return -1;
                if ((int) (e >>> 32) == h) {
                    int s = (int) e - 1;
                    if (keys[s].toString().equals(k)) return s;
                }
            }
        }

        void append(TclObj k, int h, TclObj v) {
            if (used == keys.length) {
                int cap = used * 2;
                keys = Arrays.copyOf(keys, cap);
                vals = Arrays.copyOf(vals, cap);
                hashes = Arrays.copyOf(hashes, cap);
            }
            int s = used++;
            keys[s] = k;
            vals[s] = v;
            hashes[s] = h;
            live++;
            if (table != null) tableAdd(s);
            else if (used > SMALL) rebuildTable();
        }

        void hole(int s) {
            if (table != null) tableRemove(s);
            keys[s] = null;
            vals[s] = null;
            live--;
        }

        void unappend() {
            int s = used - 1;
            if (table != null) tableRemove(s);
            keys[s] = null;
            vals[s] = null;
            used--;
            live--;
        }

        void unhole(int s, TclObj k, TclObj v) {
            keys[s] = k;
            vals[s] = v;
            hashes[s] = hash(k.toString());
            live++;
            if (table != null) tableAdd(s);
        }

        private void rebuildTable() {
            long[] t = new long[tableSize(Math.max(live, 8))];
            int mask = t.length - 1;
            for (int s = 0; s < used; s++) {
                if (keys[s] == null) continue;
                int b = hashes[s] & mask;
                while (t[b] != 0) b = (b + 1) & mask;
                t[b] = entry(hashes[s], s);
            }
            table = t;
        }

        private void tableAdd(int s) {
            if (live * 2 > table.length) {
                rebuildTable();
                return;
            }
            long[] t = table;
            int mask = t.length - 1;
            int b = hashes[s] & mask;
            while (t[b] != 0) b = (b + 1) & mask;
            t[b] = entry(hashes[s], s);
        }

        private static long entry(int h, int s) { return ((long) h << 32) | (s + 1); }

        /** Removes slot s from the table, shifting later entries of its cluster back. */
        private void tableRemove(int s) {
            long[] t = table;
            int mask = t.length - 1;
            int b = hashes[s] & mask;
            while ((int) t[b] != s + 1) b = (b + 1) & mask;
            int j = b;
            while (true) {
                j = (j + 1) & mask;
                long e = t[j];
                if (e == 0) break;
                int home = (int) (e >>> 32) & mask;
                // move e into the gap unless its home lies cyclically in (b, j]
                boolean stays = b <= j ? (home > b && home <= j) : (home > b || home <= j);
                if (!stays) {
                    t[b] = e;
                    b = j;
                }
            }
            t[b] = 0;
        }
    }
}
