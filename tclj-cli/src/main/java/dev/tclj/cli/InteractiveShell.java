package dev.tclj.cli;

import dev.tclj.ExitException;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclMain;
import dev.tclj.TclObj;
import dev.tclj.event.Notifier;
import dev.tclj.io.ChannelTable;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * tclj's interactive shell: tclsh's read-eval-print loop with JLine's line editing and history
 * (kept in ~/.tclj_history). The prompt is "% "; a command may span lines, and is evaluated once
 * it is complete (as [info complete] says). A non-empty result is printed on stdout, an error's
 * message on stderr, as tclsh prints them. End of input (Ctrl-D on an empty line) or exit ends it;
 * Ctrl-C abandons the line being edited.
 */
final class InteractiveShell {
    private InteractiveShell() {}

    /** The shell as tclsh's: the event loop runs only when a command enters it (vwait, update). */
    static int run() { return run(null); }

    /**
     * The shell on an interpreter made by the caller (or a new one when null). With one given,
     * as for tclserver's console, the event loop also runs while the shell waits for a line (as
     * wish's console does), so that what the interpreter serves goes on between commands.
     */
    static int run(Interp given) {
        // The process's stdout and stderr, with what they leave unfinished on the screen tracked.
        // They stay System.out and System.err, so that exec'd programs still inherit the terminal.
        LineTail tail = new LineTail();
        Charset outCs = System.out.charset(), errCs = System.err.charset();
        System.setOut(new PrintStream(tail.track(new FileOutputStream(FileDescriptor.out)), true, outCs));
        System.setErr(new PrintStream(tail.track(new FileOutputStream(FileDescriptor.err)), true, errCs));
        Terminal terminal;
        try {
            terminal = TerminalBuilder.builder().system(true).name("tclj").build();
        } catch (IOException e) {
            System.err.println("tclj: cannot open the terminal: " + e.getMessage());
            return 1;
        }
        Interp interp = given != null ? given : new Interp();
        if (given == null) TclMain.setArgs(interp, "tclj", new String[0], true);
        // [gets stdin] reads the terminal through JLine, which owns its input.
        interp.stdin = new BufferedReader(terminal.reader());
        String home = System.getenv("HOME");
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("tclj")
                .parser(new CompleteCommandParser())
                .variable(LineReader.HISTORY_FILE,
                        Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"), ".tclj_history"))
                // tclsh shows no prompt on the continuation lines of a command.
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "")
                // '!' is Tcl (expr's not), never history expansion.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_TAB, true)
                .build();
        try {
            return given != null ? loopServingEvents(interp, reader, tail, outCs) : loop(interp, reader, tail, outCs);
        } finally {
            // as Tcl at exit: buffered output is written, files closed
            ChannelTable.closeAll(interp);
            System.out.flush();
            System.err.flush();
            try {
                reader.getHistory().save();
                terminal.close();
            } catch (IOException e) {
                // history is a convenience; leaving must not fail because of it
            }
        }
    }

    /** tclsh's read-eval-print loop: read a command (blocking), evaluate it, print. */
    private static int loop(Interp interp, LineReader reader, LineTail tail, Charset cs) {
        while (true) {
            String command = readCommand(reader, tail, cs);
            if (command == null) return 0;
            try {
                evalAndPrint(interp, command);
            } catch (ExitException e) {
                return e.status();
            }
        }
    }

    /**
     * The read-eval-print loop of a console on a serving interpreter: the event loop runs while
     * the shell waits for a line (timers fire, fileevents and servers are served): this thread, the interpreter's,
     * serves events; a reader thread edits the next line with JLine and posts it here. The
     * reader waits for each command to finish before it prompts again, so that a command
     * reading stdin itself ([gets stdin]) has the terminal to itself.
     */
    private static int loopServingEvents(Interp interp, LineReader reader, LineTail tail, Charset cs) {
        Notifier notifier = interp.notifier();
        Semaphore done = new Semaphore(0);
        int[] status = {-1};
        Thread readerThread = new Thread(() -> {
            try {
                while (true) {
                    String command = readCommand(reader, tail, cs);
                    if (command == null) {
                        notifier.post(() -> status[0] = 0);
                        return;
                    }
                    notifier.post(() -> {
                        // after exit (ExitException) the shell ends: no new prompt
                        evalAndPrint(interp, command);
                        done.release();
                    });
                    done.acquire();
                }
            } catch (InterruptedException e) {
                // the shell is ending
            }
        }, "tclj-shell-reader");
        readerThread.setDaemon(true);
        try (Notifier.Hold hold = notifier.hold()) {
            readerThread.start();
            while (status[0] < 0) notifier.doOneEvent(0);
            return status[0];
        } catch (ExitException e) {
            return e.status();
        } finally {
            readerThread.interrupt();
        }
    }

    /** Reads one complete command; null at end of input. Ctrl-C abandons the line being edited. */
    private static String readCommand(LineReader reader, LineTail tail, Charset cs) {
        while (true) {
            try {
                // After what the last command left unfinished on its line, as in tclsh. That text
                // becomes part of the prompt, redrawn over itself from the start of the line, so
                // that JLine knows where the prompt ends. JLine expands '%' escapes: "%%" is "%".
                String unfinished = tail.take(cs);
                if (!unfinished.isEmpty()) {
                    reader.getTerminal().writer().print('\r');
                    reader.getTerminal().writer().flush();
                }
                return reader.readLine(unfinished.replace("%", "%%") + "%% ");
            } catch (UserInterruptException e) {
                // a new line
            } catch (EndOfFileException e) {
                return null;
            }
        }
    }

    private static void evalAndPrint(Interp interp, String command) {
        try {
            TclObj result = interp.evalTop(TclObj.of(command));
            print(interp, false, result);
        } catch (TclException e) {
            // A return at the top level completes normally with its value as the result.
            print(interp, e.code() != TclException.OK, e.result());
        }
    }

    /** Prints a result on stdout, or an error's message on stderr, after the script's own output. */
    private static void print(Interp interp, boolean error, TclObj value) {
        ChannelTable.flushAll(interp);
        PrintStream out = error ? interp.stderr : interp.stdout;
        String s = value.toString();
        if (!s.isEmpty()) out.println(s);
        out.flush();
    }

    /** Accepts a line only when it completes a Tcl command, so that JLine keeps editing otherwise. */
    static final class CompleteCommandParser implements Parser {
        @Override
        public CompletingParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE && !dev.tclj.parse.Parser.isComplete(line + "\n")) {
                throw new EOFError(-1, cursor, "incomplete command");
            }
            return new WholeLine(line, cursor);
        }
    }

    /** The line as one word: the shell completes nothing, so nothing needs quoting. */
    private record WholeLine(String line, int cursor) implements CompletingParsedLine {
        @Override public String word() { return line; }
        @Override public int wordCursor() { return cursor; }
        @Override public int wordIndex() { return 0; }
        @Override public List<String> words() { return List.of(line); }
        @Override public CharSequence escape(CharSequence candidate, boolean complete) { return candidate; }
        @Override public int rawWordCursor() { return cursor; }
        @Override public int rawWordLength() { return line.length(); }
    }
}
