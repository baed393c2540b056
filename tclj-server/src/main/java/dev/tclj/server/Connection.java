package dev.tclj.server;

import dev.tclj.Interp;
import dev.tclj.Interps;
import dev.tclj.Limits;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.event.BackgroundErrors;
import dev.tclj.event.ChannelEvents;
import dev.tclj.event.Notifier;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelTable;
import dev.tclj.parse.Parser;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One served client: reads what it sends, evaluates each complete command and answers it.
 *
 * <p>Input is read as it arrives (a Java readable handler on the channel, in the event loop)
 * and appended to a buffer. At every newline, the text up to and including it is a command
 * once it is complete ({@code info complete}): it is evaluated at global level, answered, and
 * removed; text that is not complete waits for more lines (a proc body sent over several
 * lines). So a command is never evaluated before its newline has arrived (NSCLDAQ's original
 * evaluated whatever had arrived once complete, which broke commands TCP split inside their
 * last word and answered pipelined commands once).
 *
 * <p>Output never blocks the event loop: the channel is non-blocking, and its driver takes every
 * reply at once. When the driver reports that the client is not keeping up ({@code
 * outputReady} false: Netty's outbound buffer is over its high-water mark), the connection stops
 * reading and evaluating and waits for the channel to become writable; its unread input then
 * fills the socket's buffers and TCP holds the client back. Other clients are not affected.
 *
 * <p>Replies of one batch of input go out in one write: the channel is set to full buffering
 * while a reply is written, and flushed when the batch is done (the bytes are those line
 * buffering would send, in the same order).
 */
final class Connection implements ChannelEvents.Handler {
    private final ServerEngine server;
    final Channel channel;
    final String address;
    final int port;
    /** The client's own safe interpreter, or null. */
    private final Interp own;

    private final StringBuilder buf = new StringBuilder();
    /** Where to look for the next newline: the text before it holds no complete command. */
    private int scanFrom;
    private ChannelEvents.Registration reg;
    private int watching;
    private boolean closed;
    /** Evaluating a command: a nested event loop (vwait in the command) must not re-enter. */
    private boolean busy;
    private boolean flushPending;
    /** The client sent end of file. */
    private boolean eofSeen;
    /** The user-name line is still expected (userAuth). */
    private boolean needUser;

    private long lastInput = System.nanoTime();
    private Notifier.Timer idleTimer;
    private OutputCapture capture;

    Connection(ServerEngine server, Channel channel, String address, int port, Interp own) {
        this.server = server;
        this.channel = channel;
        this.address = address;
        this.port = port;
        this.own = own;
        this.needUser = server.userAuth != null;
    }

    /** Starts serving: watch input, and the idle timer. */
    void serve() {
        watch(ChannelEvents.READABLE);
        if (server.idleTimeout > 0) armIdle(server.idleTimeout);
    }

    private void watch(int mask) {
        if (watching == mask || closed) return;
        if (reg != null) ChannelEvents.unwatch(server.interp, channel, reg);
        reg = mask == 0 ? null : ChannelEvents.watch(server.interp, channel, mask, this);
        watching = mask;
    }

    private Interp evalInterp() {
        if (own != null) return own;
        Interp e = server.evalInterp;
        return e != null ? e : server.interp;
    }

    // ======================================================================================
    // Events
    // ======================================================================================

    @Override
    public void ready(int mask) {
        if (closed) return;
        if (busy) {
            // a command of this client runs a nested event loop: keep the input, serve it later
            if ((mask & ChannelEvents.READABLE) != 0) readInput();
            if (eofSeen) watch(0);
            return;
        }
        if ((mask & ChannelEvents.WRITABLE) != 0) {
            if (!channel.driver().outputReady()) return;
            watch(ChannelEvents.READABLE);
        }
        if ((mask & ChannelEvents.READABLE) != 0) readInput();
        process();
    }

    @Override
    public void dropped() {
        // the channel was closed behind the server's back (a script closed it)
        if (closed) return;
        reg = null;
        watching = 0;
        finish("channel closed by a script");
    }

    private void readInput() {
        int before = buf.length();
        try {
            channel.read(buf, Integer.MAX_VALUE);
        } catch (IOException e) {
            eofSeen = true;
            return;
        }
        int n = buf.length() - before;
        if (n > 0) {
            server.stats.bytesIn.addAndGet(n);
            lastInput = System.nanoTime();
        }
        if (channel.eof()) eofSeen = true;
    }

    /** Evaluates every complete command in the buffer, in order, while the client keeps up. */
    private void process() {
        try {
            while (!closed) {
                if (!channel.driver().outputReady()) {
                    // the client does not read its replies: stop until it does
                    flush();
                    if (!closed) watch(ChannelEvents.WRITABLE);
                    return;
                }
                int nl = indexOfNewline(scanFrom);
                if (nl < 0) {
                    scanFrom = buf.length();
                    break;
                }
                if (needUser) {
                    String user = buf.substring(0, nl).strip();
                    buf.delete(0, nl + 1);
                    scanFrom = 0;
                    needUser = false;
                    if (!server.userAuth.test(user)) {
                        server.stats.errors.incrementAndGet();
                        server.log(System.Logger.Level.WARNING, channel.name() + " (" + address + ":" + port
                                + "): user \"" + user + "\" refused");
                        close("user refused");
                        return;
                    }
                    continue;
                }
                if (server.maxCommand > 0 && nl + 1 > server.maxCommand) {
                    // a command over the limit that arrived all at once is refused too
                    breach("command exceeds the maximum size of " + server.maxCommand + " characters", "SIZE", true);
                    return;
                }
                String text = buf.substring(0, nl + 1);
                if (!Parser.isComplete(text)) {
                    scanFrom = nl + 1;
                    continue;
                }
                buf.delete(0, nl + 1);
                scanFrom = 0;
                execute(text);
            }
            if (closed) return;
            if (server.maxCommand > 0 && buf.length() > server.maxCommand) {
                breach("command exceeds the maximum size of " + server.maxCommand + " characters", "SIZE", true);
                return;
            }
            if (eofSeen) {
                // what came before end of file without a newline is served if complete, as the original would have
                String rest = buf.toString();
                buf.setLength(0);
                if (!needUser && !rest.isEmpty() && Parser.isComplete(rest) && channel.driver().outputReady()) execute(rest);
                flush();
                close("end of file");
                return;
            }
            // a connection that once received a huge command does not keep its buffer
            if (buf.length() == 0 && buf.capacity() > BIG) buf.trimToSize();
            flush();
        } catch (IOException e) {
            close("write failed: " + e.getMessage());
        }
    }

    private static final int BIG = 1 << 16;

    private int indexOfNewline(int from) {
        int n = buf.length();
        for (int i = from; i < n; i++) if (buf.charAt(i) == '\n') return i;
        return -1;
    }

    private void flush() throws IOException {
        if (!flushPending || closed) return;
        flushPending = false;
        channel.flush();
    }

    // ======================================================================================
    // Evaluating
    // ======================================================================================

    private void execute(String text) throws IOException {
        Interp target = evalInterp();
        server.stats.commands.incrementAndGet();
        boolean framed = server.protocol == Protocol.FRAMED;
        TclObj result = null;
        TclException error = null;
        boolean limited = false;
        if (framed) {
            if (capture == null || capture.interp() != target) capture = new OutputCapture(target);
            capture.install();
        }
        busy = true;
        try {
            if (target.isDeleted()) {
                throw TclException.error("attempt to call eval in deleted interpreter", "TCL", "IDELETE",
                        "attempt to call eval in deleted interpreter");
            }
            if (server.timeLimit > 0) {
                Limits.setTimeLimit(target, System.currentTimeMillis() + server.timeLimit);
                limited = true;
            }
            result = target.evalInFrame(target.globalFrame(), TclObj.of(text));
        } catch (TclException e) {
            error = e;
        } finally {
            busy = false;
            if (limited && !target.isDeleted()) Limits.setTimeLimit(target, -1);
            if (framed) capture.remove();
        }
        if (closed) return;
        if (framed) {
            sendCaptured();
            if (error == null) {
                send("ok", Frames.utf8(result.toString()));
                return;
            }
            server.stats.errors.incrementAndGet();
            send("error", Frames.errorPayload(target, error));
            if (timedOut(error)) server.log(System.Logger.Level.WARNING, channel.name() + " (" + address + ":" + port + "): "
                    + "a command ran over the time limit of " + server.timeLimit + " ms");
            onError(text, error);
            return;
        }
        if (error == null) {
            String r = result.toString();
            Channel.Buffering saved = channel.buffering();
            channel.setBuffering(Channel.Buffering.FULL);
            try {
                channel.write(r);
                channel.write("\n");
            } finally {
                channel.setBuffering(saved);
            }
            flushPending = true;
            server.stats.bytesOut.addAndGet(encodedLength(r) + lineEnd());
            return;
        }
        if (timedOut(error)) {
            breach("a command ran over the time limit of " + server.timeLimit + " ms", "TIME", true);
            return;
        }
        server.stats.errors.incrementAndGet();
        onError(text, error);
    }

    /** The -onerror hook; without one the error is not answered (the original's behaviour). */
    private void onError(String text, TclException error) {
        Handlers.OnError h = server.onError;
        if (h == null || closed) return;
        try {
            flush();
            boolean keep = h.keepOpen(server.interp, channel.name(), text, error);
            if (!keep && !closed) close("closed by -onerror");
        } catch (TclException e) {
            // as the original's failing fileevent script: reported, and the connection is no longer served
            BackgroundErrors.report(server.interp, e);
            watch(0);
        } catch (IOException e) {
            close("write failed: " + e.getMessage());
        }
    }

    private void send(String type, byte[] payload) throws IOException {
        server.stats.bytesOut.addAndGet(Frames.write(channel, type, payload));
        flushPending = true;
    }

    private void sendCaptured() throws IOException {
        byte[] out = capture.take(false), err = capture.take(true);
        if (out.length > 0) send("stdout", out);
        if (err.length > 0) send("stderr", err);
    }

    private static boolean timedOut(TclException e) {
        return e.isLimit() && TIME_LIMIT.equals(e.result().toString());
    }

    private static final String TIME_LIMIT = "time limit exceeded";

    // ======================================================================================
    // Limits, idle time, closing
    // ======================================================================================

    /**
     * A limit was broken: the framed protocol answers with an error (and closes when the input
     * can no longer be followed); the line protocol closes. Logged either way.
     */
    private void breach(String message, String kind, boolean closeAfter) throws IOException {
        server.stats.errors.incrementAndGet();
        server.log(System.Logger.Level.WARNING, channel.name() + " (" + address + ":" + port + "): " + message);
        if (server.protocol == Protocol.FRAMED) {
            send("error", Frames.errorPayload(message,
                    TclObj.ofList(TclObj.of("TCLSERVER"), TclObj.of("LIMIT"), TclObj.of(kind))));
            flush();
            if (!closeAfter) return;
        }
        close(message);
    }

    private void armIdle(long ms) {
        idleTimer = server.interp.notifier().createTimer(ms, this::idleCheck);
    }

    private void idleCheck() {
        idleTimer = null;
        if (closed) return;
        long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastInput);
        if (idle < server.idleTimeout || busy) {
            armIdle(Math.max(1, server.idleTimeout - idle));
            return;
        }
        try {
            breach("idle for " + server.idleTimeout + " ms", "IDLE", true);
        } catch (IOException e) {
            close("idle");
        }
    }

    /** Closes the connection (its output is still sent, in the background) and forgets it. */
    void close(String why) {
        if (closed) return;
        if (reg != null) ChannelEvents.unwatch(server.interp, channel, reg);
        reg = null;
        watching = 0;
        ServerEngine.closeQuietly(ChannelTable.of(server.interp), channel);
        finish(why);
    }

    private void finish(String why) {
        closed = true;
        if (idleTimer != null) idleTimer.cancel();
        idleTimer = null;
        buf.setLength(0);
        buf.trimToSize();
        server.forget(this);
        if (own != null && !own.isDeleted()) Interps.delete(own);
        server.log(System.Logger.Level.DEBUG, channel.name() + " (" + address + ":" + port + ") closed: " + why);
    }

    // ======================================================================================
    // Byte counts
    // ======================================================================================

    /** The UTF-8 length of s with the channel's end of line (CRLF: one more byte per newline). */
    private long encodedLength(String s) {
        boolean crlf = channel.outputTranslation() == Channel.CRLF;
        long n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) n += c == '\n' && crlf ? 2 : 1;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }

    private int lineEnd() { return channel.outputTranslation() == Channel.CRLF ? 2 : 1; }
}
