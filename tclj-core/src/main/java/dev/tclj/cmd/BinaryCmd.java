package dev.tclj.cmd;

import dev.tclj.Command;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The binary command: {@code format} and {@code scan} (every field type of Tcl 8.6, counts,
 * {@code *} and the {@code u} modifier) and the {@code encode}/{@code decode} ensembles (base64,
 * hex, uuencode).
 *
 * <p>Byte strings are Java strings whose characters are all 0..255, one per byte; where Tcl takes
 * a byte array from an arbitrary string it keeps the low 8 bits of each character, and so does
 * this class. The decoders, which in Tcl read a string that is not a pure byte array as its UTF-8
 * bytes, read a string with a character above 255 as UTF-8 (error positions count those bytes).
 */
public final class BinaryCmd {
    private BinaryCmd() {}

    private static final int ALL = -1, NOCOUNT = -2;
    private static final String HEX = "0123456789abcdef";
    private static final String UUE = "`!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`";
    private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

    public static void register(Interp interp) {
        Subcommands encode = new Subcommands("binary encode")
                .add("base64", BinaryCmd::encodeBase64)
                .add("hex", BinaryCmd::encodeHex)
                .add("uuencode", BinaryCmd::encodeUu);
        Subcommands decode = new Subcommands("binary decode")
                .add("base64", BinaryCmd::decodeBase64)
                .add("hex", BinaryCmd::decodeHex)
                .add("uuencode", BinaryCmd::decodeUu);
        interp.createCommand("binary", new Subcommands("binary")
                .add("format", canonical("format", BinaryCmd::format))
                .add("scan", canonical("scan", BinaryCmd::scan))
                .add("encode", canonical("encode", nested(encode)))
                .add("decode", canonical("decode", nested(decode))));
    }

    /**
     * Gives a subcommand reached through a unique prefix its full name in objv[1], so that its
     * "wrong # args" message names it in full, as Tcl's ensembles do.
     */
    static Command canonical(String name, Command c) {
        TclObj word = TclObj.of(name);
        return (interp, objv) -> {
            if (objv.length > 1 && !objv[1].toString().equals(name)) {
                objv = objv.clone();
                objv[1] = word;
            }
            return c.invoke(interp, objv);
        };
    }

    /**
     * A second-level ensemble (binary encode ...): dispatches on objv[2]. Tcl makes these without
     * prefix matching, hence the plain "unknown subcommand" error.
     */
    private static Command nested(Subcommands table) {
        return (interp, objv) -> {
            if (objv.length < 3) throw TclException.wrongArgs(objv, 2, "subcommand ?arg ...?");
            String sub = objv[2].toString();
            Command c = table.table().get(sub);
            if (c == null) {
                StringBuilder sb = new StringBuilder("unknown subcommand \"").append(sub).append("\": must be ");
                Subcommands.appendChoices(sb, new java.util.ArrayList<>(table.table().keySet()));
                throw TclException.error(sb.toString(), "TCL", "LOOKUP", "SUBCOMMAND", sub);
            }
            return c.invoke(interp, objv);
        };
    }

    // ======================================================================================
    // Format specifications
    // ======================================================================================

    /** One parsed field of a format string: its type, count (or ALL/NOCOUNT) and u flag. */
    private static final class Spec {
        final String fmt;
        int pos;
        /** Where the current field started, blanks included (Tcl names that character in errors). */
        int start;
        char cmd;
        int count;
        boolean unsigned;

        Spec(String fmt) { this.fmt = fmt; }

        /** Reads the next field; false at the end of the format. */
        boolean next() {
            start = pos;
            unsigned = false;
            int n = fmt.length();
            while (pos < n && fmt.charAt(pos) == ' ') pos++;
            if (pos >= n) return false;
            cmd = fmt.charAt(pos++);
            if (pos < n && fmt.charAt(pos) == 'u') {
                pos++;
                unsigned = true;
            }
            if (pos < n && fmt.charAt(pos) == '*') {
                pos++;
                count = ALL;
            } else if (pos < n && isDigit(fmt.charAt(pos))) {
                long v = 0;
                while (pos < n && isDigit(fmt.charAt(pos))) {
                    v = Math.min(v * 10 + (fmt.charAt(pos++) - '0'), Integer.MAX_VALUE);
                }
                count = (int) v;
            } else {
                count = NOCOUNT;
            }
            return true;
        }

        TclException badField() {
            int cp = fmt.codePointAt(start);
            return TclException.error("bad field specifier \"" + new String(Character.toChars(cp)) + "\"");
        }
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private static int numberSize(char cmd) {
        return switch (cmd) {
            case 'c' -> 1;
            case 't', 's', 'S' -> 2;
            case 'n', 'i', 'I', 'r', 'R', 'f' -> 4;
            case 'm', 'w', 'W', 'q', 'Q', 'd' -> 8;
            default -> 0;
        };
    }

    private static TclException notEnoughArgs() {
        return TclException.error("not enough arguments for all format specifiers");
    }

    private static TclException tooLarge() {
        return TclException.error("max size for a Tcl value exceeded", "TCL", "MEMORY");
    }

    // ======================================================================================
    // binary format
    // ======================================================================================

    static TclObj format(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 3) throw TclException.wrongArgs(objv, 2, "formatString ?arg ...?");
        String fmt = objv[2].toString();
        int objc = objv.length;
        // Pass 1: check the fields and arguments and size the result.
        Spec sp = new Spec(fmt);
        int arg = 3;
        long offset = 0, length = 0;
        while (sp.next()) {
            int count = sp.count;
            switch (sp.cmd) {
                case 'a', 'A', 'b', 'B', 'h', 'H' -> {
                    if (arg >= objc) throw notEnoughArgs();
                    if (count == ALL) count = objv[arg].toString().length();
                    else if (count == NOCOUNT) count = 1;
                    arg++;
                    if (sp.cmd == 'a' || sp.cmd == 'A') offset += count;
                    else if (sp.cmd == 'b' || sp.cmd == 'B') offset += (count + 7L) / 8;
                    else offset += (count + 1L) / 2;
                }
                case 'c', 't', 's', 'S', 'n', 'i', 'I', 'm', 'w', 'W', 'r', 'R', 'f', 'q', 'Q', 'd' -> {
                    if (arg >= objc) throw notEnoughArgs();
                    if (count == NOCOUNT) {
                        arg++;
                        count = 1;
                    } else {
                        int listc = objv[arg].asList().size();
                        arg++;
                        if (count == ALL) count = listc;
                        else if (count > listc) {
                            throw TclException.error("number of elements in list does not match count");
                        }
                    }
                    offset += (long) count * numberSize(sp.cmd);
                }
                case 'x' -> {
                    if (count == ALL) throw TclException.error("cannot use \"*\" in format string with \"x\"");
                    if (count == NOCOUNT) count = 1;
                    offset += count;
                }
                case 'X' -> {
                    if (count == NOCOUNT) count = 1;
                    if (count > offset || count == ALL) count = (int) Math.min(offset, Integer.MAX_VALUE);
                    if (offset > length) length = offset;
                    offset -= count;
                }
                case '@' -> {
                    if (offset > length) length = offset;
                    if (count == ALL) offset = length;
                    else if (count == NOCOUNT) throw TclException.error("missing count for \"@\" field specifier");
                    else offset = count;
                }
                default -> throw sp.badField();
            }
            if (offset > interp.maxValueSize()) throw tooLarge();
        }
        if (offset > length) length = offset;
        if (length == 0) return TclObj.EMPTY;

        // Pass 2: fill the buffer.
        byte[] buf;
        try {
            buf = new byte[(int) length];
        } catch (OutOfMemoryError e) {
            throw tooLarge();
        }
        int cursor = 0, maxPos = 0;
        arg = 3;
        sp = new Spec(fmt);
        while (sp.next()) {
            int count = sp.count;
            char cmd = sp.cmd;
            if (count == 0 && cmd != '@') {
                if (cmd != 'x') arg++;
                continue;
            }
            switch (cmd) {
                case 'a', 'A' -> {
                    String s = objv[arg++].toString();
                    int len = s.length();
                    if (count == ALL) count = len;
                    else if (count == NOCOUNT) count = 1;
                    byte pad = (byte) (cmd == 'a' ? 0 : ' ');
                    for (int i = 0; i < count; i++) buf[cursor + i] = i < len ? (byte) s.charAt(i) : pad;
                    cursor += count;
                }
                case 'b', 'B' -> cursor = formatBits(cmd, objv[arg++].toString(), count, buf, cursor);
                case 'h', 'H' -> cursor = formatHex(cmd, objv[arg++].toString(), count, buf, cursor);
                case 'x' -> {
                    if (count == NOCOUNT) count = 1;
                    // x writes NULs: after X or @ they replace what was there
                    java.util.Arrays.fill(buf, cursor, cursor + count, (byte) 0);
                    cursor += count;
                }
                case 'X' -> {
                    if (cursor > maxPos) maxPos = cursor;
                    if (count == NOCOUNT) count = 1;
                    if (count == ALL || count > cursor) cursor = 0;
                    else cursor -= count;
                }
                case '@' -> {
                    if (cursor > maxPos) maxPos = cursor;
                    cursor = count == ALL ? maxPos : count;
                }
                default -> {
                    TclObj[] values;
                    if (count == NOCOUNT) {
                        values = new TclObj[]{objv[arg]};
                        count = 1;
                    } else {
                        values = objv[arg].asList().toArray();
                        if (count == ALL) count = values.length;
                    }
                    arg++;
                    for (int i = 0; i < count; i++) cursor = formatNumber(cmd, values[i], buf, cursor);
                }
            }
        }
        return TclObj.of(bytesToString(buf, 0, buf.length));
    }

    private static TclException badValue(String what, String value) {
        return TclException.error("expected " + what + " string but got \"" + value + "\" instead");
    }

    /** b and B: a string of 0s and 1s, low bit first (b) or high bit first (B). */
    private static int formatBits(char cmd, String s, int count, byte[] buf, int cursor) throws TclException {
        byte[] str = s.getBytes(StandardCharsets.UTF_8);
        int length = str.length;
        if (count == ALL) count = length;
        else if (count == NOCOUNT) count = 1;
        int last = cursor + (int) ((count + 7L) / 8);
        if (count > length) count = length;
        int value = 0, offset;
        for (offset = 0; offset < count; offset++) {
            if (cmd == 'B') value <<= 1; else value >>= 1;
            if (str[offset] == '1') value |= cmd == 'B' ? 1 : 128;
            else if (str[offset] != '0') throw badValue("binary", s);
            if ((offset + 1) % 8 == 0) {
                buf[cursor++] = (byte) value;
                value = 0;
            }
        }
        if (offset % 8 != 0) {
            if (cmd == 'B') value <<= 8 - offset % 8; else value >>= 8 - offset % 8;
            buf[cursor++] = (byte) value;
        }
        while (cursor < last) buf[cursor++] = 0;
        return cursor;
    }

    /** h and H: hexadecimal digits, low nibble first (h) or high nibble first (H). */
    private static int formatHex(char cmd, String s, int count, byte[] buf, int cursor) throws TclException {
        byte[] str = s.getBytes(StandardCharsets.UTF_8);
        int length = str.length;
        if (count == ALL) count = length;
        else if (count == NOCOUNT) count = 1;
        int last = cursor + (int) ((count + 1L) / 2);
        if (count > length) count = length;
        int value = 0, offset;
        for (offset = 0; offset < count; offset++) {
            int c = Character.digit(str[offset], 16);
            if (str[offset] < 0 || c < 0) throw badValue("hexadecimal", s);
            if (cmd == 'H') value = (value << 4) | c;
            else value = (value >> 4) | (c << 4);
            if (offset % 2 == 1) {
                buf[cursor++] = (byte) value;
                value = 0;
            }
        }
        if (offset % 2 == 1) {
            if (cmd == 'H') value <<= 4; else value >>= 4;
            buf[cursor++] = (byte) value;
        }
        while (cursor < last) buf[cursor++] = 0;
        return cursor;
    }

    /** Whether the field type is stored little-endian (these machines' native order is little). */
    private static boolean littleEndian(char cmd) {
        return switch (cmd) {
            case 's', 'i', 'w', 't', 'n', 'm', 'r', 'q', 'f', 'd' -> true;
            default -> false;
        };
    }

    private static int formatNumber(char cmd, TclObj v, byte[] buf, int cursor) throws TclException {
        long bits;
        int size;
        switch (cmd) {
            case 'd', 'q', 'Q' -> {
                bits = Double.doubleToRawLongBits(doubleArg(v));
                size = 8;
            }
            case 'f', 'r', 'R' -> {
                double d = doubleArg(v);
                // Tcl clamps to the float range instead of overflowing to infinity.
                float f = Math.abs(d) > Float.MAX_VALUE ? (d >= 0 ? Float.MAX_VALUE : -Float.MAX_VALUE) : (float) d;
                bits = Float.floatToRawIntBits(f) & 0xFFFFFFFFL;
                size = 4;
            }
            case 'w', 'W', 'm' -> {
                bits = integerArg(v);
                size = 8;
            }
            case 'i', 'I', 'n' -> {
                bits = integerArg(v);
                size = 4;
            }
            case 's', 'S', 't' -> {
                bits = integerArg(v);
                size = 2;
            }
            default -> {
                bits = integerArg(v);
                size = 1;
            }
        }
        if (littleEndian(cmd)) {
            for (int i = 0; i < size; i++) buf[cursor++] = (byte) (bits >>> (8 * i));
        } else {
            for (int i = size - 1; i >= 0; i--) buf[cursor++] = (byte) (bits >>> (8 * i));
        }
        return cursor;
    }

    /**
     * An integer field value (Tcl_GetWideIntFromObj): magnitudes up to 2^64-1 are accepted and
     * keep their low 64 bits.
     */
    static long integerArg(TclObj v) throws TclException {
        if (v.isIntRep()) return v.rawLong();
        if (v.toInteger()) {
            if (v.isIntRep()) return v.rawLong();
            BigInteger b = v.asBigInteger();
            if (b.abs().bitLength() <= 64) return b.longValue();
            throw TclException.error("integer value too large to represent", "ARITH", "IOVERFLOW",
                    "integer value too large to represent");
        }
        throw TclException.error("expected integer but got \"" + v + "\"", "TCL", "VALUE", "NUMBER");
    }

    /** A floating-point field value; NaN is accepted. */
    private static double doubleArg(TclObj v) throws TclException {
        if (v.isDoubleRep()) return v.rawDouble();
        if (v.toNumber()) return v.asDouble();
        String s = v.toString();
        String msg = "expected floating-point number but got \"" + s + "\"";
        if (dev.tclj.NumberFormat.looksLikeBadOctal(s)) msg += " (looks like invalid octal number)";
        throw TclException.error(msg, "TCL", "VALUE", "NUMBER");
    }

    // ======================================================================================
    // binary scan
    // ======================================================================================

    static TclObj scan(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 4) throw TclException.wrongArgs(objv, 2, "value formatString ?varName ...?");
        String data = objv[2].toString();
        int length = data.length();
        Spec sp = new Spec(objv[3].toString());
        int objc = objv.length;
        int arg = 4;
        int offset = 0;
        scanLoop:
        while (sp.next()) {
            int count = sp.count;
            char cmd = sp.cmd;
            switch (cmd) {
                case 'a', 'A' -> {
                    if (arg >= objc) throw notEnoughArgs();
                    if (count == ALL) count = length - offset;
                    else {
                        if (count == NOCOUNT) count = 1;
                        if (count > length - offset) break scanLoop;
                    }
                    int size = count;
                    if (cmd == 'A') {
                        while (size > 0) {
                            char c = (char) (data.charAt(offset + size - 1) & 0xFF);
                            if (c != 0 && c != ' ') break;
                            size--;
                        }
                    }
                    interp.setVar(objv[arg++].toString(), TclObj.of(lowBytes(data, offset, size)));
                    offset += count;
                }
                case 'b', 'B' -> {
                    if (arg >= objc) throw notEnoughArgs();
                    if (count == ALL) count = (length - offset) * 8;
                    else {
                        if (count == NOCOUNT) count = 1;
                        if (count > (long) (length - offset) * 8) break scanLoop;
                    }
                    char[] out = new char[count];
                    int value = 0, src = offset;
                    for (int i = 0; i < count; i++) {
                        if (cmd == 'b') {
                            if (i % 8 != 0) value >>= 1; else value = data.charAt(src++) & 0xFF;
                            out[i] = (value & 1) != 0 ? '1' : '0';
                        } else {
                            if (i % 8 != 0) value <<= 1; else value = data.charAt(src++) & 0xFF;
                            out[i] = (value & 0x80) != 0 ? '1' : '0';
                        }
                    }
                    interp.setVar(objv[arg++].toString(), TclObj.of(new String(out)));
                    offset += (int) ((count + 7L) / 8);
                }
                case 'h', 'H' -> {
                    if (arg >= objc) throw notEnoughArgs();
                    if (count == ALL) count = (length - offset) * 2;
                    else {
                        if (count == NOCOUNT) count = 1;
                        if (count > (long) (length - offset) * 2) break scanLoop;
                    }
                    char[] out = new char[count];
                    int value = 0, src = offset;
                    for (int i = 0; i < count; i++) {
                        if (cmd == 'h') {
                            if (i % 2 != 0) value >>= 4; else value = data.charAt(src++) & 0xFF;
                            out[i] = HEX.charAt(value & 0xF);
                        } else {
                            if (i % 2 != 0) value <<= 4; else value = data.charAt(src++) & 0xFF;
                            out[i] = HEX.charAt((value >> 4) & 0xF);
                        }
                    }
                    interp.setVar(objv[arg++].toString(), TclObj.of(new String(out)));
                    offset += (int) ((count + 1L) / 2);
                }
                case 'c', 't', 's', 'S', 'n', 'i', 'I', 'm', 'w', 'W', 'r', 'R', 'f', 'q', 'Q', 'd' -> {
                    int size = numberSize(cmd);
                    if (arg >= objc) throw notEnoughArgs();
                    TclObj value;
                    if (count == NOCOUNT) {
                        if (length - offset < size) break scanLoop;
                        value = scanNumber(data, offset, cmd, sp.unsigned);
                        offset += size;
                    } else {
                        if (count == ALL) count = (length - offset) / size;
                        if (length - offset < (long) count * size) break scanLoop;
                        TclObj[] items = new TclObj[count];
                        for (int i = 0; i < count; i++) items[i] = scanNumber(data, offset + i * size, cmd, sp.unsigned);
                        value = TclObj.ofList(items);
                        offset += count * size;
                    }
                    interp.setVar(objv[arg++].toString(), value);
                }
                case 'x' -> {
                    if (count == NOCOUNT) count = 1;
                    if (count == ALL || count > length - offset) offset = length;
                    else offset += count;
                }
                case 'X' -> {
                    if (count == NOCOUNT) count = 1;
                    if (count == ALL || count > offset) offset = 0;
                    else offset -= count;
                }
                case '@' -> {
                    if (count == NOCOUNT) throw TclException.error("missing count for \"@\" field specifier");
                    offset = count == ALL || count > length ? length : count;
                }
                default -> throw sp.badField();
            }
        }
        return TclObj.of(arg - 4);
    }

    private static TclObj scanNumber(String data, int at, char cmd, boolean unsigned) {
        int size = numberSize(cmd);
        long v = 0;
        if (littleEndian(cmd)) {
            for (int i = size - 1; i >= 0; i--) v = (v << 8) | (data.charAt(at + i) & 0xFF);
        } else {
            for (int i = 0; i < size; i++) v = (v << 8) | (data.charAt(at + i) & 0xFF);
        }
        switch (cmd) {
            case 'f', 'r', 'R' -> { return TclObj.of((double) Float.intBitsToFloat((int) v)); }
            case 'd', 'q', 'Q' -> { return TclObj.of(Double.longBitsToDouble(v)); }
            case 'w', 'W', 'm' -> {
                if (unsigned && v < 0) return TclObj.of(new BigInteger(Long.toUnsignedString(v)));
                return TclObj.of(v);
            }
            default -> {
                if (!unsigned) {
                    int shift = 64 - 8 * size;
                    v = (v << shift) >> shift;   // sign extension
                }
                return TclObj.of(v);
            }
        }
    }

    // ======================================================================================
    // Byte views
    // ======================================================================================

    /** The characters of s[from, from+len) reduced to their low 8 bits. */
    private static String lowBytes(String s, int from, int len) {
        char[] c = new char[len];
        for (int i = 0; i < len; i++) c[i] = (char) (s.charAt(from + i) & 0xFF);
        return new String(c);
    }

    static String bytesToString(byte[] b, int off, int len) {
        char[] c = new char[len];
        for (int i = 0; i < len; i++) c[i] = (char) (b[off + i] & 0xFF);
        return new String(c);
    }

    /** The bytes of a byte string (low 8 bits of each character). */
    static byte[] byteArray(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) s.charAt(i);
        return b;
    }

    /** The bytes a decoder reads: a byte string as is, another string as UTF-8 (see the class comment). */
    private static final class Input {
        final byte[] bytes;
        final boolean pure;

        Input(String s) {
            boolean p = true;
            for (int i = 0; i < s.length() && p; i++) if (s.charAt(i) > 0xFF) p = false;
            pure = p;
            bytes = p ? byteArray(s) : s.getBytes(StandardCharsets.UTF_8);
        }

        /** The character that starts at byte index i, for an error message. */
        String charAt(int i) {
            int b = bytes[i] & 0xFF;
            if (pure || b < 0x80) return String.valueOf((char) b);
            int n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            if (n == 1 || i + n > bytes.length) return String.valueOf((char) b);
            String s = new String(bytes, i, n, StandardCharsets.UTF_8);
            return s.codePointCount(0, s.length()) == 1 && s.codePointAt(0) != 0xFFFD ? s : String.valueOf((char) b);
        }
    }

    /** Tcl's isspace for the decoders (TclIsSpaceProc on one byte). */
    private static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static TclException badChar(String what, Input in, int pos) {
        return TclException.error("invalid " + what + " \"" + in.charAt(pos) + "\" at position " + pos,
                "TCL", "BINARY", "DECODE", "INVALID");
    }

    /** Parses "?-strict? data" for the decoders; returns whether -strict was given. */
    private static boolean decodeOptions(TclObj[] objv) throws TclException {
        if (objv.length < 4 || objv.length > 5) throw TclException.wrongArgs(objv, 3, "?options? data");
        boolean strict = false;
        for (int i = 3; i < objv.length - 1; i++) {
            exactIndex(objv[i], new String[]{"-strict"}, "option");
            strict = true;
        }
        return strict;
    }

    /** Tcl_GetIndexFromObj with TCL_EXACT: no prefixes. */
    private static int exactIndex(TclObj word, String[] choices, String what) throws TclException {
        String w = word.toString();
        for (int i = 0; i < choices.length; i++) if (choices[i].equals(w)) return i;
        StringBuilder sb = new StringBuilder("bad ").append(what).append(" \"").append(w).append("\": must be ");
        Subcommands.appendChoices(sb, java.util.List.of(choices));
        throw TclException.error(sb.toString(), "TCL", "LOOKUP", "INDEX", what, w);
    }

    // ======================================================================================
    // hex
    // ======================================================================================

    static TclObj encodeHex(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4) throw TclException.wrongArgs(objv, 3, "data");
        String s = objv[3].toString();
        char[] out = new char[s.length() * 2];
        for (int i = 0; i < s.length(); i++) {
            int b = s.charAt(i) & 0xFF;
            out[2 * i] = HEX.charAt(b >> 4);
            out[2 * i + 1] = HEX.charAt(b & 0xF);
        }
        return TclObj.of(new String(out));
    }

    static TclObj decodeHex(Interp interp, TclObj[] objv) throws TclException {
        boolean strict = decodeOptions(objv);
        Input in = new Input(objv[objv.length - 1].toString());
        byte[] data = in.bytes;
        int size = (data.length + 1) / 2;
        byte[] out = new byte[size];
        int cursor = 0, cut = 0, p = 0;
        while (p < data.length) {
            int value = 0, i;
            for (i = 0; i < 2; i++) {
                if (p >= data.length) {
                    value <<= 4;
                    break;
                }
                int c = data[p++] & 0xFF;
                int d = c < 0x80 ? Character.digit(c, 16) : -1;
                if (d < 0) {
                    if (strict || !isSpace(c)) throw badChar("hexadecimal digit", in, p - 1);
                    i--;
                    continue;
                }
                value = (value << 4) | d;
            }
            if (i < 2) cut++;
            out[cursor++] = (byte) value;
        }
        if (cut > size) cut = size;
        return TclObj.of(bytesToString(out, 0, cursor - cut));
    }

    // ======================================================================================
    // base64
    // ======================================================================================

    /** Parses "?-maxlen len? ?-wrapchar char? data"; returns {maxlen} and the wrap string in wrap[0]. */
    private static int encodeOptions(TclObj[] objv, String[] wrap, int maxlen, boolean uu) throws TclException {
        if (objv.length < 4 || objv.length % 2 != 0) {
            throw TclException.wrongArgs(objv, 3, "?-maxlen len? ?-wrapchar char? data");
        }
        for (int i = 3; i < objv.length - 1; i += 2) {
            int opt = exactIndex(objv[i], new String[]{"-maxlen", "-wrapchar"}, "option");
            if (opt == 0) {
                maxlen = FormatCmd.intArg(objv[i + 1]);
                if (uu ? maxlen < 5 || maxlen > 85 : maxlen < 0) {
                    throw TclException.error("line length out of range", "TCL", "BINARY", "ENCODE", "LINE_LENGTH");
                }
                if (uu) maxlen = ((maxlen - 1) & -4) + 1;
            } else {
                String w = objv[i + 1].toString();
                if (uu && !validUuWrap(w)) {
                    throw TclException.error("invalid wrapchar; will defeat decoding", "TCL", "BINARY", "ENCODE", "WRAPCHAR");
                }
                wrap[0] = w;
            }
        }
        return maxlen;
    }

    /**
     * A uuencode line separator must not be mistaken for data: after any of \t \v \f \r comes a
     * newline (whatever follows it is not examined), or nothing.
     */
    private static boolean validUuWrap(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c == '\n') return true;
            if (c != '\t' && c != 0x0B && c != '\f' && c != '\r') return false;
        }
        return true;
    }

    static TclObj encodeBase64(Interp interp, TclObj[] objv) throws TclException {
        String[] wrap = {"\n"};
        int maxlen = encodeOptions(objv, wrap, 0, false);
        if (wrap[0].isEmpty()) maxlen = 0;
        String data = objv[objv.length - 1].toString();
        int count = data.length();
        StringBuilder out = new StringBuilder(count * 4 / 3 + 4);
        int outIndex = 0;
        int total = ((count * 4 / 3) + 3) & ~3, emitted = 0;
        for (int offset = 0; offset < count; offset += 3) {
            int d0 = data.charAt(offset) & 0xFF;
            int d1 = offset + 1 < count ? data.charAt(offset + 1) & 0xFF : 0;
            int d2 = offset + 2 < count ? data.charAt(offset + 2) & 0xFF : 0;
            int[] digits = {
                d0 >> 2,
                ((d0 & 3) << 4) | (d1 >> 4),
                offset + 1 < count ? ((d1 & 0xF) << 2) | (d2 >> 6) : 64,
                offset + 2 < count ? d2 & 0x3F : 64
            };
            for (int g : digits) {
                out.append(B64.charAt(g));
                emitted++;
                outIndex++;
                // a separator after every maxlen characters, never after the last one
                if (maxlen > 0 && emitted < total && outIndex == maxlen) {
                    out.append(wrap[0]);
                    outIndex = 0;
                }
            }
        }
        return TclObj.of(out.toString());
    }

    static TclObj decodeBase64(Interp interp, TclObj[] objv) throws TclException {
        boolean strict = decodeOptions(objv);
        Input in = new Input(objv[objv.length - 1].toString());
        byte[] data = in.bytes;
        int end = data.length;
        byte[] out = new byte[((end + 3) & ~3) * 3 / 4];
        int cursor = 0, cut = 0, p = 0;
        int c = 0;
        while (p < end) {
            long value = 0;
            for (int i = 0; i < 4; i++) {
                if (p < end) {
                    c = data[p++] & 0xFF;
                } else if (i > 1) {
                    c = '=';
                } else {
                    if (strict) throw badChar("base64 character", in, p - 1);
                    cut += 3;
                    break;
                }
                if (cut != 0) {
                    if (c == '=' && i > 1) {
                        value <<= 6;
                        cut++;
                    } else if (!strict) {
                        i--;
                    } else {
                        throw badChar("base64 character", in, p - 1);
                    }
                } else if (c >= 'A' && c <= 'Z') {
                    value = (value << 6) | (c - 'A');
                } else if (c >= 'a' && c <= 'z') {
                    value = (value << 6) | (c - 'a' + 26);
                } else if (c >= '0' && c <= '9') {
                    value = (value << 6) | (c - '0' + 52);
                } else if (c == '+') {
                    value = (value << 6) | 0x3E;
                } else if (c == '/') {
                    value = (value << 6) | 0x3F;
                } else if (c == '=' && (!strict || i > 1)) {
                    value <<= 6;
                    if (i != 0) cut++;
                } else if (strict) {
                    throw badChar("base64 character", in, p - 1);
                } else {
                    i--;
                }
            }
            out[cursor++] = (byte) (value >> 16);
            out[cursor++] = (byte) (value >> 8);
            out[cursor++] = (byte) value;
            if (cut != 0 && p < end && strict) throw badChar("base64 character", in, p - 1);
        }
        return TclObj.of(bytesToString(out, 0, Math.max(cursor - cut, 0)));
    }

    // ======================================================================================
    // uuencode
    // ======================================================================================

    static TclObj encodeUu(Interp interp, TclObj[] objv) throws TclException {
        String[] wrap = {"\n"};
        int lineLength = encodeOptions(objv, wrap, 61, true);
        String data = objv[objv.length - 1].toString();
        int count = data.length();
        int rawLength = (lineLength - 1) * 3 / 4;
        StringBuilder out = new StringBuilder();
        int offset = 0, n = 0, bits = 0;
        while (offset < count) {
            int lineLen = Math.min(count - offset, rawLength);
            out.append(UUE.charAt(lineLen));
            for (int i = 0; i < lineLen; i++) {
                n = (n << 8) | (data.charAt(offset++) & 0xFF);
                for (bits += 8; bits > 6; bits -= 6) out.append(UUE.charAt((n >>> (bits - 6)) & 0x3F));
            }
            if (bits > 0) {
                n <<= 8;
                out.append(UUE.charAt((n >>> (bits + 2)) & 0x3F));
                bits = 0;
            }
            out.append(wrap[0]);
        }
        return TclObj.of(out.toString());
    }

    static TclObj decodeUu(Interp interp, TclObj[] objv) throws TclException {
        boolean strict = decodeOptions(objv);
        Input in = new Input(objv[objv.length - 1].toString());
        byte[] data = in.bytes;
        int end = data.length;
        byte[] out = new byte[((end + 3) & ~3) * 3 / 4];
        int cursor = 0, p = 0, lineLen = -1;
        while (p < end) {
            int[] d = new int[4];
            if (lineLen < 0) {
                int c = data[p++] & 0xFF;
                if (c < 32 || c > 96) {
                    if (strict || !isSpace(c)) throw badChar("uuencode character", in, p - 1);
                    continue;
                }
                lineLen = (c - 32) & 0x3F;
            }
            for (int i = 0; i < 4; i++) {
                if (p < end) {
                    int c = data[p++] & 0xFF;
                    d[i] = c;
                    if (c < 32 || c > 96) {
                        if (strict) {
                            if (!isSpace(c)) throw badChar("uuencode character", in, p - 1);
                            if (c == '\n') throw shortUu();
                        }
                        i--;
                    }
                }
            }
            if (lineLen > 0) {
                out[cursor++] = (byte) ((((d[0] - 0x20) & 0x3F) << 2) | (((d[1] - 0x20) & 0x3F) >> 4));
                if (--lineLen > 0) {
                    out[cursor++] = (byte) ((((d[1] - 0x20) & 0x3F) << 4) | (((d[2] - 0x20) & 0x3F) >> 2));
                    if (--lineLen > 0) {
                        out[cursor++] = (byte) ((((d[2] - 0x20) & 0x3F) << 6) | ((d[3] - 0x20) & 0x3F));
                        lineLen--;
                    }
                }
            }
            if (lineLen == 0 && p < end) {
                lineLen = -1;
                do {
                    int c = data[p++] & 0xFF;
                    if (c == '\n') break;
                    if (c >= 32 && c <= 96) {
                        p--;
                        break;
                    }
                    if (strict || !isSpace(c)) throw badChar("uuencode character", in, p - 1);
                } while (p < end);
            }
        }
        if (lineLen > 0 && strict) throw shortUu();
        return TclObj.of(bytesToString(out, 0, cursor));
    }

    private static TclException shortUu() {
        return TclException.error("short uuencode data", "TCL", "BINARY", "DECODE", "SHORT");
    }
}
