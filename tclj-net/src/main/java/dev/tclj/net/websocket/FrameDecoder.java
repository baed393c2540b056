package dev.tclj.net.websocket;

import dev.tclj.io.Bytes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * The receiving half of RFC 6455 framing, without sockets: bytes go in as they arrive, in pieces
 * of any size ({@link #feed}), and complete messages and control frames come out one at a time
 * ({@link #next}). Nothing here waits: a frame cut short simply stays buffered until the rest
 * comes, so a stalled peer costs only its own buffer.
 *
 * <p>It applies every rule whose breach fails the connection, and reports the breach as a
 * {@link Kind#FAIL} event with the Close code to send: 1002 for protocol errors (reserved bits or
 * opcodes, a client frame that is not masked or a server frame that is, a fragmented or
 * oversized control frame, a continuation with no message open, a new data frame inside an
 * open fragmented message, a bad Close payload or code, undecodable compressed data), 1007 for
 * text that is not UTF-8 (checked fragment by fragment, as the bytes arrive), 1009 for a message
 * longer than the limit. After a failure it only looks for the peer's Close (skipping everything
 * else unparsed), and after a Close it reads nothing more.
 */
final class FrameDecoder {
    enum Kind { TEXT, BINARY, PING, PONG, CLOSE, FAIL }

    /** A message or control frame; for CLOSE and FAIL, code and reason (code 1005: none given). */
    record Event(Kind kind, byte[] data, int code, String reason) {
        String text() { return new String(data, StandardCharsets.UTF_8); }
    }

    static final int CONTINUATION = 0, TEXT = 1, BINARY = 2, CLOSE = 8, PING = 9, PONG = 10;

    private final boolean expectMasked;
    private long maxLength;
    private PerMessageDeflate deflate;

    // ---- buffered input: buf[start, end)
    private byte[] buf = new byte[4096];
    private int start, end;

    // ---- the frame being read
    private boolean inPayload;
    private int opcode;
    private boolean fin, rsv1, masked;
    private final byte[] mask = new byte[4];
    /** The mask twice over from the current phase, for {@link #unmask}. */
    private final byte[] mask8 = new byte[8];
    /** Payload bytes of the current frame not yet consumed; how many were (for the mask's phase). */
    private long remaining, consumed;

    // ---- the data message being assembled
    /** Opcode of the open fragmented message (TEXT or BINARY), or -1. */
    private int messageOpcode = -1;
    private boolean messageCompressed;
    private Bytes message = new Bytes(256);
    /** Compressed bytes of the current frame (inflated when the frame is complete). */
    private final Bytes compressed = new Bytes(64);
    private final Utf8Validator utf8 = new Utf8Validator();
    private final Bytes control = new Bytes(128);

    /** After a failure: only a Close is looked for. After a Close (or a hopeless failure): nothing. */
    private boolean draining, done;

    /** expectMasked: this is a server (clients must mask, servers must not). */
    FrameDecoder(boolean expectMasked, long maxLength) {
        this.expectMasked = expectMasked;
        this.maxLength = maxLength;
    }

    void setMaxLength(long max) { maxLength = max; }

    /** Compressed messages are allowed from now on (permessage-deflate was negotiated). */
    void setDeflate(PerMessageDeflate d) { deflate = d; }

    /** Bytes buffered and not yet decoded. */
    int buffered() { return end - start; }

    /** Whether the decoder has stopped reading (a Close was decoded). */
    boolean isDone() { return done; }

    /** Appends received bytes. */
    void feed(byte[] b, int off, int len) {
        if (done || len == 0) return;
        byte[] to = room(len);
        System.arraycopy(b, off, to, end, len);
        end += len;
    }

    /** The next complete message, control frame or failure, or null when more bytes are needed. */
    Event next() {
        while (!done) {
            if (!inPayload) {
                Event e = readHeader();
                if (e != null) return e;
                if (!inPayload) return null;
                if (remaining == 0) {
                    Event f = frameComplete();
                    if (f != null) return f;
                    continue;
                }
                if (wholeFrameBuffered()) {
                    Event f = consume((int) remaining);
                    if (f == null) f = frameComplete();
                    if (f != null) return f;
                    continue;
                }
            }
            int n = (int) Math.min(remaining, end - start);
            if (n == 0) return null;
            Event e = consume(n);
            if (e != null) return e;
            if (remaining > 0) return null;
            Event f = frameComplete();
            if (f != null) return f;
        }
        return null;
    }

    /**
     * The connection fails: from now on only a Close is looked for. The rest of the current
     * frame (inPayload stays as it is) is skipped unread.
     */
    private Event fail(int code, String reason) {
        draining = true;
        message.clear();
        compressed.clear();
        control.clear();
        messageOpcode = -1;
        return new Event(Kind.FAIL, null, code, reason);
    }

    /** Parses a frame header if it is all buffered; returns a failure, or null. */
    private Event readHeader() {
        int avail = end - start;
        if (avail < 2) return null;
        int b0 = buf[start] & 0xFF, b1 = buf[start + 1] & 0xFF;
        int len7 = b1 & 0x7F;
        boolean m = (b1 & 0x80) != 0;
        int need = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (m ? 4 : 0);
        if (avail < need) return null;
        int p = start + 2;
        long len = len7;
        if (len7 == 126) {
            len = ((buf[p] & 0xFF) << 8) | (buf[p + 1] & 0xFF);
            p += 2;
        } else if (len7 == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) len = (len << 8) | (buf[p + i] & 0xFF);
            p += 8;
        }
        if (m) {
            System.arraycopy(buf, p, mask, 0, 4);
            p += 4;
        }
        start = p;
        opcode = b0 & 0x0F;
        fin = (b0 & 0x80) != 0;
        rsv1 = (b0 & 0x40) != 0;
        masked = m;
        remaining = len;
        consumed = 0;
        inPayload = true;
        if (draining) {
            if (len < 0) done = true;
            return null;
        }
        if (len < 0) return doneAfter(fail(CloseCodes.PROTOCOL_ERROR, "Frame length out of range"));
        if ((b0 & 0x30) != 0) return fail(CloseCodes.PROTOCOL_ERROR, "Reserved bits set");
        if (m != expectMasked) {
            return fail(CloseCodes.PROTOCOL_ERROR, expectMasked ? "Unmasked frame from client" : "Masked frame from server");
        }
        switch (opcode) {
            case CLOSE, PING, PONG -> {
                if (!fin) return fail(CloseCodes.PROTOCOL_ERROR, "Fragmented control frame");
                if (len > 125) return fail(CloseCodes.PROTOCOL_ERROR, "Control frame too long");
                if (rsv1) return fail(CloseCodes.PROTOCOL_ERROR, "Reserved bits set");
                control.clear();
            }
            case TEXT, BINARY -> {
                if (messageOpcode >= 0) return fail(CloseCodes.PROTOCOL_ERROR, "New message inside a fragmented message");
                if (rsv1 && deflate == null) return fail(CloseCodes.PROTOCOL_ERROR, "Reserved bits set");
                messageOpcode = opcode;
                messageCompressed = rsv1;
                message.clear();
                utf8.reset();
                if (!rsv1 && len > maxLength) return tooBig();
            }
            case CONTINUATION -> {
                if (messageOpcode < 0) return fail(CloseCodes.PROTOCOL_ERROR, "Continuation frame with no message open");
                if (rsv1) return fail(CloseCodes.PROTOCOL_ERROR, "Reserved bits set");
                if (!messageCompressed && message.length() + len > maxLength) return tooBig();
            }
            default -> {
                return fail(CloseCodes.PROTOCOL_ERROR, "Reserved opcode " + opcode);
            }
        }
        compressed.clear();
        return null;
    }

    private Event tooBig() {
        return fail(CloseCodes.TOO_BIG, "Limit " + maxLength + " exceeded");
    }

    /**
     * Whether the frame just begun is an unfragmented, uncompressed data frame that is all
     * buffered: it becomes a message in one step, and its buffer is copied from once.
     */
    private boolean wholeFrameBuffered() {
        return !draining && fin && !messageCompressed && opcode != CONTINUATION && opcode < CLOSE
                && remaining <= end - start;
    }

    /** Takes n payload bytes of the current frame from the buffer. */
    private Event consume(int n) {
        int from = start;
        start += n;
        remaining -= n;
        if (draining && opcode != CLOSE) {
            consumed += n;
            return null;
        }
        if (masked) unmask(buf, from, n);
        if (opcode >= CLOSE) {
            control.append(buf, from, n);
        } else if (messageCompressed) {
            compressed.append(buf, from, n);
        } else {
            if (messageOpcode == TEXT && !utf8.update(buf, from, n)) {
                return fail(CloseCodes.INVALID_DATA, "Invalid UTF-8 in text message");
            }
            message.append(buf, from, n);
        }
        return null;
    }

    /** Eight bytes at a time, in the platform's order (the mask's bytes are laid out the same way). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** XORs b[off, off+n) with the mask, continuing at the frame's current phase. */
    private void unmask(byte[] b, int off, int n) {
        int phase = (int) (consumed & 3);
        byte[] m8 = mask8;
        for (int k = 0; k < 8; k++) m8[k] = mask[(phase + k) & 3];
        long m = (long) LONGS.get(m8, 0);
        int i = 0;
        for (; i + 7 < n; i += 8) {
            int at = off + i;
            LONGS.set(b, at, (long) LONGS.get(b, at) ^ m);
        }
        // the phase repeats every 4 bytes, so the rest starts where the mask started
        for (int k = 0; i < n; i++, k++) b[off + i] ^= m8[k];
        consumed += n;
    }

    /**
     * Room for at least min more bytes at the end of the buffer (compacting or growing it), for
     * a reader that fills it directly: then {@link #filled}.
     */
    byte[] room(int min) {
        if (buf.length - end < min) {
            int live = end - start;
            if (buf.length - live >= min && live < buf.length / 2) {
                System.arraycopy(buf, start, buf, 0, live);
            } else {
                byte[] bigger = new byte[Math.max(buf.length * 2, live + min)];
                System.arraycopy(buf, start, bigger, 0, live);
                buf = bigger;
            }
            start = 0;
            end = live;
        }
        return buf;
    }

    /** Where the room given by {@link #room} starts. */
    int roomStart() { return end; }

    /** n bytes were put into the room. */
    void filled(int n) {
        if (!done) end += n;
    }

    /** The current frame's payload is all in: deliver what it completes. */
    private Event frameComplete() {
        inPayload = false;
        if (opcode >= CLOSE) {
            byte[] data = control.toArray();
            control.clear();
            if (opcode == CLOSE) return close(data);
            if (draining) return null;
            return new Event(opcode == PING ? Kind.PING : Kind.PONG, data, 0, null);
        }
        if (draining) return null;
        if (messageCompressed) {
            int before = message.length();
            try {
                if (!deflate.decompress(compressed.array(), 0, compressed.length(), fin, message, maxLength)) return tooBig();
            } catch (DataFormatException e) {
                return fail(CloseCodes.PROTOCOL_ERROR, "Invalid compressed data");
            }
            compressed.clear();
            if (messageOpcode == TEXT && !utf8.update(message.array(), before, message.length() - before)) {
                return fail(CloseCodes.INVALID_DATA, "Invalid UTF-8 in text message");
            }
        }
        if (!fin) return null;
        if (messageOpcode == TEXT && !utf8.complete()) return fail(CloseCodes.INVALID_DATA, "Invalid UTF-8 in text message");
        Kind k = messageOpcode == TEXT ? Kind.TEXT : Kind.BINARY;
        messageOpcode = -1;
        byte[] data = message.toArray();
        // a large message's buffer is not kept for the next, small one
        if (message.array().length > 65536) message = new Bytes(256);
        else message.clear();
        return new Event(k, data, 0, null);
    }

    /** A Close frame: its code and reason, checked unless the connection has failed already. */
    private Event close(byte[] data) {
        done = true;
        start = end;
        if (data.length == 0) return new Event(Kind.CLOSE, data, CloseCodes.NO_STATUS, "");
        if (data.length == 1) {
            if (draining) return new Event(Kind.CLOSE, data, CloseCodes.NO_STATUS, "");
            done = false;
            return doneAfter(fail(CloseCodes.PROTOCOL_ERROR, "Close frame too short"));
        }
        int code = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
        boolean utf8ok = Utf8Validator.isValid(data, 2, data.length - 2);
        if (!draining) {
            if (!CloseCodes.valid(code)) {
                done = false;
                return doneAfter(fail(CloseCodes.PROTOCOL_ERROR, "Invalid close code " + code));
            }
            if (!utf8ok) {
                done = false;
                return doneAfter(fail(CloseCodes.INVALID_DATA, "Invalid UTF-8 in close reason"));
            }
        }
        String reason = utf8ok ? new String(data, 2, data.length - 2, StandardCharsets.UTF_8)
                : new String(data, 2, data.length - 2, StandardCharsets.ISO_8859_1);
        return new Event(Kind.CLOSE, data, code, reason);
    }

    /** A failure found in the peer's Close: the closing handshake is over, nothing more will come. */
    private Event doneAfter(Event failure) {
        done = true;
        return failure;
    }

    /** For tests: a copy of what is buffered and not decoded. */
    byte[] pending() { return Arrays.copyOfRange(buf, start, end); }
}
