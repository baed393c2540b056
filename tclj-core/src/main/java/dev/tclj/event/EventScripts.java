package dev.tclj.event;

import dev.tclj.CallFrame;
import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;

/**
 * How the event loop runs Tcl code: at global level (Tcl_EvalObjEx with TCL_EVAL_GLOBAL), a
 * failure going to the interpreter's background error handler.
 */
final class EventScripts {
    private EventScripts() {}

    /** Evaluates script at global level; every completion code propagates. */
    static TclObj evalGlobal(Interp interp, TclObj script) throws TclException {
        // an event handler is a callback from C in Tcl: a coroutine that waits for events
        // (vwait, update) cannot yield from inside one
        interp.enterYieldBarrier();
        try {
            return interp.evalInFrame(interp.globalFrame(), script);
        } finally {
            interp.exitYieldBarrier();
        }
    }

    /**
     * Runs an event handler's script (or command, as a list). A completion other than OK gets
     * infoLine (when not null) added to its errorInfo and is reported in the background.
     */
    static void run(Interp interp, TclObj script, String infoLine) {
        if (interp.isDeleted()) return;
        try {
            evalGlobal(interp, script);
        } catch (TclException e) {
            if (infoLine != null) {
                interp.addErrorInfo(e, infoLine);
                // as Tcl_AddErrorInfo: an error code is set once there is error information
                if (e.errorCode == null) e.errorCode = TclObj.of("NONE");
            }
            BackgroundErrors.report(interp, e);
        }
    }

    /**
     * Evaluates a script at global level for a caller that wants its result, as a script file
     * is evaluated: return gives its value, break and continue are errors.
     */
    static TclObj evalForResult(Interp interp, TclObj script) throws TclException {
        if (interp.isDeleted()) {
            throw TclException.error("attempt to call eval in deleted interpreter", "TCL", "IDELETE");
        }
        CallFrame save = interp.currentFrame();
        interp.setFrame(interp.globalFrame());
        try {
            return interp.evalResult(script.toString());
        } finally {
            interp.setFrame(save);
        }
    }
}
