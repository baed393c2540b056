package dev.tclj.server;

import dev.tclj.TclDict;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.cmd.ErrorCmds;
import dev.tclj.event.BackgroundErrors;
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
 * messages are not scripts (1003). A failed script calls {@code -onerror} with the client's
 * {@link MessageChannel} for its channel. Messages are taken in order; while the client does not read
 * its replies ({@link dev.tclj.io.ChannelDriver#outputReady} false) no more are read or run.
 */
final class WebSocketClient implements ChannelEvents.Handler, MessageChannel.Client {
    private final ServerEngine server;
    private final WebSocketTransport transport;
    final Channel channel;
    private final String address;
    private final int port;
    private final boolean json;
    private Evaluator evaluator;
    private ServerWebSocket ws;
    private final ChannelWatch events;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean closed;
    private long lastInput = System.nanoTime();
    private Notifier.Timer idleTimer;
    /** The channel the -onerror hook gets for this client (made on its first call), or null. */
    private Channel messages;

    WebSocketClient(ServerEngine server, WebSocketTransport transport, Channel channel, String address, int port, boolean json) {
        this.server = server;
        this.transport = transport;
        this.channel = channel;
        this.events = new ChannelWatch(server.interp, channel, this);
        this.address = address;
        this.port = port;
        this.json = json;
    }

    /** Answers the handshake and starts serving. */
    void start(ServerWebSocket.Request request, String protocol) throws TclException, IOException {
        evaluator = new Evaluator(server, server.clientInterps != null ? server.newClientInterp(channel) : null);
        try {
            ws = ServerWebSocket.accept(server.interp, channel, request, protocol, this::event);
        } catch (TclException | IOException | RuntimeException e) {
            // not served after all: the client's interpreter goes now
            evaluator.close();
            throw e;
        }
        // a message longer than this many bytes cannot be within -maxcommand characters
        if (server.maxCommand > 0) ws.setMaxLength(Math.min(Integer.MAX_VALUE, 3 * server.maxCommand + 3));
        watch(ChannelEvents.READABLE);
        if (server.idleTimeout > 0) armIdle(server.idleTimeout);
        server.log(System.Logger.Level.DEBUG, channel.name() + " (" + address + ":" + port + ") WebSocket client"
                + (json ? " (JSON)" : ""));
    }

    private void watch(int mask) {
        if (!closed) events.set(mask);
    }

    @Override
    public void ready(int mask) {
        if (closed) return;
        if ((mask & ChannelEvents.WRITABLE) != 0 && !evaluator.busy()) {
            if (!channel.driver().outputReady()) return;
            watch(ChannelEvents.READABLE);
        }
        if ((mask & ChannelEvents.READABLE) != 0 && (queue.isEmpty() || evaluator.busy())) ws.readable();
        process();
    }

    @Override
    public void dropped() {
        // the channel is closed: by the WebSocket at its end, or by a script
        events.dropped();
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
        while (!closed && !evaluator.busy() && !queue.isEmpty()) {
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

    private void execute(String text) {
        server.stats.commands.incrementAndGet();
        if (server.maxCommand > 0 && text.length() > server.maxCommand) {
            breach("command exceeds the maximum size of " + server.maxCommand + " characters", "SIZE", false);
            return;
        }
        Evaluator.Outcome o = evaluator.run(text, json);
        if (closed) return;
        if (o.timedOut()) {
            breach("a command ran over the time limit of " + server.timeLimit + " ms", "TIME", false);
            return;
        }
        if (!o.ok()) server.stats.errors.incrementAndGet();
        if (!json) {
            if (o.ok()) send(o.result().toString());
            else onError(text, o.error());
            return;
        }
        StringBuilder sb = new StringBuilder(64);
        if (o.ok()) {
            sb.append("{\"status\":\"ok\",\"result\":");
            Json.quote(sb, o.result().toString());
        } else {
            TclException error = o.error();
            TclObj options = ErrorCmds.options(o.interp(), error);
            sb.append("{\"status\":\"error\",\"result\":");
            Json.quote(sb, error.result().toString());
            sb.append(",\"code\":").append(error.code() == TclException.RETURN ? option(options, "-code", "1") : String.valueOf(error.code()));
            sb.append(",\"errorcode\":");
            Json.quote(sb, option(options, "-errorcode", "NONE"));
            sb.append(",\"errorinfo\":");
            Json.quote(sb, option(options, "-errorinfo", error.result().toString()));
        }
        appendOutput(sb, "stdout", o.stdout());
        appendOutput(sb, "stderr", o.stderr());
        send(sb.append('}').toString());
        if (!o.ok()) onError(text, o.error());
    }

    /**
     * The -onerror hook, as for line clients, with the client's {@link MessageChannel} for its
     * channel: what the hook writes there reaches the client as text messages; false closes the
     * connection (1000); an error in the hook is a background error and closes it (1011).
     */
    private void onError(String text, TclException error) {
        Handlers.OnError h = server.onError;
        if (h == null || closed) return;
        ChannelTable table = ChannelTable.of(server.interp);
        if (messages == null) {
            messages = MessageChannel.open(channel.name(), this);
            table.register(messages);
        }
        Channel mc = messages;
        try {
            boolean keep = h.keepOpen(server.interp, mc.name(), text, error);
            // what the hook wrote without a newline goes too
            if (table.lookup(mc.name()) == mc && !mc.isClosed()) mc.flush();
            if (!keep) close(1000, "closed by -onerror");
        } catch (TclException e) {
            BackgroundErrors.report(server.interp, e);
            close(1011, "the -onerror hook failed");
        } catch (IOException e) {
            // the connection is over: the client is going already
        }
    }

    @Override
    public boolean sendFromScript(String message) {
        if (closed) return false;
        // a JSON client gets it as an object, so that it is not taken for the reply to a command
        if (json) {
            StringBuilder sb = new StringBuilder("{\"status\":\"message\",\"text\":");
            Json.quote(sb, message);
            message = sb.append('}').toString();
        }
        if (!ws.sendText(message)) return false;
        server.stats.bytesOut.addAndGet(message.getBytes(StandardCharsets.UTF_8).length);
        return true;
    }

    @Override
    public void closedByScript() {
        messages = null;
        close(1000, "closed by a script");
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
        if (idle < server.idleTimeout || evaluator.busy()) {
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
        events.set(0);
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
        if (messages != null) {
            // a script that kept the name finds the channel gone, as a line client's socket
            ((MessageChannel) messages.driver()).gone();
            ChannelTable table = ChannelTable.of(server.interp);
            if (table.lookup(messages.name()) == messages) ServerEngine.closeQuietly(table, messages);
            messages = null;
        }
        transport.forget(this);
        if (evaluator != null) evaluator.close();
        server.log(System.Logger.Level.DEBUG, channel.name() + " (" + address + ":" + port + ") closed: " + why);
    }
}
