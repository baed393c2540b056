package dev.tclj.server;

import dev.tclj.TclException;
import dev.tclj.event.BackgroundErrors;
import dev.tclj.event.ChannelEvents;
import dev.tclj.event.Notifier;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelTable;
import dev.tclj.net.websocket.ServerWebSocket;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * TclServer's WebSocket transport and browser console, on the server's own port
 * ({@code -websocket /path}, {@link TclServer.Builder#webSocket}).
 *
 * <p>A connection is told apart by its first bytes: an HTTP method and a space ({@code "GET "})
 * make it an HTTP request (only GET is served; the others are refused, see {@link #METHODS}),
 * anything else (or nothing within {@link #SNIFF_MS}, for clients that wait for the connect hook
 * to speak first, or end of file) a line-protocol client, handed to the engine unread and
 * served as before. The bytes are peeked, not taken ({@link Channel#peekBytes}).
 *
 * <p>An HTTP request is read (its head, at most {@link #MAX_HEAD} bytes within {@link #HEAD_MS})
 * and answered: the WebSocket path upgrades to a {@link WebSocketClient} once the Origin and
 * token checks pass; {@code /} and the console's files are served from resources
 * ({@link ConsolePage}); anything else is 404. Pages go out with {@code Connection: close}.
 *
 * <p>Security. Browsers send an Origin with every WebSocket request; one from another site is
 * refused (403), so that a page elsewhere cannot drive the server through a visitor's browser
 * (cross-site WebSocket hijacking). The page's own origin is accepted when the request's Host
 * names the server by address or as localhost (a host name could be rebound to the server's
 * address by an attacker's DNS: such origins must be listed with {@link #origins}). Clients
 * that send no Origin are not browsers and cannot be hijacked. When the server authenticates
 * its clients (a connect hook or user authentication, which talk to line clients and cannot
 * speak to a browser) or a token is set, a WebSocket client must give the token in the
 * request's query ({@code ?token=...}); without one set, a random token is made at start.
 */
final class WebSocketTransport {
    /** How long a new connection may stay silent before it is taken for a line client. */
    static final long SNIFF_MS = 500;
    /** How long an HTTP client has to send its request head, and its largest size. */
    static final long HEAD_MS = 10_000;
    static final int MAX_HEAD = 16384;
    /** The subprotocol a client names to get JSON replies (the console does). */
    static final String JSON_PROTOCOL = "tclserver.json";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerEngine engine;

    // ---- settings (changed between events by the owner)
    /** The WebSocket path, or null: the transport is off. */
    String path;
    /** Origins accepted besides the page's own ({@code http://host:port}). */
    List<String> origins = List.of();
    /** The token set by the owner, or null. */
    String token;
    /** The token made at start when one is needed and none was set. */
    private String generated;

    // ---- state
    private final LinkedHashMap<Channel, Request> requests = new LinkedHashMap<>();
    final LinkedHashMap<Channel, WebSocketClient> clients = new LinkedHashMap<>();

    WebSocketTransport(ServerEngine engine) { this.engine = engine; }

    boolean enabled() { return path != null; }

    /**
     * A WebSocket path must start with a slash and not be one of the console's files; returns
     * the message for one that is not, or null.
     */
    static String badPath(String path) {
        if (!path.startsWith("/") || ConsolePage.file(path) != null || path.indexOf('?') >= 0 || path.indexOf(' ') >= 0) {
            return "a path starting with \"/\", without \"?\" or spaces, other than the console's (/, /index.html, "
                    + "/console.js, /console.css)";
        }
        return null;
    }

    static void checkPath(String path) {
        String bad = badPath(path);
        if (bad != null) throw new IllegalArgumentException("bad WebSocket path \"" + path + "\": must be " + bad);
    }

    /** Connections not yet handed to the engine: HTTP requests being read, and WebSocket clients. */
    int size() { return requests.size() + clients.size(); }

    List<String> names() {
        List<String> l = new ArrayList<>(size());
        for (Channel c : requests.keySet()) l.add(c.name());
        for (Channel c : clients.keySet()) l.add(c.name());
        return l;
    }

    void closeAll() {
        for (Request r : new ArrayList<>(requests.values())) r.drop("closed by the server");
        for (WebSocketClient c : new ArrayList<>(clients.values())) c.close(1001, "closed by the server");
    }

    /** Whether WebSocket clients must give a token: one was set, or the server authenticates clients. */
    boolean tokenRequired() {
        return token != null || engine.onConnect != null || engine.userAuth != null;
    }

    /** The token clients must give, made now if needed and not set; null when none is required. */
    String token() {
        if (token != null) return token;
        if (!tokenRequired()) return null;
        if (generated == null) {
            byte[] b = new byte[18];
            RANDOM.nextBytes(b);
            generated = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }
        return generated;
    }

    // ======================================================================================
    // Telling HTTP from the line protocol
    // ======================================================================================

    /** A client connected (the engine's accept, after the connection limit): find out what it speaks. */
    void accepted(Channel c, String address, int port) {
        Request r = new Request(c, address, port);
        requests.put(c, r);
        engine.recount();
        try {
            c.setBlocking(false);
        } catch (IOException e) {
            r.drop("cannot make the channel non-blocking: " + e.getMessage());
            return;
        }
        r.start();
    }

    /**
     * The request methods of HTTP/1.1, each with its space: a connection that starts with one is
     * an HTTP client. Not only GET: a page on any site can make a browser POST a form to this
     * port, and its body, read as the line protocol, would be Tcl commands (a cross-protocol
     * attack); such requests are refused instead.
     */
    private static final List<String> METHODS = List.of("GET ", "HEAD ", "POST ", "PUT ", "DELETE ", "OPTIONS ",
            "PATCH ", "CONNECT ", "TRACE ");

    /** One connection whose first bytes are awaited, then, if it is HTTP, its request head. */
    private final class Request implements ChannelEvents.Handler {
        final Channel channel;
        final String address;
        final int port;
        private ChannelEvents.Registration reg;
        private Notifier.Timer deadline, poll;
        private boolean http, done;
        private byte[] head = new byte[1024];
        private int headLen;

        Request(Channel channel, String address, int port) {
            this.channel = channel;
            this.address = address;
            this.port = port;
        }

        void start() {
            reg = ChannelEvents.watch(engine.interp, channel, ChannelEvents.READABLE, this);
            deadline = engine.interp.notifier().createTimer(SNIFF_MS, this::timeUp);
            step();
        }

        @Override
        public void ready(int mask) { step(); }

        @Override
        public void dropped() {
            // a script closed the channel
            reg = null;
            finish();
        }

        private void timeUp() {
            deadline = null;
            if (done) return;
            if (http) drop("no complete request within " + HEAD_MS + " ms");
            else handOver();
        }

        private void step() {
            if (done) return;
            try {
                if (http) readHead();
                else sniff();
            } catch (IOException e) {
                drop("read failed: " + e.getMessage());
            }
        }

        private void sniff() throws IOException {
            byte[] b = new byte[8];
            int n = channel.peekBytes(b, 0, b.length);
            if (n < 0) {
                handOver();
                return;
            }
            String first = new String(b, 0, n, StandardCharsets.ISO_8859_1);
            boolean method = false, maybe = false;
            for (String m : METHODS) {
                if (first.startsWith(m)) method = true;
                else if (m.startsWith(first)) maybe = true;
            }
            if (!method && !maybe) {
                handOver();
                return;
            }
            if (method) {
                http = true;
                if (deadline != null) deadline.cancel();
                deadline = engine.interp.notifier().createTimer(HEAD_MS, this::timeUp);
                readHead();
                return;
            }
            if (n > 0 && poll == null) {
                // part of a method is buffered: the readable event would fire at once again, so look later
                ChannelEvents.unwatch(engine.interp, channel, reg);
                reg = null;
                poll = engine.interp.notifier().createTimer(10, () -> {
                    poll = null;
                    if (done) return;
                    reg = ChannelEvents.watch(engine.interp, channel, ChannelEvents.READABLE, this);
                    step();
                });
            }
        }

        /** Not HTTP: the engine serves it as a line client, from its first byte. */
        private void handOver() {
            finish();
            try {
                channel.setBlocking(true);
                engine.admit(channel, address, port);
            } catch (IOException e) {
                ServerEngine.closeQuietly(ChannelTable.of(engine.interp), channel);
            } catch (TclException e) {
                // as a failing accept script: reported in the background, the channel closed
                BackgroundErrors.report(engine.interp, e);
                if (ChannelTable.of(engine.interp).lookup(channel.name()) == channel) {
                    ServerEngine.closeQuietly(ChannelTable.of(engine.interp), channel);
                }
            }
        }

        private void readHead() throws IOException {
            while (true) {
                if (headLen == head.length) head = java.util.Arrays.copyOf(head, Math.min(MAX_HEAD, head.length * 2));
                // one byte at a time past the head would take bytes that belong to the WebSocket:
                // read only up to where the head may end, by looking for it in what was peeked
                byte[] peek = new byte[head.length - headLen];
                int n = channel.peekBytes(peek, 0, peek.length);
                if (n < 0) {
                    drop("end of file in the request");
                    return;
                }
                if (n == 0) return;
                int take = n;
                int end = headEnd(peek, n);
                if (end >= 0) take = end;
                channel.readBytes(head, headLen, take);
                headLen += take;
                engine.stats.bytesIn.addAndGet(take);
                if (end >= 0) {
                    finish();
                    answer();
                    return;
                }
                if (headLen >= MAX_HEAD) {
                    finish();
                    respond(431, "Request Header Fields Too Large", "the request head is longer than " + MAX_HEAD + " bytes");
                    return;
                }
            }
        }

        /** Where the head ends in b[0, n), counting what headLen bytes before it already hold. */
        private int headEnd(byte[] b, int n) {
            // the blank line may straddle what was read before and what is peeked now
            int prev = Math.min(headLen, 3);
            byte[] w = new byte[prev + n];
            System.arraycopy(head, headLen - prev, w, 0, prev);
            System.arraycopy(b, 0, w, prev, n);
            for (int i = 1; i < w.length; i++) {
                if (w[i] != '\n') continue;
                if (w[i - 1] == '\n' || (i >= 3 && w[i - 1] == '\r' && w[i - 2] == '\n' && w[i - 3] == '\r')) {
                    if (i + 1 - prev > 0) return i + 1 - prev;
                }
            }
            return -1;
        }

        private void finish() {
            if (done) return;
            done = true;
            if (reg != null) ChannelEvents.unwatch(engine.interp, channel, reg);
            reg = null;
            if (deadline != null) deadline.cancel();
            if (poll != null) poll.cancel();
            deadline = poll = null;
            requests.remove(channel);
            engine.recount();
        }

        void drop(String why) {
            finish();
            engine.log(System.Logger.Level.DEBUG, channel.name() + " (" + address + ":" + port + ") closed: " + why);
            ServerEngine.closeQuietly(ChannelTable.of(engine.interp), channel);
        }

        // ==================================================================================
        // Answering
        // ==================================================================================

        private void answer() {
            String text = new String(head, 0, headLen, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r?\n");
            String[] start = lines[0].split(" ");
            if (start.length != 3 || !start[2].startsWith("HTTP/1.")) {
                respond(400, "Bad Request", "not an HTTP/1 request line");
                return;
            }
            List<String> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) continue;
                headers.add(lines[i].substring(0, colon).strip());
                headers.add(lines[i].substring(colon + 1).strip());
            }
            if (!start[0].equals("GET")) {
                engine.stats.errors.incrementAndGet();
                engine.log(System.Logger.Level.WARNING, channel.name() + " (" + address + ":" + port + "): HTTP "
                        + start[0] + " refused");
                send(405, "Method Not Allowed", "text/plain; charset=utf-8",
                        ("only GET is served here\n").getBytes(StandardCharsets.UTF_8), "Allow: GET\r\n");
                return;
            }
            String target = start[1];
            int q = target.indexOf('?');
            String where = q < 0 ? target : target.substring(0, q);
            String query = q < 0 ? "" : target.substring(q + 1);
            if (where.equals(path)) {
                upgrade(headers, query);
                return;
            }
            ConsolePage.File f = ConsolePage.file(where);
            if (f == null) {
                respond(404, "Not Found", "nothing here: " + where);
                return;
            }
            byte[] body = f.body(path);
            // the page talks to this server only, and no other site may frame it (clickjacking)
            send(200, "OK", f.contentType(), body, "Cache-Control: no-store\r\nX-Frame-Options: DENY\r\n"
                    + "Content-Security-Policy: default-src 'self'; connect-src 'self' ws: wss:; frame-ancestors 'none'\r\n");
        }

        private void upgrade(List<String> headers, String query) {
            String origin = header(headers, "Origin");
            if (origin != null && !originAllowed(origin, header(headers, "Host"))) {
                engine.stats.errors.incrementAndGet();
                engine.log(System.Logger.Level.WARNING, channel.name() + " (" + address + ":" + port
                        + "): WebSocket refused: origin " + origin + " not allowed");
                respond(403, "Forbidden", "origin not allowed: " + origin);
                return;
            }
            String want = token();
            if (want != null && !tokenMatches(want, queryValue(query, "token"))) {
                engine.stats.errors.incrementAndGet();
                engine.log(System.Logger.Level.WARNING, channel.name() + " (" + address + ":" + port
                        + "): WebSocket refused: missing or wrong token");
                respond(403, "Forbidden", "a valid token is required (?token=...)");
                return;
            }
            ServerWebSocket.Request req;
            try {
                req = ServerWebSocket.check(headers);
            } catch (TclException e) {
                respond(400, "Bad Request", e.getMessage());
                return;
            }
            boolean json = engine.protocol == Protocol.FRAMED || req.protocols().contains(JSON_PROTOCOL);
            String protocol = req.protocols().contains(JSON_PROTOCOL) ? JSON_PROTOCOL : "";
            try {
                WebSocketClient client = new WebSocketClient(engine, WebSocketTransport.this, channel, address, port, json);
                clients.put(channel, client);
                engine.recount();
                client.start(req, protocol);
            } catch (TclException | IOException e) {
                clients.remove(channel);
                engine.recount();
                engine.log(System.Logger.Level.WARNING, channel.name() + " (" + address + ":" + port
                        + "): WebSocket not started: " + e.getMessage());
                ServerEngine.closeQuietly(ChannelTable.of(engine.interp), channel);
            }
        }

        private void respond(int status, String reason, String message) {
            send(status, reason, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8), "");
        }

        private void send(int status, String reason, String type, byte[] body, String extra) {
            String h = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + type + "\r\nContent-Length: "
                    + body.length + "\r\n" + extra + "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";
            byte[] hb = h.getBytes(StandardCharsets.ISO_8859_1);
            try {
                channel.writeBytes(hb, 0, hb.length);
                channel.writeBytes(body, 0, body.length);
                channel.flush();
                engine.stats.bytesOut.addAndGet(hb.length + body.length);
            } catch (IOException e) {
                // the client went away: nothing to tell it
            }
            engine.log(System.Logger.Level.DEBUG, channel.name() + " (" + address + ":" + port + "): HTTP " + status);
            ServerEngine.closeQuietly(ChannelTable.of(engine.interp), channel);
        }
    }

    /** A client went (its WebSocket is over). */
    void forget(WebSocketClient c) {
        clients.remove(c.channel);
        engine.recount();
    }

    // ======================================================================================
    // Checks
    // ======================================================================================

    /**
     * An Origin is allowed when listed, or when it is the page's own origin ({@code http://} or
     * {@code https://} and the request's Host) and Host names the server by an address or as
     * localhost.
     */
    boolean originAllowed(String origin, String host) {
        if (origins.contains(origin)) return true;
        if (host == null) return false;
        String o = origin.toLowerCase(Locale.ROOT), h = host.toLowerCase(Locale.ROOT);
        if (!o.equals("http://" + h) && !o.equals("https://" + h)) return false;
        String name = hostName(h);
        return name.equals("localhost") || name.matches("[0-9.]+") || name.startsWith("[");
    }

    /** The host of a Host header, without its port. */
    private static String hostName(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static boolean tokenMatches(String want, String given) {
        if (given == null) return false;
        return MessageDigest.isEqual(want.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    static String header(List<String> headers, String name) {
        for (int i = 0; i + 1 < headers.size(); i += 2) if (headers.get(i).equalsIgnoreCase(name)) return headers.get(i + 1);
        return null;
    }

    static String queryValue(String query, String name) {
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            if (!k.equals(name)) continue;
            try {
                return URLDecoder.decode(eq < 0 ? "" : part.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
