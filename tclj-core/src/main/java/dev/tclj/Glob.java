package dev.tclj;

/**
 * Tcl's glob-style matching (Tcl_StringCaseMatch, used by string match): {@code *} any run,
 * {@code ?} one character, {@code [chars]} and ranges {@code [a-z]} (either order, no escapes
 * inside brackets), {@code \x} a literal x. With nocase, characters compare by their simple
 * lower-case mapping, one at a time, as in Tcl.
 */
public final class Glob {
    private Glob() {}

    public static boolean match(String pat, String str, boolean nocase) {
        return match(pat, 0, str, 0, nocase);
    }

    private static char fold(char c, boolean nocase) {
        return nocase ? Character.toLowerCase(c) : c;
    }

    private static boolean match(String p, int pi, String s, int si, boolean nocase) {
        int pn = p.length(), sn = s.length();
        while (true) {
            if (pi == pn) return si == sn;
            char c = p.charAt(pi);
            if (si == sn && c != '*') return false;
            if (c == '*') {
                while (++pi < pn && p.charAt(pi) == '*') { }
                if (pi == pn) return true;
                char next = p.charAt(pi);
                boolean plain = next != '[' && next != '?' && next != '\\';
                char want = fold(next, nocase);
                while (true) {
                    // Skip quickly to a possible start when the next pattern char is literal.
                    if (plain) while (si < sn && fold(s.charAt(si), nocase) != want) si++;
                    if (match(p, pi, s, si, nocase)) return true;
                    if (si == sn) return false;
                    si++;
                }
            }
            if (c == '?') { pi++; si++; continue; }
            if (c == '[') {
                char ch = fold(s.charAt(si++), nocase);
                pi++;
                while (true) {
                    if (pi >= pn || p.charAt(pi) == ']') return false;
                    char start = fold(p.charAt(pi++), nocase);
                    if (pi < pn && p.charAt(pi) == '-') {
                        pi++;
                        if (pi >= pn) return false;
                        char end = fold(p.charAt(pi++), nocase);
                        if ((start <= ch && ch <= end) || (end <= ch && ch <= start)) break;
                    } else if (start == ch) {
                        break;
                    }
                }
                // Skip the rest of the set; an unclosed set ends the pattern.
                while (pi < pn && p.charAt(pi) != ']') pi++;
                if (pi < pn) pi++;
                continue;
            }
            if (c == '\\') {
                if (++pi == pn) return false;
                c = p.charAt(pi);
            }
            if (fold(c, nocase) != fold(s.charAt(si), nocase)) return false;
            pi++;
            si++;
        }
    }

    /** Whether a pattern has glob special characters. */
    public static boolean hasSpecial(String p) {
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '\\') return true;
        }
        return false;
    }
}
