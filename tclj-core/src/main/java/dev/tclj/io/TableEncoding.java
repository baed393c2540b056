package dev.tclj.io;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A table-driven encoding: single-byte ({@code S}), double-byte ({@code D}) or mixed
 * single/double-byte ({@code M}), loaded from a Tcl {@code .enc} file or built from a single-byte
 * Java charset when no such file exists.
 *
 * <p>Rules (Tcl 8.6): a byte is a lead byte when the table has a page for it (every byte, for a
 * double-byte table). A byte or pair the table does not map decodes to the lead byte's own value,
 * consuming only that byte. A lead byte without its second byte at end of data is dropped. A
 * character the table cannot encode becomes the table's fallback.
 */
final class TableEncoding extends TclEncoding {
    /** toUnicode[hi][lo]; pages the table lacks are null. 0 means unmapped (except for byte 0). */
    final char[][] toUnicode = new char[256][];
    /** fromUnicode[ch >> 8][ch & 0xFF] = (hi << 8) | lo, 0 when unmapped. */
    final char[][] fromUnicode = new char[256][];
    final boolean[] prefix = new boolean[256];
    final int fallback;

    private TableEncoding(String name, int fallback) {
        super(name);
        this.fallback = fallback;
    }

    /** Parses a .enc file of type S, D or M (the type line already identified it). */
    static TableEncoding load(String name, char type, List<String> lines, int start) throws IOException {
        int i = start;
        while (i < lines.size() && lines.get(i).isBlank()) i++;
        String[] hdr = lines.get(i++).trim().split("\\s+");
        if (hdr.length < 3) throw new IOException("bad encoding header");
        TableEncoding e = new TableEncoding(name, Integer.parseInt(hdr[0], 16));
        boolean symbol = Integer.parseInt(hdr[1]) != 0;
        int pages = Integer.parseInt(hdr[2]);
        for (int p = 0; p < pages; p++) {
            while (i < lines.size() && lines.get(i).isBlank()) i++;
            int hi = Integer.parseInt(lines.get(i++).trim(), 16);
            char[] page = new char[256];
            for (int row = 0; row < 16; row++) {
                String l = lines.get(i++).trim();
                for (int k = 0; k < 16; k++) page[row * 16 + k] = (char) Integer.parseInt(l.substring(k * 4, k * 4 + 4), 16);
            }
            e.toUnicode[hi] = page;
        }
        if (type == 'D') {
            java.util.Arrays.fill(e.prefix, true);
        } else {
            for (int hi = 1; hi < 256; hi++) e.prefix[hi] = e.toUnicode[hi] != null;
        }
        e.invert();
        if (type == 'M') {
            char[] p0 = e.fromUnicode[0];
            if (p0 == null) p0 = e.fromUnicode[0] = new char[256];
            if (p0['\\'] == 0) p0['\\'] = '\\';
        }
        if (symbol) {
            // A symbol font shows plain ASCII text as its own glyphs: map page 0 onto itself.
            char[] p0 = e.fromUnicode[0];
            if (p0 == null) p0 = e.fromUnicode[0] = new char[256];
            char[] t0 = e.toUnicode[0];
            for (int lo = 0; lo < 256; lo++) if (t0 != null && t0[lo] != 0) p0[lo] = (char) lo;
        }
        // An optional 'R' section lists extra characters that encode to an existing code.
        while (i < lines.size() && lines.get(i).isBlank()) i++;
        if (i < lines.size() && lines.get(i).startsWith("R")) {
            for (i++; i < lines.size(); i++) {
                String[] w = lines.get(i).trim().split("\\s+");
                if (w.length < 2 || w[0].length() != 4) continue;
                int to = Integer.parseInt(w[0], 16);
                if (to == 0) continue;
                for (int k = 1; k < w.length; k++) {
                    int from = Integer.parseInt(w[k], 16);
                    if (from == 0) continue;
                    char[] page = e.fromUnicode[from >> 8];
                    if (page == null) page = e.fromUnicode[from >> 8] = new char[256];
                    page[from & 0xFF] = (char) to;
                }
            }
        }
        return e;
    }

    /** iso8859-1 as a table, for escape encodings that switch to it. */
    static TableEncoding latin1() {
        TableEncoding e = new TableEncoding("iso8859-1", '?');
        char[] page = new char[256];
        for (int b = 0; b < 256; b++) page[b] = (char) b;
        e.toUnicode[0] = page;
        e.invert();
        return e;
    }

    /** A single-byte table from a Java charset (used when Tcl's .enc files are not installed). */
    static TableEncoding fromCharset(String name, Charset cs) {
        TableEncoding e = new TableEncoding(name, '?');
        char[] page = new char[256];
        var dec = cs.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        for (int b = 0; b < 256; b++) {
            try {
                String s = dec.reset().decode(java.nio.ByteBuffer.wrap(new byte[]{(byte) b})).toString();
                page[b] = s.length() == 1 ? s.charAt(0) : 0;
            } catch (java.nio.charset.CharacterCodingException x) {
                page[b] = 0;
            }
        }
        e.toUnicode[0] = page;
        e.invert();
        return e;
    }

    private void invert() {
        for (int hi = 0; hi < 256; hi++) {
            char[] page = toUnicode[hi];
            if (page == null) continue;
            for (int lo = 0; lo < 256; lo++) {
                int ch = page[lo];
                if (ch == 0) continue;
                char[] f = fromUnicode[ch >> 8];
                if (f == null) f = fromUnicode[ch >> 8] = new char[256];
                f[ch & 0xFF] = (char) ((hi << 8) | lo);
            }
        }
    }

    /** The table code for a character, 0 when unmapped (NUL maps to 0 too). */
    int lookup(char ch) {
        char[] f = fromUnicode[ch >> 8];
        return f == null ? 0 : f[ch & 0xFF];
    }

    /** The character for a code, 0 when unmapped. */
    int toChar(int hi, int lo) {
        char[] p = toUnicode[hi];
        return p == null ? 0 : p[lo];
    }

    /** Appends a table code: two bytes when its high byte is a lead byte. */
    void appendCode(int word, Bytes out) {
        if (prefix[word >> 8]) {
            out.append(word >> 8);
            out.append(word & 0xFF);
        } else {
            out.append(word & 0xFF);
        }
    }

    @Override
    public Decoder newDecoder() {
        return new Decoder() {
            @Override
            public int decode(byte[] in, int inEnd, char[] out, int outEnd, boolean[] stop, boolean end) {
                int ip = inPos, op = outPos;
                int r = UNDERFLOW;
                while (ip < inEnd) {
                    if (op >= outEnd) { r = FULL; break; }
                    int b = in[ip] & 0xFF;
                    int ch, n;
                    if (prefix[b]) {
                        if (ip + 1 >= inEnd) {
                            if (end) ip = inEnd;
                            break;
                        }
                        ch = toChar(b, in[ip + 1] & 0xFF);
                        n = 2;
                    } else {
                        ch = toChar(0, b);
                        n = 1;
                    }
                    if (ch == 0 && b != 0) {
                        ch = b;
                        n = 1;
                    }
                    lastStart = ip;
                    ip += n;
                    out[op++] = (char) ch;
                    if (stop != null && ch < 128 && stop[ch]) { r = STOPPED; break; }
                }
                inPos = ip;
                outPos = op;
                return r;
            }
        };
    }

    @Override
    public Encoder newEncoder() {
        return new Encoder() {
            @Override
            public void encode(CharSequence s, int from, int to, Bytes out) {
                for (int i = from; i < to; i++) {
                    char c = s.charAt(i);
                    int word = lookup(c);
                    if (word == 0 && c != 0) {
                        word = fallback;
                        // a character outside the BMP is one character: one fallback
                        if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) i++;
                    }
                    appendCode(word, out);
                }
            }
        };
    }

    static List<String> readLines(Path p) throws IOException {
        return Files.readAllLines(p, StandardCharsets.ISO_8859_1);
    }
}
