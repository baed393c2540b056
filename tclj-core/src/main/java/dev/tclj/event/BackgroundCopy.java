package dev.tclj.event;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.io.Channel;
import dev.tclj.io.DriverError;
import dev.tclj.io.Encodings;
import dev.tclj.io.PosixError;
import dev.tclj.io.TclEncoding;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code fcopy in out -command callback} (Tcl's CopyData in background mode): both channels are
 * made non-blocking, and every time the input is readable one buffer (the input's
 * -buffersize) is copied and written out at once, so the copy shares the event loop with
 * everything else. At end of data, after -size bytes or characters, or on an error, the
 * channels get their blocking modes back and {@code callback total ?errorMessage?} runs at
 * global level. Meanwhile the input side of {@code in} and the output side of {@code out} are
 * busy (reads, writes, seeks and fconfigure fail, as in Tcl); closing either channel ends the
 * copy without calling back.
 */
public final class BackgroundCopy implements ChannelEvents.Handler {
    private static final Map<Channel, BackgroundCopy> reading = new ConcurrentHashMap<>();
    private static final Map<Channel, BackgroundCopy> writing = new ConcurrentHashMap<>();

    private final Interp interp;
    private final Channel in, out;
    private final long size;
    private final boolean bytes;
    /** The encoding both sides share, switched off (to binary) for the copy; null if none. */
    private final TclEncoding same;
    private final TclObj callback;
    private final boolean inBlocking, outBlocking;
    private long total;
    /** On the input: readable. On the output: nothing, just to hear of its closing. */
    private ChannelEvents.Registration reg, regOut;
    private Notifier.Timer zeroTimer;
    private boolean finished;
    private byte[] buf;
    private StringBuilder chars;

    private BackgroundCopy(Interp interp, Channel in, Channel out, long size, boolean bytes, TclEncoding same, TclObj callback) {
        this.interp = interp;
        this.in = in;
        this.out = out;
        this.size = size;
        this.bytes = bytes;
        this.same = same;
        this.callback = callback;
        this.inBlocking = in.isBlocking();
        this.outBlocking = out.isBlocking();
    }

    /**
     * Whether a background copy reads from c (input true) or writes to it (false): then the
     * commands using that side fail with "file busy" (Tcl's EBUSY).
     */
    public static boolean busy(Channel c, boolean input) {
        return (input ? reading : writing).containsKey(c);
    }

    /**
     * Starts the copy and returns at once (fcopy's result is then empty). bytes: the data
     * passes untranslated; same: an encoding both channels have, which is not converted.
     */
    public static TclObj start(Interp interp, Channel in, Channel out, long size, boolean bytes, TclEncoding same,
                               TclObj callback) throws TclException {
        BackgroundCopy bc = new BackgroundCopy(interp, in, out, size, bytes, same, callback);
        try {
            in.setBlocking(false);
            out.setBlocking(false);
        } catch (IOException e) {
            bc.restore();
            throw PosixError.error("error setting blocking mode on \"" + in.name() + "\": ", e);
        }
        if (same != null) {
            in.setEncoding(Encodings.BINARY);
            out.setEncoding(Encodings.BINARY);
        }
        reading.put(in, bc);
        writing.put(out, bc);
        Notifier n = interp.notifier();
        // nothing to copy: the callback still comes from the event loop, whatever the input does
        if (size == 0) bc.zeroTimer = n.createTimer(0, () -> bc.finish(null));
        else bc.reg = n.channels.addHandler(interp, in, ChannelEvents.READABLE, bc);
        bc.regOut = n.channels.addHandler(interp, out, 0, bc);
        return TclObj.EMPTY;
    }

    /** The input is readable: copies one buffer. */
    @Override
    public void ready(int mask) {
        if (finished) return;
        if (in.isClosed() || out.isClosed()) {
            dropped();
            return;
        }
        int want = Math.max(in.bufferSize(), 1);
        if (size >= 0 && size - total < want) want = (int) (size - total);
        int n;
        boolean atEnd;
        try {
            if (bytes) {
                if (buf == null || buf.length < want) buf = new byte[want];
                n = in.readBytes(buf, 0, want);
                atEnd = n < 0;
            } else {
                if (chars == null) chars = new StringBuilder();
                chars.setLength(0);
                in.read(chars, want);
                n = chars.length();
                atEnd = n == 0 && in.eof();
            }
        } catch (IOException e) {
            finish(message("error reading", in, e));
            return;
        }
        if (n > 0) {
            try {
                if (bytes) out.writeBytes(buf, 0, n);
                else out.write(chars);
                // Tcl writes the output of a background copy unbuffered
                out.flush();
            } catch (IOException e) {
                finish(message("error writing", out, e));
                return;
            }
            total += n;
            if (in.eof() || (size >= 0 && total >= size)) finish(null);
        } else if (atEnd) {
            finish(null);
        }
        // else: nothing there yet (non-blocking); the next readable event continues
    }

    /** A channel was closed: the copy ends without a callback, as Tcl's StopCopy. */
    @Override
    public void dropped() {
        if (finished) return;
        finished = true;
        stop();
    }

    private void finish(String error) {
        if (finished) return;
        finished = true;
        stop();
        TclList prefix;
        try {
            prefix = callback.asList();
        } catch (TclException e) {
            BackgroundErrors.report(interp, e);
            return;
        }
        TclList words = prefix.append(TclObj.of(total));
        if (error != null) words = words.append(TclObj.of(error));
        EventScripts.run(interp, TclObj.ofList(words), null);
    }

    private void stop() {
        if (reg != null) interp.notifier().channels.remove(in, reg);
        if (regOut != null) interp.notifier().channels.remove(out, regOut);
        if (zeroTimer != null) zeroTimer.cancel();
        reading.remove(in, this);
        writing.remove(out, this);
        restore();
    }

    /** Gives the channels that are still open their encodings and blocking modes back. */
    private void restore() {
        if (same != null) {
            if (!in.isClosed()) in.setEncoding(same);
            if (!out.isClosed()) out.setEncoding(same);
        }
        try {
            if (!in.isClosed()) in.setBlocking(inBlocking);
        } catch (IOException e) {
            // the copy's outcome stands; the channel reports this at its next use
        }
        try {
            if (!out.isClosed()) out.setBlocking(outBlocking);
        } catch (IOException e) {
            // as above
        }
    }

    /**
     * The callback's error message: Tcl_PosixError's text (a reflected channel's handler error
     * counts as EINVAL there, its own message is not passed on).
     */
    private static String message(String what, Channel c, IOException e) {
        String prefix = what + " \"" + c.name() + "\": ";
        if (e instanceof DriverError) return PosixError.EINVAL.error(prefix).getMessage();
        return PosixError.error(prefix, e).getMessage();
    }
}
