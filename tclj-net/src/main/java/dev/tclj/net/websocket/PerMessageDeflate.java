package dev.tclj.net.websocket;

import dev.tclj.io.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The permessage-deflate extension (RFC 7692): its negotiation, and the compression of one
 * connection's messages with java.util.zip (raw DEFLATE).
 *
 * <p>java.util.zip always compresses with a 32 KiB window, so an offer that asks the server to
 * use a smaller one (server_max_window_bits below 15) is declined, and the client never offers
 * client_max_window_bits (a server could then demand a smaller window). Any window is fine for
 * decompressing. "No context takeover" makes the side concerned start each message afresh.
 */
final class PerMessageDeflate {
    static final String NAME = "permessage-deflate";
    /** The empty stored block that ends a sync flush: stripped from each message, put back to inflate. */
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    /** Compression level: the fastest, as messages are usually small and latency matters more. */
    static final int LEVEL = Deflater.BEST_SPEED;

    private final boolean resetDeflater, resetInflater;
    private final Deflater deflater = new Deflater(LEVEL, true);
    private final Inflater inflater = new Inflater(true);
    private byte[] scratch = new byte[8192];

    /** resetDeflater: our messages carry no context; resetInflater: the peer's carry none. */
    PerMessageDeflate(boolean resetDeflater, boolean resetInflater) {
        this.resetDeflater = resetDeflater;
        this.resetInflater = resetInflater;
    }

    // ======================================================================================
    // Negotiation
    // ======================================================================================

    /** One offered or accepted extension: its name and parameters (value null when absent). */
    record Extension(String name, List<String[]> params) {}

    /**
     * Parses Sec-WebSocket-Extensions values (each a comma-separated list of extensions with
     * ";"-separated parameters, values possibly quoted). Returns null if the syntax is broken.
     */
    static List<Extension> parse(List<String> headerValues) {
        List<Extension> out = new ArrayList<>();
        for (String value : headerValues) {
            for (String ext : splitOutsideQuotes(value, ',')) {
                if (ext.isBlank()) continue;
                List<String> parts = splitOutsideQuotes(ext, ';');
                String name = parts.get(0).strip();
                if (!Handshake.isToken(name)) return null;
                List<String[]> params = new ArrayList<>();
                for (int i = 1; i < parts.size(); i++) {
                    String p = parts.get(i).strip();
                    int eq = p.indexOf('=');
                    String k = (eq < 0 ? p : p.substring(0, eq)).strip();
                    String v = eq < 0 ? null : p.substring(eq + 1).strip();
                    if (v != null && v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1);
                    }
                    if (!Handshake.isToken(k) || (v != null && !Handshake.isToken(v))) return null;
                    params.add(new String[] {k, v});
                }
                out.add(new Extension(name, params));
            }
        }
        return out;
    }

    private static List<String> splitOutsideQuotes(String s, char sep) {
        List<String> l = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (c == sep && !quoted) {
                l.add(s.substring(start, i));
                start = i + 1;
            }
        }
        l.add(s.substring(start));
        return l;
    }

    /** What a server agreed to: the response header's value and the codec it implies. */
    record Agreement(String response, PerMessageDeflate codec) {}

    /**
     * The server's choice among a client's offers: the first permessage-deflate offer it can
     * honour, or null (then the connection goes without compression).
     */
    static Agreement accept(List<Extension> offers) {
        if (offers == null) return null;
        for (Extension e : offers) {
            if (!e.name().equalsIgnoreCase(NAME)) continue;
            boolean serverNoContext = false, clientNoContext = false, serverBits = false, clientBits = false, ok = true;
            for (String[] p : e.params()) {
                String k = p[0].toLowerCase(java.util.Locale.ROOT);
                switch (k) {
                    case "server_no_context_takeover" -> {
                        ok &= p[1] == null && !serverNoContext;
                        serverNoContext = true;
                    }
                    case "client_no_context_takeover" -> {
                        ok &= p[1] == null && !clientNoContext;
                        clientNoContext = true;
                    }
                    case "server_max_window_bits" -> {
                        // only a 15-bit window can be honoured (see the class comment)
                        ok &= !serverBits && windowBits(p[1]) == 15;
                        serverBits = true;
                    }
                    case "client_max_window_bits" -> {
                        ok &= !clientBits && (p[1] == null || windowBits(p[1]) > 0);
                        clientBits = true;
                    }
                    default -> ok = false;
                }
            }
            if (!ok) continue;
            StringBuilder r = new StringBuilder(NAME);
            if (serverNoContext) r.append("; server_no_context_takeover");
            if (clientNoContext) r.append("; client_no_context_takeover");
            if (serverBits) r.append("; server_max_window_bits=15");
            return new Agreement(r.toString(), new PerMessageDeflate(serverNoContext, clientNoContext));
        }
        return null;
    }

    /** The client's offer. */
    static String offer() { return NAME; }

    /**
     * The client's reading of the server's response to {@link #offer}: the codec, or null with
     * why[0] set when the response is not one the offer allows.
     */
    static PerMessageDeflate accepted(List<Extension> response, String[] why) {
        if (response.size() != 1 || !response.get(0).name().equalsIgnoreCase(NAME)) {
            why[0] = "the server accepted an extension that was not offered";
            return null;
        }
        boolean serverNoContext = false, clientNoContext = false, serverBits = false;
        for (String[] p : response.get(0).params()) {
            switch (p[0].toLowerCase(java.util.Locale.ROOT)) {
                case "server_no_context_takeover" -> {
                    if (p[1] != null || serverNoContext) return bad(why);
                    serverNoContext = true;
                }
                case "client_no_context_takeover" -> {
                    if (p[1] != null || clientNoContext) return bad(why);
                    clientNoContext = true;
                }
                case "server_max_window_bits" -> {
                    if (serverBits || windowBits(p[1]) < 0) return bad(why);
                    serverBits = true;
                }
                default -> {
                    // client_max_window_bits was not offered: the server may not ask for it
                    return bad(why);
                }
            }
        }
        return new PerMessageDeflate(clientNoContext, serverNoContext);
    }

    private static PerMessageDeflate bad(String[] why) {
        why[0] = "invalid permessage-deflate parameters in the server's response";
        return null;
    }

    /** A window size parameter's value (8..15), or -1. */
    private static int windowBits(String v) {
        if (v == null || v.isEmpty() || v.length() > 2 || (v.length() == 2 && v.charAt(0) == '0')) return -1;
        for (int i = 0; i < v.length(); i++) if (v.charAt(i) < '0' || v.charAt(i) > '9') return -1;
        int n = Integer.parseInt(v);
        return n >= 8 && n <= 15 ? n : -1;
    }

    // ======================================================================================
    // Compression
    // ======================================================================================

    /**
     * Compresses one fragment of a message. The last fragment's output loses the sync flush's
     * empty block, as the extension requires; the peer puts it back.
     */
    byte[] compress(byte[] b, int off, int len, boolean last) {
        deflater.setInput(b, off, len);
        Bytes out = new Bytes(len / 2 + 64);
        while (true) {
            int n = deflater.deflate(scratch, 0, scratch.length, Deflater.SYNC_FLUSH);
            out.append(scratch, 0, n);
            if (n < scratch.length) break;
        }
        int n = out.length();
        if (last) {
            if (n >= 4 && endsWithTail(out.array(), n)) n -= 4;
            if (resetDeflater) deflater.reset();
        }
        return java.util.Arrays.copyOf(out.array(), n);
    }

    private static boolean endsWithTail(byte[] a, int n) {
        return a[n - 4] == 0 && a[n - 3] == 0 && a[n - 2] == (byte) 0xFF && a[n - 1] == (byte) 0xFF;
    }

    /**
     * Decompresses one fragment of a compressed message into out. Returns false if out would
     * grow beyond max bytes; throws DataFormatException on data that is not DEFLATE.
     */
    boolean decompress(byte[] b, int off, int len, boolean last, Bytes out, long max) throws DataFormatException {
        if (!inflate(b, off, len, out, max)) return false;
        if (last) {
            if (!inflate(TAIL, 0, TAIL.length, out, max)) return false;
            // a peer that ends each message with a final block starts the next afresh
            if (resetInflater || inflater.finished()) inflater.reset();
        }
        return true;
    }

    private boolean inflate(byte[] b, int off, int len, Bytes out, long max) throws DataFormatException {
        inflater.setInput(b, off, len);
        while (true) {
            int n = inflater.inflate(scratch);
            if (n > 0) {
                if (out.length() + (long) n > max) return false;
                out.append(scratch, 0, n);
                continue;
            }
            if (inflater.needsDictionary()) throw new DataFormatException("a preset dictionary is not allowed");
            // all input taken, or the stream ended with a final block (what follows is ignored)
            return true;
        }
    }

    /** Frees zlib's memory (the connection is over). */
    void end() {
        deflater.end();
        inflater.end();
    }
}
