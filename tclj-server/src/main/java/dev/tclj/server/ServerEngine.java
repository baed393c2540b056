package dev.tclj.server;

import dev.tclj.Interp;
import dev.tclj.Interps;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelTable;
import dev.tclj.net.ServerSockets;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The server itself, shared by the Tcl package, the Java API and the tclserver command: listens
 * (through tclj-net's server sockets, so every client is an ordinary Tcl channel of the
 * interpreter), runs the connect hook, and serves each accepted client with a {@link
 * Connection}. Everything here runs on the interpreter's thread; the settings are plain fields
 * that the owner changes between events.
 */
final class ServerEngine {
    static final System.Logger LOG = System.getLogger("dev.tclj.server.TclServer");

    final Interp interp;
    /** A name for the log and JMX (the Tcl object's name, or "tclserver-PORT"). */
    String name;

    // ---- settings
    int port;
    /** The address to listen on; null: every address. */
    String myaddr;
    Handlers.OnConnect onConnect;
    Handlers.OnError onError;
    Protocol protocol = Protocol.LINE;
    /** Where commands are evaluated; null: the server's interpreter. */
    Interp evalInterp;
    /** When set, each client gets a safe child interpreter that this prepares (aliases...). */
    Consumer<Interp> clientInterps;
    /**
     * When set, a client's first line is its user name, which this must accept before anything
     * it sends is evaluated (read without blocking the other clients); null: no such line.
     */
    java.util.function.Predicate<String> userAuth;
    /** Limits; 0: none. Command size in characters, times in milliseconds. */
    long maxCommand, timeLimit, idleTimeout;
    int maxConnections;
    /** WebSocket clients and the console on the same port; off until its path is set. */
    final WebSocketTransport webSocket = new WebSocketTransport(this);

    // ---- state
    /** Read by other threads (TclServer.isActive, port, JMX). */
    private volatile Channel listener;
    private volatile int boundPort;
    final LinkedHashMap<Channel, Connection> connections = new LinkedHashMap<>();
    private volatile int open;
    final ServerStats stats;
    private final Object jmxLock = new Object();
    /** Guarded by jmxLock. */
    private ObjectName mbean;
    private boolean mbeanWanted;
    private int clientInterpSeq;

    ServerEngine(Interp interp, String name) {
        this.interp = interp;
        this.name = name;
        this.stats = new ServerStats(() -> open, this::isActive, () -> boundPort);
    }

    boolean isActive() { return listener != null; }

    /** The port listened on (the system's choice for port 0), or 0 before the first start. */
    int boundPort() { return boundPort; }

    /** The listening channel's name, or "" when inactive. */
    String listenerName() { return listener == null ? "" : listener.name(); }

    // ======================================================================================
    // Listening
    // ======================================================================================

    /** Starts listening on port (0: the system chooses); the socket command's errors. */
    void start() throws TclException {
        listener = ServerSockets.listen(interp, myaddr, port, this::accepted);
        boundPort = ServerSockets.port(listener);
        log(System.Logger.Level.DEBUG, "listening on " + (myaddr == null ? "*" : myaddr) + " port " + boundPort);
    }

    /** Stops listening; connections stay. */
    void stop() {
        Channel l = listener;
        listener = null;
        if (l == null) return;
        try {
            ChannelTable.of(interp).close(l);
        } catch (IOException | TclException e) {
            // a listening socket has nothing to flush; its close cannot fail in a way a caller could act on
        }
        log(System.Logger.Level.DEBUG, "stopped listening on port " + boundPort);
    }

    /** Closes every client connection. */
    void closeAll() {
        for (Connection c : new ArrayList<>(connections.values())) c.close("closed by the server");
        webSocket.closeAll();
    }

    /** Stops, closes, and leaves JMX. */
    void shutdown() {
        if (isActive()) stop();
        closeAll();
        unregisterMBean();
    }

    List<String> connectionNames() {
        List<String> l = new ArrayList<>(connections.size());
        for (Channel c : connections.keySet()) l.add(c.name());
        l.addAll(webSocket.names());
        return l;
    }

    // ======================================================================================
    // Accepting
    // ======================================================================================

    /**
     * A client connected (the interpreter's thread, from the event loop). Errors propagate to the
     * server socket, which reports them in the background and closes the channel, as a failing
     * accept script in Tcl.
     */
    private void accepted(Channel c, String address, int clientPort) throws TclException {
        stats.accepted.incrementAndGet();
        ChannelTable table = ChannelTable.of(interp);
        if (maxConnections > 0 && connections.size() + webSocket.size() >= maxConnections) {
            stats.errors.incrementAndGet();
            log(System.Logger.Level.WARNING, "refused " + address + ":" + clientPort + ": " + maxConnections
                    + " connections already");
            if (protocol == Protocol.FRAMED) {
                try {
                    c.setBlocking(false);
                    Frames.write(c, "error", Frames.errorPayload("too many connections (at most " + maxConnections + ")",
                            TclObj.ofList(TclObj.of("TCLSERVER"), TclObj.of("LIMIT"), TclObj.of("CONNECTIONS"))));
                    c.flush();
                } catch (IOException e) {
                    // the client is gone already
                }
            }
            closeQuietly(table, c);
            return;
        }
        if (webSocket.enabled()) {
            // HTTP or the line protocol: the transport finds out, and hands line clients to admit
            webSocket.accepted(c, address, clientPort);
            return;
        }
        admit(c, address, clientPort);
    }

    /** Serves a line-protocol client: the connect hook, then a {@link Connection}. */
    void admit(Channel c, String address, int clientPort) throws TclException {
        ChannelTable table = ChannelTable.of(interp);
        boolean accept = true;
        if (onConnect != null) accept = onConnect.accept(interp, c.name(), address, clientPort);
        // as the original: the script may have closed the channel itself; then this fails as close or fconfigure would
        if (table.lookup(c.name()) != c) throw ChannelTable.notFound(c.name());
        if (!accept) {
            try {
                table.close(c);
            } catch (IOException e) {
                // the client went away while being refused
            }
            return;
        }
        c.setBuffering(Channel.Buffering.LINE);
        try {
            c.setBlocking(false);
        } catch (IOException e) {
            throw TclException.error("error setting blocking mode on \"" + c.name() + "\": " + e.getMessage());
        }
        Interp own = null;
        if (clientInterps != null) own = newClientInterp(c);
        Connection conn = new Connection(this, c, address, clientPort, own);
        connections.put(c, conn);
        recount();
        conn.serve();
    }

    Interp newClientInterp(Channel c) throws TclException {
        String childName;
        do {
            childName = "tclserver" + (++clientInterpSeq);
        } while (Interps.childrenOf(interp).containsKey(childName));
        Interp child = Interps.create(interp, TclObj.of(childName), true);
        try {
            clientInterps.accept(child);
        } catch (RuntimeException e) {
            Interps.delete(child);
            throw TclException.error("cannot prepare the interpreter of " + c.name() + ": " + e.getMessage());
        }
        return child;
    }

    /** A connection has closed: forget it. */
    void forget(Connection c) {
        connections.remove(c.channel);
        recount();
    }

    /** Counts the open connections again (line and WebSocket clients, and those not yet told apart). */
    void recount() {
        open = connections.size() + webSocket.size();
    }

    static void closeQuietly(ChannelTable table, Channel c) {
        try {
            table.close(c);
        } catch (IOException | TclException e) {
            // closing a connection we are done with: nobody to tell
        }
    }

    void log(System.Logger.Level level, String message) {
        LOG.log(level, "TclServer " + name + ": " + message);
    }

    // ======================================================================================
    // JMX
    // ======================================================================================

    /**
     * Registers the statistics as an MBean (dev.tclj.server:type=TclServer,name=...), on a thread
     * of its own: the platform MBean server takes half a second to make the first time, which a
     * script starting a server should not wait for.
     */
    void registerMBean() {
        synchronized (jmxLock) {
            if (mbeanWanted) return;
            mbeanWanted = true;
        }
        Thread t = new Thread(() -> {
            synchronized (jmxLock) {
                if (!mbeanWanted || mbean != null) return;
                try {
                    MBeanServer s = ManagementFactory.getPlatformMBeanServer();
                    ObjectName n = new ObjectName("dev.tclj.server:type=TclServer,name=" + ObjectName.quote(name));
                    if (s.isRegistered(n)) s.unregisterMBean(n);
                    s.registerMBean(stats, n);
                    mbean = n;
                } catch (Exception | LinkageError e) {
                    // JMX is for monitoring: a server works without it
                    mbeanWanted = false;
                    log(System.Logger.Level.DEBUG, "no JMX bean: " + e);
                }
                jmxLock.notifyAll();
            }
        }, "tclserver-jmx");
        t.setDaemon(true);
        t.start();
    }

    void unregisterMBean() {
        ObjectName n;
        synchronized (jmxLock) {
            mbeanWanted = false;
            n = mbean;
            mbean = null;
        }
        if (n == null) return;
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(n);
        } catch (Exception e) {
            // already gone
        }
    }

    /** The MBean's name once registered, waiting up to ms for the registration; null if none. */
    ObjectName awaitMBean(long ms) throws InterruptedException {
        long end = System.currentTimeMillis() + ms;
        synchronized (jmxLock) {
            while (mbeanWanted && mbean == null && System.currentTimeMillis() < end) {
                jmxLock.wait(Math.max(1, end - System.currentTimeMillis()));
            }
            return mbean;
        }
    }

}
