package dev.tclj.cmd;

import dev.tclj.Interp;
import dev.tclj.TclDict;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

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
        if (objv.length >= 3 && !objv[2].isEmptyString()) {
            e.errorInfo = new StringBuilder(objv[2].toString());
            e.infoStarted = true;
            e.markLogged();
        }
        e.errorCode = objv.length == 4 ? objv[3] : TclObj.of("NONE");
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
        throw e;
    }

    /** The return options dictionary for a completion, as catch and try report it. */
    public static TclObj options(Interp interp, TclException e) {
        TclDict.Builder b = new TclDict.Builder(8);
        int code = e.code();
        if (e.options != null) {
            for (TclObj k : e.options.keys()) b.put(k, e.options.get(k));
        }
        if (code == TclException.ERROR) {
            b.put(TclObj.of("-errorinfo"), TclObj.of(errorInfo(e)));
            b.put(TclObj.of("-errorcode"), e.errorCode == null ? TclObj.of("NONE") : e.errorCode);
        } else if (e.errorCode != null && code == TclException.RETURN) {
            b.put(TclObj.of("-errorcode"), e.errorCode);
        }
        if (code == TclException.RETURN) {
            b.put(TclObj.of("-code"), TclObj.of(e.returnCode));
            b.put(TclObj.of("-level"), TclObj.of(e.level));
            if (e.returnCode == TclException.ERROR && e.errorInfo != null) b.put(TclObj.of("-errorinfo"), TclObj.of(e.errorInfo.toString()));
        } else {
            b.put(TclObj.of("-code"), TclObj.of(code));
            b.put(TclObj.of("-level"), TclObj.of(0));
        }
        if (code == TclException.ERROR) {
            b.put(TclObj.of("-errorline"), TclObj.of(e.errorLine));
        }
        return TclObj.ofDict(b.build());
    }

    static String errorInfo(TclException e) {
        return e.errorInfo == null ? e.getMessage() : e.errorInfo.toString();
    }

    /** Records a caught error in ::errorInfo and ::errorCode, as Tcl does. */
    public static void recordError(Interp interp, TclException e) {
        if (e.code() != TclException.ERROR) return;
        try {
            interp.setGlobal("::errorInfo", TclObj.of(errorInfo(e)));
            interp.setGlobal("::errorCode", e.errorCode == null ? TclObj.of("NONE") : e.errorCode);
        } catch (TclException ignored) {
        }
    }

    static TclObj catchCmd(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2 || objv.length > 4) throw TclException.wrongArgs(objv, 1, "script ?resultVarName? ?optionVarName?");
        TclObj result;
        int code;
        TclObj opts = null;
        int depth = interp.nestingDepth();
        try {
            result = interp.eval(objv[1]);
            code = 0;
            if (objv.length == 4) {
                opts = TclObj.ofDict(new TclDict.Builder(2).put(TclObj.of("-code"), TclObj.of(0)).put(TclObj.of("-level"), TclObj.of(0)).build());
            }
        } catch (TclException e) {
            interp.restoreNestingDepth(depth);
            if (e.isLimit()) throw e;
            code = e.code();
            result = e.result();
            if (code == TclException.ERROR) recordError(interp, e);
            if (objv.length == 4) opts = options(interp, e);
        }
        if (objv.length >= 3) {
            try {
                interp.setVar(objv[2].toString(), result);
            } catch (TclException e) {
                throw TclException.error("couldn't save command result in variable", "TCL", "OPERATION", "CATCH", "RESULTVAR");
            }
        }
        if (objv.length == 4) {
            try {
                interp.setVar(objv[3].toString(), opts);
            } catch (TclException e) {
                throw TclException.error("couldn't save return options in variable", "TCL", "OPERATION", "CATCH", "OPTIONSVAR");
            }
        }
        return TclObj.of(code);
    }

    private static final String[] CODE_NAMES = {"ok", "error", "return", "break", "continue"};

    static TclObj tryCmd(Interp interp, TclObj[] objv) throws TclException {
        int n = objv.length;
        if (n < 2) throw TclException.wrongArgs(objv, 1, "body ?handler ...? ?finally script?");
        TclObj body = objv[1];
        // parse handlers
        java.util.List<TclObj[]> handlers = new java.util.ArrayList<>(); // {kind, match, vars, script}
        TclObj finallyScript = null;
        int i = 2;
        while (i < n) {
            String w = objv[i].toString();
            if (w.equals("on") || w.equals("trap")) {
                if (i + 3 >= n + 0 && i + 3 > n - 1 + 0) {
                    if (i + 3 > n - 1) {
                        throw TclException.error("wrong # args to " + w + " clause: must be \"... " + w + " " + (w.equals("on") ? "code" : "pattern") + " variableList script\"", "TCL", "OPERATION", "TRY", w.equals("on") ? "ON" : "TRAP", "ARGUMENT");
                    }
                }
                TclObj match = objv[i + 1];
                if (w.equals("on")) {
                    int code;
                    try {
                        code = ProcCmds.parseCode(match);
                    } catch (TclException e) {
                        throw TclException.error("bad completion code \"" + match + "\": must be ok, error, return, break, continue, or an integer", "TCL", "RESULT", "ILLEGAL_CODE");
                    }
                    match = TclObj.of(code);
                } else {
                    try {
                        match.asList();
                    } catch (TclException e) {
                        throw TclException.error("bad prefix '" + match + "': must be a list", "TCL", "OPERATION", "TRY", "TRAP", "EXNFORMAT");
                    }
                }
                TclList vars = objv[i + 2].asList();
                if (vars.size() > 2) {
                    throw TclException.error("wrong # args to " + w + " clause: must be \"... " + w + " " + (w.equals("on") ? "code" : "pattern") + " variableList script\"", "TCL", "OPERATION", "TRY", w.equals("on") ? "ON" : "TRAP", "ARGUMENT");
                }
                handlers.add(new TclObj[]{objv[i], match, objv[i + 2], objv[i + 3]});
                i += 4;
            } else if (w.equals("finally")) {
                if (i + 1 != n - 1) {
                    if (i + 1 > n - 1) throw TclException.error("wrong # args to finally clause: must be \"... finally script\"", "TCL", "OPERATION", "TRY", "FINALLY", "ARGUMENT");
                    throw TclException.error("finally clause must be last", "TCL", "OPERATION", "TRY", "FINALLY", "NONTERMINAL");
                }
                finallyScript = objv[i + 1];
                i += 2;
            } else {
                throw TclException.error("bad handler \"" + w + "\": must be finally, on, or trap", "TCL", "LOOKUP", "INDEX", "handler", w);
            }
        }
        if (!handlers.isEmpty() && handlers.get(handlers.size() - 1)[3].toString().equals("-")) {
            throw TclException.error("last non-finally clause must not have a body of \"-\"", "TCL", "OPERATION", "TRY", "BADFALLTHROUGH");
        }
        TclObj result;
        TclException caught = null;
        int depth = interp.nestingDepth();
        try {
            result = interp.eval(body);
        } catch (TclException e) {
            interp.restoreNestingDepth(depth);
            if (e.isLimit()) throw e;
            caught = e;
            result = e.result();
            if (e.code() == TclException.ERROR) recordError(interp, e);
        }
        int code = caught == null ? 0 : caught.code();
        TclObj outcomeResult = result;
        TclException outcome = caught;
        TclObj opts = null;
        for (int h = 0; h < handlers.size(); h++) {
            TclObj[] hd = handlers.get(h);
            boolean match;
            if (hd[0].toString().equals("on")) {
                match = hd[1].rawLong() == code;
            } else {
                match = false;
                if (code == TclException.ERROR) {
                    TclList pat = hd[1].asList();
                    TclList ec = caught.errorCode == null ? TclList.of(TclObj.of("NONE")) : caught.errorCode.asList();
                    if (pat.size() <= ec.size()) {
                        match = true;
                        for (int k = 0; k < pat.size(); k++) {
                            if (!pat.get(k).toString().equals(ec.get(k).toString())) { match = false; break; }
                        }
                    }
                }
            }
            if (!match) continue;
            int hb = h;
            while (handlers.get(hb)[3].toString().equals("-")) hb++;
            TclList vars = hd[2].asList();
            if (opts == null) opts = caught == null ? okOptions() : options(interp, caught);
            if (vars.size() >= 1) interp.setVar(vars.get(0).toString(), result);
            if (vars.size() >= 2) interp.setVar(vars.get(1).toString(), opts);
            try {
                outcomeResult = interp.eval(handlers.get(hb)[3]);
                outcome = null;
            } catch (TclException e) {
                interp.restoreNestingDepth(depth);
                if (e.isLimit()) throw e;
                outcome = e;
                if (e.code() == TclException.ERROR) {
                    // the handler's error: keep the original in -during
                    if (caught != null) {
                        TclDict.Builder b = new TclDict.Builder(4);
                        if (e.options != null) for (TclObj k : e.options.keys()) b.put(k, e.options.get(k));
                        b.put(TclObj.of("-during"), options(interp, caught));
                        e.options = b.build();
                    }
                }
            }
            break;
        }
        if (finallyScript != null) {
            try {
                interp.eval(finallyScript);
            } catch (TclException e) {
                interp.restoreNestingDepth(depth);
                throw e;
            }
        }
        if (outcome != null) {
            if (outcome.code() == TclException.ERROR) outcome.markLogged();
            throw outcome;
        }
        return outcomeResult;
    }

    private static TclObj okOptions() {
        return TclObj.ofDict(new TclDict.Builder(2).put(TclObj.of("-code"), TclObj.of(0)).put(TclObj.of("-level"), TclObj.of(0)).build());
    }
}
