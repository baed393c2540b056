package dev.tclj.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real terminal for the shell tests: a command runs in a tmux session on a tmux server of its
 * own (tmux -L), keys are typed with send-keys and the screen is read with capture-pane.
 */
final class TmuxTerminal {
    private final String socket;
    private final String session;

    TmuxTerminal(String name) {
        socket = name + "-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        session = name;
    }

    /** Whether tmux is installed. */
    static boolean available() {
        return new TmuxTerminal("probe").tmux("-V") == 0;
    }

    /**
     * Starts words (quoted for the shell) with HOME set, then prints "EXIT=status" and keeps the
     * pane open for the test to read.
     */
    void start(String home, List<String> words) {
        String cmd = "HOME=" + quote(home) + " " + words.stream().map(TmuxTerminal::quote).collect(Collectors.joining(" "))
                + "; echo EXIT=$?; sleep 600";
        assertThat(tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "40", cmd)).isZero();
    }

    /**
     * Ends the session and its processes, and waits until they are gone: a shell still exiting
     * (writing its history into HOME, say) would race with the test's removal of its files.
     */
    void kill() {
        List<ProcessHandle> procs = new ArrayList<>();
        try {
            Process p = new ProcessBuilder("tmux", "-L", socket, "display-message", "-p", "-t", session, "#{pane_pid}")
                    .redirectErrorStream(true).start();
            String pid = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(h -> {
                procs.add(h);
                h.descendants().forEach(procs::add);
            });
        } catch (IOException | NumberFormatException e) {
            // no session (it never started, or ended): nothing to wait for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tmux("kill-server");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : procs) {
            while (h.isAlive() && System.nanoTime() < end) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (h.isAlive()) h.destroyForcibly();
        }
    }

    /** Types a line that completes a command, and waits for the next prompt. */
    void command(String text) throws Exception {
        line(text);
        awaitPrompt();
    }

    /** Types a line. */
    void line(String text) throws Exception {
        keys("-l", text);
        keys("Enter");
        Thread.sleep(200);
    }

    /** Waits until the screen ends with an empty prompt. */
    void awaitPrompt() throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> shown = List.of();
        while (System.nanoTime() < end) {
            shown = screen();
            if (!shown.isEmpty() && shown.get(shown.size() - 1).endsWith("%")) return;
            Thread.sleep(100);
        }
        throw new AssertionError("no prompt came:\n" + String.join("\n", shown));
    }

    /** Waits until a line of the screen is {@code text} (without trailing blanks). */
    void awaitLine(String text) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> shown = List.of();
        while (System.nanoTime() < end) {
            shown = screen();
            if (shown.contains(text)) return;
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never showed the line " + text + ":\n" + String.join("\n", shown));
    }

    /** Waits until the screen shows text anywhere. */
    void awaitScreen(String text) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String shown = "";
        while (System.nanoTime() < end) {
            shown = String.join("\n", screen()) + "\n";
            if (shown.contains(text) || shown.contains(text.stripTrailing() + "\n")) return;
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never showed " + text + ":\n" + shown);
    }

    void keys(String... keys) {
        List<String> cmd = new ArrayList<>(List.of("send-keys", "-t", session));
        cmd.addAll(List.of(keys));
        assertThat(tmux(cmd.toArray(String[]::new))).isZero();
    }

    /** The non-empty lines on the screen, without trailing blanks. */
    List<String> screen() throws Exception {
        Process p = new ProcessBuilder("tmux", "-L", socket, "capture-pane", "-p", "-t", session)
                .redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return s.lines().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
    }

    private int tmux(String... args) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
