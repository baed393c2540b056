package dev.tclj.expr;

/**
 * Finds where Tcl's word parser stops on a syntax error inside an expression operand (a quoted
 * string, braces, a variable reference or a command substitution), so that the excerpt in the
 * error message is centred where tclsh centres it. The parse itself (and the message) comes from
 * dev.tclj.parse.Parser; this scanner only retraces its structure to find the position: the
 * unmatched opener for an unbalanced quote, brace, bracket or parenthesis, or the character after
 * a close-quote or close-brace that should have ended a word.
 */
final class ErrorLocator {
    private final String s;
    private final int end;
    /** The position of the first error found, or -1. */
    private int term = -1;

    private ErrorLocator(String s) {
        this.s = s;
        this.end = s.length();
    }

    /** The error position for the operand starting at start, or -1 if none is found. */
    static int locate(String s, int start) {
        ErrorLocator l = new ErrorLocator(s);
        switch (s.charAt(start)) {
            case '"': l.quoted(start); break;
            case '{': l.braced(start); break;
            case '$': l.variable(start); break;
            default: l.command(start); break;
        }
        return l.term;
    }

    private int fail(int at) {
        if (term < 0) term = at;
        return -1;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u000b' || c == '\f' || c == '\r';
    }

    /** A "quoted" word at i; returns the index after the closing quote. */
    private int quoted(int i) {
        int j = tokens(i + 1, '"', false);
        if (j < 0) return -1;
        if (j >= end) return fail(i);
        return j + 1;
    }

    /** A {braced} word at i; returns the index after the closing brace. */
    private int braced(int i) {
        int level = 1;
        int j = i + 1;
        while (j < end) {
            char c = s.charAt(j);
            if (c == '\\') { j += 2; continue; }
            if (c == '{') level++;
            else if (c == '}' && --level == 0) return j + 1;
            j++;
        }
        return fail(i);
    }

    /** A $variable reference at i; returns the index after it. */
    private int variable(int i) {
        int j = i + 1;
        if (j < end && s.charAt(j) == '{') {
            int k = s.indexOf('}', j + 1);
            return k < 0 ? fail(j) : k + 1;
        }
        int k = j;
        while (k < end) {
            char c = s.charAt(k);
            if (Character.isLetterOrDigit(c) && c < 0x80 || c == '_') { k++; continue; }
            if (c == ':' && k + 1 < end && s.charAt(k + 1) == ':') { k += 2; continue; }
            break;
        }
        if (k == j) return j;
        if (k < end && s.charAt(k) == '(') {
            int m = tokens(k + 1, ')', false);
            if (m < 0) return -1;
            if (m >= end) return fail(k);
            return m + 1;
        }
        return k;
    }

    /** A [command substitution] at i; returns the index after the closing bracket. */
    private int command(int i) {
        int j = script(i + 1);
        if (j < 0) return -1;
        if (j >= end) return fail(i);
        return j + 1;
    }

    /** The commands of a nested script from i; returns the index of the closing bracket (or end). */
    private int script(int i) {
        while (true) {
            // separators and comments between commands
            while (i < end) {
                char c = s.charAt(i);
                if (isSpace(c) || c == '\n' || c == ';') { i++; continue; }
                if (c == '\\' && i + 1 < end && s.charAt(i + 1) == '\n') { i += 2; continue; }
                if (c == '#') {
                    while (i < end && s.charAt(i) != '\n') i += s.charAt(i) == '\\' ? 2 : 1;
                    continue;
                }
                break;
            }
            if (i >= end || s.charAt(i) == ']') return i;
            // the words of one command
            while (true) {
                while (i < end && isSpace(s.charAt(i))) i++;
                if (i + 1 < end && s.charAt(i) == '\\' && s.charAt(i + 1) == '\n') { i += 2; continue; }
                if (i >= end) return i;
                char c = s.charAt(i);
                if (c == '\n' || c == ';') break;
                if (c == ']') return i;
                i = word(i);
                if (i < 0) return -1;
            }
        }
    }

    /** One word of a nested command at i; returns the index after it. */
    private int word(int i) {
        if (s.startsWith("{*}", i) && i + 3 < end && !isSpace(s.charAt(i + 3)) && s.charAt(i + 3) != '\n') i += 3;
        char c = s.charAt(i);
        if (c == '{' || c == '"') {
            int j = c == '{' ? braced(i) : quoted(i);
            if (j < 0) return -1;
            if (j < end) {
                char d = s.charAt(j);
                boolean ends = isSpace(d) || d == '\n' || d == ';' || d == ']'
                        || (d == '\\' && j + 1 < end && s.charAt(j + 1) == '\n');
                if (!ends) return fail(j);
            }
            return j;
        }
        return tokens(i, (char) 0, true);
    }

    /**
     * Substitution tokens from i up to the terminator (a quote, a parenthesis, or for a bare word
     * the end of the word); returns the index of the terminator, or end if it is missing.
     */
    private int tokens(int i, char terminator, boolean bare) {
        while (i < end) {
            char c = s.charAt(i);
            if (bare) {
                if (isSpace(c) || c == '\n' || c == ';' || c == ']') return i;
                if (c == '\\' && i + 1 < end && s.charAt(i + 1) == '\n') return i;
            } else if (c == terminator) {
                return i;
            }
            if (c == '\\') { i += 2; continue; }
            if (c == '$') {
                int j = variable(i);
                if (j < 0) return -1;
                i = j;
                continue;
            }
            if (c == '[') {
                int j = command(i);
                if (j < 0) return -1;
                i = j;
                continue;
            }
            i++;
        }
        return end;
    }
}
