package dev.tclj.clock;

import dev.tclj.TclException;

/**
 * An error of the clock machinery, with the message and errorCode words tclsh gives (many come from
 * Tcl code in clock.tcl and carry errorCode NONE: no words).
 */
public final class ClockError extends Exception {
    private final String[] code;

    public ClockError(String message, String... code) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The errorCode words (none for errorCode NONE). */
    public String[] code() { return code; }

    public TclException toTcl() {
        return TclException.error(getMessage(), code);
    }
}
