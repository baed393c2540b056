package dev.tclj.net;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.event.BackgroundErrors;
import dev.tclj.event.Notifier;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelDriver;
import dev.tclj.io.ChannelTable;
import dev.tclj.io.PosixError;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.spi.SelectorProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A listening socket ({@code socket -server}): a channel that is neither readable nor writable,
 * whose only use is to accept connections and to be closed (Tcl's server sockets).
 *
 * <p>Netty accepts connections as they come; each is wrapped in a {@link TcpDriver} at once (so
 * that what the client sends first is kept), and its Tcl channel is made and the accept command
 * run on the interpreter's thread, when its event loop runs, as Tcl's server sockets accept only
 * then. Closing the server stops listening; connections not yet handed to the script are
 * closed, those already accepted stay open. While the server is open the event loop counts it
 * as a source of events, so that {@code vwait} waits for clients.
 *
 * <p>Without {@code -myaddr} the server listens on every address, IPv4 and IPv6, as Tcl does
 * with one socket per family: here one dual-stack IPv6 socket takes both (where the system has
 * IPv6), and {@code -sockname} shows the two addresses Tcl would.
 *
 * <p>A TLS server ({@code tls::socket -server}, {@link TlsSockets}) has a {@link TlsContext}: each
 * connection gets its TLS layer as Netty accepts it, before any byte is read, so the script's
 * accept command receives a channel that already speaks TLS, as tcl-tls's does.
 */
final class TcpServerDriver implements ChannelDriver {
    private final Interp interp;
    private final Notifier notifier;
    /** The event loop of the interpreter's tree: the listening sockets and their connections. */
    private final NetLoop loop;
    private final String script;
    /** The TLS of every connection, or null for plain TCP. */
    private final TlsContext tls;
    /** Java code that takes the connections instead of a script (ServerSockets), or null. */
    private final ServerSockets.Acceptor acceptor;
    private final List<io.netty.channel.Channel> listeners = new ArrayList<>(2);
    /** The addresses for -sockname. */
    private final List<InetSocketAddress> socknames = new ArrayList<>(2);
    private Notifier.Hold hold;
    private volatile boolean closed;

    private TcpServerDriver(Interp interp, String script, TlsContext tls, ServerSockets.Acceptor acceptor) {
        this.interp = interp;
        this.notifier = interp.notifier();
        this.loop = NetLoop.of(interp);
        this.script = script;
        this.tls = tls;
        this.acceptor = acceptor;
    }

    /**
     * Opens a server on port (0: the system's choice) of host's addresses (null: all). Errors are
     * "couldn't open socket: ...", that of the first address that failed.
     */
    static TcpServerDriver open(Interp interp, String script, String host, int port, boolean reuseAddress,
            boolean reusePort, TlsContext tls) throws TclException {
        return open(interp, script, null, host, port, reuseAddress, reusePort, tls);
    }

    /** As above, with a Java acceptor in place of the script when acceptor is not null. */
    static TcpServerDriver open(Interp interp, String script, ServerSockets.Acceptor acceptor, String host, int port,
            boolean reuseAddress, boolean reusePort, TlsContext tls) throws TclException {
        TcpServerDriver d = new TcpServerDriver(interp, script, tls, acceptor);
        ServerBootstrap b = new ServerBootstrap()
                .group(d.loop)
                .option(ChannelOption.SO_REUSEADDR, reuseAddress)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        d.accepted(ch);
                    }
                });
        if (reusePort) b.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
        if (host == null) {
            d.listenEverywhere(b, port);
        } else {
            List<InetAddress> addrs = new ArrayList<>(SocketAddresses.resolve(host, port));
            // IPv4 first, as Tcl orders the addresses it binds (for -sockname's sake)
            addrs.sort((x, y) -> Boolean.compare(x instanceof Inet6Address, y instanceof Inet6Address));
            SocketErrors first = null;
            int chosen = port;
            for (InetAddress a : addrs) {
                SocketErrors e = d.listen(b, new InetSocketAddress(a, chosen));
                if (e != null) {
                    if (first == null) first = e;
                    continue;
                }
                // the same port on every address when the system chose it
                if (chosen == 0) chosen = d.socknames.get(d.socknames.size() - 1).getPort();
            }
            if (d.listeners.isEmpty()) throw (first == null ? SocketErrors.EADDRNOTAVAIL : first).openError();
        }
        d.hold = d.notifier.hold();
        return d;
    }

    private void listenEverywhere(ServerBootstrap b, int port) throws TclException {
        SocketErrors e = listen(b, new InetSocketAddress(SocketAddresses.ANY6, port));
        if (e == null) {
            // one dual-stack socket: Tcl's two sockets show 0.0.0.0 first, then ::
            InetSocketAddress six = socknames.remove(0);
            socknames.add(new InetSocketAddress(SocketAddresses.ANY4, six.getPort()));
            socknames.add(six);
            return;
        }
        if (e != SocketErrors.EAFNOSUPPORT && e != SocketErrors.EADDRNOTAVAIL && e != SocketErrors.EIO) throw e.openError();
        // no IPv6 here: IPv4 only
        SocketErrors e4 = listen(b, new InetSocketAddress(SocketAddresses.ANY4, port));
        if (e4 != null) throw e4.openError();
    }

    /** Binds one listening socket; null on success, else the error. */
    private SocketErrors listen(ServerBootstrap b, InetSocketAddress at) {
        ChannelFuture f;
        // a socket of the address's family: an IPv4 address must not make a dual-stack socket
        SocketProtocolFamily family = at.getAddress() instanceof Inet6Address ? SocketProtocolFamily.INET6
                : SocketProtocolFamily.INET;
        try {
            f = b.clone().channelFactory(() -> new NioServerSocketChannel(SelectorProvider.provider(), family))
                    .bind(at);
            loop.await(f, -1);
        } catch (RuntimeException e) {
            return SocketErrors.of(e);
        }
        if (!f.isSuccess()) {
            f.channel().close();
            Throwable t = f.cause();
            if (t instanceof UnsupportedOperationException) return SocketErrors.EAFNOSUPPORT;
            return SocketErrors.of(t);
        }
        listeners.add(f.channel());
        socknames.add((InetSocketAddress) f.channel().localAddress());
        return null;
    }

    /** A connection arrived (in the loop's poll): keep its input, and hand it to the script. */
    private void accepted(SocketChannel ch) {
        TcpDriver d = new TcpDriver(interp, ch);
        if (tls != null) {
            TlsLayer layer;
            try {
                layer = new TlsLayer(interp, d, tls, null, ch.alloc());
            } catch (TclException e) {
                ch.close();
                return;
            }
            d.adoptTls(layer);
            ch.pipeline().addLast(layer.handler);
        }
        ch.pipeline().addLast(d.inbound());
        InetSocketAddress remote = ch.remoteAddress();
        notifier.post(() -> deliver(d, ch, remote));
    }

    /** Makes the Tcl channel of an accepted connection and runs the accept command with it. */
    private void deliver(TcpDriver d, SocketChannel ch, InetSocketAddress remote) {
        if (closed || interp.isDeleted()) {
            d.close();
            return;
        }
        Channel c = SocketCmd.newChannel(d);
        ChannelTable table = ChannelTable.of(interp);
        table.register(c);
        String address = SocketAddresses.numeric(remote.getAddress());
        try {
            if (acceptor != null) {
                acceptor.accept(c, address, remote.getPort());
            } else {
                // Tcl appends the words to the script as strings (Tcl_VarEval), not as list elements
                String cmd = script + " " + c.name() + " " + address + " " + remote.getPort();
                interp.evalInFrame(interp.globalFrame(), TclObj.of(cmd));
            }
            TlsLayer layer = d.tls();
            if (layer != null) layer.announce();
        } catch (TclException e) {
            BackgroundErrors.report(interp, e);
            try {
                if (table.lookup(c.name()) == c) table.close(c);
            } catch (IOException | TclException x) {
                // the accept command failed; closing its channel has nobody to report to
            }
        }
    }

    @Override
    public String type() { return "tcp"; }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        throw PosixError.ENOTSUP.exception();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        throw PosixError.ENOTSUP.exception();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (io.netty.channel.Channel l : listeners) loop.await(l.close(), TimeUnit.SECONDS.toNanos(5));
        // Java closes a socket registered with a selector only when that selector next runs, and
        // until then the system still completes connections to it: run the loop once, so that
        // the port refuses connections once close returns, as Tcl's does
        loop.settle();
        if (hold != null) hold.close();
    }

    @Override
    public boolean inputReady() { return false; }

    // ---- options: -sockname, and the ones every Tcl socket has

    @Override
    public List<TclObj> options() {
        return List.of(TclObj.of("-sockname"), sockname());
    }

    private TclObj sockname() {
        List<TclObj> l = new ArrayList<>(6);
        for (InetSocketAddress a : socknames) SocketAddresses.appendTriple(l, interp, a);
        return TclObj.ofList(l.toArray(new TclObj[0]));
    }

    @Override
    public TclObj getOption(String name) throws TclException {
        if (TcpDriver.matches(name, "-error")) return TclObj.EMPTY;
        if (TcpDriver.matches(name, "-connecting")) return TclObj.of("0");
        if (TcpDriver.matches(name, "-peername")) {
            throw TclException.error("can't get peername: " + SocketErrors.ENOTCONN.message, "POSIX", "ENOTCONN",
                    SocketErrors.ENOTCONN.message);
        }
        if (TcpDriver.matches(name, "-sockname")) return sockname();
        throw TclException.error("bad option \"" + name + "\": should be one of -blocking, -buffering, -buffersize, "
                + "-encoding, -eofchar, -translation, -connecting, -peername, or -sockname");
    }

    /** The port the server listens on. */
    int port() { return socknames.get(0).getPort(); }

    /** The addresses the server listens on, as -sockname shows them. */
    List<InetSocketAddress> addresses() { return List.copyOf(socknames); }
}
