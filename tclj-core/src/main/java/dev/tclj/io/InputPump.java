package dev.tclj.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a blocking stream on a thread of its own so that its channel can be non-blocking: the
 * channel takes whatever has arrived, or learns that nothing has. Java streams from processes and
 * standard input cannot be polled reliably (available() does not reveal end of data), hence the
 * thread. At most {@link #LIMIT} bytes wait here; the thread stops reading above that until the
 * script drains them. {@code onReady} runs on the pump thread whenever data or end of data
 * arrives (the event loop hooks fileevent wakeups there).
 */
public final class InputPump {
    static final int LIMIT = 64 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[LIMIT];
    private int head, count;
    private boolean eof;
    private IOException error;
    private volatile Runnable onReady;
    private final Thread thread;

    public InputPump(InputStream in, String name) {
        this.in = in;
        thread = new Thread(this::run, "tclj-pump-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    public void setOnReady(Runnable r) { onReady = r; }

    private void run() {
        byte[] chunk = new byte[8192];
        try {
            while (true) {
                int space;
                synchronized (this) {
                    while (count == LIMIT) wait();
                    space = LIMIT - count;
                }
                int n = in.read(chunk, 0, Math.min(chunk.length, space));
                synchronized (this) {
                    if (n < 0) {
                        eof = true;
                        notifyAll();
                        break;
                    }
                    for (int i = 0; i < n; i++) buf[(head + count + i) % LIMIT] = chunk[i];
                    count += n;
                    notifyAll();
                }
                Runnable r = onReady;
                if (r != null) r.run();
            }
        } catch (IOException e) {
            synchronized (this) {
                error = e;
                eof = true;
                notifyAll();
            }
        } catch (InterruptedException e) {
            synchronized (this) {
                eof = true;
                notifyAll();
            }
        }
        Runnable r = onReady;
        if (r != null) r.run();
    }

    /** Whether read would return data or end of data without waiting. */
    public synchronized boolean ready() { return count > 0 || eof; }

    /**
     * Takes up to len bytes. When block is false returns 0 if nothing has arrived; returns -1 at
     * end of data once everything before it has been taken.
     */
    public synchronized int read(byte[] b, int off, int len, boolean block) throws IOException {
        while (count == 0 && !eof && block) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
        }
        if (count == 0) {
            if (!eof) return 0;
            if (error != null) {
                IOException e = error;
                error = null;
                throw e;
            }
            return -1;
        }
        int n = Math.min(len, count);
        for (int i = 0; i < n; i++) b[off + i] = buf[(head + i) % LIMIT];
        head = (head + n) % LIMIT;
        count -= n;
        notifyAll();
        return n;
    }

    /** Stops the thread (its stream should be closed too, which ends a blocked read). */
    public void stop() { thread.interrupt(); }
}
