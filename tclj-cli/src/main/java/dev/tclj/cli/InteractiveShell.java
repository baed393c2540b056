package dev.tclj.cli;

import dev.tclj.ExitException;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclMain;
import dev.tclj.TclObj;
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

/**
 * tclj's interactive shell: tclsh's read-eval-print loop with JLine's line editing and history
 * (kept in ~/.tclj_history). The prompt is "% "; a command may span lines, and is evaluated once
 * it is complete (as [info complete] says). A non-empty result is printed on stdout, an error's
 * message on stderr, as tclsh prints them. End of input (Ctrl-D on an empty line) or exit ends it;
 * Ctrl-C abandons the line being edited.
 */
final class InteractiveShell {
    private InteractiveShell() {}

    static int run() {
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
        Interp interp = new Interp();
        TclMain.setArgs(interp, "tclj", new String[0], true);
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
            return loop(interp, reader, tail, outCs);
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

    private static int loop(Interp interp, LineReader reader, LineTail tail, Charset cs) {
        while (true) {
            String command;
            try {
                // After what the last command left unfinished on its line, as in tclsh. That text
                // becomes part of the prompt, redrawn over itself from the start of the line, so
                // that JLine knows where the prompt ends. JLine expands '%' escapes: "%%" is "%".
                String unfinished = tail.take(cs);
                if (!unfinished.isEmpty()) {
                    reader.getTerminal().writer().print('\r');
                    reader.getTerminal().writer().flush();
                }
                command = reader.readLine(unfinished.replace("%", "%%") + "%% ");
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                return 0;
            }
            try {
                TclObj result = interp.evalTop(TclObj.of(command));
                print(interp, false, result);
            } catch (TclException e) {
                // A return at the top level completes normally with its value as the result.
                print(interp, e.code() != TclException.OK, e.result());
            } catch (ExitException e) {
                return e.status();
            }
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
