package dev.tclj;

/** Thrown by {@code exit}: unwinds every level (catch does not stop it); the host decides. */
public final class ExitException extends RuntimeException {
    private final int status;

    public ExitException(int status) {
        super("exit " + status, null, false, false);
        this.status = status;
    }

    public int status() { return status; }
}
