package dev.tclj.io;

import java.util.Arrays;

/** A growable byte array: channel output buffers and encoder output. */
public final class Bytes {
    byte[] buf;
    int len;

    public Bytes(int capacity) { buf = new byte[Math.max(capacity, 16)]; }

    public int length() { return len; }

    public byte[] array() { return buf; }

    public void clear() { len = 0; }

    public void ensure(int extra) {
        int need = len + extra;
        if (need > buf.length) buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }

    public void append(int b) {
        if (len == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
        buf[len++] = (byte) b;
    }

    public void append(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    /** Drops the first n bytes. */
    public void consume(int n) {
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
    }

    public byte[] toArray() { return Arrays.copyOf(buf, len); }
}
