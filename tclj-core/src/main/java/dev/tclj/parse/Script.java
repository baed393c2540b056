package dev.tclj.parse;

/**
 * A parsed script: its commands in order. A script with a syntax error keeps the commands before
 * the error, which run first, as in Tcl; {@link #error} then says what is wrong.
 */
public final class Script {
    public static final Script EMPTY = new Script("", new Cmd[0], null, false);

    public final String text;
    public final Cmd[] cmds;
    /** The syntax error after the last command, or null. */
    public final String error;
    /** Whether the error is one more input could fix (an unclosed brace, quote or bracket). */
    public final boolean incomplete;
    /**
     * For a syntax error: the failing command's text as Tcl reports it in errorInfo (from its
     * start through the character where the error was found), and the line it starts on.
     */
    public final String errorCommand;
    public final int errorLine;

    public Script(String text, Cmd[] cmds, String error, boolean incomplete) {
        this(text, cmds, error, incomplete, null, 1);
    }

    public Script(String text, Cmd[] cmds, String error, boolean incomplete, String errorCommand, int errorLine) {
        this.text = text;
        this.cmds = cmds;
        this.error = error;
        this.incomplete = incomplete;
        this.errorCommand = errorCommand;
        this.errorLine = errorLine;
    }
}
