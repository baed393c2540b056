package dev.tclj.io;

import dev.tclj.TclException;

import java.io.IOException;
import java.util.List;

/**
 * The driver of a command pipeline channel ({@code open "|cmd ..."}): writes go to the first
 * process's input, reads come from the last one's output. Closing it waits for the processes and
 * reports their failure or captured error output, unless the channel is non-blocking, in which
 * case they are left to finish on their own (as Tcl does).
 */
final class PipeDriver extends StreamDriver {
    private final Pipeline pipeline;
    private boolean blocking = true;
    /** Descriptor numbers held besides the channel's own name (see Pipeline.openChannel). */
    private final int[] heldNumbers;

    PipeDriver(Pipeline p, int[] heldNumbers) {
        super("pipe", p.output(), p.input());
        this.pipeline = p;
        this.heldNumbers = heldNumbers;
    }

    @Override
    public void setBlocking(boolean b) {
        super.setBlocking(b);
        blocking = b;
    }

    @Override
    public List<Long> pids() { return pipeline.pids(); }

    /** At exit tclsh leaves the children running and does not wait for them. */
    @Override
    public void closeAtExit() throws IOException, TclException {
        blocking = false;
        close();
    }

    @Override
    public void close() throws IOException, TclException {
        IOException ioe = null;
        try {
            super.close();
        } catch (IOException e) {
            ioe = e;
        }
        for (int n : heldNumbers) ChannelTable.releaseNumber(n);
        if (!blocking) {
            pipeline.detach();
            if (ioe != null) throw ioe;
            return;
        }
        Pipeline.Outcome o = pipeline.finish();
        if (o.error) {
            String m = o.message;
            if (m.endsWith("\n")) m = m.substring(0, m.length() - 1);
            TclException e = TclException.error(m);
            if (o.errorCode != null) e.errorCode = o.errorCode;
            throw e;
        }
        if (ioe != null) throw ioe;
    }
}
