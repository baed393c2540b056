package dev.tclj.net;

import dev.tclj.Interp;
import dev.tclj.TclObj;
import dev.tclj.io.ChannelTable;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flow control over real loopback sockets: a peer that sends much more than the script reads
 * is held back by TCP once the driver's buffer is full (the event loop reads ahead only that
 * far), and nothing is lost; a script that
 * writes only when its socket is writable does not pile up output for a peer that reads slowly.
 */
class FlowControlTest {
    private static final int TOTAL = 64 << 20;

    @Test
    void aFastSenderIsHeldBackUntilTheScriptReads() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try (Socket s = ss.accept(); OutputStream out = s.getOutputStream()) {
                    byte[] chunk = new byte[64 * 1024];
                    for (int sent = 0; sent < TOTAL; sent += chunk.length) out.write(chunk);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Interp interp = new Interp();
            String chan = interp.eval("set s [socket 127.0.0.1 " + ss.getLocalPort() + "]").toString();
            TcpDriver d = (TcpDriver) ChannelTable.of(interp).get(chan).driver();
            // while the event loop runs (and the script reads nothing), the sender fills the
            // kernel's buffers and ours, then must wait for the script
            interp.eval("""
                    after 300 {set ::waited 1}
                    vwait ::waited
                    """);
            assertThat(d.readPaused()).isTrue();
            interp.eval("""
                    after 200 {set ::waited 1}
                    vwait ::waited
                    """);
            assertThat(d.buffered()).isLessThan(TcpDriver.PAUSE + (1 << 20));
            assertThat(sender).isNotDone();
            // the script reads everything; the sender finishes
            TclObj n = interp.eval("""
                    fconfigure $s -translation binary
                    set n 0
                    while {1} {
                        set d [read $s 65536]
                        incr n [string length $d]
                        if {[eof $s]} break
                    }
                    close $s
                    set n
                    """);
            assertThat(n.asLong()).isEqualTo(TOTAL);
            sender.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aScriptThatWaitsForWritableDoesNotPileUpOutput() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> peer = CompletableFuture.supplyAsync(() -> {
                try {
                    return ss.accept();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Interp interp = new Interp();
            String chan = interp.eval("set s [socket 127.0.0.1 " + ss.getLocalPort() + "]").toString();
            TcpDriver d = (TcpDriver) ChannelTable.of(interp).get(chan).driver();
            try (Socket s = peer.get(10, TimeUnit.SECONDS); InputStream in = s.getInputStream()) {
                // the script writes a chunk whenever the socket is writable, for a second
                interp.eval("""
                        fconfigure $s -blocking 0 -translation binary
                        set chunk [string repeat x 65536]
                        set ::writes 0
                        fileevent $s writable {puts -nonewline $s $chunk; flush $s; incr ::writes}
                        after 1000 {set ::stop 1}
                        vwait ::stop
                        fileevent $s writable {}
                        """);
                long pending = d.nettyChannel().unsafe().outboundBuffer().totalPendingWriteBytes();
                // nobody reads: what waits in Netty is bounded by the high-water mark and one chunk
                assertThat(pending).isLessThan(4L << 20);
                assertThat(interp.eval("set ::writes").asLong()).isLessThan(200);
                s.close();
            } finally {
                interp.eval("close $s");
            }
        }
    }
}
