package dev.tclj.io;

import java.nio.ByteOrder;

/**
 * Tcl's {@code unicode} encoding: UTF-16 code units in the machine's byte order, no byte-order
 * mark. A trailing odd byte is not a character and is dropped at end of data.
 */
final class Utf16Encoding extends TclEncoding {
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    Utf16Encoding(String name) { super(name); }

    @Override
    public boolean asciiLineEnds() { return false; }

    @Override
    public Decoder newDecoder() {
        return new Decoder() {
            @Override
            public int decode(byte[] in, int inEnd, char[] out, int outEnd, boolean[] stop, boolean end) {
                int ip = inPos, op = outPos;
                int r = UNDERFLOW;
                while (ip + 1 < inEnd) {
                    if (op >= outEnd) { r = FULL; break; }
                    int a = in[ip] & 0xFF, b = in[ip + 1] & 0xFF;
                    char c = (char) (LITTLE ? a | (b << 8) : (a << 8) | b);
                    lastStart = ip;
                    ip += 2;
                    out[op++] = c;
                    if (stop != null && c < 128 && stop[c]) { r = STOPPED; break; }
                }
                if (r == UNDERFLOW && end && ip < inEnd) ip = inEnd;
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
                out.ensure((to - from) * 2);
                byte[] b = out.buf;
                int n = out.len;
                for (int i = from; i < to; i++) {
                    char c = s.charAt(i);
                    if (LITTLE) {
                        b[n++] = (byte) c;
                        b[n++] = (byte) (c >> 8);
                    } else {
                        b[n++] = (byte) (c >> 8);
                        b[n++] = (byte) c;
                    }
                }
                out.len = n;
            }
        };
    }
}
