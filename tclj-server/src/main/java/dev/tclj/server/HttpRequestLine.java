package dev.tclj.server;

import java.util.List;

/**
 * Recognises the start of an HTTP/1 request, for the two places that must tell HTTP from Tcl:
 * the WebSocket transport, which serves HTTP on the server's port ({@link #startsWithMethod}),
 * and the line protocol's guard against cross-protocol attacks ({@link #matches}).
 *
 * <p>The attack: any web page can make its visitor's browser send a request to
 * {@code http://127.0.0.1:2048/} (a form posted as {@code text/plain}, whose body the page
 * chooses freely). Read as the line protocol, the request line and the headers fail as unknown
 * commands, but the body's lines are Tcl commands that run, {@code exec} included. A browser
 * always starts such a connection with its request line, {@code METHOD SP target SP HTTP/d.d},
 * which no Tcl command line resembles (a command named like an HTTP method, taking a path and
 * a version string as arguments), so a connection that starts that way is closed before any of
 * it is evaluated.
 */
final class HttpRequestLine {
    private HttpRequestLine() {}

    /** The request methods of HTTP/1.1 (RFC 9110) and PATCH (RFC 5789). */
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH",
            "CONNECT", "TRACE");

    /**
     * Whether line (without its newline; a CR before it is ignored) is an HTTP/1 request line:
     * a method, one space, a target without spaces, one space, {@code HTTP/} digit dot digit.
     */
    static boolean matches(CharSequence line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') end--;
        int sp = indexOf(line, ' ', 0, end);
        if (sp < 0 || !METHODS.contains(line.subSequence(0, sp).toString())) return false;
        int sp2 = indexOf(line, ' ', sp + 1, end);
        if (sp2 < 0 || sp2 == sp + 1) return false;
        // the version is the rest: exactly "HTTP/d.d"
        if (end - sp2 - 1 != 8) return false;
        for (int i = sp + 1; i < sp2; i++) if (Character.isWhitespace(line.charAt(i))) return false;
        int v = sp2 + 1;
        return line.subSequence(v, v + 5).toString().equals("HTTP/") && isDigit(line.charAt(v + 5))
                && line.charAt(v + 6) == '.' && isDigit(line.charAt(v + 7));
    }

    /**
     * What the first bytes of a connection (as ISO-8859-1) say: {@link Start#METHOD} when they
     * begin with a method and a space, {@link Start#MAYBE} when they are a beginning of one
     * (more bytes will tell), {@link Start#OTHER} when they cannot be HTTP.
     */
    static Start startsWithMethod(String first) {
        boolean maybe = false;
        for (String m : METHODS) {
            String withSpace = m + " ";
            if (first.startsWith(withSpace)) return Start.METHOD;
            if (withSpace.startsWith(first)) maybe = true;
        }
        return maybe ? Start.MAYBE : Start.OTHER;
    }

    enum Start { METHOD, MAYBE, OTHER }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private static int indexOf(CharSequence s, char c, int from, int end) {
        for (int i = from; i < end; i++) if (s.charAt(i) == c) return i;
        return -1;
    }
}
