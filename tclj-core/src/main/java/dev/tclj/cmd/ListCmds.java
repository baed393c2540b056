package dev.tclj.cmd;

import dev.tclj.Index;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

import java.util.Arrays;
import java.util.HashMap;

/**
 * The list commands: list llength lindex lrange linsert lreplace lset lassign lreverse lrepeat
 * concat join split, plus lsearch ({@link ListSearch}) and lsort ({@link ListSort}).
 *
 * <p>Hot paths (llength, lindex, lrange, join, split) work on the cached list form and never copy
 * more than the result needs. lset is amortized O(1) through {@link TclList#set}.
 */
public final class ListCmds {
    private ListCmds() {}

    /** The most elements a list may have (Tcl's limit for 32-bit element counts). */
    static final int MAX_LIST = 536870909;

    public static void register(Interp interp) {
        interp.createCommand("list", ListCmds::list);
        interp.createCommand("llength", ListCmds::llength);
        interp.createCommand("lindex", ListCmds::lindex);
        interp.createCommand("lrange", ListCmds::lrange);
        interp.createCommand("linsert", ListCmds::linsert);
        interp.createCommand("lreplace", ListCmds::lreplace);
        interp.createCommand("lset", ListCmds::lset);
        interp.createCommand("lassign", ListCmds::lassign);
        interp.createCommand("lreverse", ListCmds::lreverse);
        interp.createCommand("lrepeat", ListCmds::lrepeat);
        interp.createCommand("concat", ListCmds::concat);
        interp.createCommand("join", ListCmds::join);
        interp.createCommand("split", ListCmds::split);
        interp.createCommand("lsearch", ListSearch::lsearch);
        interp.createCommand("lsort", ListSort::lsort);
    }

    static TclObj list(Interp interp, TclObj[] objv) {
        int n = objv.length - 1;
        if (n == 0) return TclObj.EMPTY;
        return TclObj.ofList(new TclList(Arrays.copyOfRange(objv, 1, objv.length), n));
    }

    static TclObj llength(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2) throw TclException.wrongArgs(objv, 1, "list");
        return TclObj.of(objv[1].asList().size());
    }

    // ---- lindex ----

    static TclObj lindex(Interp interp, TclObj[] objv) throws TclException {
        int n = objv.length;
        if (n < 2) throw TclException.wrongArgs(objv, 1, "list ?index ...?");
        if (n == 2) return objv[1];
        if (n == 3) {
            TclObj arg = objv[2];
            if (!(arg.rep() instanceof TclList)) {
                // The common case: one index. Tcl checks the index syntax before the list's.
                TclList l = objv[1].asList();
                int i = Index.getOrInvalid(arg, l.size() - 1);
                if (i != Index.NOT_INDEX) return i >= 0 && i < l.size() ? l.get(i) : TclObj.EMPTY;
            }
            TclList idx;
            try {
                idx = arg.asList();
            } catch (TclException e) {
                throw Index.bad(arg);
            }
            if (idx.size() == 0) return objv[1];
            return lindexFlat(objv[1], idx.toArray(), 0, idx.size());
        }
        return lindexFlat(objv[1], objv, 2, n);
    }

    /** Descends through idx[from, to), each a single index; out of range gives "". */
    static TclObj lindexFlat(TclObj list, TclObj[] idx, int from, int to) throws TclException {
        TclObj cur = list;
        for (int k = from; k < to; k++) {
            TclList l = cur.asList();
            int i = Index.get(idx[k], l.size() - 1);
            if (i < 0 || i >= l.size()) {
                // Tcl still checks the syntax of the remaining indices.
                for (k++; k < to; k++) Index.get(idx[k], -1);
                return TclObj.EMPTY;
            }
            cur = l.get(i);
        }
        return cur;
    }

    // ---- lrange linsert lreplace ----

    static TclObj lrange(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4) throw TclException.wrongArgs(objv, 1, "list first last");
        TclList l = objv[1].asList();
        int size = l.size();
        int first = Index.get(objv[2], size - 1);
        int last = Index.get(objv[3], size - 1);
        if (first < 0) first = 0;
        if (last >= size) last = size - 1;
        if (first > last) return TclObj.EMPTY;
        return TclObj.ofList(l.range(first, last + 1));
    }

    static TclObj linsert(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 3) throw TclException.wrongArgs(objv, 1, "list index ?element ...?");
        TclList l = objv[1].asList();
        int size = l.size();
        int at = Index.get(objv[2], size);
        if (at < 0) at = 0;
        if (at > size) at = size;
        int add = objv.length - 3;
        checkLength((long) size + add);
        if (at == size) return TclObj.ofList(l.appendAll(objv, 3, objv.length));
        TclObj[] a = new TclObj[size + add];
        TclObj[] src = l.rawArray();
        System.arraycopy(src, 0, a, 0, at);
        System.arraycopy(objv, 3, a, at, add);
        System.arraycopy(src, at, a, at + add, size - at);
        return TclObj.ofList(new TclList(a, a.length));
    }

    static TclObj lreplace(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 4) throw TclException.wrongArgs(objv, 1, "list first last ?element ...?");
        TclList l = objv[1].asList();
        int size = l.size();
        int first = Index.get(objv[2], size - 1);
        int last = Index.get(objv[3], size - 1);
        if (first < 0) first = 0;
        if (first > size) first = size;
        if (last >= size) last = size - 1;
        int del = first <= last ? last - first + 1 : 0;
        int add = objv.length - 4;
        checkLength((long) size - del + add);
        if (first == size) return TclObj.ofList(l.appendAll(objv, 4, objv.length));
        TclObj[] a = new TclObj[size - del + add];
        TclObj[] src = l.rawArray();
        System.arraycopy(src, 0, a, 0, first);
        System.arraycopy(objv, 4, a, first, add);
        System.arraycopy(src, first + del, a, first + add, size - first - del);
        return TclObj.ofList(new TclList(a, a.length));
    }

    static void checkLength(long n) throws TclException {
        if (n > MAX_LIST) {
            throw TclException.error("max length of a Tcl list (" + MAX_LIST + " elements) exceeded", "TCL", "MEMORY");
        }
    }

    // ---- lset ----

    static TclObj lset(Interp interp, TclObj[] objv) throws TclException {
        int n = objv.length;
        if (n < 3) throw TclException.wrongArgs(objv, 1, "listVar ?index? ?index ...? value");
        String name = objv[1].toString();
        TclObj cur = interp.getVar(name);
        TclObj value = objv[n - 1];
        TclObj result;
        if (n == 3) {
            result = value;
        } else if (n == 4) {
            TclObj arg = objv[2];
            TclObj[] idx;
            if (!(arg.rep() instanceof TclList) && Index.getOrInvalid(arg, 0) != Index.NOT_INDEX) {
                idx = new TclObj[]{arg};
            } else {
                TclList il;
                try {
                    il = arg.asList();
                } catch (TclException e) {
                    throw Index.bad(arg);
                }
                idx = il.toArray();
            }
            result = idx.length == 0 ? value : lsetIn(cur, idx, 0, idx.length, value);
        } else {
            result = lsetIn(cur, objv, 2, n - 1, value);
        }
        return interp.setVar(name, result);
    }

    /**
     * cur with the element at path idx[k, to) replaced by value. An index may equal the length (it
     * appends; at an inner level it appends an empty sublist first). Errors are raised while
     * descending, before anything is built.
     */
    private static TclObj lsetIn(TclObj cur, TclObj[] idx, int k, int to, TclObj value) throws TclException {
        TclList l = cur.asList();
        int size = l.size();
        int i = Index.get(idx[k], size - 1);
        if (i < 0 || i > size) {
            throw TclException.error("list index out of range", "TCL", "OPERATION", "LSET", "BADINDEX");
        }
        TclObj x;
        if (k + 1 == to) x = value;
        else x = lsetIn(i == size ? TclObj.EMPTY : l.get(i), idx, k + 1, to, value);
        return TclObj.ofList(i == size ? l.append(x) : l.set(i, x));
    }

    // ---- lassign lreverse lrepeat ----

    static TclObj lassign(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "list ?varName ...?");
        TclList l = objv[1].asList();
        int nv = objv.length - 2;
        for (int k = 0; k < nv; k++) {
            interp.setVar(objv[k + 2].toString(), k < l.size() ? l.get(k) : TclObj.EMPTY);
        }
        if (nv >= l.size()) return TclObj.EMPTY;
        return TclObj.ofList(l.range(nv, l.size()));
    }

    static TclObj lreverse(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2) throw TclException.wrongArgs(objv, 1, "list");
        TclList l = objv[1].asList();
        int n = l.size();
        if (n == 0) return TclObj.EMPTY;
        TclObj[] src = l.rawArray();
        TclObj[] a = new TclObj[n];
        for (int i = 0; i < n; i++) a[i] = src[n - 1 - i];
        return TclObj.ofList(new TclList(a, n));
    }

    static TclObj lrepeat(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "count ?value ...?");
        int count = objv[1].asInt();
        if (count < 0) {
            throw TclException.error("bad count \"" + count + "\": must be integer >= 0", "TCL", "OPERATION", "LREPEAT", "NEGARG");
        }
        int k = objv.length - 2;
        if (count == 0 || k == 0) return TclObj.EMPTY;
        checkLength((long) count * k);
        interp.checkValueSize((long) count * k);
        TclObj[] a = new TclObj[count * k];
        if (k == 1) {
            Arrays.fill(a, objv[2]);
        } else {
            for (int c = 0; c < count; c++) System.arraycopy(objv, 2, a, c * k, k);
        }
        return TclObj.ofList(new TclList(a, a.length));
    }

    // ---- concat join split ----

    static TclObj concat(Interp interp, TclObj[] objv) throws TclException {
        return concat(objv, 1, objv.length);
    }

    /**
     * Tcl_ConcatObj: pure lists (no string form) are joined as lists; otherwise each argument is
     * trimmed of surrounding white space and the non-empty ones are joined with single spaces.
     */
    public static TclObj concat(TclObj[] objv, int from, int to) throws TclException {
        if (to - from == 1 && objv[from].rep() instanceof TclList && !objv[from].hasString()) return objv[from];
        boolean allLists = true;
        for (int i = from; i < to; i++) {
            TclObj o = objv[i];
            if (o.hasString() || !(o.rep() instanceof TclList)) {
                if (!o.isEmptyString()) { allLists = false; break; }
            }
        }
        if (allLists) {
            TclList r = TclList.EMPTY;
            for (int i = from; i < to; i++) {
                TclObj o = objv[i];
                if (o.rep() instanceof TclList l) r = r.appendAll(l);
            }
            return TclObj.ofList(r);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            String s = objv[i].toString();
            int b = 0, e = s.length();
            while (b < e && isSpace(s.charAt(b))) b++;
            while (e > b && isSpace(s.charAt(e - 1))) e--;
            // A trailing space escaped by a backslash belongs to the element: keep it.
            if (e < s.length() && e > b && s.charAt(e - 1) == '\\') e++;
            if (b == e) continue;
            if (sb.length() > 0) sb.append(' ');
            sb.append(s, b, e);
        }
        return TclObj.of(sb.toString());
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f';
    }

    static TclObj join(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2 && objv.length != 3) throw TclException.wrongArgs(objv, 1, "list ?joinString?");
        TclList l = objv[1].asList();
        int n = l.size();
        if (n == 0) return TclObj.EMPTY;
        if (n == 1) return l.get(0);
        String sep = objv.length == 3 ? objv[2].toString() : " ";
        TclObj[] a = l.rawArray();
        long total = (long) (n - 1) * sep.length();
        for (int i = 0; i < n; i++) total += a[i].toString().length();
        interp.checkValueSize(total);
        StringBuilder sb = new StringBuilder((int) total);
        sb.append(a[0].toString());
        for (int i = 1; i < n; i++) sb.append(sep).append(a[i].toString());
        return TclObj.of(sb.toString());
    }

    static TclObj split(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2 && objv.length != 3) throw TclException.wrongArgs(objv, 1, "string ?splitChars?");
        String s = objv[1].toString();
        String chars = objv.length == 3 ? objv[2].toString() : " \t\n\r";
        int n = s.length();
        if (n == 0) return TclObj.EMPTY;
        if (chars.isEmpty()) {
            // One element per character (a surrogate pair is one); equal characters share one
            // value, as in Tcl.
            TclObj[] a = new TclObj[n];
            int count = 0;
            HashMap<Integer, TclObj> seen = new HashMap<>();
            for (int i = 0; i < n; ) {
                int c = s.codePointAt(i);
                int len = Character.charCount(c);
                TclObj o = seen.get(c);
                if (o == null) { o = TclObj.of(s.substring(i, i + len)); seen.put(c, o); }
                a[count++] = o;
                i += len;
            }
            return TclObj.ofList(new TclList(a, count));
        }
        TclObj[] a = new TclObj[8];
        int count = 0;
        int start = 0;
        if (StringCmd.hasSurrogate(chars)) {
            // characters outside the BMP match whole, never by one half
            for (int i = 0; i < n; ) {
                int c = s.codePointAt(i);
                int len = Character.charCount(c);
                if (StringCmd.containsCodePoint(chars, c)) {
                    if (count == a.length) a = Arrays.copyOf(a, count * 2);
                    a[count++] = TclObj.of(s.substring(start, i));
                    start = i + len;
                }
                i += len;
            }
        } else if (chars.length() == 1) {
            char sc = chars.charAt(0);
            for (int i = 0; i < n; i++) {
                if (s.charAt(i) == sc) {
                    if (count == a.length) a = Arrays.copyOf(a, count * 2);
                    a[count++] = TclObj.of(s.substring(start, i));
                    start = i + 1;
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (chars.indexOf(s.charAt(i)) >= 0) {
                    if (count == a.length) a = Arrays.copyOf(a, count * 2);
                    a[count++] = TclObj.of(s.substring(start, i));
                    start = i + 1;
                }
            }
        }
        if (count == a.length) a = Arrays.copyOf(a, count + 1);
        a[count++] = TclObj.of(s.substring(start));
        return TclObj.ofList(new TclList(a, count));
    }
}
