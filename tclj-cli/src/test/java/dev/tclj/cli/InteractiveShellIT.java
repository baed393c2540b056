package dev.tclj.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interactive shell on a real terminal: tclj runs in a tmux session, keys are typed with
 * send-keys and the screen is read with capture-pane. The expected screens are tclsh's for the same
 * keys. Skipped where tmux is not installed.
 */
class InteractiveShellIT {
    @TempDir
    Path home;
    private final TmuxTerminal term = new TmuxTerminal("tclj");
    private boolean started;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(TmuxTerminal.available(), "tmux is not installed");
        started = true;
        term.start(home.toString(), TcljProcess.command());
        term.awaitPrompt();
    }

    @AfterEach
    void stop() {
        if (started) term.kill();
    }

    @Test
    void evaluatesCompleteCommandsAndPrintsResultsAndErrorsLikeTclsh() throws Exception {
        term.command("set a 5");
        term.command("puts -nonewline abc");
        term.command("puts -nonewline stderr err");
        term.line("if {1} {");
        term.line("set y 2");
        term.command("}");
        term.command("error boom");
        term.command("return r");
        term.command("set x {}");
        term.command("puts \"50%\"");
        term.line("exit 3");
        term.awaitScreen("EXIT=3");
        assertThat(term.screen()).isEqualTo(List.of(
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
        term.line("puts -nonewline {name? }; flush stdout; gets stdin");
        term.awaitLine("name?");
        term.command("bob");
        term.keys("Up");
        term.awaitScreen("bob\n% puts -nonewline {name? }; flush stdout; gets stdin");
        term.keys("C-u");
        term.keys("C-d");
        term.awaitScreen("EXIT=0");
        assertThat(term.screen()).isEqualTo(List.of(
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
        term.command("after 300 {puts tick; set ::fired 1}");
        Thread.sleep(800);
        term.command("info exists ::fired");
        term.awaitLine("0");
        term.command("update");
        term.awaitLine("tick");
        term.command("set ::fired");
        term.awaitLine("1");
        assertThat(term.screen()).containsSubsequence("% info exists ::fired", "0", "% update", "tick", "% set ::fired", "1");
    }

    @Test
    void ctrlCDropsTheCommandBeingTyped() throws Exception {
        term.line("set half {not finished");
        term.keys("C-c");
        term.awaitPrompt();
        term.command("info exists half");
        assertThat(term.screen()).endsWith("% info exists half", "0", "%");
    }
}
