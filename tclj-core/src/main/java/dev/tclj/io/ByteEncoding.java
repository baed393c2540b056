package dev.tclj.io;

/**
 * One byte per character with no table: {@code iso8859-1} (a character above U+00FF becomes
 * {@code ?}) and the channel-only {@code binary} encoding (such a character keeps its low byte, as
 * Tcl's byte arrays do).
 */
final class ByteEncoding extends TclEncoding {
    private final boolean truncate;

    ByteEncoding(String name, boolean truncate) {
        super(name);
        this.truncate = truncate;
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
                    int b = in[ip++] & 0xFF;
                    out[op++] = (char) b;
                    if (stop != null && b < 128 && stop[b]) { r = STOPPED; break; }
                }
                lastStart = ip - 1;
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
            @SuppressWarnings("deprecation")
            public void encode(CharSequence s, int from, int to, Bytes out) {
                out.ensure(to - from);
                byte[] b = out.buf;
                int n = out.len;
                if (truncate && s instanceof String str) {
                    // binary keeps each character's low byte, which is what this (deprecated
                    // for that very reason) String method does, as one copy for a Latin-1 string
                    str.getBytes(from, to, b, n);
                    out.len = n + to - from;
                    return;
                }
                for (int i = from; i < to; i++) {
                    char c = s.charAt(i);
                    b[n++] = (byte) (c <= 0xFF || truncate ? c : '?');
                    // a character outside the BMP is one character: one '?'
                    if (!truncate && Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) i++;
                }
                out.len = n;
            }
        };
    }
}
