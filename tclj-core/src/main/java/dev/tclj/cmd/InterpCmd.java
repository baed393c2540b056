package dev.tclj.cmd;

import dev.tclj.CommandEntry;
import dev.tclj.Interp;
import dev.tclj.Interps;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

import java.util.ArrayList;
import java.util.List;

/**
 * The interp command: child interpreters, aliases, hidden commands, safe interpreters and the
 * recursion limit. (Resource limits, cancellation and channel sharing are not built yet: the
 * subcommand list says what exists.)
 */
public final class InterpCmd {
    private InterpCmd() {}

    static final String[] SUBS = {"alias", "aliases", "bgerror", "children", "create", "delete", "eval", "exists",
            "expose", "hide", "hidden", "issafe", "invokehidden", "marktrusted", "recursionlimit", "slaves", "target"};

    public static void register(Interp interp) {
        interp.createCommand("interp", InterpCmd::dispatch);
    }

    public static TclObj dispatch(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "cmd ?arg ...?");
        String sub = SUBS[Subcommands.index(objv[1], SUBS, "option")];
        switch (sub) {
            case "alias": return alias(interp, objv);
            case "aliases": {
                if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?path?");
                Interp i = objv.length == 3 ? Interps.find(interp, objv[2]) : interp;
                List<TclObj> out = new ArrayList<>();
                for (String n : Interps.aliasesOf(i).keySet()) out.add(TclObj.of(n));
                return TclObj.ofList(TclList.of(out));
            }
            case "bgerror": {
                if (objv.length != 3 && objv.length != 4) throw TclException.wrongArgs(objv, 2, "path ?cmdPrefix?");
                Interp i = Interps.find(interp, objv[2]);
                if (objv.length == 4) {
                    if (objv[3].asList().size() == 0) {
                        throw TclException.error("cmdPrefix must be list of length >= 1", "TCL", "OPERATION", "INTERP", "BGERRORFORMAT");
                    }
                    i.setBgerrorHandler(objv[3]);
                    return objv[3];
                }
                TclObj h = i.bgerrorHandler();
                return h == null ? TclObj.of("::tcl::Bgerror") : h;
            }
            case "children":
            case "slaves": {
                if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?path?");
                Interp i = objv.length == 3 ? Interps.find(interp, objv[2]) : interp;
                List<TclObj> out = new ArrayList<>();
                for (String n : Interps.childrenOf(i).keySet()) out.add(TclObj.of(n));
                return TclObj.ofList(TclList.of(out));
            }
            case "create": {
                boolean safe = false;
                int k = 2;
                for (; k < objv.length; k++) {
                    String a = objv[k].toString();
                    if (a.equals("-safe")) { safe = true; continue; }
                    if (a.equals("--")) { k++; break; }
                    if (a.startsWith("-")) {
                        throw TclException.error("bad option \"" + a + "\": must be -safe or --", "TCL", "LOOKUP", "INDEX", "option", a);
                    }
                    break;
                }
                if (objv.length - k > 1) throw TclException.wrongArgs(objv, 2, "?-safe? ?--? ?path?");
                TclObj path = k < objv.length ? objv[k] : TclObj.EMPTY;
                Interp child = Interps.create(interp, path, safe);
                return TclObj.ofList(pathList(child, interp));
            }
            case "delete":
                for (int k = 2; k < objv.length; k++) {
                    Interp i = Interps.find(interp, objv[k]);
                    if (i == interp) {
                        throw TclException.error("cannot delete the current interpreter", "TCL", "OPERATION", "INTERP", "DELETESELF");
                    }
                    Interps.delete(i);
                }
                return TclObj.EMPTY;
            case "eval": {
                if (objv.length < 4) throw TclException.wrongArgs(objv, 2, "path arg ?arg ...?");
                Interp i = Interps.find(interp, objv[2]);
                TclObj script = ProcCmds.concatArgs(objv, 3);
                if (i == interp) return interp.eval(script);
                try {
                    return i.eval(script);
                } catch (TclException e) {
                    throw Interps.crossing(e);
                }
            }
            case "exists": {
                if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?path?");
                try {
                    if (objv.length == 3) Interps.find(interp, objv[2]);
                    return TclObj.of(1);
                } catch (TclException e) {
                    return TclObj.of(0);
                }
            }
            case "expose": {
                if (objv.length != 4 && objv.length != 5) throw TclException.wrongArgs(objv, 2, "path hiddenCmdName ?cmdName?");
                Interp i = Interps.find(interp, objv[2]);
                Interps.expose(i, objv[3].toString(), objv.length == 5 ? objv[4].toString() : objv[3].toString());
                return TclObj.EMPTY;
            }
            case "hide": {
                if (objv.length != 4 && objv.length != 5) throw TclException.wrongArgs(objv, 2, "path cmdName ?hiddenCmdName?");
                Interp i = Interps.find(interp, objv[2]);
                Interps.hide(i, objv[3].toString(), objv.length == 5 ? objv[4].toString() : objv[3].toString());
                return TclObj.EMPTY;
            }
            case "hidden": {
                if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?path?");
                Interp i = objv.length == 3 ? Interps.find(interp, objv[2]) : interp;
                List<TclObj> out = new ArrayList<>();
                for (String n : Interps.hiddenOf(i).keySet()) out.add(TclObj.of(n));
                return TclObj.ofList(TclList.of(out));
            }
            case "issafe": {
                if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?path?");
                Interp i = objv.length == 3 ? Interps.find(interp, objv[2]) : interp;
                return TclObj.of(i.isSafe());
            }
            case "invokehidden": return invokeHidden(interp, objv);
            case "marktrusted": {
                if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "path");
                Interp i = Interps.find(interp, objv[2]);
                if (interp.isSafe()) {
                    throw TclException.error("permission denied: safe interpreter cannot mark trusted", "TCL", "OPERATION", "INTERP", "UNSAFE");
                }
                i.setSafe(false);
                return TclObj.EMPTY;
            }
            case "recursionlimit": {
                if (objv.length != 3 && objv.length != 4) throw TclException.wrongArgs(objv, 2, "path ?newlimit?");
                Interp i = Interps.find(interp, objv[2]);
                if (objv.length == 4) {
                    if (interp.isSafe()) {
                        throw TclException.error("permission denied: safe interpreters cannot change recursion limit", "TCL", "OPERATION", "INTERP", "UNSAFE");
                    }
                    long n = objv[3].asLong();
                    if (n <= 0) {
                        throw TclException.error("recursion limit must be > 0", "TCL", "OPERATION", "INTERP", "RECURSIONLIMIT");
                    }
                    i.setRecursionLimit((int) Math.min(n, Integer.MAX_VALUE));
                    return TclObj.of(n);
                }
                return TclObj.of(i.recursionLimit());
            }
            case "target": {
                if (objv.length != 4) throw TclException.wrongArgs(objv, 2, "path alias");
                Interp i = Interps.find(interp, objv[2]);
                Interps.Alias a = Interps.findAlias(i, objv[3].toString());
                if (a == null) {
                    throw TclException.error("alias \"" + objv[3] + "\" in path \"" + objv[2] + "\" not found", "TCL", "LOOKUP", "ALIAS", objv[3].toString());
                }
                if (a.target() == interp) return TclObj.EMPTY;
                return TclObj.ofList(pathList(a.target(), interp));
            }
            default:
                throw new IllegalStateException(sub);
        }
    }

    private static TclList pathList(Interp target, Interp from) throws TclException {
        List<TclObj> out = new ArrayList<>();
        for (Interp i = target; i != null && i != from; i = Interps.parentOf(i)) out.add(0, TclObj.of(i.nameInParent()));
        return TclList.of(out);
    }

    private static TclObj alias(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 4) throw TclException.wrongArgs(objv, 2, "slavePath slaveCmd ?masterPath masterCmd? ?arg ...?");
        Interp src = Interps.find(interp, objv[2]);
        String name = objv[3].toString();
        if (objv.length == 4) {
            Interps.Alias a = Interps.findAlias(src, name);
            if (a == null) return TclObj.EMPTY;
            return TclObj.ofList(a.prefix());
        }
        if (objv.length == 5 && objv[4].isEmptyString()) {
            Interps.Alias a = Interps.findAlias(src, name);
            if (a == null) {
                throw TclException.error("alias \"" + name + "\" not found", "TCL", "LOOKUP", "ALIAS", name);
            }
            src.deleteCommand(src.findCommand(name, src.globalNamespace()));
            return TclObj.EMPTY;
        }
        if (objv.length < 6) throw TclException.wrongArgs(objv, 2, "slavePath slaveCmd ?masterPath masterCmd? ?arg ...?");
        Interp target = Interps.find(interp, objv[4]);
        TclObj[] prefix = new TclObj[objv.length - 5];
        System.arraycopy(objv, 5, prefix, 0, prefix.length);
        Interps.alias(src, name, target, prefix);
        return objv[3];
    }

    private static TclObj invokeHidden(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 4) throw TclException.wrongArgs(objv, 2, "path ?-namespace ns? ?-global? ?--? cmd ?arg ..?");
        Interp i = Interps.find(interp, objv[2]);
        int k = 3;
        boolean global = false;
        String ns = null;
        while (k < objv.length) {
            String a = objv[k].toString();
            if (a.equals("-global")) { global = true; k++; continue; }
            if (a.equals("-namespace") && k + 1 < objv.length) { ns = objv[k + 1].toString(); k += 2; continue; }
            if (a.equals("--")) { k++; break; }
            if (a.startsWith("-")) {
                throw TclException.error("bad option \"" + a + "\": must be -global, -namespace, or --", "TCL", "LOOKUP", "INDEX", "option", a);
            }
            break;
        }
        if (k >= objv.length) throw TclException.wrongArgs(objv, 2, "path ?-namespace ns? ?-global? ?--? cmd ?arg ..?");
        String name = objv[k].toString();
        CommandEntry ce = Interps.hiddenOf(i).get(name);
        if (ce == null) {
            throw TclException.error("invalid hidden command name \"" + name + "\"", "TCL", "LOOKUP", "HIDDENTOKEN", name);
        }
        TclObj[] words = new TclObj[objv.length - k];
        System.arraycopy(objv, k, words, 0, words.length);
        try {
            return i.invokeHiddenEntry(ce, words, global, ns);
        } catch (TclException e) {
            if (i == interp) throw e;
            throw Interps.crossing(e);
        }
    }
}
