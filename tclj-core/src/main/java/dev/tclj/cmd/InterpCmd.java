package dev.tclj.cmd;

import dev.tclj.CommandEntry;
import dev.tclj.Interp;
import dev.tclj.Interps;
import dev.tclj.Introspection;
import dev.tclj.Limits;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.io.ChannelTable;

import java.util.ArrayList;
import java.util.List;

/**
 * The interp command and the object command of each child interpreter (Tcl 8.6's tclInterp.c):
 * creating, listing and deleting interpreters, aliases, hidden commands, safe interpreters,
 * channel sharing, resource limits, cancellation, the recursion limit, the background error
 * handler and the debug switch. The machinery is in {@link Interps} and {@link Limits}.
 *
 * <p>Every subcommand that names a child has two forms, {@code interp sub path args} and
 * {@code path sub args}; both share one implementation, which is given the words that come before
 * its own arguments so that "wrong # args" messages name the form that was used.
 */
public final class InterpCmd {
    private InterpCmd() {}

    static final String[] SUBS = {"alias", "aliases", "bgerror", "cancel", "children", "create", "debug", "delete",
            "eval", "exists", "expose", "hide", "hidden", "issafe", "invokehidden", "limit", "marktrusted",
            "recursionlimit", "slaves", "share", "target", "transfer"};

    static final String[] CHILD_SUBS = {"alias", "aliases", "bgerror", "debug", "eval", "expose", "hide", "hidden",
            "issafe", "invokehidden", "limit", "marktrusted", "recursionlimit"};

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
                return aliases(path(interp, objv, 2));
            }
            case "bgerror": {
                if (objv.length != 3 && objv.length != 4) throw TclException.wrongArgs(objv, 2, "path ?cmdPrefix?");
                return bgerror(Interps.find(interp, objv[2]), objv, 3);
            }
            case "cancel": return cancel(interp, objv);
            case "children":
            case "slaves": {
                if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?path?");
                Interp i = path(interp, objv, 2);
                List<TclObj> out = new ArrayList<>();
                for (String n : Introspection.tclOrder(Interps.childrenOf(i).keySet())) out.add(TclObj.of(n));
                return TclObj.ofList(TclList.of(out));
            }
            case "create": return create(interp, objv);
            case "debug": {
                if (objv.length < 3 || objv.length > 5) throw TclException.wrongArgs(objv, 2, "path ?-frame ?bool??");
                return debug(Interps.find(interp, objv[2]), objv, 3);
            }
            case "delete": {
                for (int k = 2; k < objv.length; k++) {
                    Interp i = Interps.find(interp, objv[k]);
                    if (i == interp) {
                        throw TclException.error("cannot delete the current interpreter", "TCL", "OPERATION", "INTERP", "DELETESELF");
                    }
                    Interps.delete(i);
                }
                return TclObj.EMPTY;
            }
            case "eval": {
                if (objv.length < 4) throw TclException.wrongArgs(objv, 2, "path arg ?arg ...?");
                return eval(interp, Interps.find(interp, objv[2]), objv, 3);
            }
            case "exists": {
                if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?path?");
                try {
                    path(interp, objv, 2);
                    return TclObj.of(1);
                } catch (TclException e) {
                    return TclObj.of(0);
                }
            }
            case "expose": {
                if (objv.length != 4 && objv.length != 5) throw TclException.wrongArgs(objv, 2, "path hiddenCmdName ?cmdName?");
                return expose(interp, Interps.find(interp, objv[2]), objv, 3);
            }
            case "hide": {
                if (objv.length != 4 && objv.length != 5) throw TclException.wrongArgs(objv, 2, "path cmdName ?hiddenCmdName?");
                return hide(interp, Interps.find(interp, objv[2]), objv, 3);
            }
            case "hidden": {
                if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?path?");
                return hidden(path(interp, objv, 2));
            }
            case "issafe": {
                if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?path?");
                return TclObj.of(path(interp, objv, 2).isSafe());
            }
            case "invokehidden": return invokeHidden(interp, objv, 3, null);
            case "limit": {
                if (objv.length < 4) throw TclException.wrongArgs(objv, 2, "path limitType ?-option value ...?");
                return limit(interp, Interps.find(interp, objv[2]), objv, 3);
            }
            case "marktrusted": {
                if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "path");
                return markTrusted(interp, Interps.find(interp, objv[2]));
            }
            case "recursionlimit": {
                if (objv.length != 3 && objv.length != 4) throw TclException.wrongArgs(objv, 2, "path ?newlimit?");
                return recursionLimit(interp, Interps.find(interp, objv[2]), objv, 3);
            }
            case "share":
            case "transfer": {
                if (objv.length != 5) throw TclException.wrongArgs(objv, 2, "srcPath channelId destPath");
                Interp from = Interps.find(interp, objv[2]);
                Interp to = Interps.find(interp, objv[4]);
                if (ChannelTable.of(from).lookup(objv[3].toString()) == null) {
                    // looked up in the source interpreter: its errorCode stays there (Tcl)
                    if (from == interp) throw ChannelTable.notFound(objv[3].toString());
                    throw new TclException("can not find channel named \"" + objv[3] + "\"");
                }
                if (sub.equals("share")) ChannelTable.share(from, objv[3].toString(), to);
                else ChannelTable.transfer(from, objv[3].toString(), to);
                return TclObj.EMPTY;
            }
            case "target": {
                if (objv.length != 4) throw TclException.wrongArgs(objv, 2, "path alias");
                return target(interp, objv);
            }
            default:
                throw new IllegalStateException(sub);
        }
    }

    /** The object command of a child: {@code child eval ...}, {@code child alias ...}... */
    public static TclObj childCommand(Interp child, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "cmd ?arg ...?");
        Interp caller = Interps.parentOf(child);
        String sub = CHILD_SUBS[Subcommands.index(objv[1], CHILD_SUBS, "option")];
        if (Interps.isDeleted(child)) {
            throw TclException.error("attempt to call eval in deleted interpreter", "TCL", "IDELETE",
                    "attempt to call eval in deleted interpreter");
        }
        switch (sub) {
            case "alias": return childAlias(child, objv);
            case "aliases":
                if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
                return aliases(child);
            case "bgerror":
                if (objv.length != 2 && objv.length != 3) throw TclException.wrongArgs(objv, 2, "?cmdPrefix?");
                return bgerror(child, objv, 2);
            case "debug":
                if (objv.length > 4) throw TclException.wrongArgs(objv, 2, "?-frame ?bool??");
                return debug(child, objv, 2);
            case "eval":
                if (objv.length < 3) throw TclException.wrongArgs(objv, 2, "arg ?arg ...?");
                return eval(caller, child, objv, 2);
            case "expose":
                if (objv.length != 3 && objv.length != 4) throw TclException.wrongArgs(objv, 2, "hiddenCmdName ?cmdName?");
                return expose(caller, child, objv, 2);
            case "hide":
                if (objv.length != 3 && objv.length != 4) throw TclException.wrongArgs(objv, 2, "cmdName ?hiddenCmdName?");
                return hide(caller, child, objv, 2);
            case "hidden":
                if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
                return hidden(child);
            case "issafe":
                if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
                return TclObj.of(child.isSafe());
            case "invokehidden": return invokeHidden(caller, objv, 2, child);
            case "limit":
                if (objv.length < 3) throw TclException.wrongArgs(objv, 2, "limitType ?-option value ...?");
                return limit(caller, child, objv, 2);
            case "marktrusted":
                if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
                return markTrusted(caller, child);
            case "recursionlimit":
                if (objv.length != 2 && objv.length != 3) throw TclException.wrongArgs(objv, 2, "?newlimit?");
                return recursionLimit(caller, child, objv, 2);
            default:
                throw new IllegalStateException(sub);
        }
    }

    /** The interpreter an optional path argument at objv[at] names (the current one when absent). */
    private static Interp path(Interp interp, TclObj[] objv, int at) throws TclException {
        return objv.length > at ? Interps.find(interp, objv[at]) : interp;
    }

    private static TclException unsafe(String msg) {
        return TclException.error(msg, "TCL", "OPERATION", "INTERP", "UNSAFE");
    }

    // ======================================================================================
    // create, eval
    // ======================================================================================

    private static final String[] CREATE_OPTIONS = {"-safe", "--"};

    /** interp create ?-safe? ?--? ?path?: options may also follow the path (Tcl's historical rule). */
    private static TclObj create(Interp interp, TclObj[] objv) throws TclException {
        boolean safe = interp.isSafe();
        boolean last = false;
        TclObj path = null;
        for (int i = 2; i < objv.length; i++) {
            if (!last && objv[i].toString().startsWith("-")) {
                if (Subcommands.index(objv[i], CREATE_OPTIONS, "option") == 0) {
                    safe = true;
                    continue;
                }
                i++;
                last = true;
            }
            if (path != null) throw TclException.wrongArgs(objv, 2, "?-safe? ?--? ?path?");
            if (i < objv.length) path = objv[i];
        }
        Interp child = Interps.create(interp, path == null ? TclObj.EMPTY : path, safe);
        if (path == null) return TclObj.of(child.nameInParent());
        return path;
    }

    /** interp eval: the arguments joined as concat does, evaluated in the child's current frame. */
    private static TclObj eval(Interp caller, Interp child, TclObj[] objv, int from) throws TclException {
        TclObj script = ProcCmds.concatArgs(objv, from);
        if (child == caller) return caller.eval(script);
        // an idle child runs the script at its top level, where a return completes (Tcl's
        // TclUpdateReturnInfo at level 0): return -code 3 gives code 3, a proc's return -code 2 gives 0
        boolean top = Interps.nestingDepth(child) == 0;
        try {
            return child.eval(script);
        } catch (TclException e) {
            if (top && e.code() == TclException.RETURN) return Interps.completeTopLevelReturn(child, e);
            throw Interps.crossing(e);
        } catch (StackOverflowError so) {
            throw TclException.error("too many nested evaluations (infinite loop?)", "TCL", "LIMIT", "STACK");
        } catch (OutOfMemoryError oom) {
            // the child's script gets the blame (a safe child is deleted to free what it holds)
            throw Interps.outOfMemory(child);
        } finally {
            Limits.evaluationEnded(child);
        }
    }

    // ======================================================================================
    // aliases
    // ======================================================================================

    private static TclObj alias(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 4) throw TclException.wrongArgs(objv, 2, "slavePath slaveCmd ?masterPath masterCmd? ?arg ...?");
        Interp src = Interps.find(interp, objv[2]);
        String name = objv[3].toString();
        if (objv.length == 4) return describeAlias(src, name);
        if (objv.length == 5 && objv[4].isEmptyString()) {
            Interps.deleteAlias(src, name);
            return TclObj.EMPTY;
        }
        if (objv.length < 6) throw TclException.wrongArgs(objv, 2, "slavePath slaveCmd ?masterPath masterCmd? ?arg ...?");
        Interp target = Interps.find(interp, objv[4]);
        TclObj[] prefix = new TclObj[objv.length - 5];
        System.arraycopy(objv, 5, prefix, 0, prefix.length);
        Interps.alias(src, name, target, prefix);
        return objv[3];
    }

    /**
     * {@code $child alias aliasName ?targetName? ?arg ...?}: unlike {@code interp alias}, the
     * target is always the parent, so the words after the alias name are the target's prefix.
     */
    private static TclObj childAlias(Interp child, TclObj[] objv) throws TclException {
        if (objv.length < 3) throw TclException.wrongArgs(objv, 2, "aliasName ?targetName? ?arg ...?");
        String name = objv[2].toString();
        if (objv.length == 3) return describeAlias(child, name);
        if (objv.length == 4 && objv[3].isEmptyString()) {
            Interps.deleteAlias(child, name);
            return TclObj.EMPTY;
        }
        TclObj[] prefix = new TclObj[objv.length - 3];
        System.arraycopy(objv, 3, prefix, 0, prefix.length);
        Interps.alias(child, name, Interps.parentOf(child), prefix);
        return objv[2];
    }

    /** The target command and fixed arguments of an alias; empty when there is none. */
    private static TclObj describeAlias(Interp src, String token) {
        Interps.Alias a = Interps.findAlias(src, token);
        return a == null ? TclObj.EMPTY : TclObj.ofList(a.prefix());
    }

    private static TclObj aliases(Interp i) {
        List<TclObj> out = new ArrayList<>();
        for (String n : Introspection.tclOrder(Interps.aliasesOf(i).keySet())) out.add(TclObj.of(n));
        return TclObj.ofList(TclList.of(out));
    }

    private static TclObj target(Interp interp, TclObj[] objv) throws TclException {
        Interp i = Interps.find(interp, objv[2]);
        Interps.Alias a = Interps.findAlias(i, objv[3].toString());
        if (a == null) {
            throw TclException.error("alias \"" + objv[3] + "\" in path \"" + objv[2] + "\" not found",
                    "TCL", "LOOKUP", "ALIAS", objv[3].toString());
        }
        if (!Interps.isDescendant(a.target(), interp)) {
            throw TclException.error("target interpreter for alias \"" + objv[3] + "\" in path \"" + objv[2]
                    + "\" is not my descendant", "TCL", "OPERATION", "INTERP", "TARGETSHROUDED");
        }
        if (a.target() == interp) return TclObj.EMPTY;
        return TclObj.ofList(Interps.pathOf(a.target(), interp));
    }

    // ======================================================================================
    // hidden commands
    // ======================================================================================

    private static TclObj hide(Interp caller, Interp target, TclObj[] objv, int at) throws TclException {
        if (caller.isSafe()) throw unsafe("permission denied: safe interpreter cannot hide commands");
        String name = objv[at].toString();
        Interps.hide(target, name, objv.length > at + 1 ? objv[at + 1].toString() : name);
        return TclObj.EMPTY;
    }

    private static TclObj expose(Interp caller, Interp target, TclObj[] objv, int at) throws TclException {
        if (caller.isSafe()) throw unsafe("permission denied: safe interpreter cannot expose commands");
        String name = objv[at].toString();
        Interps.expose(target, name, objv.length > at + 1 ? objv[at + 1].toString() : name);
        return TclObj.EMPTY;
    }

    private static TclObj hidden(Interp i) {
        List<TclObj> out = new ArrayList<>();
        for (String n : Introspection.tclOrder(Interps.hiddenOf(i).keySet())) out.add(TclObj.of(n));
        return TclObj.ofList(TclList.of(out));
    }

    private static final String[] HIDDEN_OPTIONS = {"-global", "-namespace", "--"};

    /**
     * interp invokehidden path ?-namespace ns? ?-global? ?--? cmd ?arg ...? (child null: the
     * path is objv[2]) or child invokehidden ...; options start at objv[from].
     */
    private static TclObj invokeHidden(Interp caller, TclObj[] objv, int from, Interp child) throws TclException {
        String ns = null;
        int i = from;
        for (; i < objv.length; i++) {
            if (!objv[i].toString().startsWith("-")) break;
            int opt = Subcommands.index(objv[i], HIDDEN_OPTIONS, "option");
            if (opt == 0) {
                ns = "::";
            } else if (opt == 1) {
                if (++i == objv.length) break;
                ns = objv[i].toString();
            } else {
                i++;
                break;
            }
        }
        if (objv.length - i < 1) {
            if (child == null) throw TclException.wrongArgs(objv, 2, "path ?-namespace ns? ?-global? ?--? cmd ?arg ..?");
            throw TclException.wrongArgs(objv, 2, "?-namespace ns? ?-global? ?--? cmd ?arg ..?");
        }
        Interp target = child != null ? child : Interps.find(caller, objv[2]);
        if (caller.isSafe()) throw unsafe("not allowed to invoke hidden commands from safe interpreter");
        String name = objv[i].toString();
        CommandEntry ce = Interps.hiddenOf(target).get(name);
        if (ce == null) {
            throw TclException.error("invalid hidden command name \"" + name + "\"", "TCL", "LOOKUP", "HIDDENTOKEN", name);
        }
        TclObj[] words = new TclObj[objv.length - i];
        System.arraycopy(objv, i, words, 0, words.length);
        if (target == caller) return target.invokeHiddenEntry(ce, words, false, ns);
        try {
            return target.invokeHiddenEntry(ce, words, false, ns);
        } catch (TclException e) {
            throw Interps.crossing(e);
        } finally {
            Limits.evaluationEnded(target);
        }
    }

    private static TclObj markTrusted(Interp caller, Interp target) throws TclException {
        if (caller.isSafe()) throw unsafe("permission denied: safe interpreter cannot mark trusted");
        target.setSafe(false);
        return TclObj.EMPTY;
    }

    // ======================================================================================
    // limits, cancellation, recursion limit
    // ======================================================================================

    private static final String[] LIMIT_TYPES = {"commands", "time"};

    private static TclObj limit(Interp caller, Interp target, TclObj[] objv, int at) throws TclException {
        int type = Subcommands.index(objv[at], LIMIT_TYPES, "limit type");
        return Limits.command(caller, target, type == 1, objv, at + 1);
    }

    private static final String[] CANCEL_OPTIONS = {"-unwind", "--"};

    /** interp cancel ?-unwind? ?--? ?path? ?result? */
    private static TclObj cancel(Interp interp, TclObj[] objv) throws TclException {
        boolean unwind = false;
        int i = 2;
        for (; i < objv.length; i++) {
            if (!objv[i].toString().startsWith("-")) break;
            if (Subcommands.index(objv[i], CANCEL_OPTIONS, "option") == 0) {
                unwind = true;
            } else {
                i++;
                break;
            }
        }
        if (i + 2 < objv.length) throw TclException.wrongArgs(objv, 2, "?-unwind? ?--? ?path? ?result?");
        Interp target = interp;
        if (i < objv.length) target = Interps.find(interp, objv[i++]);
        TclObj result = i < objv.length ? objv[i] : null;
        Limits.cancel(target, result, unwind);
        return TclObj.EMPTY;
    }

    private static TclObj recursionLimit(Interp caller, Interp target, TclObj[] objv, int at) throws TclException {
        if (objv.length == at) return TclObj.of(target.recursionLimit());
        if (caller.isSafe()) throw unsafe("permission denied: safe interpreters cannot change recursion limit");
        int n = objv[at].asInt();
        if (n <= 0) throw TclException.error("recursion limit must be > 0", "TCL", "OPERATION", "INTERP", "BADLIMIT");
        target.setRecursionLimit(n);
        if (target == caller && Interps.nestingDepth(caller) > n) {
            throw TclException.error("falling back due to new recursion limit", "TCL", "RECURSION");
        }
        return TclObj.of(n);
    }

    // ======================================================================================
    // bgerror, debug
    // ======================================================================================

    private static TclObj bgerror(Interp target, TclObj[] objv, int at) throws TclException {
        if (objv.length > at) {
            TclList l;
            try {
                l = objv[at].asList();
            } catch (TclException e) {
                l = TclList.EMPTY;
            }
            if (l.size() == 0) {
                throw TclException.error("cmdPrefix must be list of length >= 1", "TCL", "OPERATION", "INTERP", "BGERRORFORMAT");
            }
            target.setBgerrorHandler(objv[at]);
            return objv[at];
        }
        TclObj h = target.bgerrorHandler();
        return h == null ? TclObj.of("::tcl::Bgerror") : h;
    }

    private static final String[] DEBUG_OPTIONS = {"-frame"};

    private static TclObj debug(Interp target, TclObj[] objv, int at) throws TclException {
        if (objv.length == at) return TclObj.ofList(TclObj.of("-frame"), TclObj.of(Interps.debugFrame(target)));
        Subcommands.index(objv[at], DEBUG_OPTIONS, "debug option");
        if (objv.length > at + 1) Interps.setDebugFrame(target, objv[at + 1].asBoolean());
        return TclObj.of(Interps.debugFrame(target));
    }
}
