package dev.tclj.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that misbehave (issue 7, item 5): a command never completed, 100 MB without a newline
 * (with and without a size limit), a disconnect in the middle of a command, a client that never
 * reads a 10 MB result, a command that loops forever under a time limit, 1,000 connects and
 * disconnects in a burst. Each time another client is served normally meanwhile or right after,
 * and no channel or thread is left behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RobustnessTest {
    private TclServer server;
    private Set<String> threadsBefore;

    private void start(TclServer.Builder b) throws Exception {
        server = b.build();
        server.start();
        // the first connection starts Netty's threads: count threads from then on
        try (TclServerTest.LineClient c = new TclServerTest.LineClient(server.port())) {
            assertThat(c.ask("set warm 1")).isEqualTo("1");
        }
        awaitConnections(0);
        threadsBefore = threadNames();
    }

    @BeforeEach
    void noServerYet() { server = null; }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }

    /** The channels of the server's interpreter. */
    private String channels() throws Exception {
        return server.interp().submit("lsort [chan names]").get(10, TimeUnit.SECONDS).toString();
    }

    private void awaitConnections(int n) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.connections().size() != n && System.nanoTime() < end) Thread.sleep(10);
        assertThat(server.connections()).hasSize(n);
    }

    /** Nothing left behind: no client channel, the listening socket only, no new thread. */
    private void assertNoLeaks() throws Exception {
        awaitConnections(0);
        assertThat(channels()).matches("sock\\d+ stderr stdin stdout");
        Set<String> now = threadNames();
        now.removeAll(threadsBefore);
        assertThat(now).isEmpty();
    }

    /** Another client is served normally. */
    private void anotherClientIsServed() throws Exception {
        long t0 = System.nanoTime();
        try (TclServerTest.LineClient c = new TclServerTest.LineClient(server.port())) {
            assertThat(c.ask("expr {6*7}")).isEqualTo("42");
            assertThat(c.ask("string length [string repeat x 1000]")).isEqualTo("1000");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream o = s.getOutputStream();
        o.write(text.getBytes(StandardCharsets.UTF_8));
        o.flush();
    }

    /** Whether the server closes s (end of file, or a reset) within the timeout. */
    private static boolean closedByServer(Socket s, int ms) throws IOException {
        s.setSoTimeout(ms);
        InputStream in = s.getInputStream();
        byte[] b = new byte[8192];
        try {
            while (in.read(b) >= 0) {
                // discard what came before the close
            }
            return true;
        } catch (SocketException e) {
            return true; // reset
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    @Test
    void aCommandThatIsNeverCompleted() throws Exception {
        start(TclServer.builder().idleTimeout(Duration.ofMillis(500)));
        try (Socket stuck = new Socket("127.0.0.1", server.port())) {
            send(stuck, "proc never {} {\n  set x 1\n");
            anotherClientIsServed();
            awaitConnections(1);
            // the idle timeout ends it
            assertThat(closedByServer(stuck, 10_000)).isTrue();
        }
        assertNoLeaks();
    }

    @Test
    void hundredMegabytesWithoutANewlineAgainstASizeLimit() throws Exception {
        start(TclServer.builder().maxCommandSize(1 << 20));
        try (Socket flood = new Socket("127.0.0.1", server.port())) {
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'a');
            OutputStream o = flood.getOutputStream();
            int sent = 0;
            try {
                for (; sent < 100; sent++) o.write(chunk);
            } catch (SocketException e) {
                // the server closed the connection: what a client over the limit should see
            }
            assertThat(sent).isLessThan(100);
            assertThat(closedByServer(flood, 10_000)).isTrue();
        }
        assertThat(server.stats().getErrors()).isEqualTo(1);
        anotherClientIsServed();
        assertNoLeaks();
    }

    @Test
    void hundredMegabytesWithoutANewlineAndNoLimitDoNotTakeTheServerDown() throws Exception {
        start(TclServer.builder());
        try (Socket flood = new Socket("127.0.0.1", server.port())) {
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'a');
            OutputStream o = flood.getOutputStream();
            for (int i = 0; i < 100; i++) {
                o.write(chunk);
                if (i == 50) anotherClientIsServed();
            }
            o.flush();
            anotherClientIsServed();
        }
        awaitConnections(0);
        assertThat(server.stats().getBytesIn()).isGreaterThanOrEqualTo(100L << 20);
        anotherClientIsServed();
        assertNoLeaks();
    }

    @Test
    void aDisconnectInTheMiddleOfACommand() throws Exception {
        start(TclServer.builder());
        for (int i = 0; i < 20; i++) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                send(s, "set a 1\nproc half {} {\n  puts ");
            }
        }
        anotherClientIsServed();
        assertNoLeaks();
        assertThat(server.interp().submit("info commands half").get().toString()).isEmpty();
    }

    @Test
    void aClientThatNeverReadsATenMegabyteResultHoldsBackOnlyItself() throws Exception {
        start(TclServer.builder());
        try (Socket lazy = new Socket("127.0.0.1", server.port())) {
            lazy.setReceiveBufferSize(64 * 1024);
            // ten results of 10 MB, never read
            StringBuilder cmds = new StringBuilder();
            for (int i = 0; i < 10; i++) cmds.append("string repeat x 10000000\n");
            send(lazy, cmds.toString());
            Thread.sleep(300);
            for (int i = 0; i < 5; i++) anotherClientIsServed();
            // the server stopped evaluating for it: most of its commands wait
            assertThat(server.stats().getCommands()).isLessThan(1 + 10 + 5 * 2);
        }
        anotherClientIsServed();
        assertNoLeaks();
    }

    @Test
    void anInfiniteLoopUnderATimeLimit() throws Exception {
        start(TclServer.builder().timeLimit(Duration.ofMillis(800)));
        try (Socket looper = new Socket("127.0.0.1", server.port())) {
            send(looper, "while 1 {}\n");
            assertThat(closedByServer(looper, 10_000)).isTrue();
        }
        anotherClientIsServed();
        // the limit does not linger: a command that takes a while but less than the limit is fine
        try (TclServerTest.LineClient c = new TclServerTest.LineClient(server.port())) {
            assertThat(c.ask("after 100; set ok 1")).isEqualTo("1");
            assertThat(c.ask("after 100; set ok 2")).isEqualTo("2");
        }
        assertNoLeaks();
    }

    @Test
    void aThousandConnectsAndDisconnectsInABurst() throws Exception {
        start(TclServer.builder());
        for (int i = 0; i < 1000; i++) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                if (i % 2 == 0) send(s, "incr ::n\n");
            }
        }
        anotherClientIsServed();
        assertNoLeaks();
        assertThat(server.stats().getAccepted()).isEqualTo(1 + 1000 + 1);
    }
}
