package dev.tclj;

/** Tcl's backslash sequences (Tcl(n) rule 9), shared by the script and list parsers. */
public final class Backslash {
    private Backslash() {}

    /**
     * Decodes the sequence starting at the backslash at {@code i} into {@code out}; returns the index
     * just past the sequence.
     */
    public static int decode(CharSequence s, int i, StringBuilder out) {
        int n = s.length();
        int j = i + 1;
        if (j >= n) { out.append('\\'); return j; }
        char c = s.charAt(j);
        switch (c) {
            case 'a': out.append('\u0007'); return j + 1;
            case 'b': out.append('\b'); return j + 1;
            case 'f': out.append('\f'); return j + 1;
            case 'n': out.append('\n'); return j + 1;
            case 'r': out.append('\r'); return j + 1;
            case 't': out.append('\t'); return j + 1;
            case 'v': out.append('\u000b'); return j + 1;
            case '\n': {
                int k = j + 1;
                while (k < n && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) k++;
                out.append(' ');
                return k;
            }
            case 'x': return hex(s, j + 1, 2, out, 'x');
            case 'u': return hex(s, j + 1, 4, out, 'u');
            case 'U': return hexU(s, j + 1, out);
            default:
                if (c >= '0' && c <= '7') {
                    int v = 0, k = j;
                    while (k < n && k < j + 3 && s.charAt(k) >= '0' && s.charAt(k) <= '7') {
                        v = v * 8 + (s.charAt(k) - '0');
                        k++;
                    }
                    out.append((char) (v & 0xFF));
                    return k;
                }
                out.append(c);
                return j + 1;
        }
    }

    private static int hex(CharSequence s, int k, int max, StringBuilder out, char letter) {
        int n = s.length(), v = 0, start = k;
        while (k < n && k - start < max) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0 || s.charAt(k) > 127) break;
            v = v * 16 + d;
            k++;
        }
        if (k == start) { out.append(letter); return k; }
        out.append((char) v);
        return k;
    }

    private static int hexU(CharSequence s, int k, StringBuilder out) {
        int n = s.length(), v = 0, start = k;
        while (k < n && k - start < 8) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0 || s.charAt(k) > 127) break;
            int nv = v * 16 + d;
            if (nv > 0x10FFFF) break;
            v = nv;
            k++;
        }
        if (k == start) { out.append('U'); return k; }
        out.appendCodePoint(v);
        return k;
    }

    /** Replaces every backslash sequence in {@code s}. */
    public static String substituteAll(String s) {
        int i = s.indexOf('\\');
        if (i < 0) return s;
        StringBuilder sb = new StringBuilder(s.length());
        sb.append(s, 0, i);
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') i = decode(s, i, sb);
            else { sb.append(c); i++; }
        }
        return sb.toString();
    }
}
