package dev.tclj.cmd;

import dev.tclj.CallFrame;
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
        TclObj cur = interp.readVarIfExists(objv[1]);
        TclObj inc = objv.length == 3 ? objv[2] : null;
        return interp.writeVar(objv[1], add(cur, inc));
    }

    /** cur + inc with Tcl's integer rules (null cur is 0, null inc is 1). */
    static TclObj add(TclObj cur, TclObj inc) throws TclException {
        long a = 0, b = 1;
        boolean big = false;
        if (inc != null) {
            if (inc.isIntRep()) b = inc.rawLong();
            else if (!inc.toInteger()) throw notInt(inc);
            else if (inc.isIntRep()) b = inc.rawLong();
            else big = true;
        }
        if (cur != null) {
            if (cur.isIntRep()) a = cur.rawLong();
            else if (!cur.toInteger()) throw notInt(cur);
            else if (cur.isIntRep()) a = cur.rawLong();
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

    private static TclException notInt(TclObj o) {
        try {
            o.asLong();
        } catch (TclException e) {
            return e;
        }
        return TclException.error("expected integer but got \"" + o + "\"", "TCL", "VALUE", "INTEGER");
    }

    static TclObj append(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "varName ?value ...?");
        TclObj cur = interp.readVarIfExists(objv[1]);
        if (objv.length == 2) {
            if (cur == null) return interp.writeVar(objv[1], TclObj.EMPTY);
            return cur;
        }
        TclObj v = cur == null ? TclObj.EMPTY : cur;
        for (int i = 2; i < objv.length; i++) v = StringBuilderRep.append(v, objv[i].toString());
        if (cur == null && objv.length == 3) v = objv[2];
        return interp.writeVar(objv[1], v);
    }

    static TclObj lappend(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "varName ?value ...?");
        TclObj cur = interp.readVarIfExists(objv[1]);
        TclList l = cur == null ? TclList.EMPTY : cur.asList();
        if (objv.length == 2) {
            if (cur == null) return interp.writeVar(objv[1], TclObj.EMPTY);
            return cur;
        }
        TclList nl = objv.length == 3 ? l.append(objv[2]) : l.appendAll(objv, 2, objv.length);
        return interp.writeVar(objv[1], TclObj.ofList(nl));
    }

    static TclObj global(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "varName ?varName ...?");
        CallFrame f = interp.currentFrame();
        if (!f.isProc()) return TclObj.EMPTY;
        for (int i = 1; i < objv.length; i++) {
            String name = objv[i].toString();
            String tail = name;
            int sep = name.lastIndexOf("::");
            if (sep >= 0) tail = name.substring(sep + 2);
            String full = name.startsWith("::") ? name : "::" + name;
            Var target = interp.varForLink(interp.globalFrame(), full);
            interp.linkVar(tail, target);
        }
        return TclObj.EMPTY;
    }

    static TclObj upvar(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 3) throw TclException.wrongArgs(objv, 1, "?level? otherVar localVar ?otherVar localVar ...?");
        int i = 1;
        CallFrame target;
        String first = objv[1].toString();
        boolean hasLevel = Interp.isLevel(first) && (objv.length - 2) % 2 == 0;
        if (hasLevel) {
            target = interp.frameForLevel(first);
            if (target == null) throw TclException.error("bad level \"" + first + "\"", "TCL", "LOOKUP", "LEVEL", first);
            i = 2;
        } else {
            if ((objv.length - 1) % 2 != 0) {
                throw TclException.wrongArgs(objv, 1, "?level? otherVar localVar ?otherVar localVar ...?");
            }
            target = interp.frameForLevel("1");
            if (target == null) throw TclException.error("bad level \"1\"", "TCL", "LOOKUP", "LEVEL", "1");
        }
        if ((objv.length - i) % 2 != 0) {
            throw TclException.wrongArgs(objv, 1, "?level? otherVar localVar ?otherVar localVar ...?");
        }
        for (; i < objv.length; i += 2) {
            String other = objv[i].toString();
            String mine = objv[i + 1].toString();
            Var v = interp.varForLink(target, other);
            interp.linkVar(mine, v);
        }
        return TclObj.EMPTY;
    }

    static TclObj variable(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "?name value...? name ?value?");
        CallFrame f = interp.currentFrame();
        for (int i = 1; i < objv.length; i += 2) {
            String name = objv[i].toString();
            if (Interp.splitArrayName(name) != null) {
                throw TclException.error("can't define \"" + name + "\": name refers to an element in an array", "TCL", "UPVAR", "ARRAY_ELEMENT");
            }
            String tail = name;
            int sep = name.lastIndexOf("::");
            if (sep >= 0) tail = name.substring(sep + 2);
            Var v = interp.declareNsVar(name);
            if (i + 1 < objv.length) {
                CallFrame save = f;
                String full = v.namespaceOf().qualify(v.name());
                interp.setFrame(interp.globalFrame());
                try {
                    interp.setVar(full, objv[i + 1]);
                } finally {
                    interp.setFrame(save);
                }
            }
            if (f.isProc()) {
                Var existing = null;
                interp.linkVarIfNeeded(tail, v);
            }
        }
        return TclObj.EMPTY;
    }
}
