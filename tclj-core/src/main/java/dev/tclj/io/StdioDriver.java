package dev.tclj.io;

import dev.tclj.Interp;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * The standard channels of an interpreter. They move bytes to and from the interpreter's public
 * {@code stdout}, {@code stderr} and {@code stdin} fields as they are at the time of each call, so
 * an embedding program or a test harness redirects them by assigning those fields. Output to a
 * stream other than the JVM's own is written through at every puts, whatever the buffering mode,
 * so what a command printed is in the stream when it returns ({@link ChannelTable#flushAll}
 * flushes everything else). When {@code stdin} is null input comes from the process's standard
 * input as bytes (file descriptor 0, without System.in's buffer); a Reader put there is read as
 * characters and passed on in the system encoding (the channel's default, which decodes it back).
 */
public final class StdioDriver implements ChannelDriver {
    public static final int STDIN = 0, STDOUT = 1, STDERR = 2;

    private final Interp interp;
    private final int which;
    private boolean closed;
    private boolean blocking = true;
    private InputPump pump;
    /** Bytes of characters taken from a Reader and not yet delivered. */
    private byte[] pending;
    private int pendingPos;

    public StdioDriver(Interp interp, int which) {
        this.interp = interp;
        this.which = which;
    }

    @Override
    public String type() { return "file"; }

    private PrintStream stream() { return which == STDERR ? interp.stderr : interp.stdout; }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) throw PosixError.EBADF.exception();
        if (pump != null) return pump.read(b, off, len, blocking);
        return readSource(b, off, len);
    }

    private int readSource(byte[] b, int off, int len) throws IOException {
        if (pending != null) {
            int n = Math.min(len, pending.length - pendingPos);
            System.arraycopy(pending, pendingPos, b, off, n);
            pendingPos += n;
            if (pendingPos == pending.length) pending = null;
            return n;
        }
        java.io.BufferedReader r = interp.stdin;
        if (r == null) return processStdin().read(b, off, len);
        char[] cb = new char[Math.max(1, Math.min(len, 4096))];
        int n = r.read(cb, 0, cb.length);
        if (n < 0) return -1;
        pending = Encodings.system().encode(new String(cb, 0, n));
        pendingPos = 0;
        return readSource(b, off, len);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) throw PosixError.EBADF.exception();
        PrintStream ps = stream();
        ps.write(b, off, len);
        if (ps.checkError()) throw PosixError.EPIPE.exception();
    }

    @Override
    public void flush() throws IOException {
        if (which != STDIN && !closed) stream().flush();
    }

    @Override
    public void setBlocking(boolean b) {
        blocking = b;
        if (!b && which == STDIN && pump == null) startPump();
    }

    /** From now on a thread reads ahead (needed for non-blocking reads and input events). */
    private void startPump() {
        pump = new InputPump(new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = readSource(one, 0, 1);
                return n <= 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return readSource(b, off, len);
            }
        }, "stdin");
    }

    /**
     * The process's standard input read directly, without System.in's buffer, so that the file
     * position is what this channel has read (tell, seek, and a child inheriting it see it so).
     */
    private static java.io.FileInputStream processStdin;

    private static synchronized java.io.FileInputStream processStdin() {
        if (processStdin == null) processStdin = new java.io.FileInputStream(java.io.FileDescriptor.in);
        return processStdin;
    }

    private static java.nio.channels.FileChannel outChannel, errChannel;

    /** The file channel of the process stream behind this channel, when it is one. */
    private java.nio.channels.FileChannel fileChannel() {
        if (!isProcessStream() || closed) return null;
        synchronized (StdioDriver.class) {
            switch (which) {
                case STDIN:
                    return processStdin().getChannel();
                case STDOUT:
                    if (outChannel == null) outChannel = new java.io.FileOutputStream(java.io.FileDescriptor.out).getChannel();
                    return outChannel;
                default:
                    if (errChannel == null) errChannel = new java.io.FileOutputStream(java.io.FileDescriptor.err).getChannel();
                    return errChannel;
            }
        }
    }

    @Override
    public boolean seekable() {
        if (which == STDIN && (pump != null || pending != null)) return false;
        try {
            java.nio.channels.FileChannel fc = fileChannel();
            return fc != null && fc.position() >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public long position() {
        if (!seekable()) return -1;
        try {
            if (which != STDIN) stream().flush();
            return fileChannel().position();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public long seek(long offset, int whence) throws IOException {
        java.nio.channels.FileChannel fc = which == STDIN && (pump != null || pending != null) ? null : fileChannel();
        if (fc == null) throw PosixError.EINVAL.exception();
        // a pipe or terminal fails here with ESPIPE, as lseek does
        if (which != STDIN) stream().flush();
        long base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? fc.position() : fc.size();
        long p = base + offset;
        if (p < 0) throw PosixError.EINVAL.exception();
        fc.position(p);
        return p;
    }

    @Override
    public void truncate(long length) throws IOException {
        if (which == STDIN || !seekable()) throw PosixError.EINVAL.exception();
        stream().flush();
        java.nio.channels.FileChannel fc = fileChannel();
        if (length < fc.size()) fc.truncate(length);
        else if (length > fc.size()) fc.write(java.nio.ByteBuffer.wrap(new byte[1]), length - 1);
    }

    @Override
    public boolean inputReady() {
        if (which != STDIN) return true;
        if (pending != null) return true;
        if (pump == null) startPump();
        return pump.ready();
    }

    @Override
    public void watchInput(Runnable wake) {
        if (which != STDIN) return;
        if (pump == null) startPump();
        pump.setOnReady(wake);
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        // the process's streams stay open: other interpreters and the host still use them
        if (which != STDIN) stream().flush();
    }

    @Override
    public boolean flushEachWrite() { return which != STDIN && !isProcessStream(); }

    /** Whether this is the JVM's own stream (so a child process can inherit it directly). */
    public boolean isProcessStream() {
        switch (which) {
            case STDIN: return interp.stdin == null;
            case STDOUT: return interp.stdout == System.out;
            default: return interp.stderr == System.err;
        }
    }

    public int which() { return which; }
}
