package dev.tclj;

/**
 * A non-OK completion of a Tcl command: an error, or return, break, continue or another code.
 * It travels as an exception without a stack trace (they are control flow, not faults).
 *
 * <p>For errors, {@link #errorCode} and {@link #errorInfo} follow Tcl's rules: errorInfo starts as the
 * message and grows with "while executing" lines as the error unwinds; {@code errorInfoComplete}
 * says whether a script supplied it with {@code -errorinfo}.
 */
public class TclException extends Exception {
    public static final int OK = 0, ERROR = 1, RETURN = 2, BREAK = 3, CONTINUE = 4;

    private final int code;
    private TclObj result;
    /** The return options beyond -code and -level (a dict), or null. */
    public TclObj errorCode;
    public StringBuilder errorInfo;
    /** Set once the error's errorInfo has had its first "while executing" line. */
    public boolean infoStarted;
    /** -level for return; the -code that applies when the level reaches 0. */
    public int level;
    public int returnCode;
    /** Extra return options given to return (other than -code -level -errorcode -errorinfo). */
    public TclDict options;
    /** The line number (-errorline) where the error happened. */
    public int errorLine = 1;
    /** Set while an error from a command substitution propagates through the enclosing word. */
    boolean nestedLogged;
    /** Set when the error's errorInfo was supplied at this level (error with info). */
    boolean alreadyLogged;
    /**
     * Set when a wrong # args message must keep the words it names: the command was reached
     * through an imported command, which ends an enclosing ensemble's or alias's rewriting.
     */
    boolean usageFixed;

    public TclException(int code, TclObj result) {
        super(null, null, false, false);
        this.code = code;
        this.result = result == null ? TclObj.EMPTY : result;
    }

    /** An error with the given message; errorCode NONE. */
    public TclException(String message) {
        this(ERROR, TclObj.of(message));
    }

    /** An error with a message and an errorCode list given as words. */
    public static TclException error(String message, String... errorCode) {
        TclException e = new TclException(ERROR, TclObj.of(message));
        if (errorCode.length > 0) {
            TclObj[] w = new TclObj[errorCode.length];
            for (int i = 0; i < w.length; i++) w[i] = TclObj.of(errorCode[i]);
            e.errorCode = TclObj.ofList(w);
        }
        return e;
    }

    /**
     * The error for a script's syntax error when evaluation reaches it, as Tcl reports it:
     * errorCode NONE, and errorInfo naming the failing command (from its start through the
     * character where the error was found) at the line it starts on.
     */
    public static TclException syntax(dev.tclj.parse.Script s) {
        TclException e = new TclException(s.error);
        if (s.errorCommand != null) {
            String text = s.errorCommand;
            boolean overflow = text.length() > 150;
            if (overflow) text = text.substring(0, 150);
            e.errorInfo = new StringBuilder(s.error).append("\n    while executing\n\"").append(text)
                    .append(overflow ? "...\"" : "\"");
            e.infoStarted = true;
            e.errorLine = s.errorLine;
        }
        return e;
    }

    /** The standard wrong # args error. */
    public static TclException wrongArgs(String usage) {
        return error("wrong # args: should be \"" + usage + "\"", "TCL", "WRONGARGS");
    }

    /**
     * Tcl_WrongNumArgs: "wrong # args: should be "objv[0..n) message"".
     */
    public static TclException wrongArgs(TclObj[] objv, int n, String message) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n && i < objv.length; i++) {
            if (i > 0) sb.append(' ');
            ListParser.appendElement(sb, objv[i].toString(), i == 0);
        }
        if (message != null && !message.isEmpty()) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(message);
        }
        return wrongArgs(sb.toString());
    }

    public int code() { return code; }

    /** Marks this error as already logged at the current level (its errorInfo was supplied). */
    public void markLogged() { alreadyLogged = true; }

    /** Whether this is a resource-limit error that catch must not stop (interp limits). */
    public boolean isLimit() { return false; }

    public TclObj result() { return result; }

    public void setResult(TclObj r) { this.result = r; }

    @Override
    public String getMessage() { return result.toString(); }

    public boolean isError() { return code == ERROR; }
}
