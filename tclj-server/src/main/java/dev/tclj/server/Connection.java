package dev.tclj.server;

import dev.tclj.Interp;
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
    private final Evaluator evaluator;

    private final StringBuilder buf = new StringBuilder();
    /** Where to look for the next newline: the text before it holds no complete command. */
    private int scanFrom;
    private final ChannelWatch events;
    private boolean closed;
    private boolean flushPending;
    /** The client sent end of file. */
    private boolean eofSeen;
    /** The user-name line is still expected (userAuth). */
    private boolean needUser;
    /** The first line is still to be checked: an HTTP request line closes the connection (httpGuard). */
    private boolean firstLine;

    private long lastInput = System.nanoTime();
    private Notifier.Timer idleTimer;

    Connection(ServerEngine server, Channel channel, String address, int port, Interp own) {
        this.server = server;
        this.channel = channel;
        this.events = new ChannelWatch(server.interp, channel, this);
        this.address = address;
        this.port = port;
        this.evaluator = new Evaluator(server, own);
        this.needUser = server.userAuth != null;
        this.firstLine = server.httpGuard;
    }

    /** Starts serving: watch input, and the idle timer. */
    void serve() {
        watch(ChannelEvents.READABLE);
        if (server.idleTimeout > 0) armIdle(server.idleTimeout);
    }

    private void watch(int mask) {
        if (!closed) events.set(mask);
    }

    // ======================================================================================
    // Events
    // ======================================================================================

    @Override
    public void ready(int mask) {
        if (closed) return;
        if (evaluator.busy()) {
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
        events.dropped();
        finish("channel closed by a script");
    }

    /**
     * The most characters one readable event takes: a client that sends faster than the server
     * reads must not keep one read going (the others wait meanwhile) nor get far past the size
     * limit before it is checked.
     */
    private static final int READ_CHUNK = 1 << 20;

    private void readInput() {
        int before = buf.length();
        int max = READ_CHUNK;
        if (server.maxCommand > 0) max = (int) Math.max(1, Math.min(max, server.maxCommand + 1 - before));
        try {
            channel.read(buf, max);
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
                if (firstLine) {
                    firstLine = false;
                    if (HttpRequestLine.matches(buf.subSequence(0, nl))) {
                        refuseHttp(buf.substring(0, nl));
                        return;
                    }
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
                if (firstLine && HttpRequestLine.matches(rest)) {
                    refuseHttp(rest);
                    return;
                }
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
        server.stats.commands.incrementAndGet();
        boolean framed = server.protocol == Protocol.FRAMED;
        Evaluator.Outcome o = evaluator.run(text, framed);
        if (closed) return;
        if (framed) {
            if (o.stdout().length > 0) send("stdout", o.stdout());
            if (o.stderr().length > 0) send("stderr", o.stderr());
            if (o.ok()) {
                send("ok", Frames.utf8(o.result().toString()));
                return;
            }
            server.stats.errors.incrementAndGet();
            send("error", Frames.errorPayload(o.interp(), o.error()));
            if (o.timedOut()) server.log(System.Logger.Level.WARNING, channel.name() + " (" + address + ":" + port + "): "
                    + "a command ran over the time limit of " + server.timeLimit + " ms");
            onError(text, o.error());
            return;
        }
        if (o.ok()) {
            String r = o.result().toString();
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
        if (o.timedOut()) {
            breach("a command ran over the time limit of " + server.timeLimit + " ms", "TIME", true);
            return;
        }
        server.stats.errors.incrementAndGet();
        onError(text, o.error());
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

    /**
     * The first line is an HTTP request line: a browser, made by a web page to post to this port
     * (a cross-protocol attack, see {@link HttpRequestLine}). Closed before anything is
     * evaluated, and logged.
     */
    private void refuseHttp(String requestLine) {
        server.stats.errors.incrementAndGet();
        String shown = requestLine.strip();
        if (shown.length() > 100) shown = shown.substring(0, 100) + "...";
        server.log(System.Logger.Level.WARNING, channel.name() + " (" + address + ":" + port + "): an HTTP request (\""
                + shown + "\"), not Tcl: closed unread (a web page may be posting to the server through a browser)");
        close("HTTP request refused");
    }

    private void armIdle(long ms) {
        idleTimer = server.interp.notifier().createTimer(ms, this::idleCheck);
    }

    private void idleCheck() {
        idleTimer = null;
        if (closed) return;
        long idle = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastInput);
        if (idle < server.idleTimeout || evaluator.busy()) {
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
        events.set(0);
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
        evaluator.close();
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
