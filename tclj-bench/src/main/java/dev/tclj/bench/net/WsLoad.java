package dev.tclj.bench.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.concurrent.Promise;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The load client for the websocket echo benchmark: N websocket connections on Netty (its HTTP and
 * WebSocket codecs do the handshake and the framing), all on one event-loop thread so that the
 * client uses at most one core, in a closed loop: each connection sends one binary message, waits
 * for the echo, checks its length and first and last bytes, and sends the next, until the deadline.
 *
 * <p>It asks for the subprotocol "bench" (tcllib's server refuses a handshake without one) and
 * offers no extensions, so no server compresses.
 */
final class WsLoad implements AutoCloseable {
    static final String SUBPROTOCOL = "bench";

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Conn> conns = new ArrayList<>();
    private final ByteBuf message;

    /** Run state, touched only on the event-loop thread between {@link #run} calls. */
    private long deadline;
    private long replies;
    private Latencies latencies;
    private CountDownLatch idle;
    private String failure;

    /** One connection's handler: the closed loop itself. */
    private final class Conn extends SimpleChannelInboundHandler<WebSocketFrame> {
        Promise<Void> handshake;
        Channel channel;
        long sentAt;
        boolean waiting;

        void send() {
            sentAt = System.nanoTime();
            waiting = true;
            channel.writeAndFlush(new BinaryWebSocketFrame(message.retainedDuplicate()));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshake.trySuccess(null);
            } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                handshake.tryFailure(new IOException("websocket handshake timed out"));
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            long now = System.nanoTime();
            if (!(frame instanceof BinaryWebSocketFrame)) {
                fail("the server answered with a " + frame.getClass().getSimpleName());
                return;
            }
            ByteBuf got = frame.content();
            int n = message.readableBytes();
            if (!waiting || got.readableBytes() != n || got.getByte(got.readerIndex()) != message.getByte(0)
                    || got.getByte(got.readerIndex() + n - 1) != message.getByte(n - 1)) {
                fail("the echo differs from the message: " + got.readableBytes() + " bytes for " + n);
                return;
            }
            waiting = false;
            if (now < deadline) {
                replies++;
                if (latencies != null) latencies.add(now - sentAt);
                send();
            } else {
                idle.countDown();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            handshake.tryFailure(new IOException("the server closed the connection"));
            if (waiting) fail("the server closed a connection");
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            handshake.tryFailure(cause);
            fail(cause.toString());
            ctx.close();
        }
    }

    /** Connects and completes every handshake. */
    WsLoad(InetSocketAddress server, String path, int connections, int messageSize) throws IOException {
        byte[] bytes = new byte[messageSize];
        new Random(42).nextBytes(bytes);
        message = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes));
        URI uri = URI.create("ws://" + server.getHostString() + ":" + server.getPort() + path);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .subprotocol(SUBPROTOCOL)
                .maxFramePayloadLength(Math.max(1 << 20, messageSize * 2))
                .handshakeTimeoutMillis(10_000)
                .build();
        try {
            for (int i = 0; i < connections; i++) {
                Conn conn = new Conn();
                conn.handshake = group.next().newPromise();
                Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                                        new WebSocketClientProtocolHandler(config),
                                        new WebSocketFrameAggregator(Math.max(1 << 20, messageSize * 2)), conn);
                            }
                        });
                conn.channel = b.connect(server).syncUninterruptibly().channel();
                conns.add(conn);
            }
            for (Conn c : conns) {
                if (!c.handshake.awaitUninterruptibly(15, TimeUnit.SECONDS)) {
                    throw new IOException("no websocket handshake within 15 s");
                }
                if (!c.handshake.isSuccess()) {
                    throw new IOException("websocket handshake failed: " + c.handshake.cause(), c.handshake.cause());
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException(e.toString(), e);
        }
    }

    /**
     * Runs the closed loop until the deadline and until every connection has its last echo (or
     * the drain limit passes).
     *
     * @return the echoes received before the deadline
     */
    long run(long deadlineNanos, Latencies record, long drainNanos) throws IOException {
        CountDownLatch started = new CountDownLatch(1);
        group.next().execute(() -> {
            deadline = deadlineNanos;
            replies = 0;
            latencies = record;
            failure = null;
            idle = new CountDownLatch(conns.size());
            started.countDown();
        });
        try {
            started.await();
            for (Conn c : conns) c.channel.eventLoop().execute(c::send);
            long waitNanos = Math.max(0, deadlineNanos - System.nanoTime()) + drainNanos;
            boolean done = idle.await(waitNanos, TimeUnit.NANOSECONDS);
            CountDownLatch read = new CountDownLatch(1);
            long[] result = new long[1];
            String[] failed = new String[1];
            group.next().execute(() -> {
                result[0] = replies;
                failed[0] = failure;
                latencies = null;
                read.countDown();
            });
            read.await();
            if (failed[0] != null) throw new IOException(failed[0]);
            if (!done) throw new IOException("echoes still missing " + drainNanos / 1_000_000 + " ms after the deadline");
            return result[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private void fail(String why) {
        if (failure == null) failure = why;
        if (idle != null) {
            while (idle.getCount() > 0) idle.countDown();
        }
    }

    @Override
    public void close() {
        for (Conn c : conns) {
            if (c.channel != null) c.channel.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
