package dev.tclj.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;

/**
 * Writes to a stream on a thread of its own, so that a non-blocking channel over a stream that
 * can block (a process's pipe) never stalls the interpreter: Tcl's non-blocking writes take all
 * the data and pass it on as the reader takes it. Bytes go out in order; a failed write is kept
 * and reported by the next write or flush. What is still queued counts against
 * {@link #ready()}, the writable test of the event loop.
 */
final class OutputPump {
    /** Queued bytes above which the channel is not writable (a pipe's own capacity). */
    static final int LOW_WATER = 64 * 1024;

    private final OutputStream out;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long pending;
    private IOException failure;
    private boolean closing, done;
    private Runnable onReady;
    private final Thread thread;

    OutputPump(OutputStream out, String name) {
        this.out = out;
        thread = Thread.ofPlatform().daemon().name("tclj-pump-out-" + name).unstarted(this::run);
        thread.start();
    }

    /** Queues a copy of the bytes. Fails with the error of an earlier write. */
    synchronized void write(byte[] b, int off, int len) throws IOException {
        if (failure != null) throw failure;
        if (len == 0) return;
        byte[] copy = new byte[len];
        System.arraycopy(b, off, copy, 0, len);
        queue.addLast(copy);
        pending += len;
        notifyAll();
    }

    /** Waits until everything queued has been written (a blocking flush). */
    synchronized void drain() throws IOException {
        while (pending > 0 && failure == null && !done) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("flush interrupted");
            }
        }
        if (failure != null) throw failure;
    }

    /** Whether a write would be taken without piling up (or would fail at once). */
    synchronized boolean ready() { return pending < LOW_WATER || failure != null || done; }

    synchronized void setOnReady(Runnable wake) { onReady = wake; }

    /** The error a write met, or null. */
    synchronized IOException failure() { return failure; }

    /**
     * Closes the stream once everything queued is written; with wait, returns after that and
     * reports a failure, else returns at once (Tcl's background flush of a closed channel).
     */
    void close(boolean wait) throws IOException {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        if (!wait) return;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (failure != null) throw failure;
        }
    }

    private void run() {
        while (true) {
            byte[] next;
            synchronized (this) {
                while (queue.isEmpty() && !closing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                next = queue.pollFirst();
            }
            if (next == null) break; // closing, and everything is written
            IOException err = null;
            try {
                out.write(next);
                out.flush();
            } catch (IOException e) {
                err = e;
            }
            Runnable wake;
            synchronized (this) {
                pending -= next.length;
                if (err != null) {
                    failure = err;
                    pending = 0;
                    queue.clear();
                }
                wake = onReady;
                notifyAll();
            }
            if (wake != null) wake.run();
            if (err != null) break;
        }
        try {
            out.close();
        } catch (IOException e) {
            synchronized (this) {
                if (failure == null) failure = e;
            }
        }
        Runnable wake;
        synchronized (this) {
            done = true;
            wake = onReady;
            notifyAll();
        }
        if (wake != null) wake.run();
    }
}
