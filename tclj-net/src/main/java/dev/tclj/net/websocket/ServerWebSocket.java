package dev.tclj.net.websocket;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.io.Channel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The server side of a WebSocket for Java code that reads the HTTP request itself (TclServer's
 * WebSocket transport): the package's handshake checks, its 101 answer, and its protocol engine
 * ({@link WebSocketConnection}: framing, UTF-8 and size checks, ping answers, keepalive, the
 * closing handshake), with a Java listener in place of the Tcl handler. The connection is not
 * registered with the package's commands ({@code ::websocket::find} does not list it).
 *
 * <p>Everything runs on the interpreter's thread. The owner watches the channel and calls
 * {@link #readable} when it is readable; the listener hears the events a Tcl handler would
 * ({@code connect text binary ping pong close timeout disconnect}); when the connection is over
 * ({@code disconnect}) the channel has been closed.
 */
public final class ServerWebSocket {
    /** Hears the events of the connection, as a Tcl handler would (the message as in tcllib). */
    @FunctionalInterface
    public interface Listener {
        void event(String type, TclObj message);
    }

    /** A client's opening request that passed the checks: what the answer needs. */
    public static final class Request {
        private final Handshake.Request request;
        private final PerMessageDeflate.Agreement deflate;

        private Request(Handshake.Request request, PerMessageDeflate.Agreement deflate) {
            this.request = request;
            this.deflate = deflate;
        }

        /** The subprotocols the client offered (Sec-WebSocket-Protocol), in its order; empty if none. */
        public List<String> protocols() {
            return request.protocols() == null ? List.of() : List.copyOf(request.protocols());
        }
    }

    /**
     * Checks a request's headers (names and values alternating) as {@code ::websocket::test}
     * does: the errors are tcllib's ({@code WEBSOCKET HANDSHAKE ...}). permessage-deflate is
     * agreed when the client offers it acceptably.
     */
    public static Request check(List<String> headers) throws TclException {
        Handshake.Request r = Handshake.validate(headers);
        PerMessageDeflate.Agreement d = null;
        if (!r.extensions().isEmpty()) d = PerMessageDeflate.accept(PerMessageDeflate.parse(r.extensions()));
        return new Request(r, d);
    }

    private final WebSocketConnection conn;

    private ServerWebSocket(WebSocketConnection conn) { this.conn = conn; }

    /**
     * Answers the request with 101 Switching Protocols (naming protocol, one of those offered,
     * unless empty) and makes channel, registered in interp, a server-side WebSocket: binary and
     * non-blocking. The listener hears {@code connect} at once. Input that came after the
     * request is already in the channel's buffer: the owner's first {@link #readable} finds it.
     */
    public static ServerWebSocket accept(Interp interp, Channel channel, Request request, String protocol,
                                         Listener listener) throws TclException, IOException {
        StringBuilder r = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n");
        r.append("Sec-WebSocket-Accept: ").append(Handshake.accept(request.request.key())).append("\r\n");
        if (!protocol.isEmpty()) r.append("Sec-WebSocket-Protocol: ").append(protocol).append("\r\n");
        if (request.deflate != null) r.append("Sec-WebSocket-Extensions: ").append(request.deflate.response()).append("\r\n");
        r.append("\r\n");
        byte[] b = r.toString().getBytes(StandardCharsets.ISO_8859_1);
        channel.writeBytes(b, 0, b.length);
        channel.flush();
        WebSocketConnection c = new WebSocketConnection(WebSockets.of(interp), channel.name(), TclObj.EMPTY, true);
        c.listener = listener;
        if (request.deflate != null) c.setDeflate(request.deflate.codec());
        c.start(TclObj.EMPTY);
        return new ServerWebSocket(c);
    }

    /** Reads what has arrived and hands every complete message to the listener. */
    public void readable() {
        if (!conn.isFinished()) conn.readable();
    }

    /** Sends a text message; false if the connection is closing or over. */
    public boolean sendText(String message) {
        if (conn.isFinished() || !conn.state.equals(WebSocketConnection.CONNECTED)) return false;
        byte[] p = message.getBytes(StandardCharsets.UTF_8);
        return conn.writeFrame(conn.encoder.data(FrameDecoder.TEXT, p, 0, p.length, true));
    }

    /** Starts the closing handshake with a code and a reason (the listener hears close, then disconnect). */
    public void close(int code, String reason) {
        if (conn.isFinished() || !conn.state.equals(WebSocketConnection.CONNECTED)) return;
        byte[] payload = WebSocketConnection.closePayload(code, reason);
        conn.close(payload, WebSocketConnection.closeInfo(code, reason));
    }

    /** The longest message accepted, in bytes: a longer one fails the connection with 1009. */
    public void setMaxLength(long bytes) {
        conn.maxLength = bytes;
        conn.decoder.setMaxLength(bytes);
    }

    /** Whether the connection is over (its channel closed). */
    public boolean isFinished() { return conn.isFinished(); }

    /** The channel was closed by someone else: forget the connection without a word. */
    public void dropped() { conn.gone(); }
}
