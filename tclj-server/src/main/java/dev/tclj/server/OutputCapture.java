package dev.tclj.server;

import dev.tclj.Interp;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelDriver;
import dev.tclj.io.ChannelTable;

import java.io.ByteArrayOutputStream;

/**
 * Captures what a command writes to stdout and stderr in the interpreter that evaluates it
 * (the framed protocol sends it back to the client that sent the command, not to the server's
 * terminal). While installed, the interpreter's "stdout" and "stderr" names stand for channels
 * that collect bytes, in the encoding of the channels they replace; {@link #remove} puts the
 * originals back. The channels are unbuffered, so that output and result reach the client in
 * the order the command produced them.
 */
final class OutputCapture {
    /** Collects the bytes of one stream. */
    private static final class Sink implements ChannelDriver {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override public String type() { return "file"; }

        @Override
        public int read(byte[] b, int off, int len) { return -1; }

        @Override
        public void write(byte[] b, int off, int len) { bytes.write(b, off, len); }

        @Override
        public void close() {}
    }

    private final Interp interp;
    private Channel outChan, errChan;
    private final Sink out = new Sink(), err = new Sink();
    private Channel savedOut, savedErr;

    OutputCapture(Interp interp) {
        this.interp = interp;
    }

    private static Channel sinkChannel(String name, Sink s) {
        Channel c = new Channel(name, s, false, true);
        c.setBuffering(Channel.Buffering.NONE);
        return c;
    }

    Interp interp() { return interp; }

    /** Puts the capturing channels in place of the interpreter's stdout and stderr. */
    void install() {
        ChannelTable t = ChannelTable.of(interp);
        // new channels when a command closed them (close stdout)
        if (outChan == null || outChan.isClosed()) outChan = sinkChannel("stdout", out);
        if (errChan == null || errChan.isClosed()) errChan = sinkChannel("stderr", err);
        savedOut = swap(t, "stdout", outChan);
        savedErr = swap(t, "stderr", errChan);
    }

    private static Channel swap(ChannelTable t, String name, Channel with) {
        Channel old = t.lookup(name);
        if (old != null) {
            with.setEncoding(old.encoding());
            with.setOutputTranslation(old.outputTranslation());
            t.detach(old);
        }
        t.register(with);
        return old;
    }

    /** Puts the interpreter's own stdout and stderr back (whatever the command did meanwhile). */
    void remove() {
        ChannelTable t = ChannelTable.of(interp);
        restore(t, "stdout", outChan, savedOut);
        restore(t, "stderr", errChan, savedErr);
        savedOut = savedErr = null;
    }

    private static void restore(ChannelTable t, String name, Channel mine, Channel old) {
        if (t.lookup(name) == mine) t.detach(mine);
        if (old != null && t.lookup(name) == null) t.register(old);
    }

    /** Takes the bytes written to stdout (err false) or stderr (true) since the last take. */
    byte[] take(boolean stderr) {
        Sink s = stderr ? err : out;
        byte[] b = s.bytes.toByteArray();
        s.bytes.reset();
        return b;
    }
}
