package dev.tclj.io;

/**
 * UTF-8 as Tcl 8.6 reads and writes it. Decoding is lenient: a byte that does not begin a
 * well-formed sequence (a stray continuation byte, a bad continuation, an overlong form other than
 * C0 80, a code point above U+10FFFF) stands for the character with the byte's value; C0 80 is
 * U+0000; encoded surrogates are accepted. Encoding writes a lone surrogate as its three-byte form.
 * The {@code identity} encoding is the same with NUL written as C0 80 (Tcl's internal form).
 */
final class Utf8Encoding extends TclEncoding {
    private final boolean modified;

    Utf8Encoding(String name, boolean modified) {
        super(name);
        this.modified = modified;
    }

    @Override
    public Decoder newDecoder() { return new Utf8Decoder(); }

    @Override
    public Encoder newEncoder() { return new Utf8Encoder(modified); }

    /** Bytes in a sequence, by lead byte, as Tcl counts them (invalid leads count one). */
    static int sequenceLength(int b) {
        if (b < 0xC0) return 1;
        if (b < 0xE0) return 2;
        if (b < 0xF0) return 3;
        if (b < 0xF8) return 4;
        return 1;
    }

    static final class Utf8Decoder extends Decoder {
        @Override
        public int decode(byte[] in, int inEnd, char[] out, int outEnd, boolean[] stop, boolean end) {
            int ip = inPos, op = outPos;
            try {
                while (ip < inEnd) {
                    if (op >= outEnd) return FULL;
                    int b = in[ip];
                    if (b >= 0) {
                        // ASCII: the hot path
                        lastStart = ip;
                        out[op++] = (char) b;
                        ip++;
                        if (stop != null && stop[b]) return STOPPED;
                        continue;
                    }
                    b &= 0xFF;
                    int n = sequenceLength(b);
                    if (ip + n > inEnd && !end) return UNDERFLOW;
                    lastStart = ip;
                    int cp = -1;
                    if (ip + n <= inEnd) cp = decodeSequence(in, ip, b, n);
                    if (cp < 0) {
                        out[op++] = (char) b;
                        ip++;
                    } else if (cp >= 0x10000) {
                        if (op + 2 > outEnd) return FULL;
                        out[op++] = Character.highSurrogate(cp);
                        out[op++] = Character.lowSurrogate(cp);
                        ip += n;
                    } else {
                        out[op++] = (char) cp;
                        ip += n;
                    }
                }
                return UNDERFLOW;
            } finally {
                inPos = ip;
                outPos = op;
            }
        }

        /** The code point of a complete n-byte sequence, or -1 when it is malformed. */
        private static int decodeSequence(byte[] in, int ip, int b, int n) {
            switch (n) {
                case 2: {
                    int c1 = in[ip + 1] & 0xFF;
                    if ((c1 & 0xC0) != 0x80) return -1;
                    if (b == 0xC0 && c1 == 0x80) return 0;
                    if (b < 0xC2) return -1;
                    return ((b & 0x1F) << 6) | (c1 & 0x3F);
                }
                case 3: {
                    int c1 = in[ip + 1] & 0xFF, c2 = in[ip + 2] & 0xFF;
                    if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) return -1;
                    int cp = ((b & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (c2 & 0x3F);
                    return cp < 0x800 ? -1 : cp;
                }
                case 4: {
                    int c1 = in[ip + 1] & 0xFF, c2 = in[ip + 2] & 0xFF, c3 = in[ip + 3] & 0xFF;
                    if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80 || (c3 & 0xC0) != 0x80) return -1;
                    int cp = ((b & 0x07) << 18) | ((c1 & 0x3F) << 12) | ((c2 & 0x3F) << 6) | (c3 & 0x3F);
                    return cp < 0x10000 || cp > 0x10FFFF ? -1 : cp;
                }
                default:
                    return -1;
            }
        }
    }

    static final class Utf8Encoder extends Encoder {
        private final boolean modified;

        Utf8Encoder(boolean modified) { this.modified = modified; }

        @Override
        public void encode(CharSequence s, int from, int to, Bytes out) {
            out.ensure((to - from) * 3);
            byte[] b = out.buf;
            int n = out.len;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < 0x80 && (c != 0 || !modified)) {
                    b[n++] = (byte) c;
                } else if (c < 0x800) {
                    b[n++] = (byte) (0xC0 | (c >> 6));
                    b[n++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[n++] = (byte) (0xF0 | (cp >> 18));
                    b[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[n++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    b[n++] = (byte) (0xE0 | (c >> 12));
                    b[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[n++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            out.len = n;
        }
    }
}
