package dev.tclj.bench.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * The loopback ceiling of the line benchmarks: a trivial echo server (one thread, one selector, no
 * Tcl, no parsing) that returns every byte it gets. Whatever it reaches, on this machine and with
 * this load client, no server can beat. Run as a child process by {@link ServerBench}:
 * {@code java -cp tclj-bench.jar dev.tclj.bench.net.JavaEchoServer PORT}; it listens on loopback.
 */
public final class JavaEchoServer {
    private JavaEchoServer() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp tclj-bench.jar " + JavaEchoServer.class.getName() + " PORT");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        try (ServerSocketChannel server = ServerSocketChannel.open();
             Selector selector = Selector.open()) {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            serve(server, selector);
        }
    }

    private static void serve(ServerSocketChannel server, Selector selector) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
        while (true) {
            selector.select();
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                if (key.isAcceptable()) {
                    SocketChannel c = server.accept();
                    if (c == null) continue;
                    c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    c.configureBlocking(false);
                    c.register(selector, SelectionKey.OP_READ);
                    continue;
                }
                SocketChannel c = (SocketChannel) key.channel();
                buffer.clear();
                int n;
                try {
                    n = c.read(buffer);
                } catch (IOException e) {
                    n = -1;
                }
                if (n < 0) {
                    key.cancel();
                    c.close();
                    continue;
                }
                buffer.flip();
                try {
                    // The load client keeps a bounded window in flight, so the echo fits the socket
                    // buffer; a peer that stops reading only stalls this benchmark server.
                    while (buffer.hasRemaining()) c.write(buffer);
                } catch (IOException e) {
                    key.cancel();
                    c.close();
                }
            }
        }
    }
}
