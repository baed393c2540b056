package dev.tclj.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tclserver command (tclj.jar's dev.tclj.cli.TclServerMain) as a process: without a terminal
 * it serves without a console, says where it listens, admits hosts by serverauth and users by
 * --userauth, evaluates in a safe interpreter with --safe, and stops cleanly on SIGTERM.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TclServerCommandIT {
    private static final Pattern LISTENING = Pattern.compile("tclserver: listening on (\\S+) port (\\d+)");

    /** A running tclserver and the port it printed. */
    private record Server(Process process, int port, BufferedReader out) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }

    private static Server start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(TcljProcess.JAR.toString());
        cmd.add("dev.tclj.cli.TclServerMain");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        Matcher m = line == null ? null : LISTENING.matcher(line);
        if (m == null || !m.find()) {
            p.destroyForcibly();
            throw new AssertionError("tclserver did not say where it listens: " + line);
        }
        assertThat(m.group(1)).isEqualTo("127.0.0.1");
        return new Server(p, Integer.parseInt(m.group(2)), out);
    }

    private static final class Client implements AutoCloseable {
        final Socket s;
        final BufferedReader in;
        final OutputStream o;

        Client(int port) throws IOException {
            s = new Socket("127.0.0.1", port);
            s.setSoTimeout(20_000);
            in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            o = s.getOutputStream();
        }

        void send(String line) throws IOException {
            o.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            o.flush();
        }

        String ask(String line) throws IOException {
            send(line);
            return in.readLine();
        }

        @Override
        public void close() throws IOException { s.close(); }
    }

    @Test
    void servesWithoutAConsoleAndStopsOnSigterm() throws Exception {
        Server server = start("--port", "0");
        try (Client c = new Client(server.port())) {
            assertThat(c.ask("expr {6 * 7}")).isEqualTo("42");
            assertThat(c.ask("serverauth list")).isEqualTo("127.0.0.1 ::1");
            assertThat(c.ask("interp issafe")).isEqualTo("0");
        }
        server.process().toHandle().destroy();   // SIGTERM (Process.destroy would close our end of its stdout)
        assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(server.out().readLine()).isEqualTo("tclserver: stopped");
    }

    @Test
    void anInitScriptAndServerauth() throws Exception {
        Path init = Files.createTempFile("tclserver-init", ".tcl");
        try {
            Files.writeString(init, "proc hello {} {return hi}\nserverauth remove 127.0.0.1\n");
            try (Server server = start("--port", "0", "--init", init.toString())) {
                try (Client c = new Client(server.port())) {
                    // refused: the connection is closed without a reply
                    c.send("hello");
                    assertThat(c.in.readLine()).isNull();
                }
            }
            Files.writeString(init, "proc hello {} {return hi}\n");
            try (Server server = start("--port", "0", "--init", init.toString()); Client c = new Client(server.port())) {
                assertThat(c.ask("hello")).isEqualTo("hi");
            }
        } finally {
            Files.deleteIfExists(init);
        }
    }

    @Test
    void userauthAndSafeAndErrorsReplied() throws Exception {
        try (Server server = start("--port", "0", "--userauth", "--user", "alice", "--safe");
             Socket silent = new Socket("127.0.0.1", server.port())) {
            // a client that never says who it is holds back no other
            try (Client c = new Client(server.port())) {
                c.send("alice");
                assertThat(c.ask("interp issafe")).isEqualTo("1");
                assertThat(c.ask("error boom")).isEqualTo("boom");
                assertThat(c.ask("serverauth list")).isEqualTo("invalid command name \"serverauth\"");
            }
            try (Client c = new Client(server.port())) {
                c.send("mallory");
                c.send("set a 1");
                assertThat(c.in.readLine()).isNull();
            }
        }
    }

    @Test
    void aPortInUseIsAnError() throws Exception {
        try (Server first = start("--port", "0")) {
            Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    TcljProcess.JAR.toString(), "dev.tclj.cli.TclServerMain", "--port", String.valueOf(first.port()))
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(1);
            assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("tclserver: couldn't open socket: address already in use");
        }
    }

    @Test
    void loopbackByDefault() throws Exception {
        try (Server server = start("--port", "0")) {
            String other = otherAddress();
            org.junit.jupiter.api.Assumptions.assumeTrue(other != null, "this host has no address but loopback");
            assertThatThrownBy(() -> new Socket(other, server.port()).close()).isInstanceOf(ConnectException.class);
        }
    }

    /** A non-loopback address of this host, or null. */
    private static String otherAddress() throws IOException {
        for (var ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (ni.isLoopback() || !ni.isUp()) continue;
            for (var a : java.util.Collections.list(ni.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address) return a.getHostAddress();
            }
        }
        return null;
    }
}
