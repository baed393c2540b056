package dev.tclj.cmd;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;

import java.math.BigInteger;

/**
 * The format command (Tcl_AppendFormatToObj): %d %i %u %o %x %X %b %c %s %e %E %f %g %G and %%,
 * the flags - # 0 space +, width and precision (or *), XPG3 %n$ positions, and the size modifiers
 * h (short), l (long, 64 bits) and ll (bignum) that Tcl 8.6 accepts. Also registers scan
 * ({@link ScanCmd}).
 */
public final class FormatCmd {
    private FormatCmd() {}

    public static void register(Interp interp) {
        interp.createCommand("format", (in, objv) -> {
            if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "formatString ?arg ...?");
            return TclObj.of(format(objv[1].toString(), objv, 2, in.maxValueSize()));
        });
        interp.createCommand("scan", ScanCmd::scan);
    }

    private static final String MIXED = "cannot mix \"%\" and \"%n$\" conversion specifiers";
    private static final String OVERFLOW = "max size for a Tcl value exceeded";

    private static TclException formatError(String msg, String code) {
        return TclException.error(msg, "TCL", "FORMAT", code);
    }

    private static TclException badIndex(boolean xpg) {
        return xpg ? formatError("\"%n$\" argument index out of range", "INDEXRANGE")
                : formatError("not enough arguments for all format specifiers", "FIELDVARMISMATCH");
    }

    /** Formats fmt with the arguments args[base..]. */
    public static String format(String fmt, TclObj[] args, int base) throws TclException {
        return format(fmt, args, base, Integer.MAX_VALUE - 8);
    }

    /**
     * Formats fmt with the arguments args[base..], failing as Tcl does for a value that is too
     * big when the result would exceed max characters (the interpreter's value-size cap: a
     * safe interpreter's %10000000000s fails before anything is allocated).
     */
    public static String format(String fmt, TclObj[] args, int base, long max) throws TclException {
        int objc = args.length - base;
        int n = fmt.length();
        StringBuilder out = new StringBuilder(n + 16);
        int objIndex = 0;
        boolean gotXpg = false, gotSequential = false;
        int i = 0;
        while (i < n) {
            char ch = fmt.charAt(i++);
            if (ch != '%') {
                out.append(ch);
                continue;
            }
            ch = i < n ? fmt.charAt(i) : 0;
            if (ch == '%') {
                out.append('%');
                i++;
                continue;
            }
            // Step 1: XPG3 position.
            boolean newXpg = false;
            if (ch >= '0' && ch <= '9') {
                int j = i;
                long pos = 0;
                while (j < n && fmt.charAt(j) >= '0' && fmt.charAt(j) <= '9') {
                    pos = Math.min(pos * 10 + (fmt.charAt(j) - '0'), Integer.MAX_VALUE + 1L);
                    j++;
                }
                if (j < n && fmt.charAt(j) == '$') {
                    newXpg = true;
                    objIndex = (int) Math.min(pos - 1, Integer.MAX_VALUE);
                    i = j + 1;
                    ch = i < n ? fmt.charAt(i) : 0;
                }
            }
            if (newXpg) {
                if (gotSequential) throw formatError(MIXED, "MIXEDSPECTYPES");
                gotXpg = true;
            } else {
                if (gotXpg) throw formatError(MIXED, "MIXEDSPECTYPES");
                gotSequential = true;
            }
            if (objIndex < 0 || objIndex >= objc) throw badIndex(gotXpg);

            // Step 2: flags.
            boolean minus = false, hash = false, zero = false, space = false, plus = false;
            for (;; ch = ++i < n ? fmt.charAt(i) : 0) {
                if (ch == '-') minus = true;
                else if (ch == '#') hash = true;
                else if (ch == '0') zero = true;
                else if (ch == ' ') space = true;
                else if (ch == '+') plus = true;
                else break;
            }
            // Step 3: width.
            int width = 0;
            if (ch >= '0' && ch <= '9') {
                width = (int) digitsValue(fmt, i);   // C's int of strtoul: too large turns negative
                while (i < n && fmt.charAt(i) >= '0' && fmt.charAt(i) <= '9') i++;
                if (width < 0) throw formatError(OVERFLOW, "OVERFLOW");
                ch = i < n ? fmt.charAt(i) : 0;
            } else if (ch == '*') {
                if (objIndex >= objc - 1) throw badIndex(gotXpg);
                width = intArg(args[base + objIndex]);
                if (width < 0) {
                    width = width == Integer.MIN_VALUE ? Integer.MAX_VALUE : -width;
                    minus = true;
                }
                objIndex++;
                ch = ++i < n ? fmt.charAt(i) : 0;
            }
            // Step 4: precision.
            boolean gotPrecision = false;
            int precision = 0;
            if (ch == '.') {
                gotPrecision = true;
                ch = ++i < n ? fmt.charAt(i) : 0;
            }
            if (ch >= '0' && ch <= '9') {
                precision = (int) digitsValue(fmt, i);
                while (i < n && fmt.charAt(i) >= '0' && fmt.charAt(i) <= '9') i++;
                ch = i < n ? fmt.charAt(i) : 0;
            } else if (ch == '*') {
                if (objIndex >= objc - 1) throw badIndex(gotXpg);
                precision = intArg(args[base + objIndex]);
                if (precision < 0) precision = 0;
                objIndex++;
                ch = ++i < n ? fmt.charAt(i) : 0;
            }
            // Step 5: size.
            boolean useShort = false, useBig = false;
            if (ch == 'h') {
                useShort = true;
                ch = ++i < n ? fmt.charAt(i) : 0;
            } else if (ch == 'l') {
                ch = ++i < n ? fmt.charAt(i) : 0;
                if (ch == 'l') {
                    useBig = true;
                    ch = ++i < n ? fmt.charAt(i) : 0;
                }
            }
            if (i < n) i++;   // past the conversion character
            // Step 6: the conversion.
            TclObj arg = args[base + objIndex];
            String segment;
            boolean padZero = zero;
            switch (ch) {
                case 0 -> throw formatError("format string ended in middle of field specifier", "INCOMPLETE");
                case 's' -> {
                    segment = arg.toString();
                    if (gotPrecision && precision < segment.length()) segment = segment.substring(0, Math.max(precision, 0));
                }
                case 'c' -> {
                    int code = intArg(arg);
                    segment = String.valueOf(code >= 0 && code <= 0xFFFF ? (char) code : '\ufffd');
                }
                case 'd', 'i', 'u', 'o', 'x', 'X', 'b' -> {
                    if (ch == 'u' && useBig) throw formatError("unsigned bignum format is invalid", "BADUNSIGNED");
                    segment = integer(ch == 'i' ? 'd' : ch, arg, useShort, useBig, width, gotPrecision, precision,
                            hash, zero, space, plus);
                    if (gotPrecision) padZero = false;
                }
                case 'e', 'E', 'f', 'g', 'G' -> {
                    double d = ListSort.realValue(arg);
                    if (gotPrecision && precision > Integer.MAX_VALUE - 400) throw formatError(OVERFLOW, "OVERFLOW");
                    segment = PrintfFloat.format(d, ch, width, gotPrecision ? precision : -1, minus, plus, space, zero, hash);
                }
                default -> throw TclException.error("bad field specifier \"" + ch + "\"", "TCL", "FORMAT", "BADTYPE");
            }
            // Padding: zeros with the 0 flag (which an integer precision cancels), else spaces.
            int numChars = segment.length();
            char pad = padZero ? '0' : ' ';
            if ((long) out.length() + Math.max(width, numChars) > max) throw formatError(OVERFLOW, "OVERFLOW");
            try {
                if (!minus) for (int k = numChars; k < width; k++) out.append(pad);
                out.append(segment);
                if (minus) for (int k = numChars; k < width; k++) out.append(pad);
            } catch (OutOfMemoryError e) {
                throw formatError(OVERFLOW, "OVERFLOW");
            }
            if (gotSequential) objIndex++;
        }
        return out.toString();
    }

    /** strtoul of the digits at s[i..): saturates at 2^64-1 (which is -1 as a long). */
    private static long digitsValue(String s, int i) {
        long v = 0;
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            int d = s.charAt(i) - '0';
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 10)) > 0) return -1L;
            v = v * 10 + d;
        }
        return v;
    }

    /** TclGetIntFromObj: magnitudes up to 2^32-1 are accepted and wrap to 32 bits. */
    static int intArg(TclObj o) throws TclException {
        long v = o.asLong();
        if (v < -0xFFFFFFFFL || v > 0xFFFFFFFFL) {
            throw TclException.error("integer value too large to represent", "ARITH", "IOVERFLOW",
                    "integer value too large to represent");
        }
        return (int) v;
    }

    /** The value of an integer conversion: a long (Tcl's long; a bignum is taken modulo 2^64) or a bignum for ll. */
    private static String integer(char ch, TclObj arg, boolean useShort, boolean useBig, int width,
                                  boolean gotPrecision, int precision, boolean hash, boolean zero,
                                  boolean space, boolean plus) throws TclException {
        if (!arg.toInteger()) {
            throw TclException.error("expected integer but got \"" + arg + "\"", "TCL", "VALUE", "NUMBER");
        }
        BigInteger big = null;
        long l = 0;
        boolean negative;
        if (useBig) {
            big = arg.asBigInteger();
            negative = big.signum() < 0;
        } else {
            l = arg.isIntRep() ? arg.rawLong() : arg.asBigInteger().longValue();
            if (useShort) l = (short) l;
            negative = l < 0;
        }
        StringBuilder seg = new StringBuilder(24);
        if ((negative || plus || space) && (useBig || ch == 'd')) seg.append(negative ? '-' : plus ? '+' : ' ');
        if (hash) {
            switch (ch) {
                case 'o' -> { seg.append('0'); precision--; }
                case 'x' -> seg.append("0x");
                case 'X' -> seg.append("0X");
                case 'b' -> seg.append("0b");
                default -> { }
            }
        }
        String digits;
        if (ch == 'd') {
            digits = useBig ? big.abs().toString() : negative ? (l == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(-l)) : Long.toString(l);
        } else {
            int radix = ch == 'u' ? 10 : ch == 'o' ? 8 : ch == 'b' ? 2 : 16;
            if (useBig) digits = big.abs().toString(radix);
            else if (useShort) digits = Long.toString(l & 0xFFFF, radix);
            else digits = Long.toUnsignedString(l, radix);
            if (ch == 'X') digits = digits.toUpperCase();
            // Zero prints as "0", except with %#o, where the prefix "0" is the whole number.
            if (digits.equals("0") && ch == 'o' && hash) digits = "";
        }
        int length = digits.length();
        if (gotPrecision) {
            for (; length < precision; length++) seg.append('0');
        } else if (zero) {
            length += seg.length();
            for (; length < width; length++) seg.append('0');
        }
        seg.append(digits);
        return seg.toString();
    }
}
