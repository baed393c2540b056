package dev.tclj.io;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transformation written in Tcl ({@code chan push}, TIP 230): bytes read from below go
 * through the handler's read method (and its drain method at end of data), bytes written go
 * through its write method; its flush method's output is written when the transformation is
 * popped or the channel closed.
 */
final class ScriptedTransform extends TransformDriver {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final ScriptedHandler h;
    private final boolean writable;
    /** Transformed input not yet taken by the channel. */
    private final Bytes in = new Bytes(256);
    private int inPos;
    private boolean belowEof, drained;

    private ScriptedTransform(Channel c, ScriptedHandler h) {
        super(c);
        this.h = h;
        this.writable = c.isWritable();
    }

    /** chan push: initializes the handler and stacks the transformation on the channel. */
    static void pushHandler(Interp interp, Channel c, TclObj prefix) throws TclException {
        ScriptedHandler h = new ScriptedHandler(interp, prefix, "rt" + COUNTER.getAndIncrement());
        List<TclObj> mode = new ArrayList<>();
        if (c.isReadable()) mode.add(TclObj.of("read"));
        if (c.isWritable()) mode.add(TclObj.of("write"));
        h.initialize(TclObj.ofList(TclList.of(mode)));
        if (!h.supports("initialize") || !h.supports("finalize")) {
            throw TclException.error("chan handler \"" + h.name() + "\" does not support all required methods");
        }
        boolean r = c.isReadable() && h.supports("read"), w = c.isWritable() && h.supports("write");
        if (!r && !w) throw TclException.error("chan handler \"" + h.name() + "\" makes the channel inaccessible");
        try {
            new ScriptedTransform(c, h).stack(c);
        } catch (IOException e) {
            throw PosixError.error("", e);
        }
    }

    private static TclObj bytes(byte[] b, int off, int len) {
        char[] c = new char[len];
        for (int i = 0; i < len; i++) c[i] = (char) (b[off + i] & 0xFF);
        return TclObj.of(new String(c));
    }

    private static void append(Bytes out, TclObj data) {
        String s = data.toString();
        out.ensure(s.length());
        for (int i = 0; i < s.length(); i++) out.append(s.charAt(i));
    }

    @Override
    public String type() { return "transformation"; }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (!h.supports("read")) return readBelow(b, off, len);
        byte[] tmp = null;
        while (inPos == in.length()) {
            in.clear();
            inPos = 0;
            if (belowEof) {
                if (drained || !h.supports("drain")) return -1;
                drained = true;
                append(in, h.call("drain"));
                continue;
            }
            if (tmp == null) tmp = new byte[Math.max(len, 4096)];
            int n = readBelow(tmp, 0, tmp.length);
            if (n < 0) {
                belowEof = true;
                continue;
            }
            if (n == 0) return 0;
            append(in, h.call("read", bytes(tmp, 0, n)));
        }
        int n = Math.min(len, in.length() - inPos);
        System.arraycopy(in.array(), inPos, b, off, n);
        inPos += n;
        return n;
    }

    /** Ready when transformed input is waiting or the end of data below was seen. */
    @Override
    public boolean inputReady() {
        return inPos < in.length() || belowEof || belowReady();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (!h.supports("write")) {
            below.write(b, off, len);
            return;
        }
        // Tcl clears the transformation's read state before every write
        if (h.supports("clear")) h.call("clear");
        Bytes out = new Bytes(len + 16);
        append(out, h.call("write", bytes(b, off, len)));
        below.write(out.array(), 0, out.length());
    }

    /** The handler's flush method: what it still holds goes down on a writable channel. */
    private void flushHandler() throws IOException {
        if (!h.supports("flush")) return;
        TclObj r = h.call("flush");
        if (!writable) return;
        Bytes out = new Bytes(64);
        append(out, r);
        if (out.length() > 0) below.write(out.array(), 0, out.length());
        below.flush();
    }

    /** Pending input is drained, pending output goes down, finalize. */
    @Override
    protected byte[] finish() throws IOException {
        if (!drained && h.supports("drain")) {
            drained = true;
            h.call("drain");
        }
        flushHandler();
        h.call("finalize");
        return NOTHING;
    }

    @Override
    public boolean seekable() { return below.seekable(); }

    @Override
    public long seek(long offset, int whence) throws IOException {
        if (h.supports("clear")) h.call("clear");
        flushHandler();
        in.clear();
        inPos = 0;
        belowEof = drained = false;
        dropUnread();
        return below.seek(offset, whence);
    }

    @Override
    public long position() throws IOException { return below.position(); }
}
