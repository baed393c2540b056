package dev.tclj.server;

import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.parse.Parser;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of a TclServer that speaks the framed protocol ({@link Protocol#FRAMED}): sends a
 * script, returns its result, or throws the server's error with its errorCode and errorInfo; what
 * the script printed on the server comes back with the reply.
 *
 * <pre>{@code
 * try (TclServerClient c = TclServerClient.connect("127.0.0.1", port)) {
 *     String r = c.eval("expr {6 * 7}");               // "42"
 * }
 * }</pre>
 *
 * <p>The server evaluates each complete line of what it receives as a command of its own, so a
 * script of several commands on several lines gets several replies: {@link #send} expects as many
 * as the server will send (it splits the script the way the server does) and returns them all;
 * {@link #eval} returns the last result, or throws the first error. Not thread-safe: one
 * conversation at a time.
 */
public final class TclServerClient implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private TclServerClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to a framed TclServer. */
    public static TclServerClient connect(String host, int port) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port));
            s.setTcpNoDelay(true);
            return new TclServerClient(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** The reply to one command. */
    public record Reply(boolean ok, String result, TclObj options, String stdout, String stderr) {
        /** The errorCode of a failed command ("" for a success). */
        public String errorCode() { return option("-errorcode"); }

        /** The errorInfo of a failed command ("" for a success). */
        public String errorInfo() { return option("-errorinfo"); }

        private String option(String key) {
            if (options == null) return "";
            try {
                TclList l = options.asList();
                for (int i = 0; i + 1 < l.size(); i += 2) if (l.get(i).toString().equals(key)) return l.get(i + 1).toString();
            } catch (TclException e) {
                // a server sends a well-formed dictionary; nothing to add otherwise
            }
            return "";
        }
    }

    /** A command failed on the server: its message, errorCode and errorInfo. */
    public static final class RemoteError extends Exception {
        private final transient Reply reply;

        RemoteError(Reply reply) {
            super(reply.result(), null, false, false);
            this.reply = reply;
        }

        public String errorCode() { return reply.errorCode(); }

        public String errorInfo() { return reply.errorInfo(); }

        public Reply reply() { return reply; }
    }

    /**
     * Evaluates script on the server: the result of its last command, or the first error as a
     * {@link RemoteError}. What the script printed is left in the replies ({@link #send}).
     */
    public String eval(String script) throws IOException, RemoteError {
        List<Reply> replies = send(script);
        for (Reply r : replies) if (!r.ok()) throw new RemoteError(r);
        return replies.isEmpty() ? "" : replies.get(replies.size() - 1).result();
    }

    /**
     * Sends script (a newline is added if it has none) and reads the reply of each command the
     * server will see in it. The script must be complete ({@code info complete}): an incomplete
     * one would leave the server waiting for the rest.
     */
    public List<Reply> send(String script) throws IOException {
        String text = script.endsWith("\n") ? script : script + "\n";
        int commands = commandCount(text);
        if (commands < 0) throw new IllegalArgumentException("incomplete command: " + script);
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        List<Reply> replies = new ArrayList<>(commands);
        for (int i = 0; i < commands; i++) replies.add(readReply());
        return replies;
    }

    /** How many commands the server will find in text (it ends with a newline), or -1 if it ends incomplete. */
    static int commandCount(String text) {
        int n = 0, start = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (Parser.isComplete(text.substring(start, i + 1))) {
                n++;
                start = i + 1;
            }
        }
        return start == text.length() ? n : -1;
    }

    private Reply readReply() throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream(), stderr = new ByteArrayOutputStream();
        while (true) {
            String head = readLine();
            int sp = head.indexOf(' ');
            if (sp < 0) throw new IOException("not a TclServer frame: " + head);
            String type = head.substring(0, sp);
            int len;
            try {
                len = Integer.parseInt(head.substring(sp + 1));
            } catch (NumberFormatException e) {
                throw new IOException("not a TclServer frame: " + head);
            }
            byte[] payload = in.readNBytes(len);
            if (payload.length < len || in.read() != '\n') throw new EOFException("the server closed the connection");
            String text = new String(payload, StandardCharsets.UTF_8);
            switch (type) {
                case "stdout" -> stdout.writeBytes(payload);
                case "stderr" -> stderr.writeBytes(payload);
                case "ok" -> {
                    return new Reply(true, text, null, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
                }
                case "error" -> {
                    TclList l;
                    try {
                        l = TclObj.of(text).asList();
                    } catch (TclException e) {
                        throw new IOException("malformed error frame: " + text);
                    }
                    if (l.size() != 2) throw new IOException("malformed error frame: " + text);
                    return new Reply(false, l.get(0).toString(), l.get(1), stdout.toString(StandardCharsets.UTF_8),
                            stderr.toString(StandardCharsets.UTF_8));
                }
                default -> throw new IOException("unknown TclServer frame type: " + type);
            }
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder(16);
        while (true) {
            int b = in.read();
            if (b < 0) throw new EOFException("the server closed the connection");
            if (b == '\n') return sb.toString();
            if (sb.length() > 64) throw new IOException("not a TclServer frame: " + sb);
            sb.append((char) b);
        }
    }

    @Override
    public void close() throws IOException { socket.close(); }
}
