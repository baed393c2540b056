package dev.tclj.cli;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * Remembers what the shell's standard output and error wrote after their last newline, so that the
 * next prompt can be drawn after it ("abc% " after {@code puts -nonewline abc}, as in tclsh): JLine
 * draws its prompt from the start of the line. Shared by the two streams, which end on one screen.
 */
final class LineTail {
    private static final int LIMIT = 1024;
    private final ByteArrayOutputStream tail = new ByteArrayOutputStream();
    private boolean overflowed;

    /** A stream that writes to {@code out} and records into this tail. */
    OutputStream track(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                record(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                record(b, off, len);
            }
        };
    }

    private synchronized void record(byte[] b, int off, int len) {
        int start = off;
        for (int i = off + len - 1; i >= off; i--) {
            if (b[i] == '\n' || b[i] == '\r') {
                tail.reset();
                overflowed = false;
                start = i + 1;
                break;
            }
        }
        int n = off + len - start;
        if (overflowed || tail.size() + n > LIMIT) {
            // a line this long has wrapped on any terminal: no prompt can sit after it
            overflowed = true;
            tail.reset();
            return;
        }
        tail.write(b, start, n);
    }

    /** The unfinished line's text (empty after a newline), and forgets it. */
    synchronized String take(Charset cs) {
        String s = overflowed ? "" : tail.toString(cs);
        tail.reset();
        overflowed = false;
        return s;
    }
}
