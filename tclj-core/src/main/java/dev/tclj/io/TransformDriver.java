package dev.tclj.io;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;

import java.io.IOException;
import java.util.List;

/**
 * A transformation stacked on a channel's driver (Tcl_StackChannel): {@code chan push}'s
 * {@link ScriptedTransform} or {@code zlib push}'s codec. What a subclass does not transform
 * passes through to the driver below: options, blocking mode, readiness for events, processes.
 * Subclasses read from below with {@link #readBelow}, which first returns what the channel had
 * read ahead when the transformation was stacked. A transformation ends with {@link #finish}
 * when it is popped or the channel closed.
 */
public abstract class TransformDriver implements ChannelDriver {
    /** No input to give back (for {@link #finish}). */
    protected static final byte[] NOTHING = new byte[0];

    /** The driver this transformation is stacked on (the device, or another transformation). */
    protected final ChannelDriver below;
    /**
     * Input the channel had read ahead, untransformed, when this transformation was stacked: it
     * is read before anything from below (as Tcl moves it under the new transformation).
     */
    private byte[] unread = NOTHING;
    private int unreadPos;

    /** A transformation for c, over its current driver; {@link #stack} puts it in place. */
    protected TransformDriver(Channel c) {
        this.below = c.driver();
    }

    /** Stacks this transformation on c: output buffered so far goes down untransformed. */
    protected final void stack(Channel c) throws IOException {
        if (c.driver() != below) throw new IllegalStateException("the channel's driver changed");
        c.pushDriver(this);
    }

    ChannelDriver below() { return below; }

    /** Gives the transformation the channel's read-ahead, as it is being stacked. */
    void unread(byte[] b) {
        unread = b;
        unreadPos = 0;
    }

    /** Reads from below: first the channel's read-ahead from before this was stacked. */
    protected final int readBelow(byte[] b, int off, int len) throws IOException {
        if (unreadPos < unread.length) {
            int n = Math.min(len, unread.length - unreadPos);
            System.arraycopy(unread, unreadPos, b, off, n);
            unreadPos += n;
            return n;
        }
        return below.read(b, off, len);
    }

    /** Forgets the channel's read-ahead (a seek makes it stale). */
    protected final void dropUnread() {
        unread = NOTHING;
        unreadPos = 0;
    }

    /** Whether {@link #readBelow} would not wait. */
    protected final boolean belowReady() { return unreadPos < unread.length || below.inputReady(); }

    /** chan pop: ends the transformation; returns the input below it that it did not use. */
    byte[] pop() throws IOException {
        byte[] back = finish();
        int rest = unread.length - unreadPos;
        if (rest == 0) return back;
        byte[] all = java.util.Arrays.copyOf(back, back.length + rest);
        System.arraycopy(unread, unreadPos, all, back.length, rest);
        return all;
    }

    /** chan push: stacks a transformation written in Tcl, whose handler is the command prefix. */
    public static void push(Interp interp, Channel c, TclObj prefix) throws TclException {
        ScriptedTransform.pushHandler(interp, c, prefix);
    }

    /**
     * Ends the transformation (chan pop, close): what it still holds for output goes down.
     * Returns the bytes it read from below and did not use, which become the channel's input
     * again (a decompressor that read past the end of its stream).
     */
    protected abstract byte[] finish() throws IOException;

    @Override
    public void flush() throws IOException { below.flush(); }

    @Override
    public void close() throws IOException, TclException { close(false); }

    /** At exit the transformation still ends its output; the driver below does not wait. */
    @Override
    public void closeAtExit() throws IOException, TclException { close(true); }

    private void close(boolean atExit) throws IOException, TclException {
        IOException first = null;
        try {
            finish();
        } catch (IOException e) {
            first = e;
        }
        if (atExit) below.closeAtExit();
        else below.close();
        if (first != null) throw first;
    }

    /** Tcl refuses to half-close a channel with transformations stacked on it. */
    private static DriverError noHalfClose() {
        return new DriverError(TclException.error("half-close not applicable to stack of transformations"));
    }

    @Override
    public boolean closeRead() throws IOException { throw noHalfClose(); }

    @Override
    public boolean closeWrite() throws IOException { throw noHalfClose(); }

    @Override
    public void truncate(long length) throws IOException { below.truncate(length); }

    @Override
    public void setBlocking(boolean b) throws IOException { below.setBlocking(b); }

    @Override
    public List<TclObj> options() throws TclException { return below.options(); }

    @Override
    public TclObj getOption(String name) throws TclException { return below.getOption(name); }

    @Override
    public boolean setOption(String name, TclObj value) throws TclException { return below.setOption(name, value); }

    @Override
    public List<String> optionNames() { return below.optionNames(); }

    @Override
    public boolean inputReady() { return belowReady(); }

    @Override
    public void watchInput(Runnable wake) { below.watchInput(wake); }

    @Override
    public boolean outputReady() { return below.outputReady(); }

    @Override
    public void watchOutput(Runnable wake) { below.watchOutput(wake); }

    @Override
    public List<Long> pids() { return below.pids(); }
}
