package dev.tclj.io;

import dev.tclj.TclException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A driver over a pair of Java streams (either may be absent): the pipes of a process and the
 * two ends of {@code chan pipe}. Reads go straight to the stream while the channel is blocking;
 * once it has been made non-blocking an {@link InputPump} reads ahead instead, and an
 * {@link OutputPump} writes, so that a full pipe never stalls the interpreter.
 */
public class StreamDriver implements ChannelDriver {
    protected InputStream in;
    protected OutputStream out;
    private final String type;
    private InputPump pump;
    /** Writes once the channel has been non-blocking (and from then on, to keep the order). */
    private OutputPump outPump;
    private Runnable outputWake;
    private boolean blocking = true;

    public StreamDriver(String type, InputStream in, OutputStream out) {
        this.type = type;
        this.in = in;
        this.out = out;
    }

    @Override
    public String type() { return type; }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (in == null) throw PosixError.EBADF.exception();
        if (pump != null) return pump.read(b, off, len, blocking);
        return in.read(b, off, len);
    }

    /**
     * Set once writing failed (the reader went away): what the stream still holds is lost, as
     * Tcl drops the output of a failed write, and closing no longer reports it.
     */
    private boolean outBroken;

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (out == null) throw PosixError.EBADF.exception();
        if (outBroken) throw PosixError.EPIPE.exception();
        try {
            if (outPump != null) {
                outPump.write(b, off, len);
                if (blocking) outPump.drain();
            } else {
                out.write(b, off, len);
            }
        } catch (IOException e) {
            throw broken(e);
        }
    }

    @Override
    public void flush() throws IOException {
        if (out == null || outBroken) return;
        try {
            if (outPump != null) {
                if (blocking) outPump.drain();
            } else {
                out.flush();
            }
        } catch (IOException e) {
            throw broken(e);
        }
    }

    @Override
    public boolean outputReady() {
        OutputPump p = outPump;
        return p == null || p.ready();
    }

    @Override
    public void watchOutput(Runnable wake) {
        outputWake = wake;
        if (outPump != null) outPump.setOnReady(wake);
    }

    /** A failed write: a process's stream that is closed because the process is gone is EPIPE. */
    private IOException broken(IOException e) {
        outBroken = true;
        String m = e.getMessage();
        if (m != null && m.equals("Stream closed")) return PosixError.EPIPE.exception();
        return e;
    }

    @Override
    public void setBlocking(boolean b) {
        blocking = b;
        if (!b && pump == null && in != null) pump = new InputPump(in, type);
        if (!b && outPump == null && out != null && !outBroken) {
            try {
                out.flush();
            } catch (IOException e) {
                // reported by the next write, as a failed write would be
            }
            outPump = new OutputPump(out, type);
            outPump.setOnReady(outputWake);
        }
    }

    /** The read-ahead pump, started on demand (the event loop needs it to watch for input). */
    public InputPump pump() {
        if (pump == null && in != null) pump = new InputPump(in, type);
        return pump;
    }

    @Override
    public boolean inputReady() {
        InputPump p = pump();
        return p == null || p.ready();
    }

    @Override
    public void watchInput(Runnable wake) {
        InputPump p = pump();
        if (p != null) p.setOnReady(wake);
    }

    @Override
    public boolean closeRead() throws IOException {
        if (in == null) return false;
        InputStream i = in;
        in = null;
        if (pump != null) pump.stop();
        i.close();
        return true;
    }

    @Override
    public boolean closeWrite() throws IOException, TclException {
        if (out == null) return false;
        OutputStream o = out;
        out = null;
        try {
            // a non-blocking channel's queued output goes on in the background, as in Tcl
            if (outPump != null) outPump.close(blocking);
            else o.close();
        } catch (IOException e) {
            if (!outBroken) throw e;
        }
        return true;
    }

    @Override
    public void close() throws IOException, TclException {
        IOException first = null;
        try {
            closeWrite();
        } catch (IOException e) {
            first = e;
        }
        try {
            closeRead();
        } catch (IOException e) {
            if (first == null) first = e;
        }
        if (first != null) throw first;
    }
}
