package dev.tclj;

/** Tcl's glob-style matching (string match): {@code * ? [chars] [a-z] \x}. */
public final class Glob {
    private Glob() {}

    public static boolean match(String pat, String str, boolean nocase) {
        if (nocase) {
            pat = pat.toLowerCase();
            str = str.toLowerCase();
        }
        return match(pat, 0, str, 0);
    }

    private static boolean match(String p, int pi, String s, int si) {
        int pn = p.length(), sn = s.length();
        while (true) {
            if (pi == pn) return si == sn;
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < pn && p.charAt(pi) == '*') pi++;
                if (pi == pn) return true;
                char next = p.charAt(pi);
                for (; si <= sn; si++) {
                    if (next != '[' && next != '?' && next != '\\' && si < sn && s.charAt(si) != next) continue;
                    if (match(p, pi, s, si)) return true;
                }
                return false;
            }
            if (si == sn) return false;
            char sc = s.charAt(si);
            if (c == '?') { pi++; si++; continue; }
            if (c == '[') {
                pi++;
                boolean matched = false;
                while (true) {
                    if (pi >= pn) return false;
                    char a = p.charAt(pi);
                    if (a == ']') { pi++; break; }
                    if (a == '\\' && pi + 1 < pn) { pi++; a = p.charAt(pi); }
                    pi++;
                    if (pi + 1 < pn && p.charAt(pi) == '-' && p.charAt(pi + 1) != ']') {
                        char b = p.charAt(pi + 1);
                        if (b == '\\' && pi + 2 < pn) { b = p.charAt(pi + 2); pi++; }
                        pi += 2;
                        char lo = a < b ? a : b, hi = a < b ? b : a;
                        if (sc >= lo && sc <= hi) matched = true;
                    } else if (a == sc) {
                        matched = true;
                    }
                }
                if (!matched) return false;
                si++;
                continue;
            }
            if (c == '\\') {
                pi++;
                if (pi == pn) return false;
                c = p.charAt(pi);
            }
            if (c != sc) return false;
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
