package dev.tclj;

/**
 * {@code tailcall}: a command that a procedure (or lambda) schedules to run in its place once it
 * returns, and the running of it.
 *
 * <p>As in Tcl, {@code tailcall cmd ?arg ...?} records the command in the procedure's frame and
 * returns from the procedure (a plain {@code return}, which a {@code catch} in between sees as code
 * 2 while the tailcall stays scheduled; {@code tailcall} with no command cancels it). When the
 * procedure completes normally and its frame has been popped (its unset traces have run), the
 * command runs in the caller's variable frame, resolved in the namespace the procedure ran in,
 * and its completion, whatever its code, is the procedure call's. A procedure that completes
 * otherwise (an error, break...) drops its tailcall.
 *
 * <p>A tail-called procedure runs in the loop of {@link #run} rather than one Java call deeper, so
 * tail recursion (a state machine, a loop written as a procedure that tail-calls itself) runs in
 * constant stack and does not count against the recursion limit. Other commands are invoked
 * normally; the procedures they call run their own tailcalls.
 */
public final class TailCall {
    final TclObj[] words;
    final Namespace ns;

    private TailCall(TclObj[] words, Namespace ns) {
        this.words = words;
        this.ns = ns;
    }

    /** The tailcall command: schedules {@code objv[1..]} in the current procedure frame and returns from it. */
    public static TclObj schedule(Interp interp, TclObj[] objv) throws TclException {
        CallFrame f = interp.frame;
        if (!f.isProc || f.proc == null) {
            throw TclException.error("tailcall can only be called from a proc, lambda or method", "TCL", "TAILCALL", "ILLEGAL");
        }
        f.tailcall = objv.length > 1 ? new TailCall(java.util.Arrays.copyOfRange(objv, 1, objv.length), f.ns) : null;
        TclException r = new TclException(TclException.RETURN, TclObj.EMPTY);
        r.level = 1;
        r.returnCode = TclException.OK;
        throw r;
    }

    /**
     * Runs the tailcall that the procedure call which just completed normally left in
     * {@link Interp#tailcallDone}, and those the procedures it runs leave in turn; returns the
     * last one's result.
     */
    static TclObj run(Interp interp, TclObj result) throws TclException {
        TailCall tc;
        while ((tc = interp.tailcallDone) != null) {
            interp.tailcallDone = null;
            if (tc.ns.deleted) {
                String n = tc.ns.fullName;
                throw TclException.error("namespace \"" + n + "\" not found", "TCL", "LOOKUP", "NAMESPACE", n);
            }
            CommandEntry ce = interp.findCommand(tc.words[0].toString(), tc.ns);
            if (ce != null && ce.impl instanceof Proc p && interp.execTraces == null) {
                result = callInLoop(interp, p, tc.words);
            } else {
                result = interp.invokeWords(tc.words, tc.ns);
            }
        }
        return result;
    }

    /** Calls a tail-called procedure as invokeWords would, without nesting (see the class comment). */
    private static TclObj callInLoop(Interp interp, Proc p, TclObj[] words) throws TclException {
        if (++interp.depth > interp.recursionLimit) {
            interp.depth--;
            throw interp.tooDeep();
        }
        int top = interp.pushCmd(null, words);
        interp.cmdCount++;
        try {
            return interp.runProc(p, words, 1);
        } catch (TclException e) {
            interp.tailcallDone = null;
            if (e.code() == TclException.ERROR) interp.logWords(e, words);
            throw e;
        } catch (RuntimeException | Error e) {
            interp.tailcallDone = null;
            throw e;
        } finally {
            interp.depth--;
            interp.cmdTop = top;
        }
    }
}
