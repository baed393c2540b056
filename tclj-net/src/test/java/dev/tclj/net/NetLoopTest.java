package dev.tclj.net;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sockets' I/O runs on the thread that runs the interpreter ({@link NetLoop}): what that asks
 * of the event loop. update serves the sockets; a coroutine's blocking read is served on the
 * coroutine's thread; an interrupt of the interpreter's thread still ends its vwait; work handed
 * over by another thread (a close) wakes the loop.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NetLoopTest {

    /** A peer on a Java thread: accepts one connection and answers each line with "re: line". */
    private static CompletableFuture<Void> replier(ServerSocket ss) {
        return CompletableFuture.runAsync(() -> {
            try (Socket s = ss.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) out.println("re: " + line);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, r -> new Thread(r, "replier").start());
    }

    /** Runs script (with %d for the port of a {@link #replier}) in a new interpreter; its result. */
    private static String withReplier(String script) throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> peer = replier(ss);
            TclObj r = new Interp().eval(script.formatted(ss.getLocalPort()));
            peer.get(10, TimeUnit.SECONDS);
            return r.toString();
        }
    }

    @Test
    void updateServesWhatArrivedWhileTheScriptSlept() throws Exception {
        assertThat(withReplier("""
                set s [socket 127.0.0.1 %d]
                fconfigure $s -blocking 0 -buffering line
                set got {}
                fileevent $s readable {lappend got [gets $s]}
                puts $s hello
                after 300
                update
                close $s
                set got
                """)).isEqualTo("{re: hello}");
    }

    @Test
    void aCoroutineReadsABlockingSocket() throws Exception {
        assertThat(withReplier("""
                set s [socket 127.0.0.1 %d]
                fconfigure $s -buffering line
                coroutine talk apply {{s} {
                    yield
                    set out {}
                    foreach w {one two three} {
                        puts $s $w
                        lappend out [gets $s]
                        yield
                    }
                    return $out
                }} $s
                talk; talk; talk
                set r [talk]
                close $s
                set r
                """)).isEqualTo("{re: one} {re: two} {re: three}");
    }

    /** Runs r on a thread of its own after ms milliseconds (not at all if interrupted first). */
    private static Thread later(long ms, Runnable r) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                return;
            }
            r.run();
        });
        t.start();
        return t;
    }

    @Test
    void anInterruptEndsAVwaitThatWaitsOnSockets() throws Exception {
        Interp interp = new Interp();
        interp.eval("set srv [socket -server {apply {{c a p} {}}} -myaddr 127.0.0.1 0]");
        Thread me = Thread.currentThread();
        Thread t = later(300, me::interrupt);
        try {
            assertThatThrownBy(() -> interp.eval("vwait ::never")).isInstanceOf(TclException.class)
                    .hasMessage("eval canceled");
        } finally {
            // the interrupt is left set for the caller, as the notifier promises: clear it to join
            Thread.interrupted();
            t.join();
            interp.eval("close $srv");
        }
    }

    @Test
    void workPostedFromAnotherThreadIsNeverLeftWaiting() throws Exception {
        // the script alternates update (a poll that only peeks) and vwait while another thread
        // posts work at any moment around them: a wakeup lost in between would leave vwait
        // waiting for good (no timer is there to end it)
        Interp interp = new Interp();
        interp.eval("set srv [socket -server {apply {{c a p} {close $c}}} -myaddr 127.0.0.1 0]; set ::n 0; set ::done 0");
        int count = 20_000;
        Thread poster = new Thread(() -> {
            for (int i = 1; i <= count; i++) {
                interp.post(() -> {
                    try {
                        interp.eval("if {[incr ::n] == " + count + "} {set ::done 1}");
                    } catch (TclException e) {
                        throw new IllegalStateException(e);
                    }
                });
                if ((i & 7) == 0) Thread.yield();
            }
        });
        try (var hold = interp.notifier().hold()) {
            poster.start();
            interp.eval("while {!$::done} {update; if {!$::done} {vwait ::n}}");
        }
        poster.join();
        assertThat(interp.eval("set ::n").asLong()).isEqualTo(count);
        interp.eval("close $srv");
    }

    @Test
    void aCloseFromAnotherThreadWakesTheLoop() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return ss.accept();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, r -> new Thread(r, "acceptor").start());
            Interp interp = new Interp();
            String chan = interp.eval("set s [socket 127.0.0.1 " + ss.getLocalPort() + "]").toString();
            io.netty.channel.Channel nc = ((TcpDriver) dev.tclj.io.ChannelTable.of(interp).get(chan).driver()).nettyChannel();
            try (Socket peer = accepted.get(10, TimeUnit.SECONDS)) {
                // Netty's close from another thread is a task for the loop: vwait must run it
                Thread t = later(200, nc::close);
                TclObj r = interp.eval("""
                        fconfigure $s -blocking 0
                        fileevent $s readable {set ::done [list [read $s] [eof $s]]}
                        after 10000 {set ::done timeout}
                        vwait ::done
                        close $s
                        set ::done
                        """);
                t.join();
                assertThat(r.toString()).isEqualTo("{} 1");
                OutputStream ignored = peer.getOutputStream();
                assertThat(peer.getInputStream().read()).isEqualTo(-1);
            }
        }
    }
}
