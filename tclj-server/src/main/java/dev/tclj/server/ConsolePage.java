package dev.tclj.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The browser console's files, served by {@link WebSocketTransport} at {@code /}: plain HTML,
 * CSS and JavaScript kept as resources under {@code dev/tclj/server/console/} (no build step).
 * The page learns the WebSocket path from a meta element the server fills in.
 */
final class ConsolePage {
    private ConsolePage() {}

    /** A file of the console: its resource and its content type. */
    record File(String resource, String contentType) {
        /** The bytes to send; in the page, the WebSocket path in place of its marker. */
        byte[] body(String webSocketPath) {
            byte[] b = load(resource);
            if (!resource.endsWith(".html")) return b;
            String html = new String(b, StandardCharsets.UTF_8);
            return html.replace("@WEBSOCKET_PATH@", escape(webSocketPath)).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final Map<String, File> FILES = Map.of(
            "/", new File("index.html", "text/html; charset=utf-8"),
            "/index.html", new File("index.html", "text/html; charset=utf-8"),
            "/console.js", new File("console.js", "text/javascript; charset=utf-8"),
            "/console.css", new File("console.css", "text/css; charset=utf-8"));

    /** The file served at a path, or null. */
    static File file(String path) { return FILES.get(path); }

    private static byte[] load(String name) {
        try (InputStream in = ConsolePage.class.getResourceAsStream("console/" + name)) {
            if (in == null) throw new IllegalStateException("console resource missing: " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text for an HTML attribute value. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
