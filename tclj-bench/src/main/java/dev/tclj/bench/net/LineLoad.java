package dev.tclj.bench.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The load client for line protocols (the echo server, TclServer): a closed loop over N connections
 * on one thread and one selector, so it uses at most one of the machine's cores. Every connection
 * keeps {@code depth} requests in flight: it starts by sending that many in one write, and sends
 * one more for every reply line that comes back, until the run's deadline. With depth 1 that is
 * the usual send-and-wait client.
 *
 * <p>A reply is a line: the client counts newline bytes, so it needs no parsing and takes CRLF
 * (TclServer's replies) and LF alike. The latency of a reply is the time since its request was
 * sent; requests and replies pair up in order on a connection, which is what a line protocol
 * promises. A server that answers several requests with one line (TclServer's original, given
 * pipelined requests) leaves replies missing: {@link #drain} reports them.
 */
final class LineLoad implements AutoCloseable {
    private final Selector selector;
    private final List<Conn> conns = new ArrayList<>();
    private final byte[] request;
    private final int depth;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(1 << 16);

    /** One connection and the send times of its requests in flight, oldest first. */
    private static final class Conn {
        final SocketChannel channel;
        final long[] sentAt;
        long sent;
        long received;
        /** Whether it may send more requests in the current run. */
        boolean sending;

        Conn(SocketChannel channel, int depth) {
            this.channel = channel;
            this.sentAt = new long[depth];
        }

        long inFlight() {
            return sent - received;
        }
    }

    /**
     * Opens the connections (blocking connects, then non-blocking).
     *
     * @param request one request, ending in a newline
     */
    LineLoad(InetSocketAddress server, int connections, byte[] request, int depth) throws IOException {
        if (request.length == 0 || request[request.length - 1] != '\n') {
            throw new IllegalArgumentException("a request must end in a newline");
        }
        this.request = request;
        this.depth = depth;
        this.selector = Selector.open();
        try {
            for (int i = 0; i < connections; i++) {
                SocketChannel c = SocketChannel.open(server);
                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.configureBlocking(false);
                Conn conn = new Conn(c, depth);
                c.register(selector, SelectionKey.OP_READ, conn);
                conns.add(conn);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /**
     * Runs the closed loop until the deadline; then the connections stop sending, and the replies
     * still in flight are left for {@link #drain}.
     *
     * @param latencies where the latency of each reply received before the deadline goes, or null
     * @return the replies received before the deadline
     */
    long run(long deadlineNanos, Latencies latencies) throws IOException {
        for (Conn c : conns) {
            c.sending = true;
            send(c, (int) (depth - c.inFlight()));
        }
        long replies = 0;
        while (System.nanoTime() < deadlineNanos) {
            long waitMillis = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
            selector.select(Math.min(waitMillis, 100));
            replies += readReady(deadlineNanos, latencies);
        }
        for (Conn c : conns) c.sending = false;
        return replies;
    }

    /**
     * Waits until every request sent has its reply, or the limit passes.
     *
     * @return the replies that did not come
     */
    long drain(long limitNanos) throws IOException {
        long end = System.nanoTime() + limitNanos;
        while (inFlight() > 0 && System.nanoTime() < end) {
            selector.select(50);
            readReady(0, null);
        }
        return inFlight();
    }

    private long inFlight() {
        long n = 0;
        for (Conn c : conns) n += c.inFlight();
        return n;
    }

    /** Reads what the selector found ready; returns the replies completed before the deadline. */
    private long readReady(long deadlineNanos, Latencies latencies) throws IOException {
        long replies = 0;
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            Conn c = (Conn) key.attachment();
            int more = 0;
            while (true) {
                readBuffer.clear();
                int n = c.channel.read(readBuffer);
                if (n < 0) throw new IOException("the server closed a connection");
                if (n == 0) break;
                long now = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    if (readBuffer.get(i) != '\n') continue;
                    if (c.received == c.sent) throw new IOException("the server sent a reply nobody asked for");
                    long sentAt = c.sentAt[(int) (c.received % depth)];
                    c.received++;
                    if (now < deadlineNanos) {
                        replies++;
                        if (latencies != null) latencies.add(now - sentAt);
                    }
                    if (c.sending && now < deadlineNanos) more++;
                }
                if (n < readBuffer.capacity()) break;
            }
            if (more > 0) send(c, more);
        }
        return replies;
    }

    /** Sends count requests on a connection in one write. */
    private void send(Conn c, int count) throws IOException {
        if (count <= 0) return;
        ByteBuffer out = ByteBuffer.allocate(request.length * count);
        long now = System.nanoTime();
        for (int i = 0; i < count; i++) {
            out.put(request);
            c.sentAt[(int) (c.sent % depth)] = now;
            c.sent++;
        }
        out.flip();
        // Requests are small next to the socket buffer and the window is bounded by depth, so the
        // write completes at once in practice; looping covers a momentarily full buffer.
        while (out.hasRemaining()) {
            if (c.channel.write(out) == 0) Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        for (Conn c : conns) {
            try {
                c.channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
