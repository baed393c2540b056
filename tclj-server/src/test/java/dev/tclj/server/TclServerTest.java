package dev.tclj.server;

import dev.tclj.Interp;
import dev.tclj.TclObj;
import dev.tclj.event.Notifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.management.ObjectName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Java API: the builder's settings, start/stop/close from any thread, hooks as Java functions, JMX. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TclServerTest {

    /** A line-protocol client: sends a line, reads a line. */
    static final class LineClient implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        LineClient(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        String ask(String command) throws IOException {
            out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return in.readLine();
        }

        @Override
        public void close() throws IOException { socket.close(); }
    }

    @Test
    void portZeroLetsTheSystemChooseAndThePortIsReported() throws Exception {
        try (TclServer server = TclServer.builder().port(0).build()) {
            assertThat(server.port()).isZero();
            assertThat(server.isActive()).isFalse();
            server.start();
            assertThat(server.isActive()).isTrue();
            assertThat(server.port()).isPositive();
            try (LineClient c = new LineClient(server.port())) {
                assertThat(c.ask("expr {6*7}")).isEqualTo("42");
                assertThat(c.ask("set a 1; set b 2")).isEqualTo("2");
            }
        }
    }

    @Test
    void startTwiceStopAndStartAgain() throws Exception {
        try (TclServer server = TclServer.builder().build()) {
            server.start();
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
            int port = server.port();
            try (LineClient c = new LineClient(port)) {
                assertThat(c.ask("set x 1")).isEqualTo("1");
                server.stop();
                assertThat(server.isActive()).isFalse();
                assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
                // a stopped server keeps its clients
                assertThat(c.ask("set x 2")).isEqualTo("2");
                assertThat(server.connections()).hasSize(1);
                server.closeConnections();
                assertThat(c.in.readLine()).isNull();
            }
            server.start();
            try (LineClient c = new LineClient(server.port())) {
                assertThat(c.ask("set x")).isEqualTo("2");
            }
        }
    }

    @Test
    void aPortInUseIsAnIOExceptionWithTheSocketCommandsMessage() throws Exception {
        try (TclServer first = TclServer.builder().build()) {
            first.start();
            try (TclServer second = TclServer.builder().port(first.port()).build()) {
                assertThatThrownBy(second::start).isInstanceOf(IOException.class)
                        .hasMessage("couldn't open socket: address already in use");
            }
        }
    }

    @Test
    void hooksAsJavaFunctions() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TclServer server = TclServer.builder()
                .onConnect((interp, channel, address, port) -> {
                    seen.add("connect " + address);
                    return true;
                })
                .onError((interp, channel, command, error) -> {
                    seen.add("error " + command.strip() + ": " + error.getMessage());
                    return !command.startsWith("fatal");
                })
                .build()) {
            server.start();
            try (LineClient c = new LineClient(server.port())) {
                c.out.write("error one\n".getBytes(StandardCharsets.UTF_8));
                assertThat(c.ask("set ok 1")).isEqualTo("1");
                c.out.write("fatal\n".getBytes(StandardCharsets.UTF_8));
                c.out.flush();
                assertThat(c.in.readLine()).isNull();
            }
        }
        assertThat(seen).containsExactly("connect 127.0.0.1", "error error one: one",
                "error fatal: invalid command name \"fatal\"");
    }

    @Test
    void hooksAsTclScripts() throws Exception {
        try (TclServer server = TclServer.builder()
                .onConnect("apply {{ch addr port} {incr ::connects; return 1}}")
                .onError("apply {{ch cmd msg} {puts $ch \"ERR $msg\"; return 1}}")
                .build()) {
            server.start();
            try (LineClient c = new LineClient(server.port())) {
                assertThat(c.ask("error bad")).isEqualTo("ERR bad");
                assertThat(c.ask("set ::connects")).isEqualTo("1");
            }
        }
    }

    @Test
    void anInterpreterOfTheProgramsServedByItsOwnThread() throws Exception {
        CompletableFuture<TclServer> made = new CompletableFuture<>();
        CompletableFuture<Void> loopDone = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            Interp interp = new Interp();
            try {
                interp.eval("set answer 42");
                TclServer server = TclServer.builder().interp(interp).build();
                server.start();
                made.complete(server);
                // the program's own event loop; the hold: work may come from other threads
                try (Notifier.Hold hold = interp.notifier().hold()) {
                    interp.eval("vwait ::done");
                }
                loopDone.complete(null);
            } catch (Throwable e) {
                made.completeExceptionally(e);
                loopDone.completeExceptionally(e);
            }
        });
        t.start();
        TclServer server = made.get(10, TimeUnit.SECONDS);
        try (LineClient c = new LineClient(server.port())) {
            assertThat(c.ask("set answer")).isEqualTo("42");
            // from another thread: handed to the interpreter's thread
            assertThat(server.connections()).hasSize(1);
            server.stop();
            assertThat(c.ask("incr answer")).isEqualTo("43");
            server.close();
            assertThat(c.in.readLine()).isNull();
        }
        server.interp().submit("set ::done 1").get(10, TimeUnit.SECONDS);
        loopDone.get(10, TimeUnit.SECONDS);
        t.join(10_000);
    }

    @Test
    void commandsInAnotherInterpreter() throws Exception {
        try (TclServer server = TclServer.builder().build()) {
            Interp safe = server.interp().submit("interp create -safe sandbox").thenCompose(x ->
                    CompletableFuture.completedFuture(findChild(server.interp(), "sandbox"))).get();
            server.interp().submit("set secret 1").get();
            try (TclServer inner = TclServer.builder().interp(server.interp()).evalInterp(safe).build()) {
                // built on a thread that is not the interpreter's: calls are handed over
                inner.start();
                try (LineClient c = new LineClient(inner.port())) {
                    assertThat(c.ask("info exists secret")).isEqualTo("0");
                    assertThat(c.ask("interp issafe")).isEqualTo("1");
                }
                inner.close();
            }
        }
    }

    private static Interp findChild(Interp parent, String name) {
        return dev.tclj.Interps.childrenOf(parent).get(name);
    }

    @Test
    void eachClientItsOwnSafeInterpreterWithTheAliasesTheProgramChooses() throws Exception {
        try (TclServer server = TclServer.builder()
                .clientInterps(child -> child.createCommand("whoami", (in, objv) -> TclObj.of("a client")))
                .build()) {
            server.start();
            try (LineClient a = new LineClient(server.port()); LineClient b = new LineClient(server.port())) {
                assertThat(a.ask("set mine a")).isEqualTo("a");
                assertThat(b.ask("info exists mine")).isEqualTo("0");
                assertThat(a.ask("whoami")).isEqualTo("a client");
                assertThat(a.ask("interp issafe")).isEqualTo("1");
                assertThat(server.interp().submit("llength [interp slaves]").get().toString()).isEqualTo("2");
            }
            // the client interpreters go with their clients
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!server.interp().submit("llength [interp slaves]").get().toString().equals("0")
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.interp().submit("llength [interp slaves]").get().toString()).isEqualTo("0");
        }
    }

    @Test
    void userAuthChecksTheFirstLineWithoutHoldingBackOthers() throws Exception {
        try (TclServer server = TclServer.builder().userAuth(u -> u.equals("alice")).build()) {
            server.start();
            try (Socket silent = new Socket("127.0.0.1", server.port());
                 LineClient alice = new LineClient(server.port());
                 LineClient bob = new LineClient(server.port())) {
                // silent never says who it is; the others are served meanwhile
                alice.out.write("alice\n".getBytes(StandardCharsets.UTF_8));
                assertThat(alice.ask("set who alice")).isEqualTo("alice");
                bob.out.write("bob\n".getBytes(StandardCharsets.UTF_8));
                assertThat(bob.ask("set who bob")).isNull();
                assertThat(alice.ask("set who")).isEqualTo("alice");
                assertThat(server.connections()).hasSize(2);
            }
        }
    }

    @Test
    void statsAreAnMBean() throws Exception {
        try (TclServer server = TclServer.builder().name("jmx-test").build()) {
            server.start();
            try (LineClient c = new LineClient(server.port())) {
                c.ask("set a 1");
                c.ask("set b 22");
            }
            ObjectName n = server.mbeanName(Duration.ofSeconds(10));
            assertThat(n).isEqualTo(new ObjectName("dev.tclj.server:type=TclServer,name=\"jmx-test\""));
            var mbs = ManagementFactory.getPlatformMBeanServer();
            assertThat(mbs.getAttribute(n, "Commands")).isEqualTo(2L);
            assertThat(mbs.getAttribute(n, "BytesIn")).isEqualTo(17L);
            assertThat(mbs.getAttribute(n, "BytesOut")).isEqualTo(7L);
            assertThat(mbs.getAttribute(n, "Port")).isEqualTo(server.port());
            server.close();
            assertThat(mbs.isRegistered(n)).isFalse();
        }
    }

    @Test
    void closingEndsTheServersOwnThread() throws Exception {
        TclServer server = TclServer.builder().name("thread-end").build();
        server.start();
        assertThat(threadNamed("thread-end")).isTrue();
        server.close();
        assertThat(threadNamed("thread-end")).isFalse();
        server.close();
    }

    static boolean threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void aNotifierHoldIsNotNeededWithTheServersOwnLoop() throws Exception {
        // the loop thread waits for work while the server lives, even when not listening
        try (TclServer server = TclServer.builder().build()) {
            Thread.sleep(50);
            assertThat(server.interp().submit("expr 1+1").get(5, TimeUnit.SECONDS).toString()).isEqualTo("2");
            assertThat(Notifier.of(server.interp())).isNotNull();
        }
    }
}
