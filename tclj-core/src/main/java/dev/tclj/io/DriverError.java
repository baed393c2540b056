package dev.tclj.io;

import dev.tclj.TclException;

import java.io.IOException;

/**
 * A driver failure that already is a Tcl error (a reflected channel's handler raised it): the
 * command reports it as it is instead of "error reading ..." (Tcl's error bypass, TIP 219).
 */
public final class DriverError extends IOException {
    public final TclException error;

    public DriverError(TclException error) {
        super(error.getMessage(), null);
        this.error = error;
    }
}
