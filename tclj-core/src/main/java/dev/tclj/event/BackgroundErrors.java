package dev.tclj.event;

import dev.tclj.CommandEntry;
import dev.tclj.Interp;
import dev.tclj.Interps;
import dev.tclj.TclDict;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.cmd.ErrorCmds;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelTable;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Background errors (Tcl_BackgroundException and HandleBgErrors, tclEvent.c): the failures of
 * event handlers, queued per interpreter with their return options and handed at idle time to
 * the interpreter's handler ({@code interp bgerror}; {@code ::tcl::Bgerror}, which calls
 * {@code bgerror} or prints errorInfo on stderr, by default).
 */
public final class BackgroundErrors {
    private static final Object KEY = BackgroundErrors.class;
    private static final TclObj DEFAULT_HANDLER = TclObj.of("::tcl::Bgerror");
    private static final TclObj CODE = TclObj.of("-code"), LEVEL = TclObj.of("-level"),
            ERRORCODE = TclObj.of("-errorcode"), ERRORINFO = TclObj.of("-errorinfo"),
            ERRORLINE = TclObj.of("-errorline"), NONE = TclObj.of("NONE");

    private final Interp interp;
    /** Pending reports: {message, return options}. */
    private final ArrayDeque<TclObj[]> pending = new ArrayDeque<>();

    private BackgroundErrors(Interp interp) { this.interp = interp; }

    private static BackgroundErrors of(Interp interp) {
        BackgroundErrors b = interp.getAssoc(KEY);
        if (b == null) {
            b = new BackgroundErrors(interp);
            interp.setAssoc(KEY, b);
        }
        return b;
    }

    /**
     * Reports a failure that happened with no script to return it to (an event handler's): its
     * message and return options go to the interpreter's background error handler when the
     * event loop is next idle. Interpreter's thread only.
     */
    public static void report(Interp interp, TclException e) {
        if (e.code() == TclException.OK || interp.isDeleted()) return;
        BackgroundErrors b = of(interp);
        if (b.pending.isEmpty()) interp.notifier().whenIdle(b::handle);
        b.pending.addLast(new TclObj[]{e.result(), options(interp, e)});
    }

    /**
     * The return options of a failure as Tcl_GetReturnOptions gives them: those of catch for
     * errors and returns; for other codes -code and -level, and the error information when
     * the event added some ("after" script).
     */
    static TclObj options(Interp interp, TclException e) {
        int code = e.code();
        if (code == TclException.ERROR || code == TclException.RETURN) return ErrorCmds.options(interp, e);
        TclDict.Builder b = new TclDict.Builder(6);
        if (e.options != null) for (TclObj k : e.options.keys()) b.put(k, e.options.get(k));
        b.put(CODE, TclObj.of(code));
        b.put(LEVEL, TclObj.of(0));
        if (e.errorCode != null) b.put(ERRORCODE, e.errorCode);
        if (e.errorInfo != null) {
            b.put(ERRORINFO, TclObj.of(e.errorInfo.toString()));
            b.put(ERRORLINE, TclObj.of(e.errorLine));
        }
        return TclObj.ofDict(b.build());
    }

    /** The idle callback: hands every pending report to the handler, in order. */
    private void handle() {
        while (!pending.isEmpty()) {
            if (interp.isDeleted()) {
                pending.clear();
                return;
            }
            // the handler is read for each report: one may install another
            TclObj h = interp.bgerrorHandler();
            TclList prefix;
            try {
                prefix = (h == null ? DEFAULT_HANDLER : h).asList();
            } catch (TclException e) {
                prefix = TclList.of(DEFAULT_HANDLER);
            }
            TclObj[] report = pending.peekFirst();
            TclObj[] words = new TclObj[prefix.size() + 2];
            for (int i = 0; i < prefix.size(); i++) words[i] = prefix.get(i);
            words[prefix.size()] = report[0];
            words[prefix.size() + 1] = report[1];
            TclException failure = null;
            try {
                EventScripts.evalGlobal(interp, TclObj.ofList(words));
            } catch (TclException e) {
                failure = e;
            }
            pending.pollFirst();
            if (failure == null) continue;
            if (failure.code() == TclException.BREAK) {
                // break: the handler wants no more reports for now
                pending.clear();
            } else if (failure.code() == TclException.ERROR && !interp.isSafe()) {
                String info = failure.errorInfo == null ? failure.getMessage() : failure.errorInfo.toString();
                writeStderr(interp, "error in background error handler:\n" + info + "\n");
            }
        }
    }

    /** Writes to the interpreter's stderr channel and flushes it; nothing if it is closed. */
    static void writeStderr(Interp interp, String s) {
        Channel c = ChannelTable.of(interp).lookup("stderr");
        if (c == null || !c.isWritable()) return;
        try {
            c.write(s);
            c.flush();
        } catch (IOException e) {
            // nowhere left to report it
        }
    }

    // ======================================================================================
    // ::tcl::Bgerror
    // ======================================================================================

    /**
     * {@code ::tcl::Bgerror msg options}, the default handler (TclDefaultBgErrorHandlerObjCmd):
     * calls {@code bgerror msg} at global level with errorInfo and errorCode set from the
     * options; when that fails, prints the error (or bgerror's failure) on stderr, or in a safe
     * interpreter calls a hidden bgerror command. A break from bgerror is passed on (it cancels
     * the remaining reports).
     */
    public static TclObj defaultHandler(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 1, "msg options");
        TclDict opts;
        try {
            opts = objv[2].asDict();
        } catch (TclException e) {
            opts = null;
        }
        int level = requiredInt(opts, "-level");
        int code = requiredInt(opts, "-code");
        if (level != 0) code = TclException.RETURN;
        if (code == TclException.OK) return TclObj.EMPTY;
        TclObj msg;
        switch (code) {
            case TclException.ERROR: msg = objv[1]; break;
            case TclException.BREAK: msg = TclObj.of("invoked \"break\" outside of a loop"); break;
            case TclException.CONTINUE: msg = TclObj.of("invoked \"continue\" outside of a loop"); break;
            default: msg = TclObj.of("command returned bad code: " + code);
        }
        // errorInfo and errorCode are set only when the options carry error information
        TclObj info = opts.get("-errorinfo");
        if (info != null) {
            TclObj ec = opts.get("-errorcode");
            interp.setGlobal("::errorCode", ec == null ? NONE : ec);
            interp.setGlobal("::errorInfo", code == TclException.ERROR ? info : TclObj.of(msg.toString() + info));
        }
        TclObj savedInfo = interp.getVarOrNull("::errorInfo");
        TclObj savedCode = interp.getVarOrNull("::errorCode");
        TclObj[] call = {TclObj.of("bgerror"), msg};
        try {
            EventScripts.evalGlobal(interp, TclObj.ofList(call));
            return TclObj.EMPTY;
        } catch (TclException e) {
            if (e.code() != TclException.ERROR) throw e;
            if (interp.isSafe()) {
                restore(interp, savedInfo, savedCode);
                CommandEntry hidden = Interps.hiddenOf(interp).get("bgerror");
                if (hidden != null) {
                    try {
                        interp.invokeHiddenEntry(hidden, call, true, null);
                    } catch (TclException ignored) {
                        // a safe interpreter's failures are not printed (Tcl's rule)
                    }
                }
                return TclObj.EMPTY;
            }
            if (interp.findCommand("::bgerror") == null) {
                restore(interp, savedInfo, savedCode);
                TclObj ei = interp.getVarOrNull("::errorInfo");
                writeStderr(interp, (ei == null ? "" : ei.toString()) + "\n");
            } else {
                writeStderr(interp, "bgerror failed to handle background error.\n    Original error: " + msg
                        + "\n    Error in bgerror: " + e.getMessage() + "\n");
            }
            return TclObj.EMPTY;
        }
    }

    private static void restore(Interp interp, TclObj info, TclObj code) {
        try {
            if (info != null) interp.setGlobal("::errorInfo", info);
            if (code != null) interp.setGlobal("::errorCode", code);
        } catch (TclException ignored) {
            // a trace refused: leave them
        }
    }

    private static int requiredInt(TclDict opts, String key) throws TclException {
        TclObj v = opts == null ? null : opts.get(key);
        if (v == null) throw TclException.error("missing return option \"" + key + "\"", "TCL", "ARGUMENT", "MISSING");
        return v.asInt();
    }
}
