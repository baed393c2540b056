package dev.tclj.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.List;

/**
 * Opens a client connection as Tcl's TcpConnect does: every remote address of the host in the
 * resolver's order, each from every local address of the same family ({@code -myaddr},
 * {@code -myport}), until one connects. The attempts run one after the other in the loop's polls,
 * the next starting when the last one fails, so that a blocking connect and {@code -async} go
 * the same way; the outcome goes to the {@link TcpDriver}, and the error reported is the last
 * attempt's.
 *
 * <p>Sockets are set up as Tcl sets them: SO_REUSEADDR (so that {@code -myport} can be reused at
 * once), Nagle's algorithm on ({@code -nodelay 0}), no connect timeout but the system's, and the
 * input side allowed to end on its own (the peer's half-close).
 */
final class TcpConnector {
    /** A remote address, and the local one to bind first (null: any). */
    record Attempt(InetSocketAddress remote, InetSocketAddress local) {}

    private final TcpDriver driver;
    private final List<Attempt> attempts;
    private int next;
    private volatile boolean cancelled;
    private volatile SocketChannel current;

    TcpConnector(TcpDriver driver, List<Attempt> attempts) {
        this.driver = driver;
        this.attempts = attempts;
    }

    void start() {
        if (attempts.isEmpty()) {
            // no pair of addresses of one family: Tcl's initial error
            driver.failed(SocketErrors.EHOSTUNREACH);
            return;
        }
        attemptNext(SocketErrors.EHOSTUNREACH);
    }

    /** Starts the next attempt, or reports last when none is left. Any thread. */
    private void attemptNext(SocketErrors last) {
        if (cancelled) return;
        if (next >= attempts.size()) {
            driver.failed(last);
            return;
        }
        Attempt a = attempts.get(next++);
        SocketProtocolFamily family = a.remote().getAddress() instanceof Inet6Address ? SocketProtocolFamily.INET6
                : SocketProtocolFamily.INET;
        Bootstrap b = new Bootstrap()
                .group(driver.loop)
                .channelFactory(() -> new NioSocketChannel(SelectorProvider.provider(), family))
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.TCP_NODELAY, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0)
                .handler(driver.inbound());
        // the driver knows the channel before anything can arrive on it
        ChannelFuture registered = b.register();
        SocketChannel c = (SocketChannel) registered.channel();
        current = c;
        if (!driver.attempting(c, this)) {
            c.close();
            return;
        }
        registered.addListener((ChannelFuture r) -> {
            if (!r.isSuccess()) {
                c.close();
                attemptNext(SocketErrors.of(r.cause()));
                return;
            }
            ChannelFuture f = a.local() == null ? c.connect(a.remote()) : c.connect(a.remote(), a.local());
            f.addListener((ChannelFuture done) -> {
                if (cancelled) {
                    c.close();
                    return;
                }
                if (done.isSuccess()) {
                    driver.connected(c);
                    return;
                }
                c.close();
                attemptNext(SocketErrors.of(done.cause()));
            });
        });
    }

    /** Stops connecting (the channel was closed before the connect ended). */
    void cancel() {
        cancelled = true;
        SocketChannel c = current;
        if (c != null) c.close();
    }
}
