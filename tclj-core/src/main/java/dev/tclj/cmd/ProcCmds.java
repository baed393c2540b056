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

    /**
     * A cached lambda: the procedure built from an apply lambda expression, the absolute name of
     * its namespace, and the namespace it last resolved to. The namespace is looked up again
     * whenever that one has been deleted (one of the same name may exist by then, or none).
     */
    static final class Lambda {
        final Proc proc;
        final String nsName;
        Namespace ns;

        Lambda(Proc proc, String nsName) {
            this.proc = proc;
            this.nsName = nsName;
        }
    }

    static TclObj apply(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "lambdaExpr ?arg ...?");
        TclObj lam = objv[1];
        Lambda l = lam.rep() instanceof Lambda c ? c : compileLambda(interp, lam);
        Namespace ns = l.ns;
        if (ns == null || ns.isDeleted()) {
            ns = interp.findNamespace(l.nsName, interp.globalNs);
            if (ns == null) {
                throw TclException.error("namespace \"" + l.nsName + "\" not found", "TCL", "LOOKUP", "NAMESPACE", l.nsName);
            }
            l.ns = ns;
            l.proc.setNamespace(ns);
        }
        return interp.callProcedure(l.proc, objv, 2);
    }

    /** Builds the procedure of a lambda expression {args body ?namespace?} and caches it in the value. */
    private static Lambda compileLambda(Interp interp, TclObj lam) throws TclException {
        TclList l;
        try {
            l = lam.asList();
        } catch (TclException e) {
            throw badLambda(lam);
        }
        if (l.size() < 2 || l.size() > 3) throw badLambda(lam);
        String nsName = "::";
        if (l.size() == 3) {
            nsName = l.get(2).toString();
            if (!nsName.startsWith("::")) nsName = "::" + nsName;
        }
        Proc p;
        try {
            p = interp.newProc(interp.globalNs, "", l.get(0), l.get(1), true);
        } catch (TclException e) {
            interp.addErrorInfo(e, "\n    (parsing lambda expression \"" + lam + "\")");
            throw e;
        }
        p.setLambdaTerm(lam);
        Lambda c = new Lambda(p, nsName);
        lam.setRep(c);
        return c;
    }

    private static TclException badLambda(TclObj lam) {
        return TclException.error("can't interpret \"" + lam + "\" as a lambda expression", "TCL", "VALUE", "LAMBDA");
    }

    static final String[] CODES = {"ok", "error", "return", "break", "continue"};

    /** Parses a completion code word: a name (exactly) or an integer as Tcl_GetIntFromObj reads it. */
    public static int parseCode(TclObj w) throws TclException {
        String s = w.toString();
        for (int i = 0; i < CODES.length; i++) if (CODES[i].equals(s)) return i;
        long v = intValue(w);
        if (v != Long.MIN_VALUE) return (int) v;
        throw TclException.error("bad completion code \"" + s + "\": must be ok, error, return, break, continue, or an integer", "TCL", "RESULT", "ILLEGAL_CODE");
    }

    /**
     * The value of an integer word as Tcl_GetIntFromObj accepts it (up to the unsigned 32-bit
     * range, wrapped to an int); Long.MIN_VALUE when it is not one.
     */
    static long intValue(TclObj w) {
        if (!w.toInteger() || !w.isIntRep()) return Long.MIN_VALUE;
        long v = w.rawLong();
        if (v > 0xFFFFFFFFL || v < -0xFFFFFFFFL) return Long.MIN_VALUE;
        return (int) v;
    }

    private static final TclObj CODE = TclObj.of("-code"), LEVEL = TclObj.of("-level");

    /**
     * return ?-option value ...? ?result?. As Tcl's TclMergeReturnOptions: the options form one
     * dictionary (the entries of an -options value merged in where it stands), from which -code
     * and -level are then taken and checked, in that order; the rest stay return options.
     */
    static TclObj returnCmd(Interp interp, TclObj[] objv) throws TclException {
        int n = objv.length;
        TclObj result = TclObj.EMPTY;
        int end = n;
        if ((n - 1) % 2 == 1) {
            result = objv[n - 1];
            end = n - 1;
        }
        TclDict opts = TclDict.EMPTY;
        for (int i = 1; i < end; i += 2) {
            if (objv[i].toString().equals("-options")) {
                TclDict d;
                try {
                    d = objv[i + 1].asDict();
                } catch (TclException e) {
                    throw TclException.error("expected dict but got \"" + objv[i + 1] + "\"", "TCL", "RESULT", "ILLEGAL_OPTIONS");
                }
                for (TclObj k : d.keys()) opts = opts.put(k, d.get(k));
            } else {
                opts = opts.put(objv[i], objv[i + 1]);
            }
        }
        int code = TclException.OK;
        int level = 1;
        TclObj v = opts.get("-code");
        if (v != null) {
            code = parseCode(v);
            opts = opts.remove(CODE);
        }
        v = opts.get("-level");
        if (v != null) {
            long l = intValue(v);
            if (l < 0) {
                throw TclException.error("bad -level value: expected non-negative integer but got \"" + v + "\"", "TCL", "RESULT", "ILLEGAL_LEVEL");
            }
            level = (int) l;
            opts = opts.remove(LEVEL);
        }
        TclObj errorCode = opts.get("-errorcode");
        if (errorCode != null) {
            try {
                errorCode.asList();
            } catch (TclException e) {
                throw TclException.error("bad -errorcode value: expected a list but got \"" + errorCode + "\"", "TCL", "RESULT", "ILLEGAL_ERRORCODE");
            }
        }
        // return -code return -level n is return -code ok -level n+1
        if (code == TclException.RETURN) {
            code = TclException.OK;
            level++;
        }
        TclException e;
        if (level == 0) {
            if (code == TclException.OK) return result;
            e = new TclException(code, result);
        } else {
            e = new TclException(TclException.RETURN, result);
            e.level = level;
            e.returnCode = code;
        }
        fill(interp, e, code, opts.get("-errorinfo"), errorCode, opts.isEmpty() ? null : opts);
        throw e;
    }

    private static void fill(Interp interp, TclException e, int code, TclObj errorInfo, TclObj errorCode, TclDict options) {
        if (code == TclException.ERROR) {
            e.errorCode = errorCode == null ? TclObj.of("NONE") : errorCode;
            if (errorInfo != null) {
                e.errorInfo = new StringBuilder(errorInfo.toString());
                e.infoStarted = true;
                e.errorLine = ErrorCmds.lastErrorLine(interp);
                if (e.code() == TclException.ERROR) e.markLogged();
            }
        } else {
            if (errorCode != null) e.errorCode = errorCode;
            if (errorInfo != null) e.errorInfo = new StringBuilder(errorInfo.toString());
        }
        e.options = options;
    }

    static TclObj concatArgs(TclObj[] objv, int from) throws TclException {
        // one word is the script itself (its parse stays cached); several are joined as
        // Tcl_ConcatObj does (only Tcl's white space is trimmed, pure lists stay lists)
        if (objv.length - from == 1) return objv[from];
        return ListCmds.concat(objv, from, objv.length);
    }

    /**
     * The frame a level word names, as Tcl's uplevel and upvar read it; null when the word is not
     * a level at all (the caller then uses level 1). A word that looks like a level (it starts
     * with '#' or a digit, or is a non-negative integer) but names no frame is a "bad level".
     */
    public static CallFrame levelFrame(Interp interp, TclObj word) throws TclException {
        String s = word.toString();
        if (!Interp.isLevel(s)) return null;
        CallFrame f = interp.frameForLevel(s);
        if (f == null) throw badLevel(s);
        return f;
    }

    public static TclException badLevel(String s) {
        return TclException.error("bad level \"" + s + "\"", "TCL", "LOOKUP", "LEVEL", s);
    }

    static TclObj uplevel(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "?level? command ?arg ...?");
        int i = 2;
        CallFrame target = levelFrame(interp, objv[1]);
        if (target == null) {
            target = interp.frameForLevel("1");
            if (target == null) throw badLevel("1");
            i = 1;
        }
        if (i >= objv.length) throw TclException.wrongArgs(objv, 1, "?level? command ?arg ...?");
        TclObj script = concatArgs(objv, i);
        CallFrame from = interp.currentFrame();
        try {
            return interp.evalInFrame(target, script);
        } catch (TclException e) {
            if (e.code() == TclException.ERROR) {
                // -errorstack: "UP n" when a procedure's uplevel ran the failing script elsewhere
                if (target != from && from.objv() != null) dev.tclj.Introspection.noteUplevel(interp, e, from.level() - target.level());
                interp.addErrorInfo(e, "\n    (\"uplevel\" body line " + e.errorLine + ")");
            }
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
