package dev.tclj.net.websocket;

import dev.tclj.CallFrame;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The websocket package's state in one interpreter: its connections by socket name, the
 * servers declared with {@code server} and their {@code live} handlers, the clients that passed
 * {@code test} and wait for {@code upgrade}, and the log. Package-wide defaults live where
 * tcllib keeps them, in the array {@code ::websocket::WS} ({@code -keepalive}, {@code -ping},
 * {@code maxlength}, and tclj's {@code deflate}), so scripts that tune tcllib's work unchanged.
 */
final class WebSockets {
    private static final Object KEY = new Object();

    final Interp interp;
    final WebSocketLog log;
    final Map<String, WebSocketConnection> connections = new LinkedHashMap<>();
    /** Server sockets: their live handlers, in the order declared. */
    final Map<String, List<Live>> servers = new LinkedHashMap<>();
    /** Clients that passed test, by client socket. */
    final Map<String, Pending> pending = new LinkedHashMap<>();

    record Live(String pattern, TclObj callback, String protocol) {}

    /** A client a server's test accepted: what upgrade needs to answer it. */
    record Pending(String server, String path, TclObj query, String accept, String protocol, TclObj callback,
                   PerMessageDeflate.Agreement deflate) {}

    private WebSockets(Interp interp) {
        this.interp = interp;
        this.log = new WebSocketLog(interp);
    }

    static WebSockets of(Interp interp) {
        WebSockets w = interp.getAssoc(KEY);
        if (w == null) {
            w = new WebSockets(interp);
            interp.setAssoc(KEY, w);
        }
        return w;
    }

    /** The connection on sock, or tcllib's error. */
    WebSocketConnection get(String sock) throws TclException {
        WebSocketConnection c = connections.get(sock);
        if (c != null && c.channel() == null) {
            // the script closed the channel itself: the WebSocket went with it
            c.gone();
            c = null;
        }
        if (c == null) {
            log.log(WebSocketLog.WARN, sock + " is not a WebSocket connection anymore");
            throw notWebSocket(sock);
        }
        return c;
    }

    static TclException notWebSocket(String sock) {
        return TclException.error(sock + " is not a WebSocket", "WEBSOCKET");
    }

    /** Registers c, replacing (silently) an older connection on the same socket. */
    void add(WebSocketConnection c) {
        WebSocketConnection old = connections.put(c.sock, c);
        if (old != null && old != c) old.replaced();
    }

    /** The live connections, after dropping those whose channel the script has closed. */
    List<WebSocketConnection> live() {
        List<WebSocketConnection> l = new ArrayList<>();
        for (WebSocketConnection c : new ArrayList<>(connections.values())) {
            if (c.channel() == null) c.gone();
            else l.add(c);
        }
        return l;
    }

    void forget(WebSocketConnection c) {
        connections.remove(c.sock, c);
    }

    // ======================================================================================
    // Calling Tcl
    // ======================================================================================

    /** Invokes a command given as words at global level and returns its result. */
    TclObj tcl(Object... words) throws TclException {
        TclObj[] w = new TclObj[words.length];
        for (int i = 0; i < w.length; i++) w[i] = words[i] instanceof TclObj o ? o : TclObj.of(words[i].toString());
        CallFrame save = interp.currentFrame();
        interp.setFrame(interp.globalFrame());
        try {
            return interp.invokeWords(w, interp.globalNamespace());
        } finally {
            interp.setFrame(save);
        }
    }

    /**
     * Calls a handler with sock, type and msg appended, at global level; an error in it is
     * logged, as tcllib's Push does, and goes no further.
     */
    void push(TclObj[] handlerWords, TclObj handler, String sock, String type, TclObj msg) {
        if (interp.isDeleted()) return;
        if (handlerWords == null) {
            log.log(WebSocketLog.ERROR, "Error when executing WebSocket reception handler: invalid handler \"" + handler + "\"");
            return;
        }
        TclObj[] w = new TclObj[handlerWords.length + 3];
        System.arraycopy(handlerWords, 0, w, 0, handlerWords.length);
        w[handlerWords.length] = TclObj.of(sock);
        w[handlerWords.length + 1] = TclObj.of(type);
        w[handlerWords.length + 2] = msg;
        CallFrame save = interp.currentFrame();
        interp.setFrame(interp.globalFrame());
        try {
            interp.invokeWords(w, interp.globalNamespace());
        } catch (TclException e) {
            log.log(WebSocketLog.ERROR, "Error when executing WebSocket reception handler: " + e.result());
        } finally {
            interp.setFrame(save);
        }
    }

    // ======================================================================================
    // Defaults (::websocket::WS)
    // ======================================================================================

    TclObj defaultValue(String key, TclObj none) {
        TclObj v = interp.getVarOrNull("::websocket::WS(" + key + ")");
        return v == null ? none : v;
    }

    long defaultLong(String key, long none) throws TclException {
        TclObj v = interp.getVarOrNull("::websocket::WS(" + key + ")");
        return v == null ? none : v.asLong();
    }

    boolean deflateEnabled() throws TclException {
        TclObj v = interp.getVarOrNull("::websocket::WS(deflate)");
        return v == null || v.asBoolean();
    }

    // ======================================================================================
    // Values
    // ======================================================================================

    /** The bytes of a value as Tcl's byte arrays see them (the low 8 bits of each character). */
    static byte[] byteArray(TclObj v) {
        String s = v.toString();
        int n = s.length();
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) s.charAt(i);
        return b;
    }

    /** Elements of a list value, or the Tcl error for a malformed list. */
    static List<String> strings(TclObj list) throws TclException {
        List<String> l = new ArrayList<>();
        for (TclObj o : list.asList().toArray()) l.add(o.toString());
        return l;
    }
}
