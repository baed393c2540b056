package dev.tclj.net.websocket;

import dev.tclj.Glob;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.event.Notifier;
import dev.tclj.io.Channel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ::websocket::open}: a client's connection from the URL to the first message. The
 * socket is opened asynchronously ({@code socket -async}, or {@code tls::socket -async} for
 * wss), the request goes out when the connect completes (the writable event), and the response
 * is read as it arrives; nothing waits. Bytes that follow the response head are the first
 * frames. Any failure reaches the handler as {@code error} (or {@code timeout}), then
 * {@code disconnect}, and the socket is closed.
 *
 * <p>Options: {@code -headers} (more request headers), {@code -protocol} (the subprotocols to
 * offer) and {@code -timeout} (ms), matched as tcllib matches them. tcllib passes its other
 * options to http::geturl, where they shape a request body or a response body, neither of
 * which a WebSocket handshake has: they are refused here rather than accepted and ignored.
 */
final class ClientHandshake {
    private final WebSockets ws;
    private final WebSocketConnection conn;
    private final String url;
    private final String key;
    private byte[] request;
    /** Why sending the request failed, if it did. */
    private String writeError;
    /** Whether the connect's outcome has been checked (at the first event on the socket). */
    private boolean connectChecked;
    private final List<String> offeredProtocols;
    private final boolean offeredDeflate;
    private Notifier.Timer timer;
    private byte[] head = new byte[1024];
    private int headLen;

    private ClientHandshake(WebSockets ws, WebSocketConnection conn, String url, String key, List<String> protocols,
                            boolean deflate) {
        this.ws = ws;
        this.key = key;
        this.conn = conn;
        this.url = url;
        this.offeredProtocols = protocols;
        this.offeredDeflate = deflate;
    }

    private static final Pattern URL = Pattern.compile("(?i)([a-z][a-z0-9+.-]*)://([^/?#]*)([^#]*)(#.*)?");
    private static final Pattern AUTHORITY = Pattern.compile("(?:[^@]*@)?(\\[[^\\]]*\\]|[^:]*)(?::(.*))?");

    /** Opens url; returns the socket (the handshake goes on in the background). */
    static String open(WebSockets ws, TclObj urlObj, TclObj handler, TclObj[] opts, int from) throws TclException {
        String url = urlObj.toString();
        TclObj headers = TclObj.EMPTY;
        List<String> protocols = new ArrayList<>();
        long timeout = -1;
        for (int i = from; i < opts.length; i += 2) {
            String k = opts[i].toString();
            String name = k.replaceFirst("^-+", "");
            boolean known = false;
            for (String p : new String[] {"bi*", "bl*", "ch*", "he*", "k*", "m*", "prog*", "prot*", "qu*", "s*", "ti*", "ty*"}) {
                if (Glob.match(p, name, true)) known = true;
            }
            if (!known) throw TclException.error(k + " is not a recognised option", "WEBSOCKET");
            if (i + 1 >= opts.length) throw TclException.error("value for \"" + k + "\" missing", "WEBSOCKET");
            TclObj v = opts[i + 1];
            if (Glob.match("he*", name, true)) {
                if (v.asList().size() % 2 != 0) throw TclException.error("list must have an even number of elements");
                headers = v;
            } else if (Glob.match("prot*", name, true)) {
                protocols = WebSockets.strings(v);
            } else if (Glob.match("ti*", name, true)) {
                timeout = v.asLong();
            } else {
                throw TclException.error(k + " is an http::geturl option that has no meaning for a WebSocket handshake",
                        "WEBSOCKET");
            }
        }

        // the URL, as http::geturl would read it after tcllib turns ws into http
        Matcher m = URL.matcher(url);
        String httpUrl = url.replaceFirst("(?i)^ws", "http");
        if (!m.matches()) throw openError(url, "Unsupported URL: " + httpUrl);
        String scheme = m.group(1).toLowerCase(java.util.Locale.ROOT);
        boolean secure;
        switch (scheme) {
            case "ws", "http" -> secure = false;
            case "wss", "https" -> secure = true;
            default -> throw openError(url, "Unsupported URL type \"" + scheme + "\"");
        }
        Matcher a = AUTHORITY.matcher(m.group(2));
        if (!a.matches() || a.group(1).isEmpty()) throw openError(url, "Missing host part: " + httpUrl);
        String host = a.group(1);
        String connectHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = secure ? 443 : 80;
        boolean explicitPort = a.group(2) != null && !a.group(2).isEmpty();
        if (explicitPort) {
            try {
                port = Integer.parseInt(a.group(2));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) throw openError(url, "Invalid port number: " + a.group(2));
        }
        String target = m.group(3).isEmpty() ? "/" : m.group(3);
        if (target.startsWith("?")) target = "/" + target;

        // the request
        boolean deflate = ws.deflateEnabled();
        StringBuilder req = new StringBuilder();
        req.append("GET ").append(target).append(" HTTP/1.1\r\n");
        req.append("Host: ").append(host).append(explicitPort && port != (secure ? 443 : 80) ? ":" + port : "").append("\r\n");
        String connection = "Upgrade", upgrade = "websocket";
        boolean userExtensions = false;
        List<String> userProtocols = new ArrayList<>();
        TclObj[] h = headers.asList().toArray();
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i + 1 < h.length; i += 2) {
            String n = h[i].toString(), v = h[i + 1].toString();
            if (n.indexOf('\n') >= 0 || n.indexOf('\r') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                throw openError(url, "invalid header \"" + n + "\"");
            }
            switch (Handshake.lower(n)) {
                case "connection" -> connection = v + ", Upgrade";
                case "upgrade" -> upgrade = v + ", websocket";
                case "sec-websocket-key", "sec-websocket-version", "host" -> { }
                case "sec-websocket-protocol" -> {
                    if (protocols.isEmpty()) userProtocols.addAll(Handshake.commaList(v));
                }
                case "sec-websocket-extensions" -> {
                    userExtensions = true;
                    extra.append(n).append(": ").append(v).append("\r\n");
                }
                default -> extra.append(n).append(": ").append(v).append("\r\n");
            }
        }
        if (protocols.isEmpty()) protocols = userProtocols;
        req.append("Connection: ").append(connection).append("\r\n");
        req.append("Upgrade: ").append(upgrade).append("\r\n");
        String key = Handshake.newKey();
        req.append("Sec-WebSocket-Key: ").append(key).append("\r\n");
        req.append("Sec-WebSocket-Version: ").append(Handshake.VERSION).append("\r\n");
        if (!protocols.isEmpty()) req.append("Sec-WebSocket-Protocol: ").append(String.join(", ", protocols)).append("\r\n");
        boolean offerDeflate = deflate && !userExtensions;
        if (offerDeflate) req.append("Sec-WebSocket-Extensions: ").append(PerMessageDeflate.offer()).append("\r\n");
        req.append(extra).append("\r\n");

        // the socket
        TclObj sockObj;
        try {
            if (secure) {
                TclObj registered = ws.interp.getVarOrNull("::http::urlTypes(https)");
                List<TclObj> cmd = new ArrayList<>();
                if (registered != null && registered.asList().size() >= 2) {
                    cmd.addAll(List.of(registered.asList().get(1).asList().toArray()));
                } else {
                    ws.tcl("::package", "require", "tls");
                    cmd.add(TclObj.of("::tls::socket"));
                    // SNI names hosts, never addresses (RFC 6066)
                    if (!isAddress(connectHost)) {
                        cmd.add(TclObj.of("-servername"));
                        cmd.add(TclObj.of(connectHost));
                    }
                }
                cmd.add(TclObj.of("-async"));
                cmd.add(TclObj.of(connectHost));
                cmd.add(TclObj.of(port));
                sockObj = ws.tcl(cmd.toArray());
            } else {
                sockObj = ws.tcl("::socket", "-async", connectHost, String.valueOf(port));
            }
        } catch (TclException e) {
            throw openError(url, e.result().toString());
        }
        String sock = sockObj.toString();
        WebSocketConnection conn = new WebSocketConnection(ws, sock, handler, false);
        ClientHandshake hs = new ClientHandshake(ws, conn, url, key, protocols, offerDeflate);
        hs.request = req.toString().getBytes(StandardCharsets.ISO_8859_1);
        conn.opening = hs;
        ws.add(conn);
        TclObj receiver = TclObj.ofList(TclObj.of("::websocket::Receiver"), TclObj.of(sock));
        ws.tcl("::fconfigure", sock, "-translation", "binary", "-blocking", "0");
        // the request goes out now: a non-blocking socket queues it until the connect is done,
        // so a server in this same interpreter that reads it as soon as it accepts finds it
        Channel ch = dev.tclj.io.ChannelTable.of(ws.interp).get(sock);
        try {
            ch.writeBytes(hs.request, 0, hs.request.length);
            ch.flush();
        } catch (IOException e) {
            // the connect failed already: the writable event reports it (-error)
            hs.writeError = e.getMessage();
        }
        // the writable event tells when the connect is over, and -error how it went
        ws.tcl("::fileevent", sock, "writable", receiver);
        ws.tcl("::fileevent", sock, "readable", receiver);
        if (timeout > 0) hs.timer = ws.interp.notifier().createTimer(timeout, hs::timedOut);
        return sock;
    }

    /** Whether host is an IPv4 or IPv6 address rather than a name. */
    static boolean isAddress(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9]+(\\.[0-9]+){3}");
    }

    private static TclException openError(String url, String why) {
        return TclException.error("Error while opening WebSocket connection to " + url + ": " + why, "WEBSOCKET");
    }

    // ======================================================================================
    // Events (the socket's fileevents come through the connection's readable())
    // ======================================================================================

    void readable(Channel ch) {
        if (!connectChecked) {
            connectChecked = true;
            if (!connected()) return;
        }
        try {
            while (true) {
                if (head.length - headLen < 512) {
                    if (head.length >= Handshake.MAX_HEAD) {
                        fail("the server's response head is too long");
                        return;
                    }
                    head = java.util.Arrays.copyOf(head, head.length * 2);
                }
                int n = ch.readBytes(head, headLen, head.length - headLen);
                if (n < 0) {
                    fail("the server closed the connection during the handshake");
                    return;
                }
                if (n == 0) break;
                headLen += n;
                if (Handshake.headEnd(head, headLen) >= 0) break;
            }
        } catch (IOException e) {
            fail(e.getMessage());
            return;
        }
        int end = Handshake.headEnd(head, headLen);
        if (end < 0) return;
        response(end);
    }

    /** The connect ended (the writable event): false (after reporting it) if it failed. */
    private boolean connected() {
        String err;
        try {
            ws.tcl("::fileevent", conn.sock, "writable", "");
            err = ws.tcl("::fconfigure", conn.sock, "-error").toString();
        } catch (TclException e) {
            err = e.result().toString();
        }
        if (err.isEmpty()) err = writeError;
        if (err != null && !err.isEmpty()) {
            fail(err);
            return false;
        }
        return true;
    }

    private void response(int end) {
        Handshake.Response r = Handshake.parseResponse(head, end);
        if (r == null) {
            fail("the server's response is not HTTP");
            return;
        }
        if (r.status() != 101) {
            failWith("HTTP error code " + r.status() + " when establishing WebSocket connection with " + url);
            return;
        }
        String upgrade = r.get("Upgrade");
        if (upgrade == null || !Handshake.lower(Handshake.strip(upgrade)).equals("websocket")) {
            fail("the response has no Upgrade: websocket");
            return;
        }
        String connection = r.get("Connection");
        boolean up = false;
        if (connection != null) for (String t : Handshake.commaList(connection)) up |= Handshake.lower(t).equals("upgrade");
        if (!up) {
            fail("the response has no Connection: Upgrade");
            return;
        }
        String accept = r.get("Sec-WebSocket-Accept");
        if (accept == null || !Handshake.strip(accept).equals(Handshake.accept(key))) {
            fail("Security handshake failed");
            return;
        }
        String proto = r.get("Sec-WebSocket-Protocol");
        proto = proto == null ? "" : Handshake.strip(proto);
        if (!proto.isEmpty() && !offeredProtocols.contains(proto)) {
            fail("the server chose the protocol \"" + proto + "\", which was not offered");
            return;
        }
        List<String> ext = r.all("Sec-WebSocket-Extensions");
        if (!ext.isEmpty()) {
            List<PerMessageDeflate.Extension> accepted = PerMessageDeflate.parse(ext);
            if (accepted == null) {
                fail("invalid Sec-WebSocket-Extensions in the response");
                return;
            }
            if (!accepted.isEmpty()) {
                String[] why = new String[1];
                PerMessageDeflate d = offeredDeflate ? PerMessageDeflate.accepted(accepted, why) : null;
                if (d == null) {
                    fail(why[0] != null ? why[0] : "the server accepted an extension that was not offered");
                    return;
                }
                conn.setDeflate(d);
            }
        }
        // the WebSocket is open
        cancel();
        conn.opening = null;
        byte[] rest = java.util.Arrays.copyOfRange(head, end, headLen);
        head = null;
        try {
            conn.start(TclObj.of(proto));
        } catch (TclException e) {
            ws.log.log(WebSocketLog.ERROR, e.result().toString());
            conn.finish();
            return;
        }
        if (rest.length > 0 && !conn.isFinished()) {
            conn.feed(rest, 0, rest.length);
            conn.deliver();
        }
    }

    private void timedOut() {
        timer = null;
        if (conn.opening != this || conn.isFinished()) return;
        conn.push("timeout", TclObj.of("Timeout when connecting to " + url));
        conn.finish();
    }

    private void fail(String why) {
        failWith("Error while connecting to " + url + ": " + why);
    }

    private void failWith(String message) {
        if (conn.opening != this || conn.isFinished()) return;
        ws.log.log(WebSocketLog.ERROR, message);
        cancel();
        conn.push("error", TclObj.of(message));
        conn.finish();
    }

    /** Stops the timeout (the handshake ended one way or the other). */
    void cancel() {
        if (timer != null) timer.cancel();
        timer = null;
    }
}
