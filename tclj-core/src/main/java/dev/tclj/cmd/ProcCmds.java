package dev.tclj.cmd;

import dev.tclj.CallFrame;
import dev.tclj.CommandEntry;
import dev.tclj.Interp;
import dev.tclj.Namespace;
import dev.tclj.Proc;
import dev.tclj.TclDict;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

/** Procedures and evaluation: proc apply return uplevel eval. */
public final class ProcCmds {
    private ProcCmds() {}

    public static void register(Interp interp) {
        interp.createCommand("proc", ProcCmds::proc);
        interp.createCommand("apply", ProcCmds::apply);
        interp.createCommand("return", ProcCmds::returnCmd);
        interp.createCommand("uplevel", ProcCmds::uplevel);
        interp.createCommand("eval", ProcCmds::eval);
    }

    static TclObj proc(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 4) throw TclException.wrongArgs(objv, 1, "name args body");
        String name = objv[1].toString();
        Namespace ns = interp.currentNamespace();
        String tail = name;
        int sep = name.lastIndexOf("::");
        if (sep >= 0) {
            String qual = name.substring(0, sep);
            while (qual.endsWith(":")) qual = qual.substring(0, qual.length() - 1);
            tail = name.substring(sep + 2);
            ns = name.startsWith("::") && qual.isEmpty() ? interp.globalNs : interp.findNamespace(qual.isEmpty() ? "::" : qual, ns);
            if (ns == null) {
                throw TclException.error("can't create procedure \"" + name + "\": unknown namespace", "TCL", "VALUE", "COMMAND");
            }
        }
        if (tail.isEmpty() && sep >= 0) {
            // Tcl allows a proc named "" (e.g. proc ::foo:: {}); keep the tail
        }
        Proc p;
        try {
            p = interp.newProc(ns, tail, objv[2], objv[3], false);
        } catch (TclException e) {
            TclException x = TclException.error(e.getMessage());
            x.errorCode = e.errorCode;
            throw x;
        }
        interp.defineIn(ns, tail, p);
        return TclObj.EMPTY;
    }

    /** A cached lambda: the procedure built from an apply lambda expression. */
    record Lambda(Proc proc, Namespace ns) {}

    static TclObj apply(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "lambdaExpr ?arg ...?");
        TclObj lam = objv[1];
        Proc p;
        Object rep = lam.rep();
        if (rep instanceof Lambda l && !l.ns().isDeleted()) {
            p = l.proc();
        } else {
            TclList l;
            try {
                l = lam.asList();
            } catch (TclException e) {
                throw badLambda(lam);
            }
            if (l.size() < 2 || l.size() > 3) throw badLambda(lam);
            Namespace ns = interp.globalNs;
            if (l.size() == 3) {
                String nsName = l.get(2).toString();
                String abs = nsName.startsWith("::") ? nsName : "::" + nsName;
                ns = interp.findNamespace(abs, interp.globalNs);
                if (ns == null) ns = interp.createNamespace(abs, interp.globalNs);
            }
            try {
                p = interp.newProc(ns, "", l.get(0), l.get(1), true);
            } catch (TclException e) {
                throw e;
            }
            p.setLambdaTerm(lam);
            lam.setRep(new Lambda(p, ns));
        }
        return interp.callProcedure(p, objv, 2);
    }

    private static TclException badLambda(TclObj lam) {
        return TclException.error("can't interpret \"" + lam + "\" as a lambda expression", "TCL", "VALUE", "LAMBDA");
    }

    static final String[] CODES = {"ok", "error", "return", "break", "continue"};

    /** Parses a completion code word (name or integer). */
    public static int parseCode(TclObj w) throws TclException {
        String s = w.toString();
        for (int i = 0; i < CODES.length; i++) if (CODES[i].equals(s)) return i;
        if (w.toInteger() && w.isIntRep()) return (int) w.rawLong();
        throw TclException.error("bad completion code \"" + s + "\": must be ok, error, return, break, continue, or an integer", "TCL", "RESULT", "ILLEGAL_CODE");
    }

    static TclObj returnCmd(Interp interp, TclObj[] objv) throws TclException {
        int n = objv.length;
        TclObj result = TclObj.EMPTY;
        int end = n;
        if ((n - 1) % 2 == 1) {
            result = objv[n - 1];
            end = n - 1;
        }
        int code = TclException.OK;
        int level = 1;
        TclObj errorInfo = null, errorCode = null;
        TclDict.Builder extra = new TclDict.Builder(2);
        boolean hasExtra = false;
        for (int i = 1; i < end; i += 2) {
            String opt = objv[i].toString();
            TclObj val = objv[i + 1];
            switch (opt) {
                case "-code": code = parseCode(val); break;
                case "-level": {
                    if (!val.toInteger() || !val.isIntRep() || val.rawLong() < 0) {
                        throw TclException.error("bad -level value: expected non-negative integer but got \"" + val + "\"", "TCL", "RESULT", "ILLEGAL_LEVEL");
                    }
                    level = (int) val.rawLong();
                    break;
                }
                case "-errorinfo": errorInfo = val; break;
                case "-errorcode": errorCode = val; break;
                case "-options": {
                    TclDict d;
                    try {
                        d = val.asDict();
                    } catch (TclException e) {
                        throw TclException.error("bad -options value: expected dictionary but got \"" + val + "\"", "TCL", "RESULT", "ILLEGAL_OPTIONS");
                    }
                    for (TclObj k : d.keys()) {
                        String ks = k.toString();
                        TclObj v = d.get(ks);
                        switch (ks) {
                            case "-code": code = parseCode(v); break;
                            case "-level":
                                if (!v.toInteger() || !v.isIntRep() || v.rawLong() < 0) {
                                    throw TclException.error("bad -level value: expected non-negative integer but got \"" + v + "\"", "TCL", "RESULT", "ILLEGAL_LEVEL");
                                }
                                level = (int) v.rawLong();
                                break;
                            case "-errorinfo": errorInfo = v; break;
                            case "-errorcode": errorCode = v; break;
                            default: extra.put(k, v); hasExtra = true;
                        }
                    }
                    break;
                }
                default:
                    extra.put(objv[i], val);
                    hasExtra = true;
            }
        }
        if (code == TclException.ERROR && errorCode != null) {
            try {
                errorCode.asList();
            } catch (TclException e) {
                throw TclException.error("bad -errorcode value: expected a list but got \"" + errorCode + "\"", "TCL", "RESULT", "ILLEGAL_ERRORCODE");
            }
        }
        if (level == 0) {
            if (code == TclException.OK) return result;
            TclException e = new TclException(code, result);
            fill(e, code, errorInfo, errorCode, hasExtra ? extra.build() : null);
            if (code == TclException.RETURN) { e.level = 1; e.returnCode = TclException.OK; }
            throw e;
        }
        TclException e = new TclException(TclException.RETURN, result);
        e.level = level;
        e.returnCode = code;
        fill(e, code, errorInfo, errorCode, hasExtra ? extra.build() : null);
        throw e;
    }

    private static void fill(TclException e, int code, TclObj errorInfo, TclObj errorCode, TclDict extra) {
        if (code == TclException.ERROR) {
            e.errorCode = errorCode == null ? TclObj.of("NONE") : errorCode;
            if (errorInfo != null) {
                e.errorInfo = new StringBuilder(errorInfo.toString());
                e.infoStarted = true;
            }
        } else {
            if (errorCode != null) e.errorCode = errorCode;
            if (errorInfo != null) e.errorInfo = new StringBuilder(errorInfo.toString());
        }
        e.options = extra;
    }

    static TclObj concatArgs(TclObj[] objv, int from) {
        if (objv.length - from == 1) return objv[from];
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int i = from; i < objv.length; i++) {
            String s = objv[i].toString().strip();
            if (s.isEmpty()) continue;
            if (!first) sb.append(' ');
            sb.append(s);
            first = false;
        }
        return TclObj.of(sb.toString());
    }

    static TclObj uplevel(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "?level? command ?arg ...?");
        int i = 1;
        String lv = objv[1].toString();
        CallFrame target;
        if (objv.length > 2 && Interp.isLevel(lv)) {
            target = interp.frameForLevel(lv);
            if (target == null) throw TclException.error("bad level \"" + lv + "\"", "TCL", "LOOKUP", "LEVEL", lv);
            i = 2;
        } else {
            target = interp.frameForLevel("1");
            if (target == null) throw TclException.error("bad level \"1\"", "TCL", "LOOKUP", "LEVEL", "1");
        }
        if (i >= objv.length) throw TclException.wrongArgs(objv, 1, "?level? command ?arg ...?");
        TclObj script = concatArgs(objv, i);
        try {
            return interp.evalInFrame(target, script);
        } catch (TclException e) {
            if (e.code() == TclException.ERROR) interp.addErrorInfo(e, "\n    (\"uplevel\" body line " + e.errorLine + ")");
            throw e;
        }
    }

    static TclObj eval(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "arg ?arg ...?");
        TclObj script = concatArgs(objv, 1);
        try {
            return interp.eval(script);
        } catch (TclException e) {
            if (e.code() == TclException.ERROR) interp.addErrorInfo(e, "\n    (\"eval\" body line " + e.errorLine + ")");
            throw e;
        }
    }
}
