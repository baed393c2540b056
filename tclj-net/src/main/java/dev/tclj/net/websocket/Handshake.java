package dev.tclj.net.websocket;

import dev.tclj.TclException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The opening handshake's HTTP side (RFC 6455 section 4): the accept key, the checks a server
 * makes on a client's request headers (tcllib's {@code ::websocket::validate}, with its
 * messages and error codes), the client's key, and the reading of the server's response.
 */
final class Handshake {
    private Handshake() {}

    static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    static final String VERSION = "13";
    /** The longest response head a client reads before giving up on the server. */
    static final int MAX_HEAD = 16384;

    private static final SecureRandom KEYS = new SecureRandom();

    /** Sec-WebSocket-Accept for a Sec-WebSocket-Key. */
    static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] d = sha1.digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java platform", e);
        }
    }

    /** A fresh client key: 16 random bytes in base64. */
    static String newKey() {
        byte[] b = new byte[16];
        KEYS.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** RFC 7230 tchar: the characters of a token. */
    private static final String TCHARS = "!#$%&'*+-.^_`|~";

    static boolean isToken(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || TCHARS.indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }

    /** ASCII lower case (RFC 6455 section 2.1 compares header names and tokens so). */
    static String lower(String s) { return s.toLowerCase(Locale.ROOT); }

    /** The elements of a comma-separated header value, trimmed of spaces and tabs, empty ones dropped. */
    static List<String> commaList(String v) {
        List<String> l = new ArrayList<>();
        for (String e : v.split(",", -1)) {
            String t = strip(e);
            if (!t.isEmpty()) l.add(t);
        }
        return l;
    }

    /** Strips spaces and tabs (HTTP's optional white space), and nothing else. */
    static String strip(String s) {
        int a = 0, b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) a++;
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) b--;
        return s.substring(a, b);
    }

    /**
     * What validate found: the key, the version, the protocols offered (null: no such header),
     * the extension offers; order names "key", "version" and "protocols" as they first appeared.
     */
    record Request(String key, String version, List<String> protocols, List<String> extensions, List<String> order) {}

    /**
     * Checks a client's request headers, given as a list of names and values (as tcllib's
     * validate does): Connection must name upgrade, Upgrade websocket, the version must be 13, the
     * key 24 base64 characters, the protocols tokens. Errors carry tcllib's messages and error
     * codes ({@code WEBSOCKET HANDSHAKE ...}).
     */
    static Request validate(List<String> hdrs) throws TclException {
        boolean upgrading = false;
        String version = null, key = null;
        List<String> protocols = null;
        List<String> extensions = new ArrayList<>();
        List<String> order = new ArrayList<>(3);
        for (int i = 0; i + 1 < hdrs.size(); i += 2) {
            String v = hdrs.get(i + 1);
            switch (lower(hdrs.get(i))) {
                case "connection" -> {
                    for (String t : commaList(v)) if (lower(t).equals("upgrade")) upgrading = true;
                }
                case "upgrade" -> {
                    boolean ws = false;
                    for (String t : commaList(v)) {
                        // a protocol may carry a version after a slash: compare the name only
                        int slash = t.indexOf('/');
                        if (lower(slash < 0 ? t : t.substring(0, slash)).equals("websocket")) ws = true;
                    }
                    if (!ws) throw handshakeError("No 'Upgrade' header with 'websocket' token found", "UPGRADE");
                }
                case "sec-websocket-version" -> {
                    String ver = strip(v);
                    if (!ver.equals(VERSION)) throw handshakeError("Invalid WebSocket version '" + ver + "'", "VERSION");
                    if (version == null && !order.contains("version")) order.add("version");
                    version = ver;
                }
                case "sec-websocket-key" -> {
                    String k = strip(v);
                    if (k.length() != 24) throw handshakeError("Invalid WebSocket key length", "KEY");
                    if (!isBase64(k)) throw handshakeError("Invalid WebSocket key: not base64", "KEY");
                    if (!order.contains("key")) order.add("key");
                    key = k;
                }
                case "sec-websocket-protocol" -> {
                    // there may be several of these headers
                    if (protocols == null) {
                        protocols = new ArrayList<>();
                        order.add("protocols");
                    }
                    for (String p : commaList(v)) {
                        if (!isToken(p)) throw handshakeError("Invalid protocol name '" + p + "'", "PROTOCOL");
                        protocols.add(p);
                    }
                }
                case "sec-websocket-extensions" -> extensions.add(v);
                default -> { }
            }
        }
        if (!upgrading) throw handshakeError("No 'Connect' header with 'upgrade' token found", "CONNECTION");
        if (version == null) throw handshakeError("No WebSocket version specified", "VERSION");
        if (key == null) throw handshakeError("No WebSocket key specified", "KEY");
        return new Request(key, version, protocols, extensions, order);
    }

    private static boolean isBase64(String k) {
        int i = 0, n = k.length();
        while (i < n && (Character.isLetterOrDigit(k.charAt(i)) && k.charAt(i) < 128 || k.charAt(i) == '+' || k.charAt(i) == '/')) i++;
        int pad = 0;
        while (i < n && k.charAt(i) == '=' && pad < 2) {
            i++;
            pad++;
        }
        return i == n;
    }

    static TclException handshakeError(String msg, String what) {
        return TclException.error(msg, "WEBSOCKET", "HANDSHAKE", what);
    }

    /** An HTTP response head: the status code and the headers, names as sent. */
    record Response(int status, List<String> headers) {
        /** The values of every header called name (case-insensitive), in order. */
        List<String> all(String name) {
            List<String> l = new ArrayList<>();
            for (int i = 0; i < headers.size(); i += 2) if (headers.get(i).equalsIgnoreCase(name)) l.add(headers.get(i + 1));
            return l;
        }

        /** The value of header name (several joined with ", "), or null. */
        String get(String name) {
            List<String> l = all(name);
            return l.isEmpty() ? null : String.join(", ", l);
        }
    }

    /** Where the head ends in b[0, n) (just past the empty line), or -1 if it has not yet. */
    static int headEnd(byte[] b, int n) {
        for (int i = 3; i < n; i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') return i + 1;
        }
        // also a bare-LF blank line, as lenient HTTP readers (Tcl's http) accept
        for (int i = 1; i < n; i++) if (b[i] == '\n' && b[i - 1] == '\n') return i + 1;
        return -1;
    }

    /** Parses a response head; null if the status line is not HTTP's. */
    static Response parseResponse(byte[] b, int n) {
        String head = new String(b, 0, n, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r?\n");
        if (lines.length == 0) return null;
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/")) return null;
        int code;
        try {
            code = Integer.parseInt(status[1]);
        } catch (NumberFormatException e) {
            return null;
        }
        List<String> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty()) break;
            int colon = l.indexOf(':');
            if (colon <= 0) continue;
            headers.add(strip(l.substring(0, colon)));
            headers.add(strip(l.substring(colon + 1)));
        }
        return new Response(code, headers);
    }
}
