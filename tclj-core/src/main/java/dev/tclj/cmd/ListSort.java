package dev.tclj.cmd;

import dev.tclj.Index;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

/**
 * The lsort command, and the comparisons lsort and lsearch share (ASCII with and without case,
 * dictionary, integer, real, and the -index sublist selection).
 *
 * <p>The sort is Tcl's own bottom-up merge sort over linked elements, so it is stable, -unique
 * keeps the last of equal elements, and a -command comparison is called in the same sequence as
 * in tclsh (which matters for comparators with side effects or that are inconsistent).
 */
final class ListSort {
    private ListSort() {}

    static final int ASCII = 0, INTEGER = 1, REAL = 2, COMMAND = 3, DICTIONARY = 4, ASCII_NC = 5;

    private static final String[] OPTIONS = {
        "-ascii", "-command", "-decreasing", "-dictionary", "-increasing", "-index", "-indices",
        "-integer", "-nocase", "-real", "-stride", "-unique"
    };

    static TclObj lsort(Interp interp, TclObj[] objv) throws TclException {
        int objc = objv.length;
        if (objc < 2) throw TclException.wrongArgs(objv, 1, "?-option value ...? list");
        int mode = ASCII;
        boolean increasing = true, nocase = false, unique = false, indices = false;
        TclObj command = null;
        Index[] index = null;
        int stride = 1;
        for (int i = 1; i < objc - 1; i++) {
            switch (Subcommands.index(objv[i], OPTIONS, "option")) {
                case 0 -> mode = ASCII;
                case 1 -> {
                    if (i == objc - 2) throw missing("\"-command\" option must be followed by comparison command");
                    mode = COMMAND;
                    command = objv[++i];
                }
                case 2 -> increasing = false;
                case 3 -> mode = DICTIONARY;
                case 4 -> increasing = true;
                case 5 -> {
                    if (i == objc - 2) throw missing("\"-index\" option must be followed by list index");
                    index = encodeIndices(interp, objv[++i]);
                }
                case 6 -> indices = true;
                case 7 -> mode = INTEGER;
                case 8 -> nocase = true;
                case 9 -> mode = REAL;
                case 10 -> {
                    if (i == objc - 2) throw missing("\"-stride\" option must be followed by stride length");
                    stride = objv[++i].asInt();
                    if (stride < 2) {
                        throw TclException.error("stride length must be at least 2", "TCL", "OPERATION", "LSORT", "BADSTRIDE");
                    }
                }
                case 11 -> unique = true;
                default -> throw new IllegalStateException();
            }
        }
        if (nocase && mode == ASCII) mode = ASCII_NC;
        int groupOffset = 0;
        if (stride > 1 && index != null && index.length > 0) {
            groupOffset = index[0].resolve(stride - 1);
            if (groupOffset < 0 || groupOffset >= stride) {
                throw TclException.error("when used with \"-stride\", the leading \"-index\" value must be within the group",
                        "TCL", "OPERATION", "LSORT", "BADINDEX");
            }
            Index[] rest = new Index[index.length - 1];
            System.arraycopy(index, 1, rest, 0, rest.length);
            index = rest;
        }
        if (index != null && index.length == 0) index = null;
        TclList list = objv[objc - 1].asList();
        TclObj[] cmdWords = null;
        if (mode == COMMAND) {
            TclList c = command.asList();
            cmdWords = new TclObj[c.size() + 2];
            System.arraycopy(c.rawArray(), 0, cmdWords, 0, c.size());
        }
        int length = list.size();
        if (length == 0) return TclObj.EMPTY;
        if (stride > 1 && length % stride != 0) {
            throw TclException.error("list size must be a multiple of the stride length", "TCL", "OPERATION", "LSORT", "BADSTRIDE");
        }
        int n = length / stride;
        TclObj[] elems = list.rawArray();

        // Collation keys, computed once per element as in Tcl (so a bad element fails even alone).
        Sorter s = new Sorter(interp, mode, increasing, unique, cmdWords);
        s.objs = new TclObj[n];
        if (mode == INTEGER) s.longs = new long[n];
        else if (mode == REAL) s.doubles = new double[n];
        else if (mode != COMMAND) s.strs = new String[n];
        for (int k = 0; k < n; k++) {
            TclObj e = elems[k * stride + groupOffset];
            if (index != null) e = selectFromSublist(e, index);
            s.objs[k] = e;
            switch (mode) {
                case INTEGER -> s.longs[k] = wideInt(e);
                case REAL -> s.doubles[k] = realValue(e);
                case COMMAND -> { }
                default -> s.strs[k] = e.toString();
            }
        }
        int[] order = s.sort(n);
        int count = s.count;
        TclObj[] out = new TclObj[count * stride];
        int o = 0;
        for (int k = 0; k < count; k++) {
            int g = order[k];
            for (int j = 0; j < stride; j++) {
                out[o++] = indices ? TclObj.of(g * stride + j) : elems[g * stride + j];
            }
        }
        return TclObj.ofList(new TclList(out, out.length));
    }

    private static TclException missing(String msg) {
        return TclException.error(msg, "TCL", "ARGUMENT", "MISSING");
    }

    /** Parses an -index option's list of indices (TclIndexEncode each, with Tcl's errorInfo). */
    static Index[] encodeIndices(Interp interp, TclObj arg) throws TclException {
        TclList l = arg.asList();
        Index[] r = new Index[l.size()];
        for (int j = 0; j < r.length; j++) {
            try {
                r[j] = Index.encode(l.get(j));
            } catch (TclException e) {
                interp.addErrorInfo(e, "\n    (-index option item number " + j + ")");
                throw e;
            }
        }
        return r;
    }

    /** SelectObjFromSublist: follows the -index path into an element. */
    static TclObj selectFromSublist(TclObj e, Index[] index) throws TclException {
        for (Index x : index) {
            TclList l = e.asList();
            int i = x.resolve(l.size() - 1);
            if (i < 0 || i >= l.size()) {
                throw TclException.error("element " + i + " missing from sublist \"" + e + "\"",
                        "TCL", "OPERATION", "LSORT", "INDEXFAILED");
            }
            e = l.get(i);
        }
        return e;
    }

    /** Tcl_GetWideIntFromObj, whose errorCode for a non-integer is TCL VALUE NUMBER. */
    static long wideInt(TclObj o) throws TclException {
        if (o.isIntRep()) return o.rawLong();
        if (!o.toInteger()) {
            throw TclException.error("expected integer but got \"" + o + "\"", "TCL", "VALUE", "NUMBER");
        }
        return o.asLong();
    }

    /** Tcl_GetDoubleFromObj: NaN is an error. */
    static double realValue(TclObj o) throws TclException {
        double d = o.asDouble();
        if (Double.isNaN(d)) {
            throw TclException.error("floating point value is Not a Number", "TCL", "VALUE", "DOUBLE", "NAN");
        }
        return d;
    }

    /** The merge sort over element numbers, with Tcl's linked-list bins. */
    private static final class Sorter {
        final Interp interp;
        final int mode;
        final boolean increasing, unique;
        final TclObj[] cmdWords;
        TclObj[] objs;
        String[] strs;
        long[] longs;
        double[] doubles;
        int[] next;
        int count;

        Sorter(Interp interp, int mode, boolean increasing, boolean unique, TclObj[] cmdWords) {
            this.interp = interp;
            this.mode = mode;
            this.increasing = increasing;
            this.unique = unique;
            this.cmdWords = cmdWords;
        }

        /** Sorts elements 0..n-1; returns their order (the first {@link #count} entries). */
        int[] sort(int n) throws TclException {
            if (mode != COMMAND) return sortKeys(n);
            return sortChains(n);
        }

        /**
         * Sorting by keys, which no script can observe: a stable merge sort over an array of
         * element numbers (cache friendly, unlike chains); with -unique, the last of each run
         * of equal elements stays, as Tcl keeps it.
         */
        private int[] sortKeys(int n) throws TclException {
            int[] a = new int[n];
            for (int i = 0; i < n; i++) a[i] = i;
            if (n > 1) mergeSort(a, new int[n], 0, n);
            if (!unique || n < 2) {
                count = n;
                return a;
            }
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (i + 1 < n && compare(a[i], a[i + 1]) == 0) continue;
                a[k++] = a[i];
            }
            count = k;
            return a;
        }

        /** Sorts a[from, to) stably, using tmp as scratch space. */
        private void mergeSort(int[] a, int[] tmp, int from, int to) throws TclException {
            int len = to - from;
            if (len <= 24) {
                for (int i = from + 1; i < to; i++) {
                    int x = a[i];
                    int j = i - 1;
                    while (j >= from && compare(a[j], x) > 0) {
                        a[j + 1] = a[j];
                        j--;
                    }
                    a[j + 1] = x;
                }
                return;
            }
            int mid = (from + to) >>> 1;
            mergeSort(a, tmp, from, mid);
            mergeSort(a, tmp, mid, to);
            if (compare(a[mid - 1], a[mid]) <= 0) return; // already in order
            System.arraycopy(a, from, tmp, from, len);
            int i = from, j = mid, k = from;
            while (i < mid && j < to) a[k++] = compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
            while (i < mid) a[k++] = tmp[i++];
            while (j < to) a[k++] = tmp[j++];
        }

        /** Tcl's merge sort of linked chains, whose comparison sequence a -command script sees. */
        private int[] sortChains(int n) throws TclException {
            next = new int[n];
            count = n;
            int[] bins = new int[32];
            java.util.Arrays.fill(bins, -1);
            for (int i = 0; i < n; i++) {
                int e = i;
                next[e] = -1;
                int j = 0;
                for (; j < bins.length && bins[j] >= 0; j++) {
                    e = merge(bins[j], e);
                    bins[j] = -1;
                }
                if (j >= bins.length) j = bins.length - 1;
                bins[j] = e;
            }
            int head = -1;
            for (int j = 0; j < bins.length; j++) head = merge(bins[j], head);
            int[] order = new int[count];
            int k = 0;
            for (int e = head; e >= 0; e = next[e]) order[k++] = e;
            return order;
        }

        /** Merges two sorted chains; on equality with -unique, the left (earlier) one is dropped. */
        private int merge(int left, int right) throws TclException {
            if (left < 0) return right;
            if (right < 0) return left;
            int head = -1, tail = -1;
            while (left >= 0 && right >= 0) {
                int cmp = compare(left, right);
                int take;
                if (cmp > 0 || (cmp == 0 && unique)) {
                    if (cmp == 0) {
                        count--;
                        left = next[left];
                    }
                    take = right;
                    right = next[right];
                } else {
                    take = left;
                    left = next[left];
                }
                if (tail < 0) head = take; else next[tail] = take;
                tail = take;
            }
            int rest = left >= 0 ? left : right;
            if (tail < 0) return rest;
            next[tail] = rest;
            return head;
        }

        private int compare(int a, int b) throws TclException {
            int order;
            switch (mode) {
                case ASCII -> order = Integer.signum(strs[a].compareTo(strs[b]));
                case ASCII_NC -> order = compareNocase(strs[a], strs[b]);
                case DICTIONARY -> order = dictionaryCompare(strs[a], strs[b]);
                case INTEGER -> order = Long.compare(longs[a], longs[b]);
                case REAL -> order = doubles[a] < doubles[b] ? -1 : doubles[a] > doubles[b] ? 1 : 0;
                default -> order = callCommand(objs[a], objs[b]);
            }
            return increasing ? order : -order;
        }

        private int callCommand(TclObj a, TclObj b) throws TclException {
            TclObj[] words = cmdWords.clone();
            words[words.length - 2] = a;
            words[words.length - 1] = b;
            TclObj r;
            interp.enterYieldBarrier();
            try {
                r = interp.eval(TclObj.ofList(new TclList(words, words.length)));
            } catch (TclException e) {
                if (e.isError()) interp.addErrorInfo(e, "\n    (-compare command)");
                throw e;
            } finally {
                interp.exitYieldBarrier();
            }
            try {
                return r.asInt();
            } catch (TclException e) {
                throw TclException.error("-compare command returned non-integer result", "TCL", "OPERATION", "LSORT", "COMPARISONFAILED");
            }
        }
    }

    /** TclUtfCasecmp: compares lower-cased characters. */
    static int compareNocase(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i), y = b.charAt(i);
            if (x != y) {
                int d = Character.toLowerCase(x) - Character.toLowerCase(y);
                if (d != 0) return d;
            }
        }
        return a.length() - b.length();
    }

    /**
     * Tcl's dictionary order: case-insensitive (lower case) except as a tie-breaker, and runs of
     * ASCII digits compared as numbers (more leading zeros sorts later, as a tie-breaker).
     */
    static int dictionaryCompare(String left, String right) {
        int li = 0, ri = 0, ln = left.length(), rn = right.length();
        int secondaryDiff = 0;
        int diff;
        while (true) {
            if (ri < rn && li < ln && isDigit(right.charAt(ri)) && isDigit(left.charAt(li))) {
                int zeros = 0;
                while (right.charAt(ri) == '0' && ri + 1 < rn && isDigit(right.charAt(ri + 1))) { ri++; zeros--; }
                while (left.charAt(li) == '0' && li + 1 < ln && isDigit(left.charAt(li + 1))) { li++; zeros++; }
                if (secondaryDiff == 0) secondaryDiff = zeros;
                diff = 0;
                while (true) {
                    if (diff == 0) diff = left.charAt(li) - right.charAt(ri);
                    ri++;
                    li++;
                    boolean rd = ri < rn && isDigit(right.charAt(ri));
                    boolean ld = li < ln && isDigit(left.charAt(li));
                    if (!rd) {
                        if (ld) return 1;
                        if (diff != 0) return diff;
                        break;
                    } else if (!ld) {
                        return -1;
                    }
                }
                continue;
            }
            if (li >= ln || ri >= rn) {
                diff = (li < ln ? left.charAt(li) : 0) - (ri < rn ? right.charAt(ri) : 0);
                break;
            }
            char l = left.charAt(li++), r = right.charAt(ri++);
            diff = Character.toLowerCase(l) - Character.toLowerCase(r);
            if (diff != 0) return diff;
            if (secondaryDiff == 0) {
                if (Character.isUpperCase(l) && Character.isLowerCase(r)) secondaryDiff = -1;
                else if (Character.isUpperCase(r) && Character.isLowerCase(l)) secondaryDiff = 1;
            }
        }
        if (diff == 0) diff = secondaryDiff;
        return diff;
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }
}
