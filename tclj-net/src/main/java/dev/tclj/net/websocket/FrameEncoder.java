package dev.tclj.net.websocket;

import java.security.SecureRandom;

/**
 * The sending half of RFC 6455 framing: a frame's header and payload as one byte array, masked
 * with a fresh unpredictable key when the sender is a client (section 5.3), compressed when
 * permessage-deflate is in use. Enforces what a sender must: control frames are final and at
 * most 125 bytes, a fragmented message keeps its type, and only the first frame of a
 * compressed message carries RSV1.
 */
final class FrameEncoder {
    private static final SecureRandom MASKS = new SecureRandom();

    private final boolean mask;
    private PerMessageDeflate deflate;
    /** Opcode of the fragmented message being sent (TEXT or BINARY), or -1. */
    private int open = -1;
    /** Whether the open fragmented message is being compressed. */
    private boolean openCompressed;

    /** mask: this is a client. */
    FrameEncoder(boolean mask) { this.mask = mask; }

    void setDeflate(PerMessageDeflate d) { deflate = d; }

    /** Opcode of the fragmented message being sent, or -1. */
    int openMessage() { return open; }

    /**
     * Data messages shorter than this go uncompressed even with permessage-deflate (allowed by
     * RFC 7692: RSV1 says per message): compressing them costs more than it saves.
     */
    static final int COMPRESS_MIN = 64;

    /**
     * A data frame (opcode TEXT or BINARY) carrying b[off, off+len); last false starts or
     * continues a fragmented message, which the caller has checked keeps its type.
     */
    byte[] data(int opcode, byte[] b, int off, int len, boolean last) {
        boolean first = open < 0;
        if (first) {
            openCompressed = deflate != null && (len >= COMPRESS_MIN || !last);
        }
        boolean compress = openCompressed;
        if (compress) {
            b = deflate.compress(b, off, len, last);
            off = 0;
            len = b.length;
        }
        open = last ? -1 : (first ? opcode : open);
        return frame(first ? opcode : FrameDecoder.CONTINUATION, last, compress && first, b, off, len);
    }

    /** A control frame (CLOSE, PING or PONG); the caller has checked its length. */
    byte[] control(int opcode, byte[] b, int off, int len) {
        return frame(opcode, true, false, b, off, len);
    }

    private byte[] frame(int opcode, boolean fin, boolean rsv1, byte[] b, int off, int len) {
        int head = 2 + (len < 126 ? 0 : len < 65536 ? 2 : 8) + (mask ? 4 : 0);
        byte[] f = new byte[head + len];
        f[0] = (byte) ((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        int p = 2;
        if (len < 126) {
            f[1] = (byte) len;
        } else if (len < 65536) {
            f[1] = 126;
            f[2] = (byte) (len >>> 8);
            f[3] = (byte) len;
            p = 4;
        } else {
            f[1] = 127;
            long l = len;
            for (int i = 7; i >= 0; i--) f[p++] = (byte) (l >>> (8 * i));
        }
        if (!mask) {
            System.arraycopy(b, off, f, p, len);
            return f;
        }
        f[1] |= (byte) 0x80;
        int key = MASKS.nextInt();
        byte m0 = (byte) (key >>> 24), m1 = (byte) (key >>> 16), m2 = (byte) (key >>> 8), m3 = (byte) key;
        f[p] = m0;
        f[p + 1] = m1;
        f[p + 2] = m2;
        f[p + 3] = m3;
        p += 4;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            f[p + i] = (byte) (b[off + i] ^ m0);
            f[p + i + 1] = (byte) (b[off + i + 1] ^ m1);
            f[p + i + 2] = (byte) (b[off + i + 2] ^ m2);
            f[p + i + 3] = (byte) (b[off + i + 3] ^ m3);
        }
        byte[] m = {m0, m1, m2, m3};
        for (; i < len; i++) f[p + i] = (byte) (b[off + i] ^ m[i & 3]);
        return f;
    }
}
