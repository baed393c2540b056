package dev.tclj.cli;

import dev.tclj.ExitException;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.io.ChannelTable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * tclserver's interactive shell: the tclj shell's line editing, history and complete-command
 * rule ({@link InteractiveShell.CompleteCommandParser}), on a thread of its own, so that the
 * interpreter's thread keeps serving clients while the user types. Each command typed is handed
 * to the interpreter's thread (evaluated at global level, between clients' commands) and its
 * result or error printed as tclsh prints them. Ctrl-D on an empty line or {@code exit} stops the
 * server.
 */
final class ServerConsole {
    private final Interp interp;
    private final TclServerMain.ServerStop stop;
    private final Terminal terminal;
    private final LineReader reader;
    private final Thread thread;

    private ServerConsole(Interp interp, TclServerMain.ServerStop stop, Terminal terminal) {
        this.interp = interp;
        this.stop = stop;
        this.terminal = terminal;
        String home = System.getenv("HOME");
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("tclserver")
                .parser(new InteractiveShell.CompleteCommandParser())
                .variable(LineReader.HISTORY_FILE,
                        Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"), ".tclj_history"))
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "")
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_TAB, true)
                .build();
        this.thread = new Thread(this::loop, "tclserver-console");
        thread.setDaemon(true);
    }

    /** Opens the terminal and starts the shell; null (and a message) if the terminal cannot be used. */
    static ServerConsole start(Interp interp, TclServerMain.ServerStop stop) {
        Terminal t;
        try {
            t = TerminalBuilder.builder().system(true).name("tclserver").build();
        } catch (IOException e) {
            System.err.println("tclserver: no console: " + e.getMessage());
            return null;
        }
        ServerConsole c = new ServerConsole(interp, stop, t);
        c.thread.start();
        return c;
    }

    private void loop() {
        try {
            while (!stop.requested()) {
                String command;
                try {
                    command = reader.readLine("%% ");  // JLine expands % escapes: "%%" is "%"
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                if (!evaluate(command)) return;
            }
            stop.request();
        } catch (RuntimeException e) {
            // the terminal went away (it was closed as the server stopped)
            stop.request();
        }
    }

    /** Evaluates one command on the interpreter's thread and prints its outcome; false after exit. */
    private boolean evaluate(String command) {
        CompletableFuture<TclObj> f = interp.submit(command);
        boolean error = false;
        TclObj value;
        try {
            value = f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ExitException) return false;
            if (!(c instanceof TclException te)) throw new IllegalStateException(c);
            error = te.code() != TclException.OK;
            value = te.result();
        }
        interp.post(() -> ChannelTable.flushAll(interp));
        String s = value.toString();
        if (!s.isEmpty()) {
            PrintStream out = error ? System.err : System.out;
            out.println(s);
            out.flush();
        }
        return true;
    }

    /** Ends the shell (the server stopped). */
    void end() {
        try {
            reader.getHistory().save();
            terminal.close();
        } catch (IOException e) {
            // history is a convenience; stopping must not fail because of it
        }
    }
}
