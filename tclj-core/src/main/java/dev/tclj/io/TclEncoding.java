package dev.tclj.io;

/**
 * A Tcl encoding: converts between external bytes and characters with Tcl 8.6's rules (lenient
 * decoding: a byte that does not start a valid sequence stands for itself; unrepresentable
 * characters become the encoding's fallback, usually {@code ?}).
 *
 * <p>Channels decode incrementally and must know exactly which bytes produced the characters they
 * consumed (for {@code tell}, and for switching encoding or translation in the middle of a stream),
 * so a {@link Decoder} converts into a bounded character array, can stop right after a given
 * character, and records where the last character began.
 */
public abstract class TclEncoding {
    private final String name;

    protected TclEncoding(String name) { this.name = name; }

    public final String name() { return name; }

    public abstract Decoder newDecoder();

    public abstract Encoder newEncoder();

    @Override
    public String toString() { return name; }

    /**
     * Whether the bytes 0x0A and 0x0D stand for \n and \r wherever they occur (true of every
     * encoding but UTF-16's): then ends of line can be translated on the bytes themselves.
     */
    public boolean asciiLineEnds() { return true; }

    /** Converts a whole byte string (encoding convertfrom). */
    public String decode(byte[] b, int off, int len) {
        Decoder d = newDecoder();
        char[] buf = new char[Math.max(16, len + 2)];
        StringBuilder sb = null;
        d.inPos = off;
        int end = off + len;
        while (true) {
            d.outPos = 0;
            int r = d.decode(b, end, buf, buf.length, null, true);
            if (sb == null && r == Decoder.UNDERFLOW) return new String(buf, 0, d.outPos);
            if (sb == null) sb = new StringBuilder(len + 16);
            sb.append(buf, 0, d.outPos);
            if (r == Decoder.UNDERFLOW) return sb.toString();
        }
    }

    /** Converts a whole string (encoding convertto), including any closing sequence. */
    public byte[] encode(CharSequence s) {
        Encoder e = newEncoder();
        Bytes out = new Bytes(s.length() + 8);
        e.encode(s, 0, s.length(), out);
        e.finish(out);
        return out.toArray();
    }

    /** An incremental converter from bytes to characters; one per stream. */
    public abstract static class Decoder {
        /** decode() results. */
        public static final int UNDERFLOW = 0, FULL = 1, STOPPED = 2;

        /** Next input byte to convert (caller sets it before a call; the decoder advances it). */
        public int inPos;
        /** Next free slot of the output array (caller sets it; the decoder advances it). */
        public int outPos;
        /** Input position where the last character produced began. */
        public int lastStart;

        /**
         * Converts bytes in[inPos, inEnd) into out[outPos, outEnd). Returns {@link #STOPPED} right
         * after producing a character c &lt; 128 with stop[c] set, {@link #FULL} when out has no room
         * for another character (a supplementary character needs two slots), or {@link #UNDERFLOW}
         * when the input is used up or ends inside a multi-byte sequence. When {@code end} is true
         * the input is the last there is, and an incomplete sequence is converted as Tcl does at end
         * of data.
         */
        public abstract int decode(byte[] in, int inEnd, char[] out, int outEnd, boolean[] stop, boolean end);

        /** Forgets any shift state (after a seek, or when the stream restarts). */
        public void reset() {}
    }

    /** An incremental converter from characters to bytes; one per stream. */
    public abstract static class Encoder {
        /** Converts s[from, to) and appends the bytes to out. */
        public abstract void encode(CharSequence s, int from, int to, Bytes out);

        /** Appends whatever ends the stream (a shift back to the initial state). */
        public void finish(Bytes out) {}

        public void reset() {}
    }
}
