package dev.tclj.cmd;

import dev.tclj.CallFrame;
import dev.tclj.DeclaredVars;
import dev.tclj.Interp;
import dev.tclj.StringBuilderRep;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.Var;

import java.math.BigInteger;

/** Variable commands: set unset incr append lappend global upvar variable. */
public final class VarCmds {
    private VarCmds() {}

    public static void register(Interp interp) {
        interp.createCommand("set", VarCmds::set);
        interp.createCommand("unset", VarCmds::unset);
        interp.createCommand("incr", VarCmds::incr);
        interp.createCommand("append", VarCmds::append);
        interp.createCommand("lappend", VarCmds::lappend);
        interp.createCommand("global", VarCmds::global);
        interp.createCommand("upvar", VarCmds::upvar);
        interp.createCommand("variable", VarCmds::variable);
    }

    static TclObj set(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length == 2) return interp.getVar(objv[1].toString());
        if (objv.length == 3) return interp.setVar(objv[1].toString(), objv[2]);
        throw TclException.wrongArgs(objv, 1, "varName ?newValue?");
    }

    static TclObj unset(Interp interp, TclObj[] objv) throws TclException {
        int i = 1;
        boolean complain = true;
        while (i < objv.length) {
            String a = objv[i].toString();
            if (a.equals("-nocomplain")) { complain = false; i++; continue; }
            if (a.equals("--")) { i++; break; }
            break;
        }
        for (; i < objv.length; i++) interp.unsetVar(objv[i].toString(), null, complain);
        return TclObj.EMPTY;
    }

    static TclObj incr(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2 && objv.length != 3) throw TclException.wrongArgs(objv, 1, "varName ?increment?");
        TclObj cur = currentValue(interp, objv[1]);
        TclObj inc = objv.length == 3 ? objv[2] : null;
        return interp.writeVar(objv[1], add(interp, cur, inc));
    }

    /**
     * The value incr and lappend start from: null when the variable does not exist or cannot be
     * read (a read trace failed, an element of a scalar...). As in Tcl, such a failure is not
     * reported: the command goes on as for a new variable, and the write reports what is wrong.
     */
    private static TclObj currentValue(Interp interp, TclObj name) {
        try {
            return interp.readVarIfExists(name);
        } catch (TclException e) {
            return null;
        }
    }

    /** cur + inc with Tcl's integer rules (null cur is 0, null inc is 1), as dict incr needs it. */
    static TclObj add(TclObj cur, TclObj inc) throws TclException {
        return add(null, cur, inc);
    }

    /**
     * cur + inc with Tcl's integer rules (null cur is 0, null inc is 1). The variable's value is
     * checked before the increment, as in Tcl; a bad increment says so in errorInfo.
     */
    static TclObj add(Interp interp, TclObj cur, TclObj inc) throws TclException {
        long a = 0, b = 1;
        boolean big = false;
        if (cur != null) {
            if (cur.isIntRep()) a = cur.rawLong();
            else if (!cur.toInteger()) throw notInt(cur);
            else if (cur.isIntRep()) a = cur.rawLong();
            else big = true;
        }
        if (inc != null) {
            if (inc.isIntRep()) b = inc.rawLong();
            else if (!inc.toInteger()) {
                TclException e = notInt(inc);
                if (interp != null) interp.addErrorInfo(e, "\n    (reading increment)");
                throw e;
            }
            else if (inc.isIntRep()) b = inc.rawLong();
            else big = true;
        }
        if (!big) {
            long r = a + b;
            if (((a ^ r) & (b ^ r)) >= 0) return TclObj.of(r);
        }
        BigInteger x = cur == null ? BigInteger.ZERO : cur.asBigInteger();
        BigInteger y = inc == null ? BigInteger.ONE : inc.asBigInteger();
        return TclObj.of(x.add(y));
    }

    /** Tcl_GetWideIntFromObj's message (incr gives no hint about octal, unlike index parsing). */
    private static TclException notInt(TclObj o) {
        return TclException.error("expected integer but got \"" + o + "\"", "TCL", "VALUE", "INTEGER");
    }

    static TclObj append(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "varName ?value ...?");
        // with no value append is a read (an error if the variable does not exist)
        if (objv.length == 2) return interp.getVar(objv[1].toString());
        TclObj cur = interp.readVarForAppend(objv[1]);
        TclObj v = cur == null ? TclObj.EMPTY : cur;
        long max = interp.maxValueSize();
        for (int i = 2; i < objv.length; i++) v = StringBuilderRep.append(v, objv[i].toString(), max);
        if (cur == null && objv.length == 3) v = objv[2];
        return interp.writeVar(objv[1], v);
    }

    static TclObj lappend(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "varName ?value ...?");
        TclObj cur = currentValue(interp, objv[1]);
        TclList l = cur == null ? TclList.EMPTY : cur.asList();
        if (objv.length == 2) {
            if (cur == null) return interp.writeVar(objv[1], TclObj.EMPTY);
            return cur;
        }
        interp.checkValueSize((long) l.size() + objv.length - 2);
        TclList nl = objv.length == 3 ? l.append(objv[2]) : l.appendAll(objv, 2, objv.length);
        return interp.writeVar(objv[1], TclObj.ofList(nl));
    }

    static TclObj global(Interp interp, TclObj[] objv) throws TclException {
        // outside a procedure global does nothing, not even check its arguments (as Tcl)
        CallFrame f = interp.currentFrame();
        if (!f.isProc()) return TclObj.EMPTY;
        for (int i = 1; i < objv.length; i++) {
            String name = objv[i].toString();
            // the global variable is found by the name as given, from the global namespace;
            // the local link is named by the name's tail
            Var target = interp.varForLink(interp.globalFrame(), name);
            interp.linkVar(tailOf(name), target);
        }
        return TclObj.EMPTY;
    }

    /** The part of a qualified name after its last "::" (the whole name when there is none). */
    static String tailOf(String name) {
        int sep = name.lastIndexOf("::");
        return sep < 0 ? name : name.substring(sep + 2);
    }

    static TclObj upvar(Interp interp, TclObj[] objv) throws TclException {
        int n = objv.length;
        if (n < 3) throw TclException.wrongArgs(objv, 1, "?level? otherVar localVar ?otherVar localVar ...?");
        CallFrame target;
        int i;
        if ((n & 1) == 0) {
            // an odd number of arguments: the first must be a level
            target = ProcCmds.levelFrame(interp, objv[1]);
            if (target == null) {
                // not a level: Tcl first looks for the default frame, then complains of the word
                throw ProcCmds.badLevel(interp.frameForLevel("1") == null ? "1" : objv[1].toString());
            }
            i = 2;
        } else {
            target = interp.frameForLevel("1");
            if (target == null) throw ProcCmds.badLevel("1");
            i = 1;
        }
        for (; i < n; i += 2) {
            Var v = interp.varForLink(target, objv[i].toString());
            interp.linkVar(objv[i + 1].toString(), v);
        }
        return TclObj.EMPTY;
    }

    static TclObj variable(Interp interp, TclObj[] objv) throws TclException {
        // with no arguments variable does nothing (as Tcl)
        CallFrame f = interp.currentFrame();
        for (int i = 1; i < objv.length; i += 2) {
            String name = objv[i].toString();
            if (Interp.splitArrayName(name) != null) {
                throw TclException.error("can't define \"" + name + "\": name refers to an element in an array", "TCL", "UPVAR", "LOCAL_ELEMENT");
            }
            Var v = interp.declareNsVar(name);
            if (i + 1 < objv.length) DeclaredVars.assign(interp, v, name, objv[i + 1]);
            if (f.isProc()) interp.linkVarIfNeeded(tailOf(name), v);
        }
        return TclObj.EMPTY;
    }
}
