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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tclserver's console on a real terminal (a tmux session, as {@link InteractiveShellIT}): the
 * shell and the clients share one interpreter, clients are served while the console waits for
 * input, and Ctrl-D or exit stops the server. Skipped where tmux is not installed.
 */
class TclServerConsoleIT {
    @TempDir
    Path home;
    private final String socket = "tclserver-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private final String session = "tclserver";
    private boolean started;
    private int port;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(tmux("-V") == 0, "tmux is not installed");
        started = true;
        List<String> java = List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", TcljProcess.JAR.toString(), "dev.tclj.cli.TclServerMain",
                "--port", "0");
        String cmd = "HOME=" + quote(home.toString()) + " " + java.stream().map(TclServerConsoleIT::quote)
                .collect(Collectors.joining(" ")) + "; echo EXIT=$?; sleep 600";
        assertThat(tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "40", cmd)).isZero();
        awaitPrompt();
        Matcher m = Pattern.compile("tclserver: listening on 127\\.0\\.0\\.1 port (\\d+)").matcher(String.join("\n", screen()));
        assertThat(m.find()).isTrue();
        port = Integer.parseInt(m.group(1));
    }

    @AfterEach
    void stop() throws Exception {
        if (started) tmux("kill-server");
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
            command("set fromClient");
            command("set fromConsole 2");
            assertThat(ask(s, in, "set fromConsole")).isEqualTo("2");
            command("error boom");
            keys("C-d");
            awaitScreen("EXIT=0");
            assertThat(in.readLine()).isNull();
        }
        List<String> shown = screen();
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
        line("exit 3");
        awaitScreen("EXIT=3");
        assertThat(screen()).endsWith("% exit 3", "tclserver: stopped", "EXIT=3");
    }

    private void command(String text) throws Exception {
        line(text);
        awaitPrompt();
    }

    private void line(String text) throws Exception {
        keys("-l", text);
        keys("Enter");
        Thread.sleep(200);
    }

    private void awaitPrompt() throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> shown = List.of();
        while (System.nanoTime() < end) {
            shown = screen();
            if (!shown.isEmpty() && shown.get(shown.size() - 1).endsWith("%")) return;
            Thread.sleep(100);
        }
        throw new AssertionError("no prompt came:\n" + String.join("\n", shown));
    }

    private void awaitScreen(String text) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String shown = "";
        while (System.nanoTime() < end) {
            shown = String.join("\n", screen()) + "\n";
            if (shown.contains(text)) return;
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never showed " + text + ":\n" + shown);
    }

    private void keys(String... keys) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("send-keys", "-t", session));
        cmd.addAll(List.of(keys));
        assertThat(tmux(cmd.toArray(String[]::new))).isZero();
    }

    private List<String> screen() throws Exception {
        Process p = new ProcessBuilder("tmux", "-L", socket, "capture-pane", "-p", "-t", session)
                .redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return s.lines().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
    }

    private int tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
