package dev.tclj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The array variable operations behind the {@code array} command, which need the variable
 * internals: finding an array, firing its array traces, listing its elements in the order tclsh
 * shows them, {@code array set}, pattern unset, and the element searches of
 * {@code array startsearch}.
 *
 * <p>Element order: an array's elements are kept in insertion order ({@link Var#array}); tclsh
 * lists them in its hash table's order, which {@link TclHashLayout} reproduces from the insertion
 * order.
 *
 * <p>Searches: tclsh deletes every search of an array when an element is created or unset. The
 * variable layer does not report such changes, so each search records the element table's identity,
 * size and newest element, and is dropped (with all searches of that array) once any of them
 * differs: creation and unset change the size, a create-and-unset pair the newest element; only an
 * element created and unset again between two search calls goes unnoticed.
 */
public final class ArrayVars {
    private ArrayVars() {}

    /**
     * The variable an {@code array} subcommand names, resolved through links, after firing its
     * array traces (as tclsh does when the variable is an array or is undefined); null if there is
     * no such variable. A name in element form {@code a(b)} never names an array.
     */
    public static Var lookup(Interp interp, String name) throws TclException {
        if (Interp.splitArrayName(name) != null) return null;
        Var v;
        try {
            v = interp.lookupVar(name, false);
        } catch (TclException e) {
            return null;
        }
        if (v == null) return null;
        v = v.resolve();
        if (v.traces != null && (v.array != null || v.value == null)) VarTraces.fireArray(interp, v, name);
        return v;
    }

    /** Whether v is an array (it may have no elements). */
    public static boolean isArray(Var v) { return v != null && v.array != null; }

    public static TclException notArray(String name) {
        return TclException.error("\"" + name + "\" isn't an array", "TCL", "LOOKUP", "ARRAY", name);
    }

    // ======================================================================================
    // Elements
    // ======================================================================================

    /** Names of the defined elements of array v, in tclsh's order. */
    public static List<String> names(Var v) {
        LinkedHashMap<String, Var> m = v.array;
        String[] keys = new String[m.size()];
        Var[] vars = new Var[keys.length];
        int n = 0;
        for (Map.Entry<String, Var> e : m.entrySet()) {
            keys[n] = e.getKey();
            vars[n++] = e.getValue();
        }
        int[] order = TclHashLayout.iterationOrder(keys, n);
        List<String> out = new ArrayList<>(n);
        for (int i : order) if (vars[i].value != null) out.add(keys[i]);
        return out;
    }

    /** Whether array v has a defined element named name. */
    public static boolean hasElement(Var v, String name) {
        Var e = v.array.get(name);
        return e != null && e.value != null;
    }

    /** Number of defined elements. */
    public static int size(Var v) {
        int n = 0;
        for (Var e : v.array.values()) if (e.value != null) n++;
        return n;
    }

    /** array statistics: the hash table statistics over every entry, defined or not. */
    public static String statistics(Var v) {
        String[] keys = v.array.keySet().toArray(new String[0]);
        return TclHashLayout.stats(keys, keys.length);
    }

    /** Whether array v (still) is an array: a trace may have unset it. */
    public static boolean stillArray(Var v) { return v.array != null; }

    /**
     * array set with an empty list: makes name an array if it is not one (creating the variable).
     */
    public static void makeArray(Interp interp, String name) throws TclException {
        Var v;
        try {
            v = interp.lookupVar(name, true);
        } catch (Interp.NoParentNamespace e) {
            throw TclException.error("can't set \"" + name + "\": parent namespace doesn't exist",
                    "TCL", "LOOKUP", "VARNAME", name);
        }
        v = v.resolve();
        if (v.array != null) return;
        if (v.value != null || v.parentArray != null) {
            throw TclException.error("can't array set \"" + name + "\": variable isn't array", "TCL", "WRITE", "ARRAY");
        }
        v.dead = false;
        v.array = new LinkedHashMap<>();
    }

    /**
     * For array set with elements: a variable linked to an array element cannot become an array;
     * tclsh reports it for the first element to set.
     */
    public static void checkNotElement(Interp interp, String name, String firstKey) throws TclException {
        Var v;
        try {
            v = interp.lookupVar(name, false);
        } catch (TclException e) {
            return;
        }
        if (v != null && v.resolve().parentArray != null) {
            throw TclException.error("can't set \"" + name + "(" + firstKey + ")\": variable isn't array",
                    "TCL", "LOOKUP", "VARNAME", name);
        }
    }

    /**
     * Checks that name's namespace exists, for array set, which reports it before any element as
     * "can't verb ...".
     */
    public static void checkCreatable(Interp interp, String name, String verb) throws TclException {
        try {
            interp.lookupVar(name, true);
        } catch (Interp.NoParentNamespace e) {
            throw TclException.error("can't " + verb + " \"" + name + "\": parent namespace doesn't exist",
                    "TCL", "LOOKUP", "VARNAME", name);
        }
    }

    // ======================================================================================
    // Searches (array startsearch / nextelement / anymore / donesearch)
    // ======================================================================================

    /** One search: the element names in order and the position reached. */
    private static final class Search {
        final int id;
        final String[] names;
        int next;

        Search(int id, String[] names) {
            this.id = id;
            this.names = names;
        }
    }

    /** The searches of one array, most recent first, and the table state they were made in. */
    private static final class Searches {
        final ArrayList<Search> list = new ArrayList<>();
        LinkedHashMap<String, Var> table;
        int size;
        Var newest;
    }

    private static final Object KEY = new Object();

    private static Searches searchesOf(Interp interp, Var v, boolean create) {
        WeakHashMap<Var, Searches> all = interp.getAssoc(KEY);
        if (all == null) {
            if (!create) return null;
            interp.setAssoc(KEY, all = new WeakHashMap<>());
        }
        Searches s = all.get(v);
        if (s != null && (s.table != v.array || s.size != v.array.size() || s.newest != newest(v.array))) {
            // an element was created or unset since: tclsh has deleted the searches
            all.remove(v);
            s = null;
        }
        if (s == null && create) {
            s = new Searches();
            all.put(v, s);
        }
        if (s != null) {
            s.table = v.array;
            s.size = v.array.size();
            s.newest = newest(v.array);
        }
        return s;
    }

    private static Var newest(LinkedHashMap<String, Var> m) {
        Map.Entry<String, Var> e = m.lastEntry();
        return e == null ? null : e.getValue();
    }

    /** Starts a search of array v named name; returns its identifier. */
    public static String startSearch(Interp interp, Var v, String name) {
        Searches s = searchesOf(interp, v, true);
        int id = s.list.isEmpty() ? 1 : s.list.get(0).id + 1;
        LinkedHashMap<String, Var> m = v.array;
        String[] keys = m.keySet().toArray(new String[0]);
        int[] order = TclHashLayout.iterationOrder(keys, keys.length);
        String[] names = new String[keys.length];
        for (int i = 0; i < keys.length; i++) names[i] = keys[order[i]];
        s.list.add(0, new Search(id, names));
        return "s-" + id + "-" + name;
    }

    private static Search findSearch(Interp interp, Var v, String name, String handle) throws TclException {
        if (handle.length() < 2 || handle.charAt(0) != 's' || handle.charAt(1) != '-') throw badSearch(handle);
        // the number is read as strtoul reads it (blanks, a sign) and compared as an int
        int i = 2, n = handle.length();
        while (i < n && Character.isWhitespace(handle.charAt(i))) i++;
        boolean neg = false;
        if (i < n && (handle.charAt(i) == '+' || handle.charAt(i) == '-')) neg = handle.charAt(i++) == '-';
        int digits = i;
        long num = 0;
        while (i < n && handle.charAt(i) >= '0' && handle.charAt(i) <= '9') {
            num = num * 10 + (handle.charAt(i++) - '0');
            if (num > 0xFFFFFFFFL) num &= 0xFFFFFFFFL;
        }
        if (i == digits || i >= n || handle.charAt(i) != '-') throw badSearch(handle);
        if (!handle.substring(i + 1).equals(name)) {
            throw TclException.error("search identifier \"" + handle + "\" isn't for variable \"" + name + "\"",
                    "TCL", "LOOKUP", "ARRAYSEARCH", handle);
        }
        int id = (int) (neg ? -num : num);
        Searches s = searchesOf(interp, v, false);
        if (s != null) for (Search x : s.list) if (x.id == id) return x;
        throw TclException.error("couldn't find search \"" + handle + "\"", "TCL", "LOOKUP", "ARRAYSEARCH", handle);
    }

    private static TclException badSearch(String handle) {
        return TclException.error("illegal search identifier \"" + handle + "\"", "TCL", "LOOKUP", "ARRAYSEARCH", handle);
    }

    /** The next defined element of the search, or "" at the end. */
    public static String nextElement(Interp interp, Var v, String name, String handle) throws TclException {
        Search s = findSearch(interp, v, name, handle);
        while (s.next < s.names.length) {
            String e = s.names[s.next++];
            if (hasElement(v, e)) return e;
        }
        return "";
    }

    /** Whether the search has defined elements left. */
    public static boolean anyMore(Interp interp, Var v, String name, String handle) throws TclException {
        Search s = findSearch(interp, v, name, handle);
        while (s.next < s.names.length) {
            if (hasElement(v, s.names[s.next])) return true;
            s.next++;
        }
        return false;
    }

    public static void doneSearch(Interp interp, Var v, String name, String handle) throws TclException {
        Search s = findSearch(interp, v, name, handle);
        searchesOf(interp, v, false).list.remove(s);
    }
}
