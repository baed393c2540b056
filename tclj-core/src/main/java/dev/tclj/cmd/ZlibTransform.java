package dev.tclj.cmd;

import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.cmd.ZlibCodec.GzipHeader;
import dev.tclj.cmd.ZlibCodec.ZlibError;
import dev.tclj.io.Channel;
import dev.tclj.io.DriverError;
import dev.tclj.io.PosixError;
import dev.tclj.io.TransformDriver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The transformation {@code zlib push} stacks on a channel (Tcl's "zlib" channel type). A
 * compressing one deflates what is written and lets reads through; popping it or closing the
 * channel ends the compressed stream. A decompressing one inflates what is read, up to the end
 * of the compressed stream, and lets writes through; popping it gives what it read past that
 * end back to the channel. Options: -checksum, -dictionary (not gzip), -header (gunzip), -flush
 * (compressing), as Tcl 8.6 has them; the others go to the channel below.
 *
 * <p>The channel has no position: tell gives -1 and seek fails, as in Tcl.
 */
final class ZlibTransform extends TransformDriver {
    /** The option names of Tcl's error messages, for reading and for setting options. */
    private static final List<String> GET_NAMES = List.of("-checksum", "-dictionary"),
            GET_NAMES_GZIP = List.of("-checksum"),
            GET_NAMES_INFLATE = List.of("-checksum", "-dictionary", "-limit"),
            GET_NAMES_GUNZIP = List.of("-checksum", "-header", "-limit"),
            SET_NAMES = List.of("-dictionary", "-flush"),
            SET_NAMES_GZIP = List.of("-flush"),
            SET_NAMES_INFLATE = List.of("-dictionary", "-limit"),
            // (Tcl's list for gunzip channels names -flush, which they do not have)
            SET_NAMES_GUNZIP = List.of("-flush", "-limit");
    private static final int MAX_LIMIT = 65536;

    private final int format;
    /** Exactly one of the two is set. */
    private final ZlibCodec.Compressor comp;
    private final ZlibCodec.Decompressor decomp;
    /** The -dictionary value as given (its string is what fconfigure reports), or null. */
    private TclObj dictionary;
    private byte[] dictionaryBytes;
    /** Decompressing: compressed input read from below at a time (the -limit of zlib push). */
    private final byte[] chunk;
    private boolean blocking;
    /** Decompressing: the end of the compressed stream was reached; reads find end of data. */
    private boolean done;
    /** Decompressing: the last inflate filled the buffer, so more may come without input. */
    private boolean outputPending;
    /** Decompressing: the fault every later read reports, as zlib's stream stays broken. */
    private ZlibError failed;

    private ZlibTransform(Channel c, int format, ZlibCodec.Compressor comp, ZlibCodec.Decompressor decomp, int limit) {
        super(c);
        this.format = format;
        this.comp = comp;
        this.decomp = decomp;
        this.chunk = decomp == null ? null : new byte[limit];
        this.blocking = c.isBlocking();
    }

    /**
     * Stacks a compressing transformation on c (level -1: zlib's default; header: gzip's, or
     * null for the default one).
     */
    static void pushCompressor(Channel c, int format, int level, GzipHeader header, TclObj dictionary)
            throws TclException {
        ZlibTransform t = new ZlibTransform(c, format, new ZlibCodec.Compressor(format, level, header), null, 0);
        t.stackWith(c, dictionary);
    }

    /** Stacks a decompressing transformation on c that reads at most limit bytes at a time. */
    static void pushDecompressor(Channel c, int format, int limit, TclObj dictionary) throws TclException {
        ZlibTransform t = new ZlibTransform(c, format, null, new ZlibCodec.Decompressor(format), limit);
        t.stackWith(c, dictionary);
    }

    private void stackWith(Channel c, TclObj dict) throws TclException {
        if (dict != null) setDictionary(dict);
        try {
            stack(c);
        } catch (IOException e) {
            throw PosixError.error("", e);
        }
    }

    /**
     * Keeps a dictionary and gives it to zlib where it can take it now: a compressor before its
     * data (or a raw one between blocks), a raw decompressor at any time. A zlib-format
     * decompressor uses it when the stream asks for it.
     */
    private void setDictionary(TclObj dict) throws TclException {
        dictionary = dict;
        dictionaryBytes = BinaryCmd.byteArray(dict.toString());
        try {
            if (comp != null) comp.setDictionary(dictionaryBytes);
            else if (format == ZlibCodec.RAW) decomp.setDictionary(dictionaryBytes);
        } catch (ZlibError e) {
            throw e.toTcl();
        }
    }

    @Override
    public String type() { return "zlib"; }

    // ======================================================================================
    // Reading: decompression
    // ======================================================================================

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (decomp == null) return readBelow(b, off, len);
        if (failed != null) throw readError(failed);
        if (done) return -1;
        int got = 0;
        while (true) {
            try {
                got += inflate(b, off + got, len - got);
            } catch (ZlibError e) {
                failed = e;
                // what came before the fault is delivered; the next read reports it
                if (got > 0) return got;
                throw readError(e);
            }
            if (done) return got > 0 ? got : -1;
            if (got == len) return got;
            // the input is used up; a blocking channel does not wait for more once it has data
            if (got > 0 && blocking) return got;
            int n = readBelow(chunk, 0, chunk.length);
            // Nothing now (non-blocking), or the end of data before the end of the stream: Tcl
            // reports neither end of file nor an error then, a read just finds nothing.
            if (n <= 0) return got;
            decomp.feed(chunk, 0, n);
        }
    }

    /** Inflates what the decompressor holds, supplying the dictionary when the stream asks. */
    private int inflate(byte[] b, int off, int len) throws ZlibError {
        int n = decomp.inflate(b, off, len);
        if (decomp.needsDictionary()) {
            // zlib reports a missing or refused dictionary without a message
            if (dictionaryBytes == null) throw new ZlibError("NEED_DICT", decomp.dictionaryId());
            decomp.setDictionary(dictionaryBytes);
            n += decomp.inflate(b, off + n, len - n);
            if (decomp.needsDictionary()) throw new ZlibError("NEED_DICT", decomp.dictionaryId());
        }
        outputPending = n == len;
        if (decomp.ended()) done = true;
        return n;
    }

    /** A read's error: zlib's message, no error code (as Tcl 8.6 passes it on). */
    private static DriverError readError(ZlibError e) {
        return new DriverError(TclException.error(e.zlibMessage()));
    }

    /**
     * Ready when a read would not wait: decompressed data may be waiting, or the stream has
     * ended or failed; otherwise when the channel below has input.
     */
    @Override
    public boolean inputReady() {
        if (decomp == null) return belowReady();
        return done || failed != null || outputPending || belowReady();
    }

    // ======================================================================================
    // Writing: compression
    // ======================================================================================

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (comp == null) {
            below.write(b, off, len);
            return;
        }
        if (len == 0) return;
        byte[] out;
        try {
            out = comp.deflate(b, off, len, ZlibCodec.NO_FLUSH);
        } catch (ZlibError e) {
            throw new DriverError(e.toTcl());
        }
        if (out.length > 0) below.write(out, 0, out.length);
    }

    /** fconfigure -flush: a flush point now, for what the transformation has been given. */
    private void flushPoint(int mode) throws TclException {
        try {
            byte[] out = comp.deflate(NOTHING, mode);
            if (out.length > 0) below.write(out, 0, out.length);
            below.flush();
        } catch (ZlibError e) {
            throw e.toTcl();
        } catch (DriverError e) {
            throw e.error;
        } catch (IOException e) {
            throw PosixError.error("problem flushing channel: ", e);
        }
    }

    /** A compressor writes the end of its stream; a decompressor gives back its unused input. */
    @Override
    protected byte[] finish() throws IOException {
        if (comp != null) {
            try {
                byte[] out = comp.deflate(NOTHING, ZlibCodec.FINISH);
                if (out.length > 0) below.write(out, 0, out.length);
                below.flush();
            } catch (ZlibError e) {
                throw new DriverError(e.toTcl());
            } finally {
                comp.end();
            }
            return NOTHING;
        }
        byte[] rest = decomp.remaining();
        decomp.end();
        return rest;
    }

    // ======================================================================================
    // Position, blocking mode
    // ======================================================================================

    @Override
    public long position() { return -1; }

    @Override
    public void setBlocking(boolean b) throws IOException {
        below.setBlocking(b);
        blocking = b;
    }

    // ======================================================================================
    // Options
    // ======================================================================================

    /** strm->adler: the checksum of the data so far (of the dictionary before any data). */
    private TclObj checksum() {
        long sum;
        if (comp != null) sum = comp.checksum();
        else sum = format == ZlibCodec.RAW ? 0 : decomp.checksum();
        return TclObj.of(sum);
    }

    /** gunzip's -header: the header read so far (zeroed fields before it has been read). */
    private TclObj header() {
        GzipHeader h = decomp.header();
        return TclObj.ofDict(h.done ? ZlibCmd.pushedHeaderDict(h) : ZlibCmd.unreadHeaderDict());
    }

    private boolean hasDictionary() { return format != ZlibCodec.GZIP; }

    private boolean hasHeader() { return decomp != null && format == ZlibCodec.GZIP; }

    private TclObj dictionaryValue() { return dictionary == null ? TclObj.EMPTY : TclObj.of(dictionary.toString()); }

    @Override
    public List<TclObj> options() throws TclException {
        List<TclObj> l = new ArrayList<>();
        l.add(TclObj.of("-checksum"));
        l.add(checksum());
        if (hasDictionary()) {
            l.add(TclObj.of("-dictionary"));
            l.add(dictionaryValue());
        }
        if (hasHeader()) {
            l.add(TclObj.of("-header"));
            l.add(header());
        }
        l.addAll(below.options());
        return l;
    }

    /** Tcl matches these option names exactly, not by prefix. */
    @Override
    public TclObj getOption(String name) throws TclException {
        switch (name) {
            case "-checksum" -> { return checksum(); }
            case "-dictionary" -> {
                if (hasDictionary()) return dictionaryValue();
            }
            case "-header" -> {
                if (hasHeader()) return header();
            }
            default -> { }
        }
        TclObj v = below.getOption(name);
        if (v != null) return v;
        throw ChannelCmds.badOption(name, comp != null ? (hasDictionary() ? GET_NAMES : GET_NAMES_GZIP)
                : hasDictionary() ? GET_NAMES_INFLATE : GET_NAMES_GUNZIP);
    }

    @Override
    public boolean setOption(String name, TclObj value) throws TclException {
        if (name.equals("-dictionary") && hasDictionary()) {
            // kept even when zlib refuses it now (a compressor that has had data)
            setDictionary(TclObj.of(value.toString()));
            return true;
        }
        if (comp != null && name.equals("-flush")) {
            String v = value.toString();
            int mode = v.equals("full") ? ZlibCodec.FULL_FLUSH : v.equals("sync") ? ZlibCodec.SYNC_FLUSH : -1;
            if (mode < 0) {
                throw TclException.error("unknown -flush type \"" + v + "\": must be full or sync", "TCL", "VALUE", "FLUSH");
            }
            flushPoint(mode);
            return true;
        }
        if (decomp != null && name.equals("-limit")) {
            // Tcl 8.6 checks the value, then treats -limit as an option it does not have: the
            // read-ahead limit is only set by zlib push
            int limit = FormatCmd.intArg(value);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw TclException.error("-limit must be between 1 and " + MAX_LIMIT, "TCL", "VALUE", "READLIMIT");
            }
        }
        if (below.setOption(name, value)) return true;
        throw ChannelCmds.badOption(name, comp != null ? (hasDictionary() ? SET_NAMES : SET_NAMES_GZIP)
                : hasDictionary() ? SET_NAMES_INFLATE : SET_NAMES_GUNZIP);
    }
}
