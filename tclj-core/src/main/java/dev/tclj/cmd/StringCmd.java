package dev.tclj.cmd;

import dev.tclj.Glob;
import dev.tclj.Index;
import dev.tclj.Interp;
import dev.tclj.TclDict;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

import java.util.HashMap;

/**
 * The string ensemble: every subcommand of Tcl 8.6 ({@code string is} is in
 * {@link StringClasses}). Strings are Java UTF-16: indices count UTF-16 units, as accepted.
 *
 * <p>length, index, range, equal, compare, first and map are hot paths: they work on the string
 * form directly and allocate only the result.
 */
public final class StringCmd {
    private StringCmd() {}

    public static void register(Interp interp) {
        Subcommands s = new Subcommands("string");
        s.add("bytelength", StringCmd::bytelength);
        s.add("cat", StringCmd::cat);
        s.add("compare", StringCmd::compare);
        s.add("equal", StringCmd::equal);
        s.add("first", StringCmd::first);
        s.add("index", StringCmd::index);
        s.add("is", StringClasses::is);
        s.add("last", StringCmd::last);
        s.add("length", StringCmd::length);
        s.add("map", StringCmd::map);
        s.add("match", StringCmd::match);
        s.add("range", StringCmd::range);
        s.add("repeat", StringCmd::repeat);
        s.add("replace", StringCmd::replace);
        s.add("reverse", StringCmd::reverse);
        s.add("tolower", StringCmd::tolower);
        s.add("toupper", StringCmd::toupper);
        s.add("totitle", StringCmd::totitle);
        s.add("trim", StringCmd::trim);
        s.add("trimleft", StringCmd::trimleft);
        s.add("trimright", StringCmd::trimright);
        s.add("wordend", StringCmd::wordend);
        s.add("wordstart", StringCmd::wordstart);
        interp.createCommand("string", s);
        PrefixCmd.register(interp);
    }

    // ---- length, bytelength, index, range, cat ----

    static TclObj length(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "string");
        return TclObj.of(objv[2].toString().length());
    }

    static TclObj bytelength(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "string");
        String s = objv[2].toString();
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // Tcl's internal UTF-8: NUL takes two bytes, each UTF-16 unit of a pair three.
            n += c == 0 ? 2 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return TclObj.of(n);
    }

    static TclObj index(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4) throw TclException.wrongArgs(objv, 2, "string charIndex");
        String s = objv[2].toString();
        int i = Index.get(objv[3], s.length() - 1);
        if (i < 0 || i >= s.length()) return TclObj.EMPTY;
        return TclObj.of(String.valueOf(s.charAt(i)));
    }

    static TclObj range(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 5) throw TclException.wrongArgs(objv, 2, "string first last");
        String s = objv[2].toString();
        int n = s.length();
        int first = Index.get(objv[3], n - 1);
        int last = Index.get(objv[4], n - 1);
        if (first < 0) first = 0;
        if (last >= n) last = n - 1;
        if (first > last) return TclObj.EMPTY;
        // Never split a surrogate pair (Tcl bug 11ae2be95dac9417): a range that starts on the low
        // half starts after it, one that ends on the high half takes the low half too.
        if (first > 0 && Character.isLowSurrogate(s.charAt(first)) && Character.isHighSurrogate(s.charAt(first - 1))) first++;
        if (last + 1 < n && Character.isHighSurrogate(s.charAt(last)) && Character.isLowSurrogate(s.charAt(last + 1))) last++;
        if (first > last) return TclObj.EMPTY;
        if (first == 0 && last == n - 1) return objv[2];
        return TclObj.of(s.substring(first, last + 1));
    }

    static TclObj cat(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length == 2) return TclObj.EMPTY;
        if (objv.length == 3) return objv[2];
        long total = 0;
        for (int i = 2; i < objv.length; i++) total += objv[i].toString().length();
        interp.checkValueSize(total);
        StringBuilder sb = new StringBuilder((int) total);
        for (int i = 2; i < objv.length; i++) sb.append(objv[i].toString());
        return TclObj.of(sb.toString());
    }

    // ---- compare, equal ----

    /**
     * Parses ?-nocase? ?-length int? for compare and equal. Returns the length limit (-1 for none)
     * and sets opts[0] to 1 for -nocase.
     */
    private static int compareOptions(TclObj[] objv, int[] opts) throws TclException {
        int objc = objv.length;
        if (objc < 4 || objc > 7) throw TclException.wrongArgs(objv, 2, "?-nocase? ?-length int? string1 string2");
        int length = -1;
        for (int i = 2; i < objc - 2; i++) {
            String o = objv[i].toString();
            int n = o.length();
            if (n > 1 && "-nocase".startsWith(o)) {
                opts[0] = 1;
            } else if (n > 1 && "-length".startsWith(o)) {
                if (i + 1 >= objc - 2) throw TclException.wrongArgs(objv, 2, "?-nocase? ?-length int? string1 string2");
                length = objv[++i].asInt();
            } else {
                throw TclException.error("bad option \"" + o + "\": must be -nocase or -length", "TCL", "LOOKUP", "INDEX", "option", o);
            }
        }
        return length;
    }

    /** The sign of comparing a and b (at most len units when len >= 0), as Tcl's string compare. */
    static int compareStrings(String a, String b, boolean nocase, int len) {
        if (!nocase && len < 0) return Integer.signum(a.compareTo(b));
        int la = a.length(), lb = b.length();
        if (len >= 0) {
            if (la > len) la = len;
            if (lb > len) lb = len;
        }
        int n = Math.min(la, lb);
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i), y = b.charAt(i);
            if (x == y) continue;
            if (nocase) {
                int d = StringClasses.toLower(x) - StringClasses.toLower(y);
                if (d != 0) return d < 0 ? -1 : 1;
            } else {
                return x < y ? -1 : 1;
            }
        }
        return Integer.compare(la, lb);
    }

    static TclObj compare(Interp interp, TclObj[] objv) throws TclException {
        int[] opts = new int[1];
        int len = objv.length == 4 ? -1 : compareOptions(objv, opts);
        TclObj a = objv[objv.length - 2], b = objv[objv.length - 1];
        if (a == b) return TclObj.of(0);
        return TclObj.of(compareStrings(a.toString(), b.toString(), opts[0] != 0, len));
    }

    static TclObj equal(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length == 4) return TclObj.of(objv[2].stringEquals(objv[3]));
        int[] opts = new int[1];
        int len = compareOptions(objv, opts);
        TclObj a = objv[objv.length - 2], b = objv[objv.length - 1];
        if (a == b) return TclObj.of(true);
        String x = a.toString(), y = b.toString();
        if (opts[0] == 0 && len < 0) return TclObj.of(x.equals(y));
        return TclObj.of(compareStrings(x, y, opts[0] != 0, len) == 0);
    }

    // ---- first, last ----

    static TclObj first(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4 && objv.length != 5) {
            throw TclException.wrongArgs(objv, 2, "needleString haystackString ?startIndex?");
        }
        String needle = objv[2].toString();
        String hay = objv[3].toString();
        int start = 0;
        if (objv.length == 5) {
            start = Index.get(objv[4], hay.length() - 1);
            if (start >= hay.length()) return TclObj.of(-1);
            if (start < 0) start = 0;
        }
        if (needle.isEmpty() || needle.length() > hay.length() - start) return TclObj.of(-1);
        return TclObj.of(hay.indexOf(needle, start));
    }

    static TclObj last(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4 && objv.length != 5) {
            throw TclException.wrongArgs(objv, 2, "needleString haystackString ?startIndex?");
        }
        String needle = objv[2].toString();
        String hay = objv[3].toString();
        int len = hay.length();
        if (objv.length == 5) {
            int last = Index.get(objv[4], len - 1);
            if (last < 0) return TclObj.of(-1);
            if (last < len) len = last + 1;
        }
        if (needle.isEmpty() || needle.length() > len) return TclObj.of(-1);
        return TclObj.of(hay.lastIndexOf(needle, len - needle.length()));
    }

    // ---- map, match ----

    static TclObj map(Interp interp, TclObj[] objv) throws TclException {
        int objc = objv.length;
        if (objc < 4 || objc > 5) throw TclException.wrongArgs(objv, 2, "?-nocase? charMap string");
        boolean nocase = false;
        if (objc == 5) {
            String o = objv[2].toString();
            if (o.length() > 1 && "-nocase".startsWith(o)) nocase = true;
            else throw TclException.error("bad option \"" + o + "\": must be -nocase", "TCL", "LOOKUP", "INDEX", "option", o);
        }
        TclObj mapObj = objv[objc - 2];
        TclObj[] pairs;
        int np;
        if (mapObj.rep() instanceof TclDict d && !mapObj.hasString()) {
            TclList l = d.toList();
            pairs = l.rawArray();
            np = l.size();
        } else {
            TclList l = mapObj.asList();
            np = l.size();
            if (np == 0) return objv[objc - 1];
            if ((np & 1) != 0) throw TclException.error("char map list unbalanced", "TCL", "OPERATION", "MAP", "UNBALANCED");
            pairs = l.rawArray();
        }
        String s = objv[objc - 1].toString();
        int n = s.length();
        if (n == 0 || np == 0) return np == 0 ? objv[objc - 1] : TclObj.EMPTY;
        StringBuilder out = new StringBuilder(n + 16);
        // the result may outgrow the string many times: the value-size cap is checked as it grows
        long max = interp.maxValueSize();
        if (np == 2) {
            String key = pairs[0].toString();
            int kl = key.length();
            if (kl == 0 || kl > n) return objv[objc - 1];
            String val = pairs[1].toString();
            if (!nocase) {
                int p = 0, at;
                while ((at = s.indexOf(key, p)) >= 0) {
                    out.append(s, p, at).append(val);
                    if (out.length() > max) interp.checkValueSize(out.length());
                    p = at + kl;
                }
                if (p == 0) return objv[objc - 1];
                out.append(s, p, n);
                return TclObj.of(out.toString());
            }
            int p = 0;
            for (int i = 0; i <= n - kl; ) {
                if (regionEqualsNocase(s, i, key)) {
                    out.append(s, p, i).append(val);
                    if (out.length() > max) interp.checkValueSize(out.length());
                    i += kl;
                    p = i;
                } else {
                    i++;
                }
            }
            out.append(s, p, n);
            return TclObj.of(out.toString());
        }
        // Several pairs: at each position the first key (in map order) that matches wins. Keys are
        // indexed by first character so that each position looks only at plausible keys.
        int nk = np / 2;
        String[] keys = new String[nk], vals = new String[nk];
        int[][] ascii = new int[128][];               // candidate keys by first character
        HashMap<Character, int[]> other = null;
        for (int k = 0; k < nk; k++) {
            keys[k] = pairs[2 * k].toString();
            vals[k] = pairs[2 * k + 1].toString();
            if (keys[k].isEmpty()) continue;
            char c = keys[k].charAt(0);
            if (nocase) c = (char) StringClasses.toLower(c);
            if (c < 128) {
                ascii[c] = appendInt(ascii[c], k);
            } else {
                if (other == null) other = new HashMap<>();
                other.put(c, appendInt(other.get(c), k));
            }
        }
        int p = 0;
        for (int i = 0; i < n; ) {
            char c = s.charAt(i);
            if (nocase) c = (char) StringClasses.toLower(c);
            int[] cand = c < 128 ? ascii[c] : other == null ? null : other.get(c);
            int hit = -1;
            if (cand != null) {
                for (int k : cand) {
                    String key = keys[k];
                    if (key.length() <= n - i
                            && (nocase ? regionEqualsNocase(s, i, key) : s.startsWith(key, i))) {
                        hit = k;
                        break;
                    }
                }
            }
            if (hit < 0) { i++; continue; }
            out.append(s, p, i).append(vals[hit]);
            if (out.length() > max) interp.checkValueSize(out.length());
            i += keys[hit].length();
            p = i;
        }
        if (p == 0) return objv[objc - 1];
        out.append(s, p, n);
        return TclObj.of(out.toString());
    }

    private static int[] appendInt(int[] a, int k) {
        if (a == null) return new int[]{k};
        int[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = k;
        return b;
    }

    private static boolean regionEqualsNocase(String s, int at, String key) {
        int kl = key.length();
        if (kl > s.length() - at) return false;
        for (int j = 0; j < kl; j++) {
            char x = s.charAt(at + j), y = key.charAt(j);
            if (x != y && StringClasses.toLower(x) != StringClasses.toLower(y)) return false;
        }
        return true;
    }

    static TclObj match(Interp interp, TclObj[] objv) throws TclException {
        int objc = objv.length;
        if (objc < 4 || objc > 5) throw TclException.wrongArgs(objv, 2, "?-nocase? pattern string");
        boolean nocase = false;
        if (objc == 5) {
            String o = objv[2].toString();
            if (o.length() > 1 && "-nocase".startsWith(o)) nocase = true;
            else throw TclException.error("bad option \"" + o + "\": must be -nocase", "TCL", "LOOKUP", "INDEX", "option", o);
        }
        return TclObj.of(Glob.match(objv[objc - 2].toString(), objv[objc - 1].toString(), nocase));
    }

    // ---- repeat, replace, reverse ----

    static TclObj repeat(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4) throw TclException.wrongArgs(objv, 2, "string count");
        int count = objv[3].asInt();
        if (count == 1) return objv[2];
        if (count < 1) return TclObj.EMPTY;
        String s = objv[2].toString();
        if (s.isEmpty()) return TclObj.EMPTY;
        long total = (long) s.length() * count;
        if (total > Integer.MAX_VALUE - 8) {
            throw TclException.error("result exceeds max size for a Tcl value (" + Integer.MAX_VALUE + " bytes)", "TCL", "MEMORY");
        }
        interp.checkValueSize(total);
        return TclObj.of(s.repeat(count));
    }

    static TclObj replace(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 5 || objv.length > 6) throw TclException.wrongArgs(objv, 2, "string first last ?string?");
        String s = objv[2].toString();
        int n = s.length();
        int first = Index.get(objv[3], n - 1);
        int last = Index.get(objv[4], n - 1);
        if (last < 0 || first > n - 1 || last < first) return objv[2];
        if (first < 0) first = 0;
        if (last >= n) last = n - 1;
        StringBuilder sb = new StringBuilder(n);
        sb.append(s, 0, first);
        if (objv.length == 6) sb.append(objv[5].toString());
        sb.append(s, last + 1, n);
        return TclObj.of(sb.toString());
    }

    static TclObj reverse(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "string");
        String s = objv[2].toString();
        if (s.length() < 2) return objv[2];
        char[] a = s.toCharArray();
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            char t = a[i]; a[i] = a[j]; a[j] = t;
        }
        // Keep surrogate pairs in order (a pair is one character).
        for (int i = 0; i + 1 < a.length; i++) {
            if (Character.isLowSurrogate(a[i]) && Character.isHighSurrogate(a[i + 1])) {
                char t = a[i]; a[i] = a[i + 1]; a[i + 1] = t;
                i++;
            }
        }
        return TclObj.of(new String(a));
    }

    // ---- case ----

    private static final int LOWER = 0, UPPER = 1, TITLE = 2;

    static TclObj tolower(Interp interp, TclObj[] objv) throws TclException { return changeCase(objv, LOWER); }

    static TclObj toupper(Interp interp, TclObj[] objv) throws TclException { return changeCase(objv, UPPER); }

    static TclObj totitle(Interp interp, TclObj[] objv) throws TclException { return changeCase(objv, TITLE); }

    private static TclObj changeCase(TclObj[] objv, int how) throws TclException {
        if (objv.length < 3 || objv.length > 5) throw TclException.wrongArgs(objv, 2, "string ?first? ?last?");
        String s = objv[2].toString();
        int n = s.length();
        int first = 0, last = n - 1;
        if (objv.length > 3) {
            first = Index.get(objv[3], n - 1);
            if (first < 0) first = 0;
            last = first;
            if (objv.length == 5) last = Index.get(objv[4], n - 1);
            if (last >= n) last = n - 1;
            if (last < first) return objv[2];
        }
        if (n == 0) return objv[2];
        StringBuilder sb = new StringBuilder(n);
        sb.append(s, 0, first);
        int end = last + 1;
        boolean initial = true;
        for (int i = first; i < end; ) {
            int c = s.codePointAt(i);
            int m;
            if (how == LOWER) m = StringClasses.toLower(c);
            else if (how == UPPER) m = StringClasses.toUpper(c);
            else m = initial ? StringClasses.toTitle(c) : StringClasses.toLower(c);
            initial = false;
            sb.appendCodePoint(m);
            i += Character.charCount(c);
        }
        if (end < n) sb.append(s, end, n);
        return TclObj.of(sb.toString());
    }

    // ---- trim ----

    /** Tcl's default trim set: white space, NUL and the Unicode spaces. */
    private static final String DEFAULT_TRIM = "\u0000\t\n\u000b\f\r \u0085\u00a0\u1680\u180e"
            + "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b"
            + "\u2028\u2029\u202f\u205f\u2060\u3000\ufeff";

    static TclObj trim(Interp interp, TclObj[] objv) throws TclException { return trim(objv, true, true); }

    static TclObj trimleft(Interp interp, TclObj[] objv) throws TclException { return trim(objv, true, false); }

    static TclObj trimright(Interp interp, TclObj[] objv) throws TclException { return trim(objv, false, true); }

    private static TclObj trim(TclObj[] objv, boolean left, boolean right) throws TclException {
        if (objv.length != 3 && objv.length != 4) throw TclException.wrongArgs(objv, 2, "string ?chars?");
        String s = objv[2].toString();
        String set = objv.length == 4 ? objv[3].toString() : DEFAULT_TRIM;
        int b = 0, e = s.length();
        if (set.isEmpty()) return objv[2];
        if (objv.length == 4 && hasSurrogate(set)) {
            // Characters outside the BMP compare whole: the halves of a pair never match alone.
            if (left) {
                while (b < e) {
                    int cp = s.codePointAt(b);
                    if (!containsCodePoint(set, cp)) break;
                    b += Character.charCount(cp);
                }
            }
            if (right) {
                while (e > b) {
                    int cp = s.codePointBefore(e);
                    if (!containsCodePoint(set, cp)) break;
                    e -= Character.charCount(cp);
                }
            }
        } else {
            if (left) while (b < e && set.indexOf(s.charAt(b)) >= 0) b++;
            if (right) while (e > b && set.indexOf(s.charAt(e - 1)) >= 0) e--;
        }
        if (b == 0 && e == s.length()) return objv[2];
        return TclObj.of(s.substring(b, e));
    }

    /** Whether s has a UTF-16 surrogate (a character outside the BMP, or half of one). */
    static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isSurrogate(s.charAt(i))) return true;
        return false;
    }

    /** Whether the characters of set (taken by code point) include cp. */
    static boolean containsCodePoint(String set, int cp) {
        for (int i = 0; i < set.length(); ) {
            int c = set.codePointAt(i);
            if (c == cp) return true;
            i += Character.charCount(c);
        }
        return false;
    }

    // ---- wordend, wordstart ----

    static TclObj wordend(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4) throw TclException.wrongArgs(objv, 2, "string index");
        String s = objv[2].toString();
        int n = s.length();
        int index = Index.get(objv[3], n - 1);
        if (index < 0) index = 0;
        int cur;
        if (index < n) {
            cur = index;
            while (cur < n && StringClasses.isWordChar(s.charAt(cur))) cur++;
            if (cur == index) cur++;
        } else {
            cur = n;
        }
        return TclObj.of(cur);
    }

    static TclObj wordstart(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4) throw TclException.wrongArgs(objv, 2, "string index");
        String s = objv[2].toString();
        int n = s.length();
        int index = Index.get(objv[3], n - 1);
        if (index >= n) index = n - 1;
        int cur = 0;
        if (index > 0) {
            cur = index;
            while (cur >= 0 && StringClasses.isWordChar(s.charAt(cur))) cur--;
            if (cur != index) cur++;
        }
        return TclObj.of(cur);
    }
}
