package dev.tclj.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tclserver's console on a real terminal (a tmux session, as {@link InteractiveShellIT}): the
 * shell and the clients share one interpreter, clients are served while the console waits for
 * input, and Ctrl-D or exit stops the server. Skipped where tmux is not installed.
 */
class TclServerConsoleIT {
    @TempDir
    Path home;
    private final TmuxTerminal term = new TmuxTerminal("tclserver");
    private boolean started;
    private int port;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(TmuxTerminal.available(), "tmux is not installed");
        started = true;
        term.start(home.toString(), List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", TcljProcess.JAR.toString(), "dev.tclj.cli.TclServerMain",
                "--port", "0"));
        term.awaitPrompt();
        Matcher m = Pattern.compile("tclserver: listening on 127\\.0\\.0\\.1 port (\\d+)").matcher(String.join("\n", term.screen()));
        assertThat(m.find()).isTrue();
        port = Integer.parseInt(m.group(1));
    }

    @AfterEach
    void stop() {
        if (started) term.kill();
    }

    private String ask(Socket s, BufferedReader in, String command) throws IOException {
        s.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        return in.readLine();
    }

    @Test
    void theConsoleAndTheClientsShareTheInterpreterAndCtrlDStops() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            // served while the console waits for a line
            assertThat(ask(s, in, "set fromClient 1")).isEqualTo("1");
            term.command("set fromClient");
            term.command("set fromConsole 2");
            assertThat(ask(s, in, "set fromConsole")).isEqualTo("2");
            term.command("error boom");
            term.keys("C-d");
            term.awaitScreen("EXIT=0");
            assertThat(in.readLine()).isNull();
        }
        List<String> shown = term.screen();
        assertThat(shown.subList(1, shown.size())).containsExactly(
                "% set fromClient",
                "1",
                "% set fromConsole 2",
                "2",
                "% error boom",
                "boom",
                "%",
                "tclserver: stopped",
                "EXIT=0");
    }

    @Test
    void exitStopsWithItsStatus() throws Exception {
        term.line("exit 3");
        term.awaitScreen("EXIT=3");
        assertThat(term.screen()).endsWith("% exit 3", "tclserver: stopped", "EXIT=3");
    }
}
