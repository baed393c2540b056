package dev.tclj.net.websocket;

import dev.tclj.Glob;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code websocket} package: tcllib's API (seed 003, tcllib 1.21's websocket 1.4.2) on
 * tclj's protocol engine. Commands, arguments, defaults, messages and handler calls are
 * tcllib's; what tcllib gets wrong against RFC 6455 is put right (see {@link FrameDecoder} and
 * {@link WebSocketConnection}).
 *
 * <p>The package is offered as version {@value #VERSION} through {@code package ifneeded},
 * registered when the interpreter is made: higher than tcllib 1.21's 1.4.2, so that
 * {@code package require websocket} loads this one even when tcllib's pkgIndex has been read
 * too; the same major version, since the API is the same.
 */
public final class WebSocketCmds {
    private WebSocketCmds() {}

    public static final String VERSION = "1.5";
    private static final String LOADER = "::tcl::websocket::Load";

    /** Makes the package available to {@code package require} (not in safe interpreters: no sockets). */
    public static void register(Interp interp) {
        if (interp.isSafe()) return;
        interp.createCommand(LOADER, (in, objv) -> {
            load(in);
            return TclObj.EMPTY;
        });
        try {
            interp.invokeWords(new TclObj[] {TclObj.of("::package"), TclObj.of("ifneeded"), TclObj.of("websocket"),
                    TclObj.of(VERSION), TclObj.of(LOADER)}, interp.globalNamespace());
        } catch (TclException e) {
            throw new IllegalStateException("package ifneeded failed: " + e.result(), e);
        }
    }

    /** The ifneeded script: the commands, tcllib's defaults array, and the package itself. */
    static void load(Interp interp) throws TclException {
        WebSockets ws = WebSockets.of(interp);
        String[][] defaults = {
                {"loglevel", "error"}, {"maxlength", "16777216"}, {"ws_magic", Handshake.GUID},
                {"ws_version", Handshake.VERSION}, {"-keepalive", "30"}, {"-ping", ""}, {"deflate", "1"}};
        ws.tcl("::namespace", "eval", "::websocket", "variable WS");
        for (String[] d : defaults) {
            // values a script set before loading the package stay, as in tcllib
            String var = "::websocket::WS(" + d[0] + ")";
            if (interp.getVarOrNull(var) == null) interp.setVar(var, TclObj.of(d[1]));
        }
        def(interp, "open", WebSocketCmds::open);
        def(interp, "send", WebSocketCmds::send);
        def(interp, "server", WebSocketCmds::server);
        def(interp, "live", WebSocketCmds::live);
        def(interp, "test", WebSocketCmds::test);
        def(interp, "upgrade", WebSocketCmds::upgrade);
        def(interp, "takeover", WebSocketCmds::takeover);
        def(interp, "conninfo", WebSocketCmds::conninfo);
        def(interp, "find", WebSocketCmds::find);
        def(interp, "configure", WebSocketCmds::configure);
        def(interp, "loglevel", WebSocketCmds::loglevel);
        def(interp, "close", WebSocketCmds::close);
        def(interp, "validate", WebSocketCmds::validate);
        def(interp, "sec-websocket-accept", WebSocketCmds::secWebsocketAccept);
        def(interp, "Receiver", WebSocketCmds::receiver);
        ws.tcl("::package", "provide", "websocket", VERSION);
    }

    private static void def(Interp interp, String name, dev.tclj.Command c) {
        interp.createCommand("::websocket::" + name, c);
    }

    private static WebSockets ws(Interp interp) { return WebSockets.of(interp); }

    // ======================================================================================
    // Clients
    // ======================================================================================

    /** open url handler ?-headers list? ?-protocol list? ?-timeout ms?: returns the socket. */
    static TclObj open(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 3) throw TclException.wrongArgs(objv, 1, "url handler ?arg ...?");
        return TclObj.of(ClientHandshake.open(ws(interp), objv[1], objv[2], objv, 3));
    }

    // ======================================================================================
    // Servers
    // ======================================================================================

    /** server sock: declares a listening socket as a WebSocket-capable HTTP server. */
    static TclObj server(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2) throw TclException.wrongArgs(objv, 1, "sock");
        ws(interp).servers.put(objv[1].toString(), new ArrayList<>());
        return objv[1];
    }

    private static List<WebSockets.Live> serverOf(WebSockets ws, String sock) throws TclException {
        List<WebSockets.Live> l = ws.servers.get(sock);
        if (l == null) {
            ws.log.log(WebSocketLog.WARN, sock + " is not a WebSocket server anymore");
            throw WebSockets.notWebSocket(sock);
        }
        return l;
    }

    /** live sock path cb ?proto?: the handler for the paths that match a glob pattern. */
    static TclObj live(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 4 || objv.length > 5) throw TclException.wrongArgs(objv, 1, "sock path cb ?proto?");
        List<WebSockets.Live> l = serverOf(ws(interp), objv[1].toString());
        l.add(new WebSockets.Live(objv[2].toString(), objv[3], objv.length > 4 ? objv[4].toString() : "*"));
        return TclObj.EMPTY;
    }

    /**
     * test srvSock cliSock path ?hdrs? ?qry?: 1 if the request is a valid WebSocket opening for a
     * path (and protocol) some live handler serves; the client then waits for upgrade.
     */
    static TclObj test(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 4 || objv.length > 6) throw TclException.wrongArgs(objv, 1, "srvSock cliSock path ?hdrs? ?qry?");
        WebSockets ws = ws(interp);
        TclObj hdrs = objv.length > 4 ? objv[4] : TclObj.EMPTY;
        TclObj qry = objv.length > 5 ? objv[5] : TclObj.EMPTY;
        if (hdrs.asList().size() == 0) return TclObj.of(0);
        String srv = objv[1].toString(), cli = objv[2].toString(), path = objv[3].toString();
        List<WebSockets.Live> lives = serverOf(ws, srv);
        Handshake.Request req;
        try {
            req = Handshake.validate(WebSockets.strings(hdrs));
        } catch (TclException e) {
            return TclObj.of(0);
        }
        List<String> protos = req.protocols() == null ? List.of() : req.protocols();
        WebSockets.Live found = null;
        String protocol = "";
        for (WebSockets.Live l : lives) {
            int idx = -1;
            for (int i = 0; i < protos.size() && idx < 0; i++) if (Glob.match(l.protocol(), protos.get(i), false)) idx = i;
            if (Glob.match(l.pattern(), path, false) && (protos.isEmpty() || idx >= 0)) {
                found = l;
                protocol = idx >= 0 ? protos.get(idx) : "";
                break;
            }
        }
        if (found == null) {
            ws.log.log(WebSocketLog.WARN, "Cannot find any handler for " + path);
            return TclObj.of(0);
        }
        PerMessageDeflate.Agreement deflate = null;
        if (!req.extensions().isEmpty() && ws.deflateEnabled()) {
            deflate = PerMessageDeflate.accept(PerMessageDeflate.parse(req.extensions()));
        }
        ws.pending.put(cli, new WebSockets.Pending(srv, path, qry, Handshake.accept(req.key()), protocol, found.callback(), deflate));
        return TclObj.of(1);
    }

    /**
     * upgrade sock: answers a client that passed test with 101 Switching Protocols and takes the
     * socket over as a server-side WebSocket; the handler's connect message is {path query}.
     */
    static TclObj upgrade(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2) throw TclException.wrongArgs(objv, 1, "sock");
        WebSockets ws = ws(interp);
        String sock = objv[1].toString();
        WebSockets.Pending p = ws.pending.remove(sock);
        if (p == null) {
            ws.log.log(WebSocketLog.WARN, sock + " does not point to a client WebSocket");
            throw TclException.error(sock + " is not a WebSocket client", "WEBSOCKET");
        }
        Channel ch = ChannelTable.of(interp).get(sock);
        StringBuilder r = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n");
        r.append("Sec-WebSocket-Accept: ").append(p.accept()).append("\r\n");
        if (!p.protocol().isEmpty()) r.append("Sec-WebSocket-Protocol: ").append(p.protocol()).append("\r\n");
        if (p.deflate() != null) r.append("Sec-WebSocket-Extensions: ").append(p.deflate().response()).append("\r\n");
        r.append("\r\n");
        byte[] b = r.toString().getBytes(StandardCharsets.ISO_8859_1);
        try {
            ch.writeBytes(b, 0, b.length);
            ch.flush();
        } catch (IOException e) {
            throw TclException.error("error writing \"" + sock + "\": " + e.getMessage());
        }
        WebSocketConnection c = new WebSocketConnection(ws, sock, p.callback(), true);
        if (p.deflate() != null) c.setDeflate(p.deflate().codec());
        ws.add(c);
        c.start(TclObj.ofList(TclObj.of(p.path()), p.query()));
        return TclObj.EMPTY;
    }

    /** takeover sock handler ?server? ?info?: makes an open socket a WebSocket. */
    static TclObj takeover(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 3 || objv.length > 5) throw TclException.wrongArgs(objv, 1, "sock handler ?server? ?info?");
        WebSockets ws = ws(interp);
        String sock = objv[1].toString();
        boolean server = objv.length > 3 && objv[3].asBoolean();
        ChannelTable.of(interp).get(sock);
        WebSocketConnection c = new WebSocketConnection(ws, sock, objv[2], server);
        ws.add(c);
        try {
            c.start(objv.length > 4 ? objv[4] : TclObj.EMPTY);
        } catch (TclException e) {
            c.gone();
            throw e;
        }
        return TclObj.EMPTY;
    }

    /** validate hdrs: tcllib's check of a request's headers; a dict of key, version, protocols. */
    static TclObj validate(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2) throw TclException.wrongArgs(objv, 1, "hdrs");
        Handshake.Request r = Handshake.validate(WebSockets.strings(objv[1]));
        List<TclObj> d = new ArrayList<>();
        for (String k : r.order()) {
            d.add(TclObj.of(k));
            switch (k) {
                case "key" -> d.add(TclObj.of(r.key()));
                case "version" -> d.add(TclObj.of(r.version()));
                default -> {
                    List<TclObj> ps = new ArrayList<>();
                    for (String p : r.protocols()) ps.add(TclObj.of(p));
                    d.add(TclObj.ofList(TclList.of(ps)));
                }
            }
        }
        return TclObj.ofList(TclList.of(d));
    }

    /** sec-websocket-accept key: the Sec-WebSocket-Accept value for a client's key. */
    static TclObj secWebsocketAccept(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2) throw TclException.wrongArgs(objv, 1, "key");
        return TclObj.of(Handshake.accept(objv[1].toString()));
    }

    /** The socket's readable (and, while connecting, writable) event. */
    static TclObj receiver(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2) throw TclException.wrongArgs(objv, 1, "sock");
        WebSocketConnection c = ws(interp).connections.get(objv[1].toString());
        if (c == null) {
            // not a WebSocket any more: stop listening
            Channel ch = ChannelTable.of(interp).lookup(objv[1].toString());
            if (ch != null) ws(interp).tcl("::fileevent", objv[1], "readable", "");
            return TclObj.EMPTY;
        }
        c.readable();
        return TclObj.EMPTY;
    }

    // ======================================================================================
    // Both
    // ======================================================================================

    private static final String TYPES = "Unrecognised type, should be one of text, binary, ping, pong, close or a protocol valid integer";

    /**
     * send sock type ?msg? ?final?: sends a message, a fragment (final 0) or a control frame.
     * Returns the bytes written, or -1 if the WebSocket is not connected.
     */
    static TclObj send(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 3 || objv.length > 5) throw TclException.wrongArgs(objv, 1, "sock type ?msg? ?final?");
        WebSockets ws = ws(interp);
        WebSocketConnection c = ws.get(objv[1].toString());
        if (!c.state.equals(WebSocketConnection.CONNECTED)) {
            ws.log.log(WebSocketLog.WARN, "Cannot send along WS " + c.sock + ", not connected");
            return TclObj.of(-1);
        }
        int opcode = opcode(objv[2]);
        TclObj msg = objv.length > 3 ? objv[3] : TclObj.EMPTY;
        boolean last = objv.length <= 4 || objv[4].asBoolean();
        byte[] frame;
        if (opcode == FrameDecoder.TEXT || opcode == FrameDecoder.BINARY) {
            int open = c.encoder.openMessage();
            if (open >= 0 && open != opcode) throw TclException.error("Cannot change type of message under continuation!", "WEBSOCKET");
            byte[] payload = opcode == FrameDecoder.TEXT ? msg.toString().getBytes(StandardCharsets.UTF_8) : WebSockets.byteArray(msg);
            frame = c.encoder.data(opcode, payload, 0, payload.length, last);
        } else {
            if (!last) throw TclException.error("Control frames cannot be fragmented", "WEBSOCKET");
            byte[] payload = WebSockets.byteArray(msg);
            if (payload.length > 125) throw TclException.error("Control frame payload longer than 125 bytes", "WEBSOCKET");
            if (opcode == FrameDecoder.CLOSE) {
                TclObj event = closeEvent(payload);
                c.close(payload, event);
                return TclObj.of(payload.length + 2);
            }
            frame = c.encoder.control(opcode, payload, 0, payload.length);
        }
        // (the keepalive timer sees the traffic when it comes due: no timer is touched here)
        if (!c.writeFrame(frame)) return TclObj.of(-1);
        return TclObj.of(frame.length);
    }

    private static int opcode(TclObj type) throws TclException {
        String t = type.toString();
        if (t.isEmpty()) throw TclException.error(TYPES, "WEBSOCKET");
        if (type.toInteger()) {
            long v = type.asLong();
            if (v == 1 || v == 2 || v == 8 || v == 9 || v == 10) return (int) v;
            throw TclException.error(TYPES, "WEBSOCKET");
        }
        String l = t.toLowerCase(java.util.Locale.ROOT);
        // tcllib's prefixes: t* text, b* binary, p* ping; and pong and close
        if (l.startsWith("po")) return FrameDecoder.PONG;
        if (l.startsWith("t")) return FrameDecoder.TEXT;
        if (l.startsWith("b")) return FrameDecoder.BINARY;
        if (l.startsWith("p")) return FrameDecoder.PING;
        if (l.startsWith("c")) return FrameDecoder.CLOSE;
        throw TclException.error(TYPES, "WEBSOCKET");
    }

    /** The close event for a Close payload sent with send: its code and reason, checked. */
    private static TclObj closeEvent(byte[] p) throws TclException {
        if (p.length == 0) return TclObj.EMPTY;
        if (p.length == 1) throw TclException.error("A close payload is empty or starts with a 2-byte code", "WEBSOCKET");
        int code = ((p[0] & 0xFF) << 8) | (p[1] & 0xFF);
        if (!CloseCodes.valid(code)) throw TclException.error("Invalid close code " + code, "WEBSOCKET");
        if (!Utf8Validator.isValid(p, 2, p.length - 2)) throw TclException.error("The close reason is not UTF-8", "WEBSOCKET");
        return WebSocketConnection.closeInfo(code, new String(p, 2, p.length - 2, StandardCharsets.UTF_8));
    }

    /**
     * close sock ?code? ?reason?: starts the closing handshake. A code that is empty or not an
     * integer sends a Close without one (as tcllib); an integer must be a code a Close may carry.
     */
    static TclObj close(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2 || objv.length > 4) throw TclException.wrongArgs(objv, 1, "sock ?code? ?reason?");
        WebSockets ws = ws(interp);
        WebSocketConnection c = ws.get(objv[1].toString());
        if (c.state.equals(WebSocketConnection.CLOSED)) {
            ws.log.log(WebSocketLog.NOTICE, "Connection already closed");
            return TclObj.EMPTY;
        }
        TclObj codeObj = objv.length > 2 ? objv[2] : TclObj.of(1000);
        String reason = objv.length > 3 ? objv[3].toString() : "";
        if (codeObj.isEmptyString() || !codeObj.toInteger()) {
            c.close(new byte[0], TclObj.EMPTY);
            return TclObj.EMPTY;
        }
        long code = codeObj.asLong();
        if (code < 0 || code > 65535 || !CloseCodes.valid((int) code)) {
            throw TclException.error("Invalid close code " + code + ": use 1000-1003, 1007-1014 or 3000-4999", "WEBSOCKET");
        }
        if (reason.isEmpty()) reason = CloseCodes.defaultReason((int) code);
        byte[] payload = WebSocketConnection.closePayload((int) code, reason);
        String sent = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        c.close(payload, TclObj.ofList(TclObj.of(code), TclObj.of(sent)));
        return TclObj.EMPTY;
    }

    /** conninfo sock what: peername, sockname (name), closed, client, server, type, handler, state. */
    static TclObj conninfo(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 1, "sock what");
        WebSocketConnection c = ws(interp).get(objv[1].toString());
        String what = objv[2].toString();
        if (Glob.match("peer*", what, true)) return TclObj.of(WebSocketConnection.hostOf(c.peer(), "0.0.0.0"));
        if (what.equalsIgnoreCase("sockname") || what.equalsIgnoreCase("name")) {
            return TclObj.of(WebSocketConnection.hostOf(c.local(), "127.0.0.1"));
        }
        if (Glob.match("close*", what, true)) return TclObj.of(c.state.equals(WebSocketConnection.CLOSED));
        if (what.equalsIgnoreCase("client")) return TclObj.of(!c.server);
        if (what.equalsIgnoreCase("server")) return TclObj.of(c.server);
        if (what.equalsIgnoreCase("type")) return TclObj.of(c.server ? "server" : "client");
        if (what.equalsIgnoreCase("handler")) return c.handler;
        if (what.equalsIgnoreCase("state")) return TclObj.of(c.state);
        throw TclException.error(what + " is not a known information piece for a websocket", "WEBSOCKET");
    }

    /** find ?host? ?port?: the WebSockets whose remote end matches (host against address or name). */
    static TclObj find(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length > 3) throw TclException.wrongArgs(objv, 1, "?host? ?port?");
        String host = objv.length > 1 ? objv[1].toString() : "*";
        String port = objv.length > 2 ? objv[2].toString() : "*";
        List<TclObj> out = new ArrayList<>();
        for (WebSocketConnection c : ws(interp).live()) {
            TclList p = c.peer();
            String ip = p.size() > 0 ? p.get(0).toString() : "";
            String name = p.size() > 1 ? p.get(1).toString() : "";
            String prt = p.size() > 2 ? p.get(2).toString() : "";
            if ((Glob.match(host, ip, false) || Glob.match(host, name, false)) && Glob.match(port, prt, false)) {
                out.add(TclObj.of(c.sock));
            }
        }
        return TclObj.ofList(TclList.of(out));
    }

    /**
     * configure sock ?option value ...?: -keepalive (seconds between pings on a quiet connection,
     * 0 for none) and -ping (their payload), as tcllib; tclj adds -maxlength (the longest message
     * accepted, in bytes) and -timeout (seconds a ping waits for an answer before the connection
     * is given up, 0 for ever). Options match as in tcllib (k*, p*, and m*, t*). With one option,
     * returns its value; with none, all of them.
     */
    static TclObj configure(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "sock ?arg ...?");
        WebSocketConnection c = ws(interp).get(objv[1].toString());
        if (objv.length == 2) {
            return TclObj.ofList(TclObj.of("-keepalive"), TclObj.of(c.keepalive), TclObj.of("-ping"), c.ping,
                    TclObj.of("-maxlength"), TclObj.of(c.maxLength), TclObj.of("-timeout"), TclObj.of(c.pongTimeout));
        }
        if (objv.length == 3) return get(c, objv[2]);
        if (objv.length % 2 != 0) throw TclException.error("value for \"" + objv[objv.length - 1] + "\" missing", "WEBSOCKET");
        for (int i = 2; i < objv.length; i += 2) {
            String k = option(objv[i]);
            TclObj v = objv[i + 1];
            switch (k) {
                case "-keepalive" -> {
                    c.keepalive = v.asLong();
                    c.scheduleLiveness();
                }
                case "-ping" -> {
                    if (WebSockets.byteArray(v).length > 125) {
                        throw TclException.error("Control frame payload longer than 125 bytes", "WEBSOCKET");
                    }
                    c.ping = v;
                }
                case "-maxlength" -> {
                    long n = v.asLong();
                    if (n <= 0) throw TclException.error("-maxlength must be positive", "WEBSOCKET");
                    c.maxLength = n;
                    c.decoder.setMaxLength(n);
                }
                default -> {
                    long n = v.asLong();
                    if (n < 0) throw TclException.error("-timeout must not be negative", "WEBSOCKET");
                    c.pongTimeout = n;
                }
            }
        }
        return TclObj.EMPTY;
    }

    private static TclObj get(WebSocketConnection c, TclObj opt) throws TclException {
        return switch (option(opt)) {
            case "-keepalive" -> TclObj.of(c.keepalive);
            case "-ping" -> c.ping;
            case "-maxlength" -> TclObj.of(c.maxLength);
            default -> TclObj.of(c.pongTimeout);
        };
    }

    /** An option name as tcllib matches them: dashes stripped, then k*, p*, m*, t* (any case). */
    private static String option(TclObj o) throws TclException {
        String k = o.toString();
        String n = k.replaceFirst("^-+", "").toLowerCase(java.util.Locale.ROOT);
        if (n.startsWith("k")) return "-keepalive";
        if (n.startsWith("p")) return "-ping";
        if (n.startsWith("m")) return "-maxlength";
        if (n.startsWith("t")) return "-timeout";
        throw TclException.error(k + " is not a recognised option", "WEBSOCKET");
    }

    /** loglevel ?level?: the log level, after setting it if one is given (an unknown one is ignored). */
    static TclObj loglevel(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length > 2) throw TclException.wrongArgs(objv, 1, "?loglvl?");
        WebSockets ws = ws(interp);
        if (objv.length == 2 && !objv[1].isEmptyString() && ws.log.setLevel(objv[1].toString())) {
            interp.setVar("::websocket::WS(loglevel)", TclObj.of(ws.log.level()));
        }
        return TclObj.of(ws.log.level());
    }
}
