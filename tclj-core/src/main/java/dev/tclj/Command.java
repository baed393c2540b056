package dev.tclj;

/**
 * A Tcl command implemented in Java. {@code objv[0]} is the command name as invoked; the return
 * value is the command's result (null means the empty string). Errors and other completion codes
 * are thrown as {@link TclException}.
 */
@FunctionalInterface
public interface Command {
    TclObj invoke(Interp interp, TclObj[] objv) throws TclException;
}
