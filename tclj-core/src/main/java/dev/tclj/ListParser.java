package dev.tclj;

import java.util.ArrayList;

/**
 * Tcl's list syntax: splitting a string into elements (braces, quotes, backslashes) and quoting an
 * element so that it parses back to itself (the canonical form {@code list} produces).
 */
public final class ListParser {
    private ListParser() {}

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f';
    }

    public static TclList parse(String s) throws TclException {
        ArrayList<TclObj> out = new ArrayList<>();
        split(s, out);
        return new TclList(out.toArray(new TclObj[0]), out.size());
    }

    /** Parses for a dict: same syntax; the caller checks pairing. */
    static TclList parseForDict(String s) throws TclException { return parse(s); }

    static void split(String s, ArrayList<TclObj> out) throws TclException {
        int n = s.length();
        int i = 0;
        while (true) {
            while (i < n && isSpace(s.charAt(i))) i++;
            if (i >= n) return;
            char c = s.charAt(i);
            if (c == '{') {
                int level = 1;
                int j = i + 1;
                while (j < n) {
                    char d = s.charAt(j);
                    if (d == '\\') { j += 2; continue; }
                    if (d == '{') level++;
                    else if (d == '}' && --level == 0) break;
                    j++;
                }
                if (j >= n) throw TclException.error("unmatched open brace in list", "TCL", "VALUE", "LIST", "BRACE");
                out.add(TclObj.of(s.substring(i + 1, j)));
                i = j + 1;
                if (i < n && !isSpace(s.charAt(i))) throw junk(s, i, "braces");
            } else if (c == '"') {
                int j = i + 1;
                boolean hasBackslash = false;
                while (j < n) {
                    char d = s.charAt(j);
                    if (d == '\\') { hasBackslash = true; j += 2; continue; }
                    if (d == '"') break;
                    j++;
                }
                if (j >= n) throw TclException.error("unmatched open quote in list", "TCL", "VALUE", "LIST", "QUOTE");
                String body = s.substring(i + 1, j);
                out.add(TclObj.of(hasBackslash ? Backslash.substituteAll(body) : body));
                i = j + 1;
                if (i < n && !isSpace(s.charAt(i))) throw junk(s, i, "quotes");
            } else {
                int j = i;
                boolean hasBackslash = false;
                while (j < n) {
                    char d = s.charAt(j);
                    if (isSpace(d)) break;
                    if (d == '\\') { hasBackslash = true; j += (j + 1 < n) ? 2 : 1; continue; }
                    j++;
                }
                if (j > n) j = n;
                String body = s.substring(i, j);
                out.add(TclObj.of(hasBackslash ? Backslash.substituteAll(body) : body));
                i = j;
            }
        }
    }

    private static TclException junk(String s, int i, String what) {
        int j = i;
        while (j < s.length() && !isSpace(s.charAt(j))) j++;
        return TclException.error("list element in " + what + " followed by \"" + s.substring(i, j)
                + "\" instead of space", "TCL", "VALUE", "LIST", "JUNK");
    }

    /** Appends {@code e} quoted as a list element (Tcl's canonical quoting). */
    public static void appendElement(StringBuilder sb, String e, boolean first) {
        int n = e.length();
        if (n == 0) { sb.append("{}"); return; }
        boolean forbidNone = false, preferBrace = false, requireEscape = false;
        int braces = 0;
        char c0 = e.charAt(0);
        if (c0 == '{' || c0 == '"') { forbidNone = true; preferBrace = true; }
        else if (c0 == '#' && first) { forbidNone = true; preferBrace = true; }
        for (int i = 0; i < n; i++) {
            char c = e.charAt(i);
            switch (c) {
                case '{': braces++; break;
                case '}': if (--braces < 0) requireEscape = true; break;
                case ']': case '"': forbidNone = true; break;
                case '[': case '$': case ';': case ' ': case '\t': case '\n': case '\r': case '\u000b': case '\f':
                    forbidNone = true; preferBrace = true; break;
                case '\\':
                    forbidNone = true;
                    if (i + 1 == n) { requireEscape = true; break; }
                    char d = e.charAt(i + 1);
                    if (d == '\n') { requireEscape = true; i++; break; }
                    if (d == '{' || d == '}' || d == '\\') i++;
                    preferBrace = true;
                    break;
                default: break;
            }
        }
        if (braces != 0) requireEscape = true;
        if (requireEscape) forbidNone = true;
        if (!forbidNone) { sb.append(e); return; }
        if (preferBrace && !requireEscape) { sb.append('{').append(e).append('}'); return; }
        // backslash form
        for (int i = 0; i < n; i++) {
            char c = e.charAt(i);
            switch (c) {
                case '{': case '}': case '[': case ']': case '$': case ';': case ' ': case '\\': case '"':
                    sb.append('\\').append(c); break;
                case '\n': sb.append("\\n"); break;
                case '\t': sb.append("\\t"); break;
                case '\r': sb.append("\\r"); break;
                case '\f': sb.append("\\f"); break;
                case '\u000b': sb.append("\\v"); break;
                case '#':
                    if (i == 0 && first) sb.append('\\');
                    sb.append(c); break;
                default: sb.append(c);
            }
        }
    }

    /** One element quoted, as a string. */
    public static String quote(String e) {
        StringBuilder sb = new StringBuilder(e.length() + 2);
        appendElement(sb, e, true);
        return sb.toString();
    }
}
