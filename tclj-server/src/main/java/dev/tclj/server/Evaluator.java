package dev.tclj.server;

import dev.tclj.Interp;
import dev.tclj.Interps;
import dev.tclj.Limits;
import dev.tclj.TclException;
import dev.tclj.TclObj;

/**
 * How a client's script is evaluated, the same for every transport (line and framed clients,
 * {@link Connection}; WebSocket clients, {@link WebSocketClient}): in the client's own safe
 * interpreter, else the server's {@code -interp}, else the server's interpreter; at global
 * level; under the server's {@code -timelimit}; with what it writes to stdout and stderr
 * captured when the reply carries it. What to answer is the transport's business.
 */
final class Evaluator {
    /** What one evaluation gave: a result or an error, and the captured output (empty when not captured). */
    record Outcome(Interp interp, TclObj result, TclException error, byte[] stdout, byte[] stderr) {
        boolean ok() { return error == null; }

        /** The script ran over the server's time limit (an error no catch in the script can stop). */
        boolean timedOut() {
            return error != null && error.isLimit() && TIME_LIMIT.equals(error.result().toString());
        }
    }

    private static final String TIME_LIMIT = "time limit exceeded";
    private static final byte[] NONE = {};

    private final ServerEngine server;
    /** The client's own safe interpreter, or null. */
    private final Interp own;
    private OutputCapture capture;
    private boolean busy;

    Evaluator(ServerEngine server, Interp own) {
        this.server = server;
        this.own = own;
    }

    /** Whether a script is running (a nested event loop in it must not start another for this client). */
    boolean busy() { return busy; }

    /** Where scripts run now (the server's -interp may change between scripts). */
    Interp target() {
        if (own != null) return own;
        return server.evalInterp != null ? server.evalInterp : server.interp;
    }

    /** Evaluates script at global level; captureOutput: stdout and stderr go to the outcome. */
    Outcome run(String script, boolean captureOutput) {
        Interp target = target();
        if (captureOutput) {
            if (capture == null || capture.interp() != target) capture = new OutputCapture(target);
            capture.install();
        }
        TclObj result = null;
        TclException error = null;
        boolean limited = false;
        busy = true;
        try {
            if (target.isDeleted()) {
                throw TclException.error("attempt to call eval in deleted interpreter", "TCL", "IDELETE",
                        "attempt to call eval in deleted interpreter");
            }
            if (server.timeLimit > 0) {
                Limits.setTimeLimit(target, System.currentTimeMillis() + server.timeLimit);
                limited = true;
            }
            result = target.evalInFrame(target.globalFrame(), TclObj.of(script));
        } catch (TclException e) {
            error = e;
        } finally {
            busy = false;
            if (limited && !target.isDeleted()) Limits.setTimeLimit(target, -1);
            if (captureOutput) capture.remove();
        }
        byte[] out = captureOutput ? capture.take(false) : NONE;
        byte[] err = captureOutput ? capture.take(true) : NONE;
        return new Outcome(target, result, error, out, err);
    }

    /** The client is gone: its own interpreter goes with it. */
    void close() {
        if (own != null && !own.isDeleted()) Interps.delete(own);
    }
}
