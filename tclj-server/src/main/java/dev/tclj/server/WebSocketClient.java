package dev.tclj.server;

import dev.tclj.Interp;
import dev.tclj.Interps;
import dev.tclj.Limits;
import dev.tclj.TclDict;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.cmd.ErrorCmds;
import dev.tclj.event.ChannelEvents;
import dev.tclj.event.Notifier;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelTable;
import dev.tclj.net.websocket.ServerWebSocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One client served over WebSocket: every text message is a script, evaluated whole at global
 * level (in the client's own safe interpreter with {@code -clientinterps}), and answered with
 * one text message.
 *
 * <p>Replies: with JSON (the {@value WebSocketTransport#JSON_PROTOCOL} subprotocol, or a server
 * whose protocol is framed), an object per script: {@code {"status":"ok","result":...}} or
 * {@code {"status":"error","result":message,"code":1,"errorcode":...,"errorinfo":...}}, with
 * {@code "stdout"} and {@code "stderr"} when the script wrote to them. Otherwise the line
 * protocol's answer: the result as is on success, nothing on error.
 *
 * <p>Limits as for line clients: {@code -maxcommand} (characters per message), {@code -timelimit},
 * {@code -idletimeout}; a breach gets a JSON error and the connection stays, except an idle
 * timeout, which closes it (1008); without JSON a breach closes the connection (1008). Binary
 * messages are not scripts (1003). Messages are taken in order; while the client does not read
 * its replies ({@link dev.tclj.io.ChannelDriver#outputReady} false) no more are read or run.
 */
final class WebSocketClient implements ChannelEvents.Handler {
    private final ServerEngine server;
    private final WebSocketTransport transport;
    final Channel channel;
    private final String address;
    private final int port;
    private final boolean json;
    private Interp own;
    private ServerWebSocket ws;
    private ChannelEvents.Registration reg;
    private int watching;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean busy, closed;
    private long lastInput = System.nanoTime();
    private Notifier.Timer idleTimer;
    private OutputCapture capture;

    WebSocketClient(ServerEngine server, WebSocketTransport transport, Channel channel, String address, int port, boolean json) {
        this.server = server;
        this.transport = transport;
        this.channel = channel;
        this.address = address;
        this.port = port;
        this.json = json;
    }

    /** Answers the handshake and starts serving. */
    void start(ServerWebSocket.Request request, String protocol) throws TclException, IOException {
        if (server.clientInterps != null) own = server.newClientInterp(channel);
        ws = ServerWebSocket.accept(server.interp, channel, request, protocol, this::event);
        // a message longer than this many bytes cannot be within -maxcommand characters
        if (server.maxCommand > 0) ws.setMaxLength(Math.min(Integer.MAX_VALUE, 3 * server.maxCommand + 3));
        watch(ChannelEvents.READABLE);
        if (server.idleTimeout > 0) armIdle(server.idleTimeout);
        server.log(System.Logger.Level.DEBUG, channel.name() + " (" + address + ":" + port + ") WebSocket client"
                + (json ? " (JSON)" : ""));
    }

    private void watch(int mask) {
        if (watching == mask || closed) return;
        if (reg != null) ChannelEvents.unwatch(server.interp, channel, reg);
        reg = mask == 0 ? null : ChannelEvents.watch(server.interp, channel, mask, this);
        watching = mask;
    }

    @Override
    public void ready(int mask) {
        if (closed) return;
        if ((mask & ChannelEvents.WRITABLE) != 0 && !busy) {
            if (!channel.driver().outputReady()) return;
            watch(ChannelEvents.READABLE);
        }
        if ((mask & ChannelEvents.READABLE) != 0 && (queue.isEmpty() || busy)) ws.readable();
        process();
    }

    @Override
    public void dropped() {
        // the channel is closed: by the WebSocket at its end, or by a script
        reg = null;
        watching = 0;
        if (ws != null) ws.dropped();
        finish("channel closed");
    }

    /** The WebSocket's events. */
    private void event(String type, TclObj message) {
        switch (type) {
            case "text" -> {
                String s = message.toString();
                server.stats.bytesIn.addAndGet(s.getBytes(StandardCharsets.UTF_8).length);
                lastInput = System.nanoTime();
                queue.add(s);
            }
            case "binary" -> {
                server.stats.errors.incrementAndGet();
                close(1003, "binary messages are not commands");
            }
            case "disconnect" -> finish("disconnected");
            default -> lastInput = System.nanoTime();
        }
    }

    /** Runs the queued scripts in order while the client reads its replies. */
    private void process() {
        while (!closed && !busy && !queue.isEmpty()) {
            if (!channel.driver().outputReady()) {
                watch(ChannelEvents.WRITABLE);
                return;
            }
            execute(queue.poll());
        }
    }

    // ======================================================================================
    // Evaluating
    // ======================================================================================

    private Interp evalInterp() {
        if (own != null) return own;
        return server.evalInterp != null ? server.evalInterp : server.interp;
    }

    private void execute(String text) {
        server.stats.commands.incrementAndGet();
        if (server.maxCommand > 0 && text.length() > server.maxCommand) {
            breach("command exceeds the maximum size of " + server.maxCommand + " characters", "SIZE", false);
            return;
        }
        Interp target = evalInterp();
        if (json) {
            if (capture == null || capture.interp() != target) capture = new OutputCapture(target);
            capture.install();
        }
        TclObj result = null;
        TclException error = null;
        boolean limited = false;
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
            if (json) capture.remove();
        }
        if (closed) return;
        boolean timedOut = error != null && error.isLimit() && "time limit exceeded".equals(error.result().toString());
        if (timedOut) {
            if (json) capture.take(false);
            if (json) capture.take(true);
            breach("a command ran over the time limit of " + server.timeLimit + " ms", "TIME", false);
            return;
        }
        if (error != null) server.stats.errors.incrementAndGet();
        if (!json) {
            if (error == null) send(result.toString());
            return;
        }
        StringBuilder sb = new StringBuilder(64);
        if (error == null) {
            sb.append("{\"status\":\"ok\",\"result\":");
            Json.quote(sb, result.toString());
        } else {
            TclObj options = ErrorCmds.options(target, error);
            sb.append("{\"status\":\"error\",\"result\":");
            Json.quote(sb, error.result().toString());
            sb.append(",\"code\":").append(error.code() == TclException.RETURN ? option(options, "-code", "1") : String.valueOf(error.code()));
            sb.append(",\"errorcode\":");
            Json.quote(sb, option(options, "-errorcode", "NONE"));
            sb.append(",\"errorinfo\":");
            Json.quote(sb, option(options, "-errorinfo", error.result().toString()));
        }
        appendOutput(sb, "stdout", capture.take(false));
        appendOutput(sb, "stderr", capture.take(true));
        send(sb.append('}').toString());
    }

    private static String option(TclObj options, String key, String none) {
        try {
            TclDict d = options.asDict();
            TclObj v = d.get(key);
            return v == null ? none : v.toString();
        } catch (TclException e) {
            return none;
        }
    }

    private static void appendOutput(StringBuilder sb, String name, byte[] bytes) {
        if (bytes.length == 0) return;
        sb.append(",\"").append(name).append("\":");
        // the captured bytes are in the replaced channel's encoding, which is UTF-8 or a subset for text
        Json.quote(sb, new String(bytes, StandardCharsets.UTF_8));
    }

    private void send(String message) {
        if (ws.sendText(message)) server.stats.bytesOut.addAndGet(message.getBytes(StandardCharsets.UTF_8).length);
    }

    // ======================================================================================
    // Limits and the end
    // ======================================================================================

    /** A limit was broken: a JSON error (closing too when asked), or, without JSON, a close with 1008. */
    private void breach(String message, String kind, boolean closeAfter) {
        server.stats.errors.incrementAndGet();
        server.log(System.Logger.Level.WARNING, channel.name() + " (" + address + ":" + port + "): " + message);
        if (json) {
            StringBuilder sb = new StringBuilder("{\"status\":\"error\",\"result\":");
            Json.quote(sb, message);
            sb.append(",\"code\":1,\"errorcode\":");
            Json.quote(sb, "TCLSERVER LIMIT " + kind);
            sb.append(",\"errorinfo\":");
            Json.quote(sb, message);
            send(sb.append('}').toString());
            if (!closeAfter) return;
        }
        close(1008, message);
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
        breach("idle for " + server.idleTimeout + " ms", "IDLE", true);
    }

    /**
     * Closes from the server's side: the Close frame goes out, then the socket is closed at once
     * (a server that is going away does not wait for the client's answer).
     */
    void close(int code, String why) {
        if (closed) return;
        ws.close(code, why);
        if (reg != null) ChannelEvents.unwatch(server.interp, channel, reg);
        reg = null;
        watching = 0;
        if (ChannelTable.of(server.interp).lookup(channel.name()) == channel) {
            ServerEngine.closeQuietly(ChannelTable.of(server.interp), channel);
        }
        ws.dropped();
        finish(why);
    }

    private void finish(String why) {
        if (closed) return;
        closed = true;
        if (idleTimer != null) idleTimer.cancel();
        idleTimer = null;
        queue.clear();
        transport.forget(this);
        if (own != null && !own.isDeleted()) Interps.delete(own);
        server.log(System.Logger.Level.DEBUG, channel.name() + " (" + address + ":" + port + ") closed: " + why);
    }
}
