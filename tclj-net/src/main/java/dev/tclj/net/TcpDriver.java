package dev.tclj.net;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.event.Notifier;
import dev.tclj.io.ChannelDriver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.SocketChannelConfig;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The driver of a TCP connection (Tcl's "tcp" channel type): a Tcl channel over a Netty socket
 * channel registered with the {@link NetLoop} of the interpreter's tree, which the interpreter's
 * own thread drives: Netty's handlers run in its polls, the channel's methods between them.
 *
 * <p>Input: bytes that arrive in a poll are appended to this driver's buffer and the interpreter
 * is woken (the event loop's input watcher); a blocking read polls until some arrive, and a
 * non-blocking read that finds the buffer empty polls once (unless the loop just did), as a
 * read of the socket would see what the system has received meanwhile. Above
 * {@link #PAUSE} buffered bytes the socket stops reading (Netty's autoRead) until the script has
 * drained the buffer below {@link #RESUME}, so a fast peer cannot grow memory without bound: TCP's
 * own window then holds it back. The peer's close (or reset, which Tcl also turns into end of
 * file) ends the input once the buffer is drained.
 *
 * <p>Output: each write goes out at once (the channel above does the buffering): straight to the
 * socket when Netty holds none of this channel's output, else, and for what the socket does not
 * take, through Netty's outbound buffer, which the loop's polls drain ({@link #writeDirect}). A blocking
 * channel then waits while Netty's outbound buffer is above its high-water mark, so that a slow
 * peer holds back a blocking writer as a full socket buffer does in Tcl; a non-blocking channel
 * never waits, and its writable fileevent waits for the same condition ({@link #outputReady}). A
 * write that fails (the peer reset the connection) makes the next one raise the error; once the
 * peer has closed its side, blocking writes wait for their outcome, so that the write after the
 * peer's reset fails as in Tcl.
 *
 * <p>Connecting: a client socket starts in the connecting state ({@code socket -async}, or during
 * the blocking connect); {@link TcpConnector} moves it on. Meanwhile a blocking read or write
 * waits for the outcome, a non-blocking read finds nothing and a non-blocking write is queued;
 * after a failure both raise ENOTCONN and {@code fconfigure -error} reports the cause once.
 *
 * <p>TLS ({@code tls::import}, {@code tls::socket}): each {@link TlsLayer} puts an SslHandler in
 * the pipeline below this driver's handler, so that the driver reads and writes plaintext and
 * nothing changes for a plain socket. Work that must run on the interpreter's thread for a layer
 * (its callbacks, and the engine's certificate checks when a script decides them) goes through
 * {@link #interpExecutor}: the event loop runs it, and so does a blocking read, write or
 * handshake waiting on this channel, since those do not return to the event loop.
 *
 * <p>Threads: everything runs on the thread that runs the interpreter (or, in a coroutine, on
 * the coroutine's thread, which takes its turn); the lock and condition serve a thread that is not
 * the loop's (which then waits for the loop's thread to make progress).
 */
final class TcpDriver implements ChannelDriver {
    /** Buffered input at which the socket stops reading, and the level at which it reads again. */
    static final int PAUSE = 256 * 1024, RESUME = 64 * 1024;

    private static final byte[] NO_BYTES = new byte[0];

    private final Interp interp;
    private final Notifier notifier;
    /** The event loop of the interpreter's tree, which the connection is registered with. */
    final NetLoop loop;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled on every change a waiting read, write, connect or close may care about. */
    private final Condition changed = lock.newCondition();

    /** The Tcl channel's name, for the messages of errors core has no POSIX name for. */
    volatile String channelName = "";

    // ---- connection (lock)
    private static final int CONNECTING = 0, CONNECTED = 1, FAILED = 2;
    private volatile int state;
    /** The connection, or the attempt in progress while connecting. */
    private volatile Channel ch;
    private TcpConnector connector;
    /** Why the connect failed, until {@code -error} has reported it. */
    private SocketErrors connectError;
    /** A socket error (a reset) not yet reported by {@code -error}. */
    private SocketErrors pendingError;

    // ---- input (lock): in[inStart, inEnd) not yet read. What inputReady reads is volatile, so
    // that the event loop's poll of every watched socket takes no lock (it contended with
    // Netty delivering input on another thread, before the loop ran on the interpreter's):
    // a stale answer is harmless, since every change that
    // makes input ready is followed by a wake, and only the interpreter's thread takes it away
    private byte[] in = NO_BYTES;
    private volatile int inStart, inEnd;
    private volatile boolean inEof;
    /** Reading is paused (autoRead off) because too much input is buffered. */
    private boolean paused;
    /** The peer reset the connection: a write now fails as the kernel's would (EPIPE). */
    private boolean resetSeen;

    // ---- output (lock)
    private ChannelFuture lastWrite;
    /**
     * Writes handed to Netty and not finished yet. While there are none, a plain socket's write
     * goes straight to the socket from the interpreter's thread ({@link #writeDirect}). Once the
     * channel is connected only that thread makes this count grow (the connect's queued writes
     * are counted in the same step that makes it connected), so a zero it sees under the lock
     * stays zero until it writes again.
     */
    private int inNetty;
    /** The first write failure; every later write raises it. */
    private SocketErrors writeError;
    /** Writes made while a non-blocking connect is in progress, sent once it succeeds. */
    private List<ByteBuf> early;
    private boolean outputShut;

    private volatile boolean blocking = true;
    private boolean closed;
    private boolean keepAlive, noDelay;

    private volatile Runnable inputWake, outputWake;

    // ---- TLS (lock)
    /** The TLS layers stacked on the connection, innermost last. */
    private final List<TlsLayer> tls = new ArrayList<>(1);
    /** Layers stacked while connecting, put in the pipeline once connected. */
    private List<TlsLayer> tlsPending;
    /**
     * A handshake has ended and the script has not looked since (read or tls::handshake): the
     * channel counts as readable meanwhile, as tcl-tls's socket is when the handshake's last
     * records arrive, so that a readable handler calling tls::handshake learns the outcome.
     */
    private volatile boolean tlsNews;
    /** Work for the interpreter's thread (TLS callbacks and delegated tasks). */
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    /** A client socket, connecting. */
    TcpDriver(Interp interp) {
        this.interp = interp;
        this.notifier = interp.notifier();
        this.loop = NetLoop.of(interp);
        this.state = CONNECTING;
    }

    /** An accepted connection; its handler is {@link #inbound()}. */
    TcpDriver(Interp interp, Channel accepted) {
        this.interp = interp;
        this.notifier = interp.notifier();
        this.loop = NetLoop.of(interp);
        this.state = CONNECTED;
        this.ch = accepted;
    }

    @Override
    public String type() { return "tcp"; }

    // ======================================================================================
    // Netty's side (handlers, run in the loop's polls)
    // ======================================================================================

    /** A handler for one connection (or connect attempt) of this driver. */
    Inbound inbound() { return new Inbound(); }

    final class Inbound extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                received(ctx.channel(), buf);
            } finally {
                buf.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) inputEnded(ctx.channel());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            inputEnded(ctx.channel());
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) outputMayBeReady();
            else signal();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // handled here: an error is the script's to see (-error, end of file, the next write)
            lock.lock();
            try {
                if (ctx.channel() != ch) return;
                SocketErrors e = SocketErrors.of(cause);
                pendingError = e;
                if (e == SocketErrors.ECONNRESET) resetSeen = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void received(Channel from, ByteBuf buf) {
        int n = buf.readableBytes();
        lock.lock();
        try {
            if (from != ch || closed || n == 0) return;
            if (in.length - inEnd < n) makeRoom(n);
            buf.readBytes(in, inEnd, n);
            inEnd += n;
            if (!paused && inEnd - inStart >= PAUSE) {
                paused = true;
                from.config().setAutoRead(false);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        Runnable w = inputWake;
        if (w != null) w.run();
    }

    private void makeRoom(int n) {
        int live = inEnd - inStart;
        if (inStart > 0 && in.length - live >= n && live < in.length / 2) {
            System.arraycopy(in, inStart, in, 0, live);
        } else {
            byte[] bigger = new byte[Math.max(Math.max(1024, live + n), Math.min(2 * in.length, live + n + PAUSE))];
            System.arraycopy(in, inStart, bigger, 0, live);
            in = bigger;
        }
        inStart = 0;
        inEnd = live;
    }

    private void inputEnded(Channel from) {
        lock.lock();
        try {
            if (from != ch) return;
            inEof = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        // a writable handler waits on a connection that is now closed: it must run and find out
        wakeWatchers();
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Output (or the connect's outcome) may have become ready: wake writers and the event loop. */
    private void outputMayBeReady() {
        signal();
        Runnable w = outputWake;
        if (w != null) w.run();
        notifier.wake();
    }

    private final GenericFutureListener<Future<? super Void>> writeDone = f -> {
        lock.lock();
        try {
            inNetty--;
            if (f.isSuccess() || closed) return;
            if (writeError == null) writeError = SocketErrors.of(f.cause());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        outputMayBeReady();
    };

    // ======================================================================================
    // Connecting (TcpConnector, in the loop's polls and between them)
    // ======================================================================================

    /** The connector has started an attempt on this channel. False if the driver was closed meanwhile. */
    boolean attempting(Channel attempt, TcpConnector by) {
        lock.lock();
        try {
            if (closed) return false;
            connector = by;
            ch = attempt;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The connect succeeded on c: apply the options set meanwhile and send what was queued. */
    void connected(Channel c) {
        List<ByteBuf> queued;
        lock.lock();
        try {
            if (closed || state != CONNECTING) return;
            ch = c;
            state = CONNECTED;
            connector = null;
            applySocketOptions(c);
            if (tlsPending != null) {
                for (TlsLayer l : tlsPending) installNow(c, l);
                tlsPending = null;
            }
            queued = early;
            early = null;
            if (queued != null) {
                for (ByteBuf b : queued) {
                    inNetty++;
                    lastWrite = c.write(b);
                    lastWrite.addListener(writeDone);
                }
                c.flush();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        outputMayBeReady();
        Runnable w = inputWake;
        if (w != null) w.run();
    }

    /** Every attempt failed; error is the last one's. */
    void failed(SocketErrors error) {
        List<ByteBuf> queued;
        lock.lock();
        try {
            if (state != CONNECTING) return;
            state = FAILED;
            connectError = error;
            connector = null;
            queued = early;
            early = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (queued != null) for (ByteBuf b : queued) b.release();
        outputMayBeReady();
        Runnable w = inputWake;
        if (w != null) w.run();
    }

    /**
     * Waits for a blocking connect to end. Returns null when connected, else the error, which
     * leaves the driver closed.
     */
    SocketErrors awaitConnect() {
        lock.lock();
        try {
            while (state == CONNECTING) {
                try {
                    awaitChange();
                } catch (InterruptedIOException e) {
                    state = FAILED;
                    connectError = SocketErrors.EIO;
                    break;
                }
            }
            if (state == CONNECTED) return null;
        } finally {
            lock.unlock();
        }
        SocketErrors e = connectError;
        close();
        return e;
    }

    boolean isConnecting() {
        lock.lock();
        try {
            return state == CONNECTING;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a change (lock held): on the tree's thread by serving the loop's I/O, where the
     * changes happen. Work queued for the interpreter's thread runs first.
     */
    private void awaitChange() throws InterruptedIOException {
        if (!tasks.isEmpty()) {
            lock.unlock();
            try {
                runTasks();
            } finally {
                lock.lock();
            }
            return;
        }
        if (loop.inEventLoop()) {
            lock.unlock();
            try {
                loop.poll(-1);
            } finally {
                lock.lock();
            }
            if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException();
            return;
        }
        try {
            changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        }
    }

    // ======================================================================================
    // Reading
    // ======================================================================================

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        boolean polled = false;
        lock.lock();
        try {
            tlsNews = false;
            while (true) {
                if (state == CONNECTING) {
                    if (!blocking) {
                        // as Tcl's read of a connecting socket: the connect moves on first
                        if (polled || !pollOnce(false)) return 0;
                        polled = true;
                        continue;
                    }
                    awaitChange();
                    continue;
                }
                if (state == FAILED) throw SocketErrors.ENOTCONN.channelException("error reading", channelName);
                int avail = inEnd - inStart;
                if (avail > 0) {
                    int n = Math.min(avail, len);
                    System.arraycopy(in, inStart, b, off, n);
                    inStart += n;
                    if (inStart == inEnd) {
                        inStart = inEnd = 0;
                        // an idle connection keeps no large buffer
                        if (in.length > RESUME) in = NO_BYTES;
                    }
                    if (paused && inEnd - inStart <= RESUME) {
                        paused = false;
                        Channel c = ch;
                        if (c != null) c.config().setAutoRead(true);
                    }
                    return n;
                }
                if (inEof) return -1;
                if (!blocking) {
                    // as a read of the socket itself would: what has arrived meanwhile counts
                    if (polled || !pollOnce(true)) return 0;
                    polled = true;
                    continue;
                }
                awaitChange();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Serves the loop's ready I/O once without waiting (lock held, released meanwhile); unless
     * ifStale says that a poll just made is enough. False when this thread cannot (not the loop's).
     */
    private boolean pollOnce(boolean ifStale) {
        if (!loop.inEventLoop()) return false;
        lock.unlock();
        try {
            if (ifStale) loop.settleIfStale();
            else loop.settle();
        } finally {
            lock.lock();
        }
        return true;
    }

    @Override
    public boolean inputReady() {
        // no lock: see the input fields; inEnd is read first, as makeRoom moves inStart first
        int end = inEnd;
        return state == FAILED || end > inStart || inEof || tlsNews;
    }

    @Override
    public void watchInput(Runnable wake) { inputWake = wake; }

    /** Bytes received and not yet read by the channel (for tests and flow-control checks). */
    int buffered() {
        lock.lock();
        try {
            return inEnd - inStart;
        } finally {
            lock.unlock();
        }
    }

    /** Whether reading is paused because too much input is buffered. */
    boolean readPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    // ======================================================================================
    // Writing
    // ======================================================================================

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) return;
        Channel c;
        ChannelFuture f;
        boolean waitOutcome;
        java.nio.channels.SocketChannel direct;
        lock.lock();
        try {
            while (state == CONNECTING) {
                if (!blocking) {
                    if (early == null) early = new ArrayList<>(2);
                    Channel a = ch;
                    ByteBuf copy = a != null ? a.alloc().buffer(len) : io.netty.buffer.Unpooled.buffer(len);
                    early.add(copy.writeBytes(b, off, len));
                    return;
                }
                awaitChange();
            }
            if (state == FAILED) throw SocketErrors.ENOTCONN.channelException("error writing", channelName);
            if (tlsFailed()) throw SocketErrors.ECONNABORTED.channelException("error writing", channelName);
            if (writeError != null) throw writeError.channelException("error writing", channelName);
            if (resetSeen) throw SocketErrors.EPIPE.channelException("error writing", channelName);
            if (outputShut) throw SocketErrors.EPIPE.channelException("error writing", channelName);
            c = ch;
            // after the peer's close the next write may meet its reset: learn the outcome now
            waitOutcome = blocking && inEof;
            direct = inNetty == 0 && tls.isEmpty() && tlsPending == null && c.isActive() ? javaChannel(c) : null;
        } finally {
            lock.unlock();
        }
        if (direct != null) {
            int n = writeDirect(c, direct, b, off, len, waitOutcome);
            if (n == len) return;
            off += n;
            len -= n;
        }
        lock.lock();
        try {
            ByteBuf buf = c.alloc().buffer(len);
            buf.writeBytes(b, off, len);
            inNetty++;
            f = c.writeAndFlush(buf);
            lastWrite = f;
        } finally {
            lock.unlock();
        }
        f.addListener(writeDone);
        if (!blocking) return;
        if (waitOutcome) {
            loop.await(f, -1);
            lock.lock();
            try {
                if (writeError == null && !f.isSuccess()) writeError = SocketErrors.of(f.cause());
                if (writeError != null) throw writeError.channelException("error writing", channelName);
            } finally {
                lock.unlock();
            }
            return;
        }
        lock.lock();
        try {
            while (!c.isWritable() && c.isActive() && writeError == null && !closed) awaitChange();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes what the socket takes at once and returns the count; the rest goes through Netty.
     * Netty's write path (a pooled buffer, the outbound buffer's entry, a promise) costs more
     * than the write itself. Safe because nothing of this channel is in Netty's outbound buffer
     * (inNetty is 0, no TLS handler writes). A failure is handled as Netty
     * handles a failed write: the error is kept for the next write (raised now when the outcome
     * was to be waited for) and the connection is closed.
     */
    private int writeDirect(Channel c, java.nio.channels.SocketChannel sc, byte[] b, int off, int len,
                            boolean raise) throws IOException {
        try {
            return sc.write(java.nio.ByteBuffer.wrap(b, off, len));
        } catch (IOException e) {
            SocketErrors err;
            lock.lock();
            try {
                if (writeError == null) writeError = SocketErrors.of(e);
                err = writeError;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            c.close();
            outputMayBeReady();
            if (raise) throw err.channelException("error writing", channelName);
            return len;
        }
    }

    /** AbstractNioChannel.javaChannel(), protected in Netty; null where it cannot be reached. */
    private static final java.lang.invoke.MethodHandle JAVA_CHANNEL = javaChannelAccess();

    private static java.lang.invoke.MethodHandle javaChannelAccess() {
        try {
            java.lang.reflect.Method m = io.netty.channel.nio.AbstractNioChannel.class.getDeclaredMethod("javaChannel");
            m.setAccessible(true);
            return java.lang.invoke.MethodHandles.lookup().unreflect(m);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The JDK socket under a Netty NIO channel, or null (then every write goes through Netty). */
    private static java.nio.channels.SocketChannel javaChannel(Channel c) {
        if (JAVA_CHANNEL == null || !(c instanceof io.netty.channel.nio.AbstractNioChannel)) return null;
        try {
            return (java.nio.channels.SocketChannel) JAVA_CHANNEL.invoke((io.netty.channel.nio.AbstractNioChannel) c);
        } catch (Throwable t) {
            return null;
        }
    }

    /**
     * Whether a write would be taken without waiting, or would fail at once: the event loop's
     * test for a writable fileevent. False while connecting and while Netty's outbound buffer is
     * above its high-water mark.
     */
    @Override
    public boolean outputReady() {
        lock.lock();
        try {
            if (state == CONNECTING) return false;
            if (state == FAILED || writeError != null || closed) return true;
            Channel c = ch;
            return c.isWritable() || !c.isActive();
        } finally {
            lock.unlock();
        }
    }

    /** Asks to be told, from any thread, when output may have become ready (null: stop). */
    @Override
    public void watchOutput(Runnable wake) { outputWake = wake; }

    @Override
    public void setBlocking(boolean b) { blocking = b; }


    // ======================================================================================
    // TLS
    // ======================================================================================

    /** Runs work on the interpreter's thread: in its event loop, or in a blocking wait here. */
    Executor interpExecutor() { return this::queueTask; }

    private void queueTask(Runnable r) {
        lock.lock();
        try {
            tasks.add(r);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        notifier.post(this::runTasks);
    }

    /** Runs the queued work (the interpreter's thread). */
    private void runTasks() {
        while (true) {
            Runnable r;
            lock.lock();
            try {
                r = tasks.poll();
            } finally {
                lock.unlock();
            }
            if (r == null) return;
            r.run();
        }
    }

    /**
     * Stacks a TLS layer (tls::import): from now on what the channel reads and writes goes
     * through it. Bytes already received and not yet read are the start of the TLS stream (the
     * peer of a STARTTLS may send its hello at once) and go to the layer first.
     */
    TlsLayer pushTls(TlsContext context, String servername) throws TclException, IOException {
        TlsLayer layer;
        Channel c;
        lock.lock();
        try {
            if (state == FAILED || closed) throw SocketErrors.ENOTCONN.channelException("error writing", channelName);
            c = ch;
            layer = new TlsLayer(interp, this, context, servername, c != null ? c.alloc() : ByteBufAllocator.DEFAULT);
            tls.add(layer);
            layer.announce();
            if (state == CONNECTING) {
                if (tlsPending == null) tlsPending = new ArrayList<>(1);
                tlsPending.add(layer);
                return layer;
            }
        } finally {
            lock.unlock();
        }
        if (c.eventLoop().inEventLoop()) installNow(c, layer);
        else c.eventLoop().submit(() -> installNow(c, layer)).syncUninterruptibly();
        return layer;
    }

    /** An accepted connection's layer, already in its pipeline (TLS servers). */
    void adoptTls(TlsLayer layer) {
        lock.lock();
        try {
            tls.add(layer);
        } finally {
            lock.unlock();
        }
    }

    /** Puts a layer's handler in the pipeline (the channel's event loop). */
    private void installNow(Channel c, TlsLayer layer) {
        ChannelPipeline p = c.pipeline();
        ChannelHandlerContext mine = p.context(Inbound.class);
        if (mine == null) return; // closed meanwhile
        ByteBuf unread = null;
        lock.lock();
        try {
            if (inEnd > inStart) {
                unread = Unpooled.copiedBuffer(in, inStart, inEnd - inStart);
                inStart = inEnd = 0;
                if (paused) {
                    paused = false;
                    c.config().setAutoRead(true);
                }
            }
        } finally {
            lock.unlock();
        }
        p.addBefore(mine.name(), null, layer.handler);
        if (unread != null) {
            ChannelHandlerContext ctx = p.context(layer.handler);
            try {
                layer.handler.channelRead(ctx, unread);
                layer.handler.channelReadComplete(ctx);
            } catch (Exception e) {
                ctx.fireExceptionCaught(e);
            }
        }
    }

    /** Removes the innermost TLS layer (tls::unimport); null when there is none. */
    TlsLayer popTls() {
        TlsLayer layer;
        Channel c;
        lock.lock();
        try {
            if (tls.isEmpty()) return null;
            layer = tls.remove(tls.size() - 1);
            if (tlsPending != null && tlsPending.remove(layer)) return layer;
            c = ch;
        } finally {
            lock.unlock();
        }
        if (c != null) {
            Runnable remove = () -> {
                if (c.pipeline().context(layer.handler) != null) c.pipeline().remove(layer.handler);
            };
            if (c.eventLoop().inEventLoop()) remove.run();
            else c.eventLoop().submit(remove).syncUninterruptibly();
        }
        return layer;
    }

    /** Whether the script has closed the channel. */
    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** The innermost TLS layer, or null for a plain socket. */
    TlsLayer tls() {
        lock.lock();
        try {
            return tls.isEmpty() ? null : tls.get(tls.size() - 1);
        } finally {
            lock.unlock();
        }
    }

    /** Whether a layer's handshake failed (lock held; an index loop: plain sockets pay nothing). */
    private boolean tlsFailed() {
        for (int i = 0, n = tls.size(); i < n; i++) if (tls.get(i).state == TlsLayer.FAILED) return true;
        return false;
    }

    /** A layer's handshake ended (in a poll): wake whoever waits for it. */
    void tlsStateChanged(TlsLayer layer, int newState, String failure) {
        lock.lock();
        try {
            layer.failure = failure;
            layer.state = newState;
            tlsNews = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        wakeWatchers();
    }

    /** Wakes the event loop for both readable and writable handlers (any thread). */
    private void wakeWatchers() {
        Runnable w = inputWake;
        if (w != null) w.run();
        outputMayBeReady();
    }

    /**
     * tls::handshake: the layer's handshake state once it has ended, or at once (RUNNING) on a
     * non-blocking channel. A blocking channel waits, running the layer's callbacks meanwhile.
     */
    int awaitHandshake(TlsLayer layer) throws IOException {
        lock.lock();
        try {
            while (true) {
                if (layer.state != TlsLayer.RUNNING) {
                    tlsNews = false;
                    lock.unlock();
                    try {
                        runTasks();
                    } finally {
                        lock.lock();
                    }
                    return layer.state;
                }
                if (state == FAILED) throw SocketErrors.ENOTCONN.channelException("error reading", channelName);
                if (closed) return TlsLayer.FAILED;
                if (!blocking) return TlsLayer.RUNNING;
                awaitChange();
            }
        } finally {
            lock.unlock();
        }
    }

    // ======================================================================================
    // Closing
    // ======================================================================================

    @Override
    public void close() {
        Channel c;
        ChannelFuture last;
        TcpConnector conn;
        List<ByteBuf> drop;
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            c = ch;
            last = lastWrite;
            conn = state == CONNECTING ? connector : null;
            drop = early;
            early = null;
            in = NO_BYTES;
            inStart = inEnd = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        inputWake = null;
        outputWake = null;
        if (drop != null) for (ByteBuf b : drop) b.release();
        if (conn != null) conn.cancel();
        if (c == null) return;
        if (last != null && !last.isDone()) {
            if (!blocking) {
                // as Tcl flushes a non-blocking channel in the background: close once written
                last.addListener(f -> c.close());
                loop.closingStarted(c.closeFuture());
                return;
            }
            loop.await(last, -1);
        }
        c.close();
        // the system closes a socket registered with a selector when the selector next runs: so
        // the peer sees the close now, as it does when Tcl closes its socket
        loop.settle();
    }

    /** Half-close of the sending side: the peer sees end of file once everything sent has arrived. */
    @Override
    public boolean closeWrite() throws IOException {
        lock.lock();
        try {
            while (state == CONNECTING) awaitChange();
            if (state == FAILED) throw SocketErrors.ENOTCONN.channelException("error writing", channelName);
            if (!(ch instanceof DuplexChannel)) return false;
            outputShut = true;
        } finally {
            lock.unlock();
        }
        DuplexChannel c = (DuplexChannel) ch;
        ChannelFuture last = lastWrite;
        if (last != null && !last.isDone()) {
            // shutting down output drops what Netty has not written yet: wait for it
            if (blocking) loop.await(last, -1);
            else {
                last.addListener(f -> c.shutdownOutput());
                return true;
            }
        }
        loop.await(c.shutdownOutput(), TimeUnit.SECONDS.toNanos(5));
        return true;
    }

    /** Half-close of the receiving side: what arrives from now on is discarded. */
    @Override
    public boolean closeRead() {
        Channel c;
        lock.lock();
        try {
            c = state == CONNECTED ? ch : null;
            if (c != null && !(c instanceof DuplexChannel)) return false;
            in = NO_BYTES;
            inStart = inEnd = 0;
            inEof = true;
        } finally {
            lock.unlock();
        }
        inputWake = null;
        if (c != null) ((DuplexChannel) c).shutdownInput();
        return true;
    }

    // ======================================================================================
    // Options
    // ======================================================================================

    private static final String BAD_OPTION_CHOICES =
            "-blocking, -buffering, -buffersize, -encoding, -eofchar, -translation, -connecting, -peername, or -sockname";

    /** Whether name is an abbreviation of option as Tcl's socket options match (at least "-x"). */
    static boolean matches(String name, String option) {
        return name.length() > 1 && name.length() <= option.length() && option.startsWith(name);
    }

    @Override
    public List<TclObj> options() {
        List<TclObj> l = new ArrayList<>(4);
        lock.lock();
        int st;
        Channel c;
        try {
            st = state;
            c = ch;
        } finally {
            lock.unlock();
        }
        if (st == CONNECTING) {
            l.add(TclObj.of("-peername"));
            l.add(TclObj.EMPTY);
            l.add(TclObj.of("-sockname"));
            l.add(TclObj.EMPTY);
            return l;
        }
        InetSocketAddress peer = st == CONNECTED ? inet(c.remoteAddress()) : null;
        if (peer != null) {
            l.add(TclObj.of("-peername"));
            l.add(SocketAddresses.triple(interp, peer));
        }
        l.add(TclObj.of("-sockname"));
        l.add(sockname(c));
        return l;
    }

    private static InetSocketAddress inet(java.net.SocketAddress a) {
        return a instanceof InetSocketAddress i ? i : null;
    }

    private TclObj sockname(Channel c) {
        InetSocketAddress local = c == null ? null : inet(c.localAddress());
        if (local == null) local = new InetSocketAddress(SocketAddresses.ANY4, 0);
        return SocketAddresses.triple(interp, local);
    }

    @Override
    public TclObj getOption(String name) throws TclException {
        // as in Tcl, asking about a connecting socket moves the connect on
        if (state == CONNECTING) loop.settle();
        if (matches(name, "-error")) return TclObj.of(takeError());
        int st;
        Channel c;
        lock.lock();
        try {
            st = state;
            c = ch;
        } finally {
            lock.unlock();
        }
        if (matches(name, "-connecting")) return TclObj.of(st == CONNECTING ? "1" : "0");
        if (matches(name, "-peername")) {
            if (st == CONNECTING) return TclObj.EMPTY;
            InetSocketAddress peer = st == CONNECTED ? inet(c.remoteAddress()) : null;
            if (peer == null) {
                throw TclException.error("can't get peername: " + SocketErrors.ENOTCONN.message, "POSIX", "ENOTCONN",
                        SocketErrors.ENOTCONN.message);
            }
            return SocketAddresses.triple(interp, peer);
        }
        if (matches(name, "-sockname")) return st == CONNECTING ? TclObj.EMPTY : sockname(c);
        // Tcl 8.7's options, not in 8.6's messages
        if (name.length() > 2 && "-keepalive".startsWith(name)) return TclObj.of(flag(true) ? "1" : "0");
        if (name.length() > 2 && "-nodelay".startsWith(name)) return TclObj.of(flag(false) ? "1" : "0");
        throw TclException.error("bad option \"" + name + "\": should be one of " + BAD_OPTION_CHOICES);
    }

    /** -error: the connect's failure or a socket error, reported once (as SO_ERROR is cleared). */
    private String takeError() {
        lock.lock();
        try {
            if (state == CONNECTING) return "";
            SocketErrors e = connectError != null ? connectError : pendingError;
            connectError = null;
            pendingError = null;
            return e == null ? "" : e.message;
        } finally {
            lock.unlock();
        }
    }

    private boolean flag(boolean keepAliveOption) {
        lock.lock();
        try {
            Channel c = ch;
            if (state == CONNECTED && c.isOpen() && c.config() instanceof SocketChannelConfig sc) {
                return keepAliveOption ? sc.isKeepAlive() : sc.isTcpNoDelay();
            }
            return keepAliveOption ? keepAlive : noDelay;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean setOption(String name, TclObj value) throws TclException {
        boolean ka = name.length() > 2 && "-keepalive".startsWith(name);
        boolean nd = name.length() > 2 && "-nodelay".startsWith(name);
        if (!ka && !nd) return false;
        boolean v;
        try {
            v = value.asBoolean();
        } catch (TclException e) {
            throw TclException.error("expected boolean value but got \"" + value + "\"", "TCL", "VALUE", "BOOLEAN");
        }
        lock.lock();
        try {
            if (ka) keepAlive = v;
            else noDelay = v;
            if (state == CONNECTED) applySocketOptions(ch);
        } finally {
            lock.unlock();
        }
        return true;
    }

    /** Sets -keepalive and -nodelay on the socket (lock held). */
    private void applySocketOptions(Channel c) {
        if (!c.isOpen() || !(c.config() instanceof SocketChannelConfig sc)) return;
        sc.setKeepAlive(keepAlive);
        sc.setTcpNoDelay(noDelay);
    }

    /** The Netty channel (tests). */
    Channel nettyChannel() { return ch; }
}
