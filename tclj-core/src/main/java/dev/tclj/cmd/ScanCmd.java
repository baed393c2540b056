package dev.tclj.cmd;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

import java.math.BigInteger;

/**
 * The scan command (Tcl_ScanObjCmd): %d %i %u %o %x %X %b %c %s %e %E %f %g %G %[...] %n and %%,
 * suppression (%*), widths, the size modifiers h l L ll, XPG3 %n$ positions, and both result
 * forms: variables (the count of variables set, or -1 if the input ran out first) or a list.
 */
final class ScanCmd {
    private ScanCmd() {}

    private static TclException formatError(String msg, String code) {
        return TclException.error(msg, "TCL", "FORMAT", code);
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private static char at(String s, int i) { return i < s.length() ? s.charAt(i) : 0; }

    /** The value of the decimal digits at s[i..) (saturating), and their end in end[0]. */
    private static long number(String s, int i, int[] end) {
        long v = 0;
        while (i < s.length() && isDigit(s.charAt(i))) {
            v = Math.min(v * 10 + (s.charAt(i) - '0'), Integer.MAX_VALUE + 1L);
            i++;
        }
        end[0] = i;
        return v;
    }

    /**
     * ValidateFormat: checks the format and returns how many values it assigns (the number of
     * variables, or of list elements when no variables are given).
     */
    private static int validate(String fmt, int numVars) throws TclException {
        int n = fmt.length();
        int[] nassign = new int[Math.max(numVars, 16)];
        int objIndex = 0, xpgSize = 0;
        boolean gotXpg = false, gotSequential = false;
        int[] end = new int[1];
        int i = 0;
        while (i < n) {
            char ch = fmt.charAt(i++);
            if (ch != '%') continue;
            ch = at(fmt, i++);
            if (ch == '%') continue;
            boolean suppress = false, width = false, longer = false, big = false;
            if (ch == '*') {
                suppress = true;
                ch = at(fmt, i++);
            } else if (isDigit(ch)) {
                long value = number(fmt, i - 1, end);
                if (at(fmt, end[0]) == '$') {
                    i = end[0] + 1;
                    ch = at(fmt, i++);
                    gotXpg = true;
                    if (gotSequential) throw formatError("cannot mix \"%\" and \"%n$\" conversion specifiers", "MIXEDSPECTYPES");
                    objIndex = (int) Math.min(value - 1, Integer.MAX_VALUE);
                    if (objIndex < 0 || (numVars > 0 && objIndex >= numVars)) throw badIndex(true);
                    if (numVars == 0) xpgSize = (int) Math.max(xpgSize, Math.min(value, 1 << 24));
                } else {
                    gotSequential = true;
                    if (gotXpg) throw formatError("cannot mix \"%\" and \"%n$\" conversion specifiers", "MIXEDSPECTYPES");
                }
            } else {
                gotSequential = true;
                if (gotXpg) throw formatError("cannot mix \"%\" and \"%n$\" conversion specifiers", "MIXEDSPECTYPES");
            }
            if (isDigit(ch)) {
                number(fmt, i - 1, end);
                width = true;
                i = end[0];
                ch = at(fmt, i++);
            }
            if (ch == 'l' && at(fmt, i) == 'l') {
                big = true;
                i++;
                ch = at(fmt, i++);
            } else if (ch == 'l' || ch == 'L') {
                longer = true;
                ch = at(fmt, i++);
            } else if (ch == 'h') {
                ch = at(fmt, i++);
            }
            if (!suppress && numVars > 0 && objIndex >= numVars) throw badIndex(gotXpg);
            switch (ch) {
                case 'c', 'n', 's' -> {
                    if (ch == 'c' && width) {
                        throw formatError("field width may not be specified in %c conversion", "BADWIDTH");
                    }
                    if (longer || big) throw badSize(ch);
                }
                case 'd', 'e', 'E', 'f', 'g', 'G', 'i', 'o', 'x', 'X', 'b' -> { }
                case 'u' -> {
                    if (big) throw formatError("unsigned bignum scans are invalid", "BADUNSIGNED");
                }
                case '[' -> {
                    if (longer || big) throw badSize(ch);
                    if (i >= n) throw badSet();
                    ch = fmt.charAt(i++);
                    if (ch == '^') {
                        if (i >= n) throw badSet();
                        ch = fmt.charAt(i++);
                    }
                    if (ch == ']') {
                        if (i >= n) throw badSet();
                        ch = fmt.charAt(i++);
                    }
                    while (ch != ']') {
                        if (i >= n) throw badSet();
                        ch = fmt.charAt(i++);
                    }
                }
                default -> throw formatError("bad scan conversion character \"" + ch + "\"", "BADTYPE");
            }
            if (!suppress) {
                if (objIndex >= nassign.length) {
                    nassign = java.util.Arrays.copyOf(nassign, Math.max(objIndex + 1, xpgSize > 0 ? xpgSize : nassign.length + 16));
                }
                nassign[objIndex]++;
                objIndex++;
            }
        }
        int total = numVars > 0 ? numVars : xpgSize > 0 ? xpgSize : objIndex;
        for (int k = 0; k < total; k++) {
            int c = k < nassign.length ? nassign[k] : 0;
            if (c > 1) {
                throw formatError("variable is assigned by multiple \"%n$\" conversion specifiers", "POLYASSIGNED");
            }
            if (xpgSize == 0 && c == 0) {
                throw formatError("variable is not assigned by any conversion specifiers", "UNASSIGNED");
            }
        }
        return total;
    }

    private static TclException badIndex(boolean xpg) {
        return xpg ? formatError("\"%n$\" argument index out of range", "INDEXRANGE")
                : formatError("different numbers of variable names and field specifiers", "FIELDVARMISMATCH");
    }

    private static TclException badSize(char ch) {
        return formatError("field size modifier may not be specified in %" + ch + " conversion", "BADSIZE");
    }

    private static TclException badSet() {
        return formatError("unmatched [ in format string", "BRACKET");
    }

    static TclObj scan(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 3) throw TclException.wrongArgs(objv, 1, "string format ?varName ...?");
        String fmt = objv[2].toString();
        int numVars = objv.length - 3;
        int totalVars = validate(fmt, numVars);
        TclObj[] objs = new TclObj[totalVars];
        String s = objv[1].toString();
        int sn = s.length(), fn = fmt.length();
        int pos = 0;
        int nconversions = 0;
        boolean underflow = false;
        int objIndex = 0;
        int[] end = new int[1];
        int fi = 0;
        scanning:
        while (fi < fn) {
            char ch = fmt.charAt(fi++);
            if (StringClasses.isSpace(ch)) {
                while (pos < sn && StringClasses.isSpace(s.charAt(pos))) pos++;
                continue;
            }
            if (ch != '%' || at(fmt, fi) == '%') {
                if (ch == '%') fi++;
                if (pos >= sn) { underflow = true; break; }
                if (s.charAt(pos++) != ch) break;
                continue;
            }
            ch = at(fmt, fi++);
            boolean suppress = false, longer = false, big = false, unsigned = false;
            if (ch == '*') {
                suppress = true;
                ch = at(fmt, fi++);
            } else if (isDigit(ch)) {
                long value = number(fmt, fi - 1, end);
                if (at(fmt, end[0]) == '$') {
                    fi = end[0] + 1;
                    ch = at(fmt, fi++);
                    objIndex = (int) value - 1;
                }
            }
            int width = 0;
            if (isDigit(ch)) {
                width = (int) Math.min(number(fmt, fi - 1, end), Integer.MAX_VALUE);
                fi = end[0];
                ch = at(fmt, fi++);
            }
            if (ch == 'l' && at(fmt, fi) == 'l') {
                big = true;
                fi++;
                ch = at(fmt, fi++);
            } else if (ch == 'l' || ch == 'L') {
                longer = true;
                ch = at(fmt, fi++);
            } else if (ch == 'h') {
                ch = at(fmt, fi++);
            }
            if (ch == 'n') {
                if (!suppress) objs[objIndex++] = TclObj.of(utf8Offset(s, pos));
                nconversions++;
                continue;
            }
            int radix = 0;    // integer conversions: 10, 8, 16, 2, or -1 for %i
            char op;
            switch (ch) {
                case 'd' -> { op = 'i'; radix = 10; }
                case 'u' -> { op = 'i'; radix = 10; unsigned = true; }
                case 'i' -> { op = 'i'; radix = -1; }
                case 'o' -> { op = 'i'; radix = 8; }
                case 'x', 'X' -> { op = 'i'; radix = 16; }
                case 'b' -> { op = 'i'; radix = 2; }
                case 'c' -> op = 'c';
                case '[' -> op = '[';
                case 's' -> op = 's';
                default -> op = 'f';
            }
            if (pos >= sn) { underflow = true; break; }
            if (op != 'c' && op != '[') {
                while (pos < sn && StringClasses.isSpace(s.charAt(pos))) pos++;
                if (pos >= sn) { underflow = true; break; }
            }
            int limit = width == 0 ? sn : (int) Math.min(sn, (long) pos + width);
            switch (op) {
                case 's' -> {
                    int e = pos;
                    while (e < limit && !StringClasses.isSpace(s.charAt(e))) e++;
                    if (!suppress) objs[objIndex++] = TclObj.of(s.substring(pos, e));
                    pos = e;
                }
                case '[' -> {
                    CharSet set = new CharSet();
                    fi = set.build(fmt, fi);
                    int e = pos;
                    while (e < limit && set.contains(s.charAt(e))) e++;
                    if (e == pos) break scanning;
                    if (!suppress) objs[objIndex++] = TclObj.of(s.substring(pos, e));
                    pos = e;
                }
                case 'c' -> {
                    if (!suppress) objs[objIndex++] = TclObj.of((int) s.charAt(pos));
                    pos++;
                }
                case 'i' -> {
                    int e = scanInteger(s, pos, limit, radix, end);
                    if (e < 0) {
                        // Running out of input (or of the field) while scanning is underflow.
                        underflow = width == 0 ? end[0] == sn : end[0] == (long) pos + width;
                        break scanning;
                    }
                    String text = s.substring(pos, e);
                    pos = e;
                    if (suppress) break;
                    objs[objIndex++] = integerValue(text, radix, big, unsigned);
                }
                default -> {
                    int e = scanReal(s, pos, limit, end);
                    if (e < 0) {
                        // Running out of input (or of the field) while scanning is underflow.
                        underflow = width == 0 ? end[0] == sn : end[0] == (long) pos + width;
                        break scanning;
                    }
                    String text = s.substring(pos, e);
                    if (suppress) { pos = e; break; }
                    double d = parseReal(text);
                    if (Double.isNaN(d)) break scanning;   // Tcl_GetDoubleFromObj refuses NaN
                    objs[objIndex++] = TclObj.of(d);
                    pos = e;
                }
            }
            nconversions++;
        }
        TclObj result;
        if (numVars > 0) {
            int count = 0;
            TclException first = null;
            for (int k = 0; k < totalVars; k++) {
                if (objs[k] == null) continue;
                count++;
                try {
                    interp.setVar(objv[k + 3].toString(), objs[k]);
                } catch (TclException e) {
                    if (first == null) first = e;
                }
            }
            if (first != null) throw first;
            result = underflow && nconversions == 0 ? TclObj.of(-1) : TclObj.of(count);
        } else {
            if (underflow && nconversions == 0) return TclObj.EMPTY;
            TclObj[] items = new TclObj[totalVars];
            for (int k = 0; k < totalVars; k++) items[k] = objs[k] == null ? TclObj.EMPTY : objs[k];
            result = totalVars == 0 ? TclObj.EMPTY : TclObj.ofList(new TclList(items, totalVars));
        }
        return result;
    }

    /** %n counts bytes of Tcl's UTF-8 (NUL takes two), as tclsh does. */
    private static int utf8Offset(String s, int pos) {
        int b = 0;
        for (int i = 0; i < pos; i++) {
            char c = s.charAt(i);
            b += c == 0 ? 2 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return b;
    }

    /**
     * Scans an integer at s[pos, limit) with an optional sign: radix 10, 8, 2 or 16 (with an
     * optional 0x / 0b prefix for 16 and 2), or -1 for %i (0x hex, 0 octal, else decimal).
     * Returns the end of the longest integer, or -1 with end[0] where the scan gave up.
     */
    private static int scanInteger(String s, int pos, int limit, int radix, int[] end) {
        int i = pos;
        if (i < limit && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        if (radix == -1 || radix == 16 || radix == 2) {
            if (i < limit && s.charAt(i) == '0') {
                char p = i + 1 < limit ? s.charAt(i + 1) : 0;
                boolean hex = (p == 'x' || p == 'X') && radix != 2;
                boolean bin = (p == 'b' || p == 'B') && radix == 2;
                if (hex || bin) {
                    int r = hex ? 16 : 2;
                    int j = i + 2;
                    while (j < limit && digitValue(s.charAt(j)) < r) j++;
                    return j > i + 2 ? j : i + 1;     // "0x" alone is the number 0
                }
                if (radix == -1) radix = 8;
            } else if (radix == -1) {
                radix = 10;
            }
        }
        int j = i;
        while (j < limit && digitValue(s.charAt(j)) < radix) j++;
        if (j == i) {
            end[0] = j;
            return -1;
        }
        return j;
    }

    private static int digitValue(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'z') return c - 'a' + 10;
        if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
        return 99;
    }

    /** The value of a scanned integer: a bignum for ll, else a long (64 bits, clamped as Tcl does). */
    private static TclObj integerValue(String text, int radix, boolean big, boolean unsigned) {
        boolean neg = text.charAt(0) == '-';
        String t = text.charAt(0) == '-' || text.charAt(0) == '+' ? text.substring(1) : text;
        int r = radix;
        if (t.length() > 1 && t.charAt(0) == '0' && (t.charAt(1) == 'x' || t.charAt(1) == 'X')) { t = t.substring(2); r = 16; }
        else if (t.length() > 1 && t.charAt(0) == '0' && (t.charAt(1) == 'b' || t.charAt(1) == 'B') && radix == 2) t = t.substring(2);
        else if (r == -1) r = t.length() > 1 && t.charAt(0) == '0' ? 8 : 10;
        BigInteger v = new BigInteger(t, r);
        if (neg) v = v.negate();
        if (big) return TclObj.of(v);
        long l;
        if (v.abs().bitLength() <= 64) l = v.longValue();      // Tcl accepts the unsigned range too
        else l = neg ? Long.MIN_VALUE : Long.MAX_VALUE;
        if (unsigned && l < 0) return TclObj.of(Long.toUnsignedString(l));
        return TclObj.of(l);
    }

    /**
     * Scans a decimal real at s[pos, limit): sign, digits, point, digits, exponent, or Inf,
     * Infinity, NaN. Returns the end of the longest real, or -1 with end[0] where it gave up.
     */
    private static int scanReal(String s, int pos, int limit, int[] end) {
        int i = pos;
        if (i < limit && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        char c0 = i < limit ? Character.toLowerCase(s.charAt(i)) : 0;
        if (c0 == 'i' || c0 == 'n') {
            // Inf, Infinity, NaN: the scan follows the word as far as it matches.
            String word = c0 == 'i' ? "infinity" : "nan";
            int k = 0;
            while (k < word.length() && i + k < limit && Character.toLowerCase(s.charAt(i + k)) == word.charAt(k)) k++;
            if (k == 8 || (k >= 3 && c0 == 'i') || k == 3) return i + (c0 == 'i' && k < 8 ? 3 : k);
            end[0] = i + k;
            return -1;
        }
        int j = i;
        while (j < limit && isDigit(s.charAt(j))) j++;
        boolean mantissa = j > i;
        int accept = mantissa ? j : -1;
        if (j < limit && s.charAt(j) == '.') {
            int k = j + 1;
            while (k < limit && isDigit(s.charAt(k))) k++;
            if (mantissa || k > j + 1) { accept = k; mantissa = true; }
            j = k;
        }
        if (mantissa && j < limit && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < limit && (s.charAt(k) == '+' || s.charAt(k) == '-')) k++;
            int e = k;
            while (e < limit && isDigit(s.charAt(e))) e++;
            if (e > k) accept = e;
            else j = k;
        }
        if (accept < 0) {
            end[0] = j;
            return -1;
        }
        return accept;
    }

    private static double parseReal(String t) {
        String u = t.charAt(0) == '+' || t.charAt(0) == '-' ? t.substring(1) : t;
        boolean neg = t.charAt(0) == '-';
        if (u.regionMatches(true, 0, "inf", 0, 3)) return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (u.regionMatches(true, 0, "nan", 0, 3)) return Double.NaN;
        return Double.parseDouble(t);
    }

    /** A %[...] set: single characters and ranges, possibly negated. */
    private static final class CharSet {
        boolean exclude;
        final StringBuilder chars = new StringBuilder();
        final StringBuilder ranges = new StringBuilder();   // pairs of (start, end)

        /** Reads the set at fmt[i..] (just after '['); returns the index after the closing ']'. */
        int build(String fmt, int i) {
            char ch = at(fmt, i++);
            if (ch == '^') {
                exclude = true;
                ch = at(fmt, i++);
            }
            char start = ch;
            if (ch == ']' || ch == '-') {
                chars.append(ch);
                ch = at(fmt, i++);
            }
            while (ch != ']') {
                if (at(fmt, i) == '-') {
                    // possibly the start of a range: hold it
                    start = ch;
                } else if (ch == '-') {
                    if (at(fmt, i) == ']') {
                        chars.append(start).append(ch);
                    } else {
                        ch = at(fmt, i++);
                        if (start < ch) ranges.append(start).append(ch);
                        else ranges.append(ch).append(start);
                    }
                } else {
                    chars.append(ch);
                }
                ch = at(fmt, i++);
            }
            return i;
        }

        boolean contains(char c) {
            boolean in = chars.indexOf(String.valueOf(c)) >= 0;
            for (int k = 0; !in && k < ranges.length(); k += 2) {
                in = c >= ranges.charAt(k) && c <= ranges.charAt(k + 1);
            }
            return in != exclude;
        }
    }
}
