package dev.tclj.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interactive shell on a real terminal: tclj runs in a tmux session, keys are typed with
 * send-keys and the screen is read with capture-pane. The expected screens are tclsh's for the same
 * keys. Skipped where tmux is not installed.
 */
class InteractiveShellIT {
    @TempDir
    Path home;
    /** The test's own tmux server (tmux -L), so that no other tmux user can disturb it. */
    private final String socket = "tclj-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private final String session = "tclj";
    private boolean started;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(tmux("-V") == 0, "tmux is not installed");
        started = true;
        String cmd = "HOME=" + quote(home.toString()) + " "
                + TcljProcess.command().stream().map(InteractiveShellIT::quote).collect(Collectors.joining(" "))
                + "; echo EXIT=$?; sleep 600";
        assertThat(tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "40", cmd)).isZero();
        awaitPrompt();
    }

    @AfterEach
    void stop() throws Exception {
        if (started) tmux("kill-server");
    }

    @Test
    void evaluatesCompleteCommandsAndPrintsResultsAndErrorsLikeTclsh() throws Exception {
        command("set a 5");
        command("puts -nonewline abc");
        command("puts -nonewline stderr err");
        line("if {1} {");
        line("set y 2");
        command("}");
        command("error boom");
        command("return r");
        command("set x {}");
        command("puts \"50%\"");
        line("exit 3");
        awaitScreen("EXIT=3");
        assertThat(screen()).isEqualTo(List.of(
                "% set a 5",
                "5",
                "% puts -nonewline abc",
                "abc% puts -nonewline stderr err",
                "err% if {1} {",
                "set y 2",
                "}",
                "2",
                "% error boom",
                "boom",
                "% return r",
                "r",
                "% set x {}",
                "% puts \"50%\"",
                "50%",
                "% exit 3",
                "EXIT=3"));
    }

    @Test
    void getsReadsTheTerminalAndHistoryIsKept() throws Exception {
        line("puts -nonewline {name? }; flush stdout; gets stdin");
        awaitLine("name?");
        command("bob");
        keys("Up");
        awaitScreen("bob\n% puts -nonewline {name? }; flush stdout; gets stdin");
        keys("C-u");
        keys("C-d");
        awaitScreen("EXIT=0");
        assertThat(screen()).isEqualTo(List.of(
                "% puts -nonewline {name? }; flush stdout; gets stdin",
                "name? bob",
                "bob",
                "%",
                "EXIT=0"));
        assertThat(Files.readString(home.resolve(".tclj_history")))
                .contains("puts -nonewline {name? }; flush stdout; gets stdin");
    }

    @Test
    void eventsRunOnlyWhenACommandEntersTheEventLoopAsInTclsh() throws Exception {
        // tclsh's shell reads its input blocking: a timer set at the prompt waits for update
        command("after 300 {puts tick; set ::fired 1}");
        Thread.sleep(800);
        command("info exists ::fired");
        awaitLine("0");
        command("update");
        awaitLine("tick");
        command("set ::fired");
        awaitLine("1");
        assertThat(screen()).containsSubsequence("% info exists ::fired", "0", "% update", "tick", "% set ::fired", "1");
    }

    @Test
    void ctrlCDropsTheCommandBeingTyped() throws Exception {
        line("set half {not finished");
        keys("C-c");
        awaitPrompt();
        command("info exists half");
        assertThat(screen()).endsWith("% info exists half", "0", "%");
    }

    /** Types a line that completes a command, and waits for the next prompt. */
    private void command(String text) throws Exception {
        line(text);
        awaitPrompt();
    }

    /** Types a line. */
    private void line(String text) throws Exception {
        keys("-l", text);
        keys("Enter");
        Thread.sleep(200);
    }

    /** Waits until the screen ends with an empty prompt. */
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

    private void keys(String... keys) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("send-keys", "-t", session));
        cmd.addAll(List.of(keys));
        assertThat(tmux(cmd.toArray(String[]::new))).isZero();
    }

    /** The non-empty lines on the screen, without trailing blanks. */
    private List<String> screen() throws Exception {
        Process p = new ProcessBuilder("tmux", "-L", socket, "capture-pane", "-p", "-t", session)
                .redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return s.lines().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
    }

    /** Waits until a line of the screen is {@code text} (without trailing blanks). */
    private void awaitLine(String text) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> shown = List.of();
        while (System.nanoTime() < end) {
            shown = screen();
            if (shown.contains(text)) return;
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never showed the line " + text + ":\n" + String.join("\n", shown));
    }

    private void awaitScreen(String text) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String shown = "";
        while (System.nanoTime() < end) {
            shown = String.join("\n", screen()) + "\n";
            if (shown.contains(text) || shown.contains(text.stripTrailing() + "\n")) return;
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never showed " + text + ":\n" + shown);
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
