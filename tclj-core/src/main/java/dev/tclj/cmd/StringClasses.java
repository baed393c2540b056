package dev.tclj.cmd;

import dev.tclj.Interp;
import dev.tclj.NumberFormat;
import dev.tclj.TclException;
import dev.tclj.TclObj;

import java.math.BigInteger;

/**
 * {@code string is}: the character classes (with Tcl 8.6's Unicode definitions), the value classes
 * (boolean, integer, double, list...), -strict and -failindex; also Tcl's case mapping, which only
 * uses mappings that do not lengthen a character's UTF-8 form (as Tcl's tables do).
 */
final class StringClasses {
    private StringClasses() {}

    private static final String[] CLASSES = {
        "alnum", "alpha", "ascii", "control", "boolean", "digit", "double", "entier", "false", "graph",
        "integer", "list", "lower", "print", "punct", "space", "true", "upper", "wideinteger",
        "wordchar", "xdigit"
    };
    private static final int ALNUM = 0, ALPHA = 1, ASCII = 2, CONTROL = 3, BOOLEAN = 4, DIGIT = 5,
            DOUBLE = 6, ENTIER = 7, FALSE = 8, GRAPH = 9, INTEGER = 10, LIST = 11, LOWER = 12, PRINT = 13,
            PUNCT = 14, SPACE = 15, TRUE = 16, UPPER = 17, WIDE = 18, WORDCHAR = 19, XDIGIT = 20;

    private static final String[] OPTIONS = {"-strict", "-failindex"};

    static TclObj is(Interp interp, TclObj[] objv) throws TclException {
        int objc = objv.length;
        if (objc < 4 || objc > 7) throw TclException.wrongArgs(objv, 1, "is class ?-strict? ?-failindex var? str");
        int cls = Subcommands.index(objv[2], CLASSES, "class");
        boolean strict = false;
        TclObj failVar = null;
        for (int i = 3; i < objc - 1; i++) {
            if (Subcommands.index(objv[i], OPTIONS, "option") == 0) {
                strict = true;
            } else {
                if (i + 1 >= objc - 1) throw TclException.wrongArgs(objv, 3, "?-strict? ?-failindex var? str");
                failVar = objv[++i];
            }
        }
        TclObj obj = objv[objc - 1];
        String s = obj.toString();
        int n = s.length();
        boolean result = true;
        int failat = 0;
        switch (cls) {
            case BOOLEAN, TRUE, FALSE -> {
                int b = booleanValue(obj, s);
                if (b < 0) result = !strict && n == 0;
                else if ((cls == TRUE && b == 0) || (cls == FALSE && b == 1)) result = false;
            }
            case DOUBLE -> {
                if (obj.isDoubleRep() || obj.isIntRep()) break;
                if (n == 0) { result = !strict; break; }
                int stop = numberPrefix(s, false);
                if (stop < 0) { result = false; failat = 0; }
                else { failat = stop; if (stop < n) result = false; }
            }
            case ENTIER -> {
                if (obj.isIntRep()) break;
                if (n == 0) { result = !strict; break; }
                int stop = numberPrefix(s, true);
                if (stop < 0) { result = false; failat = 0; }
                else if (stop < n) { result = false; failat = stop; }
            }
            case INTEGER, WIDE -> {
                if (fitsInteger(obj, cls == WIDE)) break;
                result = false;
                if (n == 0) { result = !strict; break; }
                int stop = numberPrefix(s, true);
                if (stop < 0) failat = 0;
                else if (stop == n) failat = -1;   // an integer too large for the type
                else failat = stop;
            }
            case LIST -> {
                // Empty strings are lists, -strict or not.
                if (obj.isList()) break;
                result = false;
                failat = listFailIndex(s);
            }
            default -> {
                if (n == 0) { result = !strict; break; }
                for (int i = 0; i < n; i++) {
                    if (!inClass(cls, s.charAt(i))) { result = false; failat = i; break; }
                }
            }
        }
        if (!result && failVar != null) interp.setVar(failVar.toString(), TclObj.of(failat));
        return TclObj.of(result);
    }

    /** The boolean value string is accepts: 0/1 (as int reps or the strings "0"/"1") and the words. */
    private static int booleanValue(TclObj obj, String s) {
        if (obj.isIntRep() && (obj.rawLong() == 0 || obj.rawLong() == 1)) return (int) obj.rawLong();
        if (s.equals("0")) return 0;
        if (s.equals("1")) return 1;
        return NumberFormat.parseBoolean(s);
    }

    /** Whether obj is an integer in the range of Tcl_GetIntFromObj (|v| < 2^32) or the wide one (|v| < 2^64). */
    private static boolean fitsInteger(TclObj obj, boolean wide) {
        if (!obj.toInteger()) return false;
        if (obj.isIntRep()) {
            long v = obj.rawLong();
            return wide || (v >= -0xFFFFFFFFL && v <= 0xFFFFFFFFL);
        }
        if (!wide) return false;
        try {
            BigInteger b = obj.asBigInteger();
            return b.abs().bitLength() <= 64;
        } catch (TclException e) {
            return false;
        }
    }

    static boolean inClass(int cls, char c) {
        return switch (cls) {
            case ALNUM -> isAlpha(c) || isDigit(c);
            case ALPHA -> isAlpha(c);
            case ASCII -> c < 0x80;
            case CONTROL -> isControl(c);
            case DIGIT -> isDigit(c);
            case GRAPH -> isGraph(c);
            case LOWER -> Character.getType(c) == Character.LOWERCASE_LETTER;
            case PRINT -> isPrint(c);
            case PUNCT -> isPunct(c);
            case SPACE -> isSpace(c);
            case UPPER -> Character.getType(c) == Character.UPPERCASE_LETTER;
            case WORDCHAR -> isWordChar(c);
            case XDIGIT -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            default -> throw new IllegalStateException();
        };
    }

    static boolean isAlpha(int c) {
        int t = Character.getType(c);
        return t == Character.UPPERCASE_LETTER || t == Character.LOWERCASE_LETTER || t == Character.TITLECASE_LETTER
                || t == Character.MODIFIER_LETTER || t == Character.OTHER_LETTER;
    }

    static boolean isDigit(int c) { return Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER; }

    static boolean isControl(int c) {
        int t = Character.getType(c);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.PRIVATE_USE;
    }

    static boolean isGraph(int c) {
        switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
                 Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR -> { return false; }
            default -> { return true; }
        }
    }

    static boolean isPrint(int c) {
        int t = Character.getType(c);
        return isGraph(c) || t == Character.SPACE_SEPARATOR || t == Character.LINE_SEPARATOR
                || t == Character.PARAGRAPH_SEPARATOR;
    }

    static boolean isPunct(int c) {
        int t = Character.getType(c);
        return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION
                || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
                || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
                || t == Character.OTHER_PUNCTUATION;
    }

    /** Tcl_UniCharIsSpace. */
    static boolean isSpace(int c) {
        if (c < 0x80) return c == ' ' || (c >= 9 && c <= 13);
        if (c == 0x85 || c == 0x180E || c == 0x200B || c == 0x202F || c == 0x2060 || c == 0xFEFF) return true;
        int t = Character.getType(c);
        return t == Character.SPACE_SEPARATOR || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR;
    }

    /** Tcl_UniCharIsWordChar: letters, digits and connector punctuation (such as _). */
    static boolean isWordChar(int c) {
        return isAlpha(c) || isDigit(c) || Character.getType(c) == Character.CONNECTOR_PUNCTUATION;
    }

    // ---- case mapping ----

    private static int utf8Length(int c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

    /** Tcl_UniCharToLower: the simple mapping, unless it would lengthen the UTF-8 form. */
    static int toLower(int c) {
        if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
        int m = Character.toLowerCase(c);
        return utf8Length(m) <= utf8Length(c) ? m : c;
    }

    static int toUpper(int c) {
        if (c < 0x80) return c >= 'a' && c <= 'z' ? c - 32 : c;
        int m = Character.toUpperCase(c);
        return utf8Length(m) <= utf8Length(c) ? m : c;
    }

    static int toTitle(int c) {
        if (c < 0x80) return c >= 'a' && c <= 'z' ? c - 32 : c;
        int m = Character.toTitleCase(c);
        return utf8Length(m) <= utf8Length(c) ? m : c;
    }

    // ---- numbers ----

    /**
     * TclParseNumber's scan for the longest number at the start of s: leading white space, a
     * number (decimal, 0x 0o 0b and leading-zero octal integers; with !integerOnly also decimal
     * reals, Inf, Infinity and NaN), then trailing white space. Returns the index just past what
     * was accepted, or -1 if no prefix is a number.
     */
    static int numberPrefix(String s, boolean integerOnly) {
        int n = s.length();
        int i = 0;
        while (i < n && isTclSpace(s.charAt(i))) i++;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int accept = -1;
        if (i + 1 < n && s.charAt(i) == '0' && "xXoObB".indexOf(s.charAt(i + 1)) >= 0) {
            char p = Character.toLowerCase(s.charAt(i + 1));
            int radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
            int j = i + 2;
            while (j < n && s.charAt(j) < 128 && Character.digit(s.charAt(j), radix) >= 0) j++;
            return withTrailingSpace(s, j > i + 2 ? j : i + 1);
        }
        int j = i;
        while (j < n && isAsciiDigit(s.charAt(j))) j++;
        if (j > i) {
            if (s.charAt(i) == '0') {
                // leading-zero octal: the digits 8 and 9 end the integer (a real may go on)
                int k = i + 1;
                while (k < j && s.charAt(k) <= '7') k++;
                accept = k;
            } else {
                accept = j;
            }
        }
        if (!integerOnly) {
            if (j == i) {
                int k = specialReal(s, i);
                if (k > i) return withTrailingSpace(s, k);
            }
            boolean mantissa = j > i;
            int m = j;
            if (m < n && s.charAt(m) == '.') {
                int k = m + 1;
                while (k < n && isAsciiDigit(s.charAt(k))) k++;
                if (mantissa || k > m + 1) { accept = k; m = k; mantissa = true; }
            }
            if (mantissa && m < n && (s.charAt(m) == 'e' || s.charAt(m) == 'E')) {
                int k = m + 1;
                if (k < n && (s.charAt(k) == '+' || s.charAt(k) == '-')) k++;
                int e = k;
                while (e < n && isAsciiDigit(s.charAt(e))) e++;
                if (e > k) accept = e;
            }
        }
        return accept < 0 ? -1 : withTrailingSpace(s, accept);
    }

    private static boolean isAsciiDigit(char c) { return c >= '0' && c <= '9'; }

    /** Inf, Infinity, NaN and NaN(hex) at s[i..), case-insensitive; returns the end (i if none). */
    private static int specialReal(String s, int i) {
        if (s.regionMatches(true, i, "infinity", 0, 8)) return i + 8;
        if (s.regionMatches(true, i, "inf", 0, 3)) return i + 3;
        if (s.regionMatches(true, i, "nan", 0, 3)) {
            int k = i + 3;
            if (k < s.length() && s.charAt(k) == '(') {
                int m = k + 1;
                while (m < s.length() && Character.digit(s.charAt(m), 16) >= 0 && s.charAt(m) < 128) m++;
                if (m < s.length() && s.charAt(m) == ')') return m + 1;
            }
            return k;
        }
        return i;
    }

    private static int withTrailingSpace(String s, int i) {
        while (i < s.length() && isTclSpace(s.charAt(i))) i++;
        return i;
    }

    private static boolean isTclSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f';
    }

    /** Where list parsing fails: the start of the bad element (after its leading white space). */
    private static int listFailIndex(String s) {
        int n = s.length();
        int i = 0;
        while (true) {
            while (i < n && isTclSpace(s.charAt(i))) i++;
            if (i >= n) return -1;
            int elemStart = i;
            char c = s.charAt(i);
            if (c == '{') {
                int level = 1, j = i + 1;
                while (j < n && level > 0) {
                    char d = s.charAt(j);
                    if (d == '\\') j++;
                    else if (d == '{') level++;
                    else if (d == '}') level--;
                    j++;
                }
                if (level > 0 || (j < n && !isTclSpace(s.charAt(j)))) return elemStart;
                i = j;
            } else if (c == '"') {
                int j = i + 1;
                while (j < n && s.charAt(j) != '"') {
                    if (s.charAt(j) == '\\') j++;
                    j++;
                }
                if (j >= n || (j + 1 < n && !isTclSpace(s.charAt(j + 1)))) return elemStart;
                i = j + 1;
            } else {
                while (i < n && !isTclSpace(s.charAt(i))) {
                    if (s.charAt(i) == '\\') i++;
                    i++;
                }
            }
        }
    }
}
