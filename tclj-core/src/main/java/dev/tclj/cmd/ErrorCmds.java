package dev.tclj.cmd;

import dev.tclj.CompileContext;
import dev.tclj.Interp;
import dev.tclj.TclDict;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.parse.Cmd;

/** Errors and their handling: error catch try throw. */
public final class ErrorCmds {
    private ErrorCmds() {}

    public static void register(Interp interp) {
        interp.createCommand("error", ErrorCmds::error);
        interp.createCommand("catch", ErrorCmds::catchCmd);
        interp.createCommand("try", ErrorCmds::tryCmd);
        interp.createCommand("throw", ErrorCmds::throwCmd);
    }

    static TclObj error(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2 || objv.length > 4) throw TclException.wrongArgs(objv, 1, "message ?errorInfo? ?errorCode?");
        TclException e = new TclException(TclException.ERROR, objv[1]);
        // the options given explicitly lead the return options dictionary, as in Tcl
        TclDict.Builder given = new TclDict.Builder(2);
        if (objv.length >= 3) {
            given.put(TclObj.of("-errorinfo"), objv[2]);
            if (!objv[2].isEmptyString()) {
                e.errorInfo = new StringBuilder(objv[2].toString());
                e.infoStarted = true;
                e.markLogged();
                e.errorLine = lastErrorLine(interp);
            }
        }
        if (objv.length == 4) {
            e.errorCode = objv[3];
            given.put(TclObj.of("-errorcode"), objv[3]);
        } else {
            e.errorCode = TclObj.of("NONE");
        }
        if (objv.length >= 3) e.options = given.build();
        throw e;
    }

    static TclObj throwCmd(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 1, "type message");
        TclList l = objv[1].asList();
        if (l.size() == 0) {
            throw TclException.error("type must be non-empty list", "TCL", "OPERATION", "THROW", "BADEXCEPTION");
        }
        TclException e = new TclException(TclException.ERROR, objv[2]);
        e.errorCode = objv[1];
        e.options = new TclDict.Builder(1).put(TclObj.of("-errorcode"), objv[1]).build();
        throw e;
    }

    private static final TclObj CODE = TclObj.of("-code"), LEVEL = TclObj.of("-level"), ERRORCODE = TclObj.of("-errorcode"),
            ERRORINFO = TclObj.of("-errorinfo"), ERRORLINE = TclObj.of("-errorline"), ERRORSTACK = TclObj.of("-errorstack"),
            DURING = TclObj.of("-during");

    /**
     * The return options dictionary for a completion, as catch and try report it. Its order is
     * Tcl's: the options given explicitly to return, error or throw (where -errorcode and
     * -errorinfo keep their place), then -code and -level, then for an error -errorstack,
     * -errorcode, -errorinfo and -errorline.
     */
    public static TclObj options(Interp interp, TclException e) {
        return TclObj.ofDict(optionsDict(interp, e));
    }

    private static TclDict optionsDict(Interp interp, TclException e) {
        TclDict.Builder b = new TclDict.Builder(8);
        int code = e.code();
        if (e.options != null) {
            for (TclObj k : e.options.keys()) b.put(k, e.options.get(k));
        }
        if (code == TclException.RETURN) {
            b.put(CODE, TclObj.of(e.returnCode));
            b.put(LEVEL, TclObj.of(e.level));
            if (e.errorCode != null) b.put(ERRORCODE, e.errorCode);
            else if (e.returnCode == TclException.ERROR) b.put(ERRORCODE, TclObj.of("NONE"));
            if (e.errorInfo != null) {
                b.put(ERRORINFO, TclObj.of(e.errorInfo.toString()));
                b.put(ERRORLINE, TclObj.of(e.errorLine));
            }
        } else {
            b.put(CODE, TclObj.of(code));
            b.put(LEVEL, TclObj.of(0));
            if (code == TclException.ERROR) {
                b.put(ERRORSTACK, dev.tclj.Introspection.errorStack(interp));
                b.put(ERRORCODE, e.errorCode == null ? TclObj.of("NONE") : e.errorCode);
                b.put(ERRORINFO, TclObj.of(errorInfo(e)));
                b.put(ERRORLINE, TclObj.of(e.errorLine));
            } else if (e.errorCode != null) {
                b.put(ERRORCODE, e.errorCode);
            }
        }
        return b.build();
    }

    static String errorInfo(TclException e) {
        return e.errorInfo == null ? e.getMessage() : e.errorInfo.toString();
    }

    /** Where the interpreter keeps the line of the last error caught (see {@link #lastErrorLine}). */
    private static final class LastErrorLine {
        int line = 1;
    }

    /**
     * The line of the last error caught. Tcl keeps one error line per interpreter and does not
     * move it for an error whose errorInfo a script supplies (error with errorInfo, return
     * -errorinfo): such an error reports the line of the error before it.
     */
    static int lastErrorLine(Interp interp) {
        LastErrorLine l = interp.getAssoc(LastErrorLine.class);
        return l == null ? 1 : l.line;
    }

    /** Records a caught error in ::errorInfo and ::errorCode, as Tcl does. */
    public static void recordError(Interp interp, TclException e) {
        if (e.code() != TclException.ERROR) return;
        LastErrorLine l = interp.getAssoc(LastErrorLine.class);
        if (l == null) interp.setAssoc(LastErrorLine.class, l = new LastErrorLine());
        l.line = e.errorLine;
        try {
            interp.setGlobal("::errorInfo", TclObj.of(errorInfo(e)));
            interp.setGlobal("::errorCode", e.errorCode == null ? TclObj.of("NONE") : e.errorCode);
        } catch (TclException ignored) {
        }
    }

    private static final TclDict OK_OPTIONS = new TclDict.Builder(2).put(CODE, TclObj.of(0)).put(LEVEL, TclObj.of(0)).build();

    private static TclObj okOptions() {
        return TclObj.ofDict(OK_OPTIONS);
    }

    static TclObj catchCmd(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2 || objv.length > 4) throw TclException.wrongArgs(objv, 1, "script ?resultVarName? ?optionVarName?");
        TclObj result;
        TclObj opts = null;
        int code;
        int depth = interp.nestingDepth();
        // Where Tcl compiles catch inline (a literal body; with variables, only in a procedure)
        // it is no nesting level of its own: the recursion limit counts what its body calls
        // from its caller's level (interp-29.4)
        Cmd self = CompileContext.literalInvocation(interp, objv, objv.length > 2);
        if (depth > 0 && CompileContext.inlineBody(interp, self, 1)) interp.restoreNestingDepth(depth - 1);
        try {
            result = interp.eval(objv[1]);
            code = 0;
            if (objv.length == 4) opts = okOptions();
            interp.restoreNestingDepth(depth);
        } catch (TclException e) {
            interp.restoreNestingDepth(depth);
            if (e.isLimit()) throw e;
            code = e.code();
            result = e.result();
            if (code == TclException.ERROR) {
                // compiled inline (with variables: only in a procedure), the body's lines count
                // in the enclosing script
                if (CompileContext.inlineBody(interp, self, 1)) e.errorLine += self.words[1].line - 1;
                recordError(interp, e);
            }
            if (objv.length == 4) opts = options(interp, e);
        }
        if (objv.length >= 3) interp.setVar(objv[2].toString(), result);
        if (objv.length == 4) interp.setVar(objv[3].toString(), opts);
        return TclObj.of(code);
    }

    private static final String[] HANDLERS = {"finally", "on", "trap"};

    /** One on/trap clause of try. */
    private record Handler(TclObj kind, int code, TclList prefix, TclList vars, TclObj script, int word) {}

    /**
     * try. As in Tcl, a handler's or the finally script's failure replaces the outcome and keeps
     * the one it replaced in -during; every outcome leaves try as it was (its errorInfo is not
     * extended by the try command itself). Unless Tcl would compile the command inline, errors
     * get a line saying where they happened: ("try" body line 1), ("try ... on" handler line 2)...
     */
    static TclObj tryCmd(Interp interp, TclObj[] objv) throws TclException {
        int n = objv.length;
        if (n < 2) throw TclException.wrongArgs(objv, 1, "body ?handler ...? ?finally script?");
        java.util.List<Handler> handlers = new java.util.ArrayList<>();
        TclObj finallyScript = null;
        int finallyWord = -1;
        boolean lastShared = false;
        for (int i = 2; i < n; i++) {
            int type = Subcommands.index(objv[i], HANDLERS, "handler type");
            if (type == 0) {
                if (i < n - 2) throw TclException.error("finally clause must be last", "TCL", "OPERATION", "TRY", "FINALLY", "NONTERMINAL");
                if (i == n - 1) {
                    throw TclException.error("wrong # args to finally clause: must be \"... finally script\"", "TCL", "OPERATION", "TRY", "FINALLY", "ARGUMENT");
                }
                finallyWord = ++i;
                finallyScript = objv[i];
                continue;
            }
            int code;
            TclList prefix = TclList.EMPTY;
            if (type == 1) {
                if (i > n - 4) {
                    throw TclException.error("wrong # args to on clause: must be \"... on code variableList script\"", "TCL", "OPERATION", "TRY", "ON", "ARGUMENT");
                }
                code = ProcCmds.parseCode(objv[i + 1]);
            } else {
                if (i > n - 4) {
                    throw TclException.error("wrong # args to trap clause: must be \"... trap pattern variableList script\"", "TCL", "OPERATION", "TRY", "TRAP", "ARGUMENT");
                }
                code = TclException.ERROR;
                try {
                    prefix = objv[i + 1].asList();
                } catch (TclException e) {
                    throw TclException.error("bad prefix '" + objv[i + 1] + "': must be a list", "TCL", "OPERATION", "TRY", "TRAP", "EXNFORMAT");
                }
            }
            TclList vars = objv[i + 2].asList();
            handlers.add(new Handler(objv[i], code, prefix, vars, objv[i + 3], i + 3));
            lastShared = objv[i + 3].toString().equals("-");
            i += 3;
        }
        if (lastShared) {
            throw TclException.error("last non-finally clause must not have a body of \"-\"", "TCL", "OPERATION", "TRY", "BADFALLTHROUGH");
        }
        Cmd self = CompileContext.literalInvocation(interp, objv, !handlers.isEmpty());
        String name = objv[0].toString();
        int depth = interp.nestingDepth();

        // the body
        TclObj result;
        TclException outcome = null;
        try {
            result = interp.eval(objv[1]);
        } catch (TclException e) {
            interp.restoreNestingDepth(depth);
            if (e.isLimit()) throw e;
            if (e.code() == TclException.ERROR) {
                ControlCmds.bodyFailed(interp, e, self, 1, "\n    (\"" + name + "\" body line %d)");
                recordError(interp, e);
            }
            outcome = e;
            result = e.result();
        }
        int code = outcome == null ? TclException.OK : outcome.code();

        // the first matching handler (a "-" body falls through to the next one's)
        int chosen = -1;
        for (int h = 0; h < handlers.size() && chosen < 0; h++) {
            Handler hd = handlers.get(h);
            if (hd.code != code) continue;
            if (code == TclException.ERROR && hd.prefix.size() > 0) {
                TclList ec;
                try {
                    ec = outcome.errorCode == null ? TclList.of(TclObj.of("NONE")) : outcome.errorCode.asList();
                } catch (TclException bad) {
                    continue;
                }
                if (ec.size() < hd.prefix.size()) continue;
                boolean same = true;
                for (int k = 0; k < hd.prefix.size() && same; k++) {
                    same = hd.prefix.get(k).toString().equals(ec.get(k).toString());
                }
                if (!same) continue;
            }
            chosen = h;
            while (handlers.get(chosen).script.toString().equals("-")) chosen++;
        }
        // the options of the outcome so far (as Tcl_GetReturnOptions gives them; a failure that
        // replaces an outcome keeps them in its -during)
        TclDict outcomeOpts = outcome == null ? OK_OPTIONS : optionsDict(interp, outcome);
        if (chosen >= 0) {
            Handler hd = handlers.get(chosen);
            TclObj opts = TclObj.ofDict(outcomeOpts);
            boolean bound = false;
            try {
                if (hd.vars.size() > 0) interp.setVar(hd.vars.get(0).toString(), result);
                if (hd.vars.size() > 1) interp.setVar(hd.vars.get(1).toString(), opts);
                bound = true;
            } catch (TclException setFailed) {
                if (setFailed.isLimit()) throw setFailed;
                outcome = setFailed;
                result = setFailed.result();
                outcomeOpts = optionsDict(interp, setFailed).put(DURING, opts);
            }
            if (bound) {
                try {
                    result = interp.eval(hd.script);
                    outcome = null;
                    outcomeOpts = OK_OPTIONS;
                } catch (TclException e) {
                    interp.restoreNestingDepth(depth);
                    if (e.isLimit()) throw e;
                    outcome = e;
                    result = e.result();
                    if (e.code() == TclException.ERROR) {
                        ControlCmds.bodyFailed(interp, e, self, hd.word,
                                "\n    (\"" + name + " ... " + hd.kind + "\" handler line %d)");
                        outcomeOpts = optionsDict(interp, e).put(DURING, opts);
                    } else {
                        outcomeOpts = optionsDict(interp, e);
                    }
                }
            }
        }

        // the finally script: its failure replaces the outcome
        if (finallyScript != null) {
            try {
                interp.eval(finallyScript);
            } catch (TclException e) {
                interp.restoreNestingDepth(depth);
                if (e.isLimit()) throw e;
                outcome = e;
                if (e.code() == TclException.ERROR) {
                    ControlCmds.bodyFailed(interp, e, self, finallyWord, "\n    (\"" + name + " ... finally\" body line %d)");
                    outcomeOpts = optionsDict(interp, e).put(DURING, TclObj.ofDict(outcomeOpts));
                } else {
                    outcomeOpts = optionsDict(interp, e);
                }
            }
        }
        if (outcome != null) {
            // the outcome leaves try with its options installed again (Tcl_SetReturnOptions):
            // all but -code and -level become return options, in their order
            TclDict again = outcomeOpts.remove(CODE).remove(LEVEL);
            outcome.options = again.isEmpty() ? null : again;
            if (outcome.code() == TclException.ERROR) {
                recordError(interp, outcome);
                // the outcome leaves try as it is; compiled code does not report try either
                if (self == null) outcome.markLogged();
            }
            throw outcome;
        }
        return result;
    }

}
