package dev.tclj.server;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.event.Notifier;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A Tcl server embedded in a Java program: clients connect over TCP, send Tcl commands, and get
 * their results back (NSCLDAQ TclServer's protocol by default, {@link Protocol#FRAMED} on
 * request). The same engine serves the Tcl package {@code TclServer}.
 *
 * <pre>{@code
 * try (TclServer server = TclServer.builder().port(0).build()) {
 *     server.start();
 *     System.out.println("listening on port " + server.port());
 *     ...
 * }
 * }</pre>
 *
 * <h2>Threads</h2>
 * An interpreter runs on one thread. Without {@link Builder#interp}, the server makes its own
 * interpreter and a thread that runs its event loop (a daemon thread, ended by {@link #close}).
 * With an interpreter of the program's, that interpreter's thread must run its event loop
 * ({@code vwait}, {@code update} or {@link Notifier#doOneEvent}) for clients to be served; build
 * the server on that thread. Every method may be called from any thread: from the interpreter's
 * own thread it acts at once, from another it hands the work to the interpreter's thread
 * ({@link Interp#post}) and waits for it.
 *
 * <h2>Hooks</h2>
 * {@link Handlers.OnConnect} runs when a client connects, with the client's socket channel
 * (blocking, so it may talk to the client first, to authenticate it, say); false closes the
 * connection. {@link Handlers.OnError} runs when a command fails; false closes the connection.
 * Either may be a Java function or a Tcl script ({@link Builder#onConnect(String)}).
 */
public final class TclServer implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final ServerEngine engine;
    private final Interp interp;
    /** The thread that runs the interpreter's event loop. */
    private final Thread interpThread;
    /** The loop this server runs itself (own interpreter), or null. */
    private final OwnLoop loop;
    private final boolean jmx;
    private volatile boolean closed;

    private TclServer(Builder b) {
        boolean own = b.interp == null;
        this.interp = own ? new Interp() : b.interp;
        this.engine = new ServerEngine(interp, b.name != null ? b.name : "tclserver-" + SEQ.incrementAndGet());
        engine.port = b.port;
        engine.myaddr = b.bindAddress;
        engine.onConnect = b.onConnect;
        engine.onError = b.onError;
        engine.protocol = b.protocol;
        engine.evalInterp = b.evalInterp;
        engine.clientInterps = b.clientInterps;
        engine.maxCommand = b.maxCommand;
        engine.timeLimit = b.timeLimit;
        engine.idleTimeout = b.idleTimeout;
        engine.maxConnections = b.maxConnections;
        engine.userAuth = b.userAuth;
        engine.httpGuard = b.httpGuard;
        engine.webSocket.path = b.webSocketPath;
        engine.webSocket.origins = b.webSocketOrigins;
        engine.webSocket.token = b.webSocketToken;
        this.jmx = b.jmx;
        if (own) {
            loop = new OwnLoop(interp, engine.name);
            interpThread = loop.thread;
            loop.thread.start();
        } else {
            loop = null;
            interpThread = Thread.currentThread();
        }
    }

    /** A new builder: port 0 (the system chooses), loopback only, the line protocol, no limits. */
    public static Builder builder() { return new Builder(); }

    // ======================================================================================
    // Control
    // ======================================================================================

    /**
     * Starts listening. Throws IOException when the socket cannot be opened (the socket
     * command's message: "couldn't open socket: address already in use"), and
     * IllegalStateException when the server is listening already or closed.
     */
    public void start() throws IOException {
        call(() -> {
            if (closed) throw new IllegalStateException("the server is closed");
            if (engine.isActive()) throw new IllegalStateException("the server is listening already");
            try {
                engine.start();
            } catch (TclException e) {
                throw new IOException(e.getMessage());
            }
            if (jmx) engine.registerMBean();
            return null;
        });
    }

    /** Stops listening; connected clients stay connected. Does nothing when not listening. */
    public void stop() {
        callUnchecked(() -> {
            if (engine.isActive()) engine.stop();
            return null;
        });
    }

    /** Closes every client connection (the server keeps listening if it was). */
    public void closeConnections() {
        callUnchecked(() -> {
            engine.closeAll();
            return null;
        });
    }

    /**
     * Stops listening, closes every connection, leaves JMX, and ends the server's own event loop
     * thread and interpreter if it made them. Closing twice is harmless.
     */
    @Override
    public void close() {
        if (closed) return;
        callUnchecked(() -> {
            closed = true;
            engine.shutdown();
            return null;
        });
        if (loop != null) loop.end();
    }

    // ======================================================================================
    // State
    // ======================================================================================

    /** The port the server listens (or last listened) on: the system's choice for port 0. */
    public int port() { return engine.boundPort(); }

    /** Whether the server is listening. */
    public boolean isActive() { return engine.stats.isActive(); }

    /** The interpreter the server runs in (its own, unless one was given). */
    public Interp interp() { return interp; }

    /** The channel names of the connected clients. */
    public List<String> connections() { return callUnchecked(engine::connectionNames); }

    /** The server's figures (also a JMX MBean unless turned off): live values, readable from any thread. */
    public ServerStatsMBean stats() { return engine.stats; }

    /**
     * The name of the server's MBean, once registered (registration runs in the background when
     * the server starts): waits up to timeout for it; null when JMX is off or unavailable.
     */
    public javax.management.ObjectName mbeanName(Duration timeout) throws InterruptedException {
        return engine.awaitMBean(timeout.toMillis());
    }

    /**
     * The token WebSocket clients must give ({@code ?token=...} in the request), or null when
     * none is required: the one set with {@link Builder#webSocketToken}, or, when the server
     * authenticates clients (onConnect, userAuth), one made at random for this server.
     */
    public String webSocketToken() { return callUnchecked(engine.webSocket::token); }

    /** The server's name, in the log and in its MBean's name. */
    public String name() { return engine.name; }

    // ======================================================================================
    // Running on the interpreter's thread
    // ======================================================================================

    private interface Work<T> {
        T run() throws IOException;
    }

    private <T> T call(Work<T> w) throws IOException {
        // the interpreter's thread is the one that runs its event loop (a program's interpreter
        // may be run by another thread than the one that built the server)
        Thread runner = interp.notifier().thread();
        if (runner == null) runner = interpThread;
        if (Thread.currentThread() == runner) return w.run();
        CompletableFuture<T> f = new CompletableFuture<>();
        interp.post(() -> {
            try {
                f.complete(w.run());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the server's interpreter", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    private <T> T callUnchecked(Work<T> w) {
        try {
            return call(w);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The event loop of a server that made its own interpreter: a daemon thread. */
    private static final class OwnLoop {
        final Thread thread;
        private final Notifier notifier;
        /** Keeps the loop waiting for work (rather than ending) while the server lives. */
        private final Notifier.Hold hold;
        private volatile boolean running = true;

        OwnLoop(Interp interp, String name) {
            this.notifier = interp.notifier();
            this.hold = notifier.hold();
            this.thread = new Thread(null, this::run, name, 64L * 1024 * 1024);
            thread.setDaemon(true);
        }

        private void run() {
            while (running) notifier.doOneEvent(Notifier.ALL_EVENTS);
        }

        void end() {
            running = false;
            hold.close();
            notifier.wake();
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    // ======================================================================================
    // Builder
    // ======================================================================================

    /** Settings of a {@link TclServer}; {@link #build} makes the server (not yet listening). */
    public static final class Builder {
        private int port;
        private String bindAddress = InetAddress.getLoopbackAddress().getHostAddress();
        private Interp interp;
        private Interp evalInterp;
        private Consumer<Interp> clientInterps;
        private Handlers.OnConnect onConnect;
        private Handlers.OnError onError;
        private Protocol protocol = Protocol.LINE;
        private long maxCommand, timeLimit, idleTimeout;
        private int maxConnections;
        private java.util.function.Predicate<String> userAuth;
        private boolean httpGuard = true;
        private String name;
        private boolean jmx = true;
        private String webSocketPath;
        private List<String> webSocketOrigins = List.of();
        private String webSocketToken;

        private Builder() {}

        /** The port to listen on, 0 (the default) to let the system choose; see {@link TclServer#port}. */
        public Builder port(int port) {
            if (port < 0 || port > 0xFFFF) throw new IllegalArgumentException("port out of range: " + port);
            this.port = port;
            return this;
        }

        /** The address to listen on (a name or a numeric address); null for every address. Default: loopback. */
        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /**
         * The interpreter to serve in; its thread must run its event loop (see the class
         * comment). Default: the server makes one and runs it on a thread of its own.
         */
        public Builder interp(Interp interp) {
            this.interp = interp;
            return this;
        }

        /** Where commands are evaluated (a safe child of the server's interpreter, say); default the server's interpreter. */
        public Builder evalInterp(Interp evalInterp) {
            this.evalInterp = evalInterp;
            return this;
        }

        /**
         * Gives every client a safe interpreter of its own (a child of the server's, deleted when
         * the client goes), which setup prepares: aliases to the commands the client may use, say.
         */
        public Builder clientInterps(Consumer<Interp> setup) {
            this.clientInterps = Objects.requireNonNull(setup);
            return this;
        }

        public Builder onConnect(Handlers.OnConnect onConnect) {
            this.onConnect = onConnect;
            return this;
        }

        /** A Tcl script called with the channel, the client's address and port appended (-onconnect). */
        public Builder onConnect(String script) {
            this.onConnect = Handlers.OnConnect.script(script);
            return this;
        }

        public Builder onError(Handlers.OnError onError) {
            this.onError = onError;
            return this;
        }

        /** A Tcl script called with the channel, the command and the message appended (-onerror). */
        public Builder onError(String script) {
            this.onError = Handlers.OnError.script(script);
            return this;
        }

        public Builder protocol(Protocol protocol) {
            this.protocol = Objects.requireNonNull(protocol);
            return this;
        }

        /**
         * A client's first line is its user name (NSCLDAQ tclserver's user authentication):
         * nothing it sends is evaluated until allowed accepts it, and it is disconnected if not.
         * The line is read as the rest of its input is, so a client that never sends it holds
         * back no other (unlike a blocking read in onConnect).
         */
        public Builder userAuth(java.util.function.Predicate<String> allowed) {
            this.userAuth = Objects.requireNonNull(allowed);
            return this;
        }

        /**
         * Whether a client whose first line is an HTTP request line ({@code POST / HTTP/1.1}) is
         * closed before anything it sent is evaluated (default true). Any web page can make its
         * visitor's browser post a form to a server on the visitor's machine, with Tcl commands
         * in its body; no Tcl client starts with such a line. With {@link #webSocket} set, HTTP
         * requests are the WebSocket transport's, whatever this says.
         */
        public Builder httpGuard(boolean on) {
            this.httpGuard = on;
            return this;
        }

        /** The largest command a client may send, complete or still arriving, in characters (0: no limit). */
        public Builder maxCommandSize(long chars) {
            this.maxCommand = nonNegative(chars);
            return this;
        }

        /** The longest a command may run (zero: no limit); past it the command fails ("time limit exceeded"). */
        public Builder timeLimit(Duration d) {
            this.timeLimit = nonNegative(d.toMillis());
            return this;
        }

        /** How long a client may send nothing before it is disconnected (zero: forever). */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = nonNegative(d.toMillis());
            return this;
        }

        /** The most clients connected at once (0: no limit); more are refused. */
        public Builder maxConnections(int n) {
            this.maxConnections = (int) nonNegative(n);
            return this;
        }

        /**
         * Serves WebSocket clients on the server's port, at path (null: off): each text message
         * is a script, answered with one message; {@code /} serves the browser console. See
         * the README for the replies and the security checks.
         */
        public Builder webSocket(String path) {
            if (path != null) WebSocketTransport.checkPath(path);
            this.webSocketPath = path;
            return this;
        }

        /**
         * Origins (such as {@code https://console.example.org}) allowed to open the WebSocket
         * besides the console page's own; browsers from any other are refused.
         */
        public Builder webSocketOrigins(List<String> origins) {
            this.webSocketOrigins = List.copyOf(origins);
            return this;
        }

        /** The token WebSocket clients must give; null: made at random when the server authenticates clients. */
        public Builder webSocketToken(String token) {
            if (token != null && token.isEmpty()) throw new IllegalArgumentException("empty token");
            this.webSocketToken = token;
            return this;
        }

        /** The server's name in the log and in JMX. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Whether to register the statistics as a JMX MBean when started (default true). */
        public Builder jmx(boolean on) {
            this.jmx = on;
            return this;
        }

        public TclServer build() { return new TclServer(this); }

        private static long nonNegative(long v) {
            if (v < 0) throw new IllegalArgumentException("must not be negative: " + v);
            return v;
        }
    }
}
