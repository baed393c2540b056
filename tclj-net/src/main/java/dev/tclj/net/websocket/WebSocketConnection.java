package dev.tclj.net.websocket;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.event.Notifier;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One WebSocket: a Tcl socket channel (the handle the script knows, as in tcllib) with the
 * protocol running over it. Everything runs on the interpreter's thread, driven by the
 * channel's readable fileevent ({@code ::websocket::Receiver sock}) and by timers.
 *
 * <p>The channel is non-blocking and binary: each readable event takes what has arrived (at most
 * {@link #READ_BUDGET} bytes, so that a fast peer does not starve the others), the decoder keeps
 * any partial frame, and every complete message goes to the handler. A peer that stops in the
 * middle of a frame stalls only its own connection. Writes go to the channel at once and never
 * wait.
 *
 * <p>Closing follows RFC 6455 section 7: a Close is always answered with a Close, and whoever
 * closes first waits (at most {@link #CLOSE_TIMEOUT_MS}) for the peer's Close or end of file
 * before the socket is closed. A protocol failure sends a Close with its code and then waits
 * the same way, so that the peer sees the Close rather than a reset. The handler hears
 * {@code close} (with code and reason) when the closing begins and {@code disconnect} when the
 * socket is gone, as in tcllib.
 */
final class WebSocketConnection {
    static final String CONNECTING = "CONNECTING", CONNECTED = "CONNECTED", CLOSED = "CLOSED";
    /** How long a Close we sent waits for the peer's before the socket is closed anyway. */
    static final long CLOSE_TIMEOUT_MS = 5000;
    /** The most one readable event reads before letting other events run. */
    static final int READ_BUDGET = 256 * 1024;
    /** The least room each read of a readable event offers. */
    static final int READ_CHUNK = 65536;

    final WebSockets ws;
    final Interp interp;
    final String sock;
    final boolean server;
    TclObj handler;
    private TclObj[] handlerWords;
    /**
     * A Java handler in place of the Tcl one ({@link ServerWebSocket}): it hears the same events,
     * and its owner drives {@link #readable} from an event handler of its own, so no fileevent is
     * set on the channel.
     */
    ServerWebSocket.Listener listener;

    String state = CONNECTING;
    /** -peername and -sockname as {address hostname port}; null until asked for. */
    private TclList peer, local;

    // ---- options (configure)
    long keepalive;
    TclObj ping = TclObj.EMPTY;
    long maxLength;
    long pongTimeout;

    final FrameDecoder decoder;
    final FrameEncoder encoder;
    private PerMessageDeflate deflate;

    private boolean closeSent, finished;
    private Notifier.Timer liveness, closing, pongWait;
    private long lastActivity = System.nanoTime();
    /** The client's handshake while it is in progress. */
    ClientHandshake opening;


    WebSocketConnection(WebSockets ws, String sock, TclObj handler, boolean server) throws TclException {
        this.ws = ws;
        this.interp = ws.interp;
        this.sock = sock;
        this.server = server;
        setHandler(handler);
        this.keepalive = server ? ws.defaultLong("-keepalive", 30) : 0;
        this.ping = ws.defaultValue("-ping", TclObj.EMPTY);
        this.maxLength = ws.defaultLong("maxlength", 16777216);
        this.decoder = new FrameDecoder(server, maxLength);
        this.encoder = new FrameEncoder(!server);
    }

    void setHandler(TclObj h) {
        handler = h;
        TclObj[] w;
        try {
            w = h.asList().toArray();
        } catch (TclException e) {
            w = null;
        }
        handlerWords = w;
    }

    void setDeflate(PerMessageDeflate d) {
        deflate = d;
        decoder.setDeflate(d);
        encoder.setDeflate(d);
    }

    boolean isFinished() { return finished; }

    /** The channel, or null if the script has closed it. */
    Channel channel() { return ChannelTable.of(interp).lookup(sock); }

    // ======================================================================================
    // Taking over
    // ======================================================================================

    /**
     * Makes the channel a WebSocket (tcllib's takeover): binary, non-blocking, read by the
     * Receiver; the handler hears connect with info.
     */
    void start(TclObj info) throws TclException {
        state = CONNECTED;
        ws.tcl("::fconfigure", sock, "-translation", "binary", "-blocking", "0");
        if (listener == null) {
            ws.tcl("::fileevent", sock, "readable", TclObj.ofList(TclObj.of("::websocket::Receiver"), TclObj.of(sock)).toString());
        }
        lastActivity = System.nanoTime();
        scheduleLiveness();
        ws.log.log(WebSocketLog.DEBUG, sock + " has been registered as a " + (server ? "server" : "client") + " WebSocket");
        push("connect", info);
        // a script that read the HTTP request may have left the first frames in the buffer:
        // the readable event finds them (it is level-triggered)
    }

    /**
     * -peername as {address hostname port}, asked of the channel the first time it is wanted
     * (not at takeover: finding the host name may mean a DNS query, which the event loop should
     * not wait for on every connection). Empty if the channel cannot tell; failures are only
     * logged, as in tcllib.
     */
    TclList peer() {
        if (peer == null) peer = name("-peername", "remote");
        return peer;
    }

    /** -sockname, as {@link #peer}. */
    TclList local() {
        if (local == null) local = name("-sockname", "local");
        return local;
    }

    private TclList name(String option, String what) {
        if (channel() == null) return TclList.EMPTY;
        try {
            return ws.tcl("::fconfigure", sock, option).asList();
        } catch (TclException e) {
            ws.log.log(WebSocketLog.WARN, "Cannot get " + what + " information from socket: " + e.result());
            return TclList.EMPTY;
        }
    }

    /** conninfo's peername/sockname: the host name, or the address when there is none (tcllib's rule). */
    static String hostOf(TclList triple, String none) {
        if (triple.size() < 2) return none;
        String h = triple.get(1).toString();
        return h.isEmpty() ? triple.get(0).toString() : h;
    }

    // ======================================================================================
    // Receiving
    // ======================================================================================

    /** The readable event: read what has arrived and deliver what it completes. */
    void readable() {
        Channel ch = channel();
        if (ch == null) {
            gone();
            return;
        }
        if (opening != null) {
            opening.readable(ch);
            return;
        }
        int total = 0;
        boolean eof = false;
        try {
            while (total < READ_BUDGET) {
                // straight into the decoder's buffer
                byte[] room = decoder.room(READ_CHUNK);
                int at = decoder.roomStart();
                int n = ch.readBytes(room, at, room.length - at);
                if (n < 0) {
                    eof = true;
                    break;
                }
                if (n == 0) break;
                decoder.filled(n);
                total += n;
            }
        } catch (IOException e) {
            ws.log.log(WebSocketLog.ERROR, "Cannot read from socket: " + e.getMessage());
            eof = true;
        }
        if (total > 0) {
            lastActivity = System.nanoTime();
            // whatever the peer sends shows that it is alive
            if (pongWait != null) {
                pongWait.cancel();
                pongWait = null;
            }
        }
        deliver();
        if (eof && !finished) endOfInput();
    }

    /** Bytes that came with the server's handshake response: the first frames. */
    void feed(byte[] b, int off, int len) {
        decoder.feed(b, off, len);
    }

    /** Hands every complete message and control frame to the handler (re-entrant: see below). */
    void deliver() {
        // a handler may enter the event loop (vwait, update) and so this method again: the
        // decoder's state is consistent between events, so the inner call simply goes on
        FrameDecoder.Event e;
        while (!finished && (e = decoder.next()) != null) handle(e);
    }

    private void handle(FrameDecoder.Event e) {
        switch (e.kind()) {
            case TEXT -> {
                if (!closeSent) push("text", TclObj.of(e.text()));
            }
            case BINARY -> {
                if (!closeSent) push("binary", bytes(e.data()));
            }
            case PING -> {
                if (closeSent) return;
                if (!writeFrame(encoder.control(FrameDecoder.PONG, e.data(), 0, e.data().length))) return;
                push("ping", bytes(e.data()));
            }
            case PONG -> {
                if (!closeSent) push("pong", bytes(e.data()));
            }
            case CLOSE -> {
                ws.log.log(WebSocketLog.INFO, "Received close frame: " + e.code() + " " + e.reason());
                if (!closeSent) {
                    // answer with the same code (none for none), then the socket goes
                    byte[] reply = e.code() == CloseCodes.NO_STATUS ? new byte[0]
                            : new byte[] {(byte) (e.code() >> 8), (byte) e.code()};
                    if (!sendClose(reply)) return;
                    int code = e.code() == CloseCodes.NO_STATUS ? CloseCodes.NORMAL : e.code();
                    push("close", closeInfo(code, e.reason()));
                }
                finish();
            }
            case FAIL -> {
                ws.log.log(WebSocketLog.ERROR, "Failing the WebSocket connection: " + e.code() + " " + e.reason());
                if (!closeSent) {
                    if (!sendClose(closePayload(e.code(), e.reason()))) return;
                    push("close", closeInfo(e.code(), e.reason()));
                }
                if (decoder.isDone()) finish();
                else startClosingTimer();
            }
        }
    }

    /** The peer's end of file: without a Close first, the closure was abnormal (1006). */
    private void endOfInput() {
        if (!closeSent) {
            closeSent = true;
            state = CLOSED;
            push("close", closeInfo(CloseCodes.ABNORMAL, ""));
        }
        finish();
    }

    // ======================================================================================
    // Sending
    // ======================================================================================

    /**
     * Writes a frame. On failure the connection is over (the handler hears close and
     * disconnect, as in tcllib) and false is returned.
     */
    boolean writeFrame(byte[] frame) {
        Channel ch = channel();
        if (ch == null) {
            gone();
            return false;
        }
        try {
            ch.writeBytes(frame, 0, frame.length);
            ch.flush();
        } catch (IOException e) {
            ws.log.log(WebSocketLog.ERROR, "Could not send to remote end, closed socket? (" + e.getMessage() + ")");
            if (!finished) {
                boolean told = closeSent;
                closeSent = true;
                state = CLOSED;
                if (!told) push("close", closeInfo(CloseCodes.ABNORMAL, ""));
                finish();
            }
            return false;
        }
        lastActivity = System.nanoTime();
        return true;
    }

    /** Sends our Close; from now on no data is sent and received data is dropped. */
    private boolean sendClose(byte[] payload) {
        boolean ok = writeFrame(encoder.control(FrameDecoder.CLOSE, payload, 0, payload.length));
        closeSent = true;
        state = CLOSED;
        return ok && !finished;
    }

    /**
     * Starts the closing handshake from this side (::websocket::close, or send close): sends
     * payload as the Close, tells the handler with event, and waits for the peer's Close.
     */
    void close(byte[] payload, TclObj event) {
        if (state.equals(CONNECTING)) {
            // nothing to say to a server that has not answered yet
            state = CLOSED;
            closeSent = true;
            push("close", event);
            finish();
            return;
        }
        if (!sendClose(payload)) return;
        ws.log.log(WebSocketLog.INFO, "Closing web socket" + (payload.length >= 2 ? ": " + event : ""));
        push("close", event);
        if (finished) return;
        if (decoder.isDone()) finish();
        else startClosingTimer();
    }

    private void startClosingTimer() {
        if (closing != null || finished) return;
        closing = interp.notifier().createTimer(CLOSE_TIMEOUT_MS, () -> {
            closing = null;
            ws.log.log(WebSocketLog.WARN, "No close frame from " + sock + " within " + CLOSE_TIMEOUT_MS + " ms");
            finish();
        });
    }

    /** A Close payload: the code, then the reason in UTF-8, cut at a character to fit 125 bytes. */
    static byte[] closePayload(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(r.length, 123);
        // back off to the start of a character
        while (n < r.length && n > 0 && (r[n] & 0xC0) == 0x80) n--;
        byte[] p = new byte[2 + n];
        p[0] = (byte) (code >> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, n);
        return p;
    }

    /** The close event's message: {code reason}, the reason defaulting as in tcllib. */
    static TclObj closeInfo(int code, String reason) {
        if (reason.isEmpty()) reason = CloseCodes.defaultReason(code);
        return TclObj.ofList(TclObj.of(code), TclObj.of(reason));
    }

    // ======================================================================================
    // Keepalive
    // ======================================================================================

    /**
     * (Re)arms the keepalive ping: sent after keepalive seconds without traffic either way.
     * Traffic only moves lastActivity; the timer, when due, re-arms itself for the rest.
     */
    void scheduleLiveness() {
        if (liveness != null) {
            liveness.cancel();
            liveness = null;
        }
        if (keepalive <= 0 || finished) return;
        long due = lastActivity + keepalive * 1_000_000_000L - System.nanoTime();
        liveness = interp.notifier().createTimer(Math.max(0, due / 1_000_000), this::livenessDue);
    }

    private void livenessDue() {
        liveness = null;
        if (finished || !state.equals(CONNECTED)) return;
        if (System.nanoTime() - lastActivity >= keepalive * 1_000_000_000L - 1_000_000) {
            ws.log.log(WebSocketLog.DEBUG, "Sending ping to keep connection alive");
            byte[] p = WebSockets.byteArray(ping);
            if (!writeFrame(encoder.control(FrameDecoder.PING, p, 0, p.length))) return;
            if (pongTimeout > 0 && pongWait == null) {
                pongWait = interp.notifier().createTimer(pongTimeout * 1000, this::pongMissing);
            }
        }
        scheduleLiveness();
    }

    private void pongMissing() {
        pongWait = null;
        if (finished) return;
        push("timeout", TclObj.of("No answer from the remote end within " + pongTimeout + " s of a ping"));
        if (finished) return;
        closeSent = true;
        state = CLOSED;
        finish();
    }

    // ======================================================================================
    // The end
    // ======================================================================================

    /** The connection is over: the handler hears disconnect, then the socket is closed. */
    void finish() {
        if (finished) return;
        finished = true;
        state = CLOSED;
        cancelTimers();
        if (opening != null) opening.cancel();
        push("disconnect", TclObj.of("Disconnected from remote end"));
        ws.forget(this);
        Channel ch = channel();
        if (ch != null) {
            try {
                ChannelTable.of(interp).close(ch);
            } catch (IOException | TclException e) {
                ws.log.log(WebSocketLog.DEBUG, "Closing " + sock + ": " + e.getMessage());
            }
        }
        if (deflate != null) deflate.end();
    }

    /** The script closed the channel behind the package's back. */
    void gone() {
        if (finished) return;
        finished = true;
        state = CLOSED;
        cancelTimers();
        if (opening != null) opening.cancel();
        ws.forget(this);
        if (deflate != null) deflate.end();
    }

    /** Forgets this connection without a word (takeover of the same socket replaces it). */
    void replaced() {
        finished = true;
        cancelTimers();
        if (opening != null) opening.cancel();
    }

    private void cancelTimers() {
        if (liveness != null) liveness.cancel();
        if (closing != null) closing.cancel();
        if (pongWait != null) pongWait.cancel();
        liveness = closing = pongWait = null;
    }

    // ======================================================================================
    // The handler
    // ======================================================================================

    /** Calls the handler with sock, type and msg at global level; its errors are logged (tcllib's way). */
    void push(String type, TclObj msg) {
        if (listener != null) {
            listener.event(type, msg);
            return;
        }
        ws.push(handlerWords, handler, sock, type, msg);
    }

    static TclObj bytes(byte[] b) {
        return TclObj.of(new String(b, StandardCharsets.ISO_8859_1));
    }
}
