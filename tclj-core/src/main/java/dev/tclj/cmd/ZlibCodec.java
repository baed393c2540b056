package dev.tclj.cmd;

import dev.tclj.TclException;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The compression engine behind the zlib command, on java.util.zip: deflate and inflate in the
 * raw, zlib and gzip formats (java.util.zip has no gzip stream, so this class writes and parses
 * the gzip header and trailer itself), with the checksum and the error codes zlib reports.
 *
 * <p>Output is byte-identical to Tcl's for inputs up to some kilobytes; beyond that it may differ,
 * because Tcl asks zlib for memLevel 9 and java.util.zip always uses 8. Either is valid data.
 */
public final class ZlibCodec {
    private ZlibCodec() {}

    public static final int RAW = 0, ZLIB = 1, GZIP = 2;
    /** zlib's flush modes. */
    public static final int NO_FLUSH = 0, SYNC_FLUSH = 2, FULL_FLUSH = 3, FINISH = 4;

    /**
     * A zlib failure: the commands report its code with zlib's generic message, a channel
     * transformation reports zlib's own message for it (strm->msg, which names the fault).
     */
    public static final class ZlibError extends Exception {
        final String codeName;
        final long adler;
        /** zlib's description of the fault, or null where zlib gives none. */
        final String zlibMessage;

        ZlibError(String codeName, long adler) { this(codeName, adler, null); }

        ZlibError(String codeName, long adler, String zlibMessage) {
            super(null, null, false, false);
            this.codeName = codeName;
            this.adler = adler;
            this.zlibMessage = zlibMessage;
        }

        static ZlibError data() { return new ZlibError("DATA", 0); }

        static ZlibError data(String zlibMessage) { return new ZlibError("DATA", 0, zlibMessage); }

        /** zlib's own message for the fault ("invalid block type"...), empty when it has none. */
        public String zlibMessage() { return zlibMessage == null ? "" : zlibMessage; }

        static ZlibError stream() { return new ZlibError("STREAM", 0); }

        static ZlibError buf() { return new ZlibError("BUF", 0); }

        public TclException toTcl() {
            return switch (codeName) {
                case "DATA" -> TclException.error("data error", "TCL", "ZLIB", "DATA");
                case "STREAM" -> TclException.error("stream error", "TCL", "ZLIB", "STREAM");
                case "BUF" -> TclException.error("buffer error", "TCL", "ZLIB", "BUF");
                default -> TclException.error("need dictionary", "TCL", "ZLIB", "NEED_DICT", Long.toString(adler));
            };
        }
    }

    // ======================================================================================
    // Checksums (zlib's crc32 and adler32, which accept a start value java.util.zip cannot take)
    // ======================================================================================

    private static final int[] CRC_TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            CRC_TABLE[n] = c;
        }
    }

    public static int crc32(int crc, byte[] b, int off, int len) {
        crc = ~crc;
        for (int i = 0; i < len; i++) crc = CRC_TABLE[(crc ^ b[off + i]) & 0xFF] ^ (crc >>> 8);
        return ~crc;
    }

    private static final int BASE = 65521, NMAX = 5552;

    /** adler32 with zlib's exact reductions (a start value need not be reduced). */
    public static int adler32(int adler, byte[] b, int off, int len) {
        long sum2 = (adler >>> 16) & 0xFFFF;
        long a = adler & 0xFFFF;
        if (len == 1) {
            a += b[off] & 0xFF;
            if (a >= BASE) a -= BASE;
            sum2 += a;
            if (sum2 >= BASE) sum2 -= BASE;
            return (int) (a | (sum2 << 16));
        }
        if (len < 16) {
            for (int i = 0; i < len; i++) {
                a += b[off + i] & 0xFF;
                sum2 += a;
            }
            if (a >= BASE) a -= BASE;
            sum2 %= BASE;
            return (int) (a | (sum2 << 16));
        }
        int p = off, left = len;
        while (left >= NMAX) {
            left -= NMAX;
            for (int i = 0; i < NMAX; i++) {
                a += b[p++] & 0xFF;
                sum2 += a;
            }
            a %= BASE;
            sum2 %= BASE;
        }
        if (left > 0) {
            for (int i = 0; i < left; i++) {
                a += b[p++] & 0xFF;
                sum2 += a;
            }
            a %= BASE;
            sum2 %= BASE;
        }
        return (int) (a | (sum2 << 16));
    }

    // ======================================================================================
    // gzip headers
    // ======================================================================================

    /** The fields of a gzip header (zlib's gz_header as Tcl fills and reads it). */
    public static final class GzipHeader {
        /** Latin-1 strings, or null when absent. */
        public String filename, comment;
        public boolean hcrc;
        public int text;
        public int os;
        public long time;
        /** Set once a parsed header is complete. */
        boolean done;

        /** The header bytes zlib's deflate writes for these fields, at the given level. */
        byte[] encode(int level) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0x1F);
            out.write(0x8B);
            out.write(8);
            int flags = (text != 0 ? 1 : 0) | (hcrc ? 2 : 0) | (filename != null ? 8 : 0) | (comment != null ? 16 : 0);
            out.write(flags);
            for (int i = 0; i < 4; i++) out.write((int) (time >>> (8 * i)));
            out.write(xfl(level));
            out.write(os);
            if (filename != null) writeLatin1(out, filename);
            if (comment != null) writeLatin1(out, comment);
            if (hcrc) {
                byte[] sofar = out.toByteArray();
                int crc = crc32(0, sofar, 0, sofar.length);
                out.write(crc);
                out.write(crc >>> 8);
            }
            return out.toByteArray();
        }

        private static void writeLatin1(ByteArrayOutputStream out, String s) {
            for (int i = 0; i < s.length(); i++) out.write(s.charAt(i));
            out.write(0);
        }
    }

    /** The gzip header zlib writes when none is given. */
    static byte[] defaultGzipHeader(int level) {
        return new byte[]{0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, (byte) xfl(level), 3};
    }

    private static int xfl(int level) {
        if (level == -1) level = 6;
        return level == 9 ? 2 : level < 2 ? 4 : 0;
    }

    // ======================================================================================
    // Compression
    // ======================================================================================

    /** A deflate stream in one of the three formats. */
    public static final class Compressor {
        final int format, level;
        private final GzipHeader header;
        private Deflater deflater;
        private boolean started, finished;
        private int crc;
        private long totalIn;
        /** Whether zlib's window position (strstart) has moved: data or a dictionary went in. */
        private boolean dataSeen, dictSet;

        public Compressor(int format, int level, GzipHeader header) {
            this.format = format;
            this.level = level;
            this.header = header;
            reset();
        }

        public void reset() {
            if (deflater != null) deflater.end();
            deflater = new Deflater(level, format != ZLIB);
            started = finished = false;
            crc = 0;
            totalIn = 0;
            dataSeen = dictSet = false;
        }

        /** zlib's deflateSetDictionary: only before any data (zlib) or between flushes (raw). */
        public void setDictionary(byte[] dict) throws ZlibError {
            if (format == GZIP) throw ZlibError.stream();
            try {
                deflater.setDictionary(dict);
                if (dict.length > 0) dictSet = true;
            } catch (IllegalArgumentException e) {
                throw ZlibError.stream();
            }
        }

        /** Compresses input with a flush mode; returns the bytes produced. */
        public byte[] deflate(byte[] in, int flush) throws ZlibError { return deflate(in, 0, in.length, flush); }

        /** Compresses in[off, off+len) with a flush mode; returns the bytes produced. */
        public byte[] deflate(byte[] in, int off, int len, int flush) throws ZlibError {
            ByteArrayOutputStream out = new ByteArrayOutputStream(len / 2 + 64);
            if (finished) {
                // zlib refuses data after the end of a stream (Tcl would loop forever here)
                if (len != 0) throw ZlibError.buf();
                return out.toByteArray();
            }
            if (!started) {
                started = true;
                if (format == GZIP) {
                    byte[] h = header != null ? header.encode(level) : defaultGzipHeader(level);
                    out.write(h, 0, h.length);
                }
            }
            if (format == GZIP) crc = crc32(crc, in, off, len);
            totalIn += len;
            deflater.setInput(in, off, len);
            if (flush == FINISH) {
                byte[] buf = new byte[Math.max(64, Math.min(len + 64, 65536))];
                deflater.finish();
                while (!deflater.finished()) {
                    int n = deflater.deflate(buf, 0, buf.length, Deflater.NO_FLUSH);
                    out.write(buf, 0, n);
                }
                finished = true;
                if (format == GZIP) {
                    for (int i = 0; i < 4; i++) out.write(crc >>> (8 * i));
                    for (int i = 0; i < 4; i++) out.write((int) (totalIn >>> (8 * i)));
                }
            } else {
                int mode = flush == SYNC_FLUSH ? Deflater.SYNC_FLUSH : flush == FULL_FLUSH ? Deflater.FULL_FLUSH
                        : Deflater.NO_FLUSH;
                // Tcl's buffer sizes matter: zlib flushes again when a call fills its buffer exactly
                int size = (int) Math.min(bound(len) + 100, 0xFFFF);
                byte[] buf = new byte[size];
                while (true) {
                    int n = deflater.deflate(buf, 0, size, mode);
                    out.write(buf, 0, n);
                    if (n < size) break;
                    if (size < 0xFFFF) {
                        size = 0xFFFF;
                        buf = new byte[size];
                    }
                }
            }
            if (len > 0) dataSeen = true;
            return out.toByteArray();
        }

        /** zlib's deflateBound for memLevel 9, as Tcl sizes a stream's output buffer. */
        private long bound(int n) {
            long b = n + (n >> 3) + (n >> 8) + (n >> 9) + 4;
            switch (format) {
                case ZLIB -> b += 6 + (dataSeen || dictSet ? 4 : 0);
                case GZIP -> {
                    b += 18;
                    if (header != null) {
                        if (header.filename != null) b += header.filename.length() + 1;
                        if (header.comment != null) b += header.comment.length() + 1;
                        if (header.hcrc) b += 2;
                    }
                }
                default -> { }
            }
            return b;
        }

        /** What zlib keeps in strm->adler: adler32 (zlib), crc32 (gzip) of the input, 1 for raw. */
        public long checksum() {
            return switch (format) {
                case ZLIB -> deflater.getAdler() & 0xFFFFFFFFL;
                case GZIP -> crc & 0xFFFFFFFFL;
                default -> 1;
            };
        }

        public void end() { deflater.end(); }
    }

    /**
     * The size of the buffer Tcl gives a one-shot compression (zlib 1.2.13's deflateBound for
     * memLevel 9 plus Tcl's gzip allowance): output that does not fit is a "buffer error".
     */
    static long oneShotBound(int format, int inLen, GzipHeader header) {
        long n = inLen;
        long bound = n + (n >> 3) + (n >> 8) + (n >> 9) + 4;
        switch (format) {
            case ZLIB -> bound += 6;
            case GZIP -> {
                bound += 18 + 32;
                if (header != null) {
                    if (header.filename != null) bound += 2L * header.filename.length() + 1;
                    if (header.comment != null) bound += 2L * header.comment.length() + 1;
                    if (header.hcrc) bound += 2;
                }
            }
            default -> { }
        }
        return bound;
    }

    /** One-shot compression (zlib compress / deflate / gzip). */
    public static byte[] compress(int format, byte[] in, int level, GzipHeader header) throws ZlibError {
        Compressor c = new Compressor(format, level, header);
        try {
            byte[] out = c.deflate(in, FINISH);
            if (out.length > oneShotBound(format, in.length, header)) throw ZlibError.buf();
            return out;
        } finally {
            c.end();
        }
    }

    // ======================================================================================
    // Decompression
    // ======================================================================================

    /** An inflate stream in one of the three formats, fed input in pieces. */
    public static final class Decompressor {
        final int format;
        private Inflater inflater;
        /** Input not yet given to the inflater (gzip header and trailer bytes pass through here). */
        private byte[] pending = new byte[0];
        private int pendingPos;
        /** gzip: where the parse is (HEADER, BODY, TRAILER, DONE). */
        private int gzState;
        private static final int HEADER = 0, BODY = 1, TRAILER = 2, DONE = 3;
        private final GzipHeader header = new GzipHeader();
        private int crc;
        private long totalOut;
        private boolean ended;
        /** strm->adler of a raw stream: 1 from Tcl's own setup, 0 after a reset clears it. */
        private long rawAdler = 1;

        public Decompressor(int format) {
            this.format = format;
            inflater = new Inflater(format != ZLIB);
        }

        public void reset() {
            inflater.end();
            inflater = new Inflater(format != ZLIB);
            pending = new byte[0];
            pendingPos = 0;
            gzState = HEADER;
            header.filename = header.comment = null;
            header.hcrc = false;
            header.text = header.os = 0;
            header.time = 0;
            header.done = false;
            crc = 0;
            totalOut = 0;
            ended = false;
            rawAdler = 0;
        }

        public GzipHeader header() { return header; }

        public boolean ended() { return ended; }

        /** Whether every byte given has been consumed. */
        public boolean inputEmpty() {
            return pendingPos >= pending.length && inflater.getRemaining() == 0;
        }

        /** Adds input (after what is still unconsumed). */
        public void feed(byte[] in) { feed(in, 0, in.length); }

        /** Adds a copy of in[off, off+len) as input (after what is still unconsumed). */
        public void feed(byte[] in, int off, int len) {
            int rest = pending.length - pendingPos;
            int inInflater = inflater.getRemaining();
            if (inInflater > 0) {
                // java.util.zip holds our earlier array; take back what it has not read
                byte[] old = remainingInflaterInput();
                byte[] merged = new byte[old.length + rest + len];
                System.arraycopy(old, 0, merged, 0, old.length);
                System.arraycopy(pending, pendingPos, merged, old.length, rest);
                System.arraycopy(in, off, merged, old.length + rest, len);
                pending = merged;
                inflater.setInput(new byte[0]);
            } else {
                byte[] merged = new byte[rest + len];
                System.arraycopy(pending, pendingPos, merged, 0, rest);
                System.arraycopy(in, off, merged, rest, len);
                pending = merged;
            }
            pendingPos = 0;
            inflaterInputEnd = 0;
        }

        /**
         * The input given and not consumed: after the end of the stream, what followed it (an
         * incomplete gzip header counts as not consumed).
         */
        public byte[] remaining() {
            byte[] held = inflater.getRemaining() > 0 ? remainingInflaterInput() : new byte[0];
            int rest = pending.length - pendingPos;
            byte[] b = new byte[held.length + rest];
            System.arraycopy(held, 0, b, 0, held.length);
            System.arraycopy(pending, pendingPos, b, held.length, rest);
            return b;
        }

        /** The end of the slice of {@code pending} last given to the inflater. */
        private int inflaterInputEnd;
        private byte[] inflaterInput;

        private byte[] remainingInflaterInput() {
            int r = inflater.getRemaining();
            byte[] b = new byte[r];
            System.arraycopy(inflaterInput, inflaterInputEnd - r, b, 0, r);
            return b;
        }

        public void setDictionary(byte[] dict) throws ZlibError {
            try {
                inflater.setDictionary(dict);
            } catch (IllegalArgumentException e) {
                throw ZlibError.data();
            }
        }

        /** Whether the stream waits for its preset dictionary; the dictionary's id. */
        public boolean needsDictionary() { return inflater.needsDictionary(); }

        /**
         * Inflates into out[off, off+len); returns the count produced. Stops at the end of the
         * stream, when input runs out, when out is full, or when a dictionary is needed.
         */
        public int inflate(byte[] out, int off, int len) throws ZlibError {
            int produced = 0;
            while (produced < len && !ended) {
                if (format == GZIP && gzState != BODY) {
                    if (gzState == HEADER) {
                        if (!parseHeader()) break;
                        gzState = BODY;
                    } else if (gzState == TRAILER) {
                        if (pending.length - pendingPos < 8) break;
                        long want = readLE(4);
                        long size = readLE(4);
                        if (want != (crc & 0xFFFFFFFFL)) throw ZlibError.data("incorrect data check");
                        if (size != (totalOut & 0xFFFFFFFFL)) throw ZlibError.data("incorrect length check");
                        gzState = DONE;
                        ended = true;
                        break;
                    }
                    continue;
                }
                if (inflater.needsInput() && pendingPos < pending.length) {
                    inflaterInput = pending;
                    inflater.setInput(pending, pendingPos, pending.length - pendingPos);
                    inflaterInputEnd = pending.length;
                    pendingPos = pending.length;
                }
                int n;
                try {
                    n = inflater.inflate(out, off + produced, len - produced);
                } catch (DataFormatException e) {
                    throw ZlibError.data(e.getMessage());
                }
                if (n > 0) {
                    if (format == GZIP) crc = crc32(crc, out, off + produced, n);
                    totalOut += n;
                    produced += n;
                }
                if (inflater.finished()) {
                    // give back what followed the compressed data
                    byte[] rest = remainingInflaterInput();
                    byte[] merged = new byte[rest.length + pending.length - pendingPos];
                    System.arraycopy(rest, 0, merged, 0, rest.length);
                    System.arraycopy(pending, pendingPos, merged, rest.length, pending.length - pendingPos);
                    pending = merged;
                    pendingPos = 0;
                    inflater.setInput(new byte[0]);
                    if (format == GZIP) {
                        gzState = TRAILER;
                        continue;
                    }
                    ended = true;
                    break;
                }
                if (inflater.needsDictionary()) break;
                if (n == 0 && inflater.needsInput() && pendingPos >= pending.length) break;
            }
            return produced;
        }

        private long readLE(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) v |= (long) (pending[pendingPos + i] & 0xFF) << (8 * i);
            pendingPos += n;
            return v;
        }

        /** Parses a complete gzip header from pending input; false if more input is needed. */
        private boolean parseHeader() throws ZlibError {
            byte[] b = pending;
            int p = pendingPos, end = b.length;
            if (end - p < 2) return false;
            if ((b[p] & 0xFF) != 0x1F || (b[p + 1] & 0xFF) != 0x8B) throw ZlibError.data("incorrect header check");
            if (end - p < 10) return false;
            if (b[p + 2] != 8) throw ZlibError.data("unknown compression method");
            int flags = b[p + 3] & 0xFF;
            if ((flags & 0xE0) != 0) throw ZlibError.data("unknown header flags set");
            int q = p + 10;
            if ((flags & 4) != 0) {
                if (end - q < 2) return false;
                int xlen = (b[q] & 0xFF) | (b[q + 1] & 0xFF) << 8;
                q += 2;
                if (end - q < xlen) return false;
                q += xlen;
            }
            String name = null, comment = null;
            if ((flags & 8) != 0) {
                int z = indexOfZero(b, q, end);
                if (z < 0) return false;
                name = latin1(b, q, z);
                q = z + 1;
            }
            if ((flags & 16) != 0) {
                int z = indexOfZero(b, q, end);
                if (z < 0) return false;
                comment = latin1(b, q, z);
                q = z + 1;
            }
            if ((flags & 2) != 0) {
                if (end - q < 2) return false;
                int want = (b[q] & 0xFF) | (b[q + 1] & 0xFF) << 8;
                if (want != (crc32(0, b, p, q - p) & 0xFFFF)) throw ZlibError.data("header crc mismatch");
                q += 2;
            }
            header.text = flags & 1;
            header.hcrc = (flags & 2) != 0;
            header.time = (b[p + 4] & 0xFFL) | (b[p + 5] & 0xFFL) << 8 | (b[p + 6] & 0xFFL) << 16 | (b[p + 7] & 0xFFL) << 24;
            header.os = b[p + 9] & 0xFF;
            header.filename = name;
            header.comment = comment;
            header.done = true;
            pendingPos = q;
            return true;
        }

        private static int indexOfZero(byte[] b, int from, int end) {
            for (int i = from; i < end; i++) if (b[i] == 0) return i;
            return -1;
        }

        private static String latin1(byte[] b, int from, int to) {
            char[] c = new char[to - from];
            for (int i = from; i < to; i++) c[i - from] = (char) (b[i] & 0xFF);
            return new String(c);
        }

        /** What zlib keeps in strm->adler: adler32 (zlib) or crc32 (gzip) of the output. */
        public long checksum() {
            return switch (format) {
                case ZLIB -> inflater.getAdler() & 0xFFFFFFFFL;
                case GZIP -> crc & 0xFFFFFFFFL;
                default -> rawAdler;
            };
        }

        /** The dictionary id a zlib stream waits for (strm->adler at that point). */
        public long dictionaryId() { return inflater.getAdler() & 0xFFFFFFFFL; }

        public long totalOut() { return totalOut; }

        public void end() { inflater.end(); }
    }

    /**
     * One-shot decompression (zlib decompress / inflate / gunzip). Tcl lets zlib read one byte
     * past the data, whatever memory holds there, and reports input that ends before the stream
     * does as a stream error. That byte is taken to be 0xAA, which gives tclsh's result for the
     * usual truncations (a missing checksum byte is a data error, a cut deflate block a stream
     * error).
     */
    public static byte[] decompress(int format, byte[] in, GzipHeader headerOut) throws ZlibError {
        if (format == RAW && in.length == 0) {
            // the byte Tcl reads past an empty byte array is not a zero: tclsh reports a data error
            throw ZlibError.data();
        }
        Decompressor d = new Decompressor(format);
        try {
            byte[] padded = new byte[in.length + 1];
            padded[in.length] = (byte) 0xAA;
            System.arraycopy(in, 0, padded, 0, in.length);
            d.feed(padded);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(in.length * 3, 64));
            byte[] buf = new byte[Math.max(in.length * 3, 1024)];
            while (true) {
                int n = d.inflate(buf, 0, buf.length);
                out.write(buf, 0, n);
                if (d.ended()) break;
                if (d.needsDictionary()) throw new ZlibError("NEED_DICT", d.dictionaryId());
                if (n == 0) throw ZlibError.stream();
            }
            if (headerOut != null) {
                GzipHeader h = d.header();
                headerOut.filename = h.filename;
                headerOut.comment = h.comment;
                headerOut.hcrc = h.hcrc;
                headerOut.text = h.text;
                headerOut.os = h.os;
                headerOut.time = h.time;
                headerOut.done = true;
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }
}
