package dev.tclj.cmd;

import dev.tclj.CommandEntry;
import dev.tclj.Ensemble;
import dev.tclj.Glob;
import dev.tclj.Interp;
import dev.tclj.Introspection;
import dev.tclj.Namespace;
import dev.tclj.NamespaceOps;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code namespace} command: every Tcl 8.6 subcommand, including {@code namespace ensemble}.
 * The work that needs the interpreter's internals lives in {@link NamespaceOps} and
 * {@link Ensemble}.
 */
public final class NamespaceCmd {
    private NamespaceCmd() {}

    public static void register(Interp interp) {
        Subcommands s = new Subcommands("namespace");
        s.add("children", NamespaceCmd::children);
        s.add("code", NamespaceCmd::code);
        s.add("current", NamespaceCmd::current);
        s.add("delete", NamespaceCmd::delete);
        s.add("ensemble", NamespaceCmd::ensemble);
        s.add("eval", NamespaceCmd::evalCmd);
        s.add("exists", NamespaceCmd::exists);
        s.add("export", NamespaceCmd::export);
        s.add("forget", NamespaceCmd::forget);
        s.add("import", NamespaceCmd::importCmd);
        s.add("inscope", NamespaceCmd::inscope);
        s.add("origin", NamespaceCmd::origin);
        s.add("parent", NamespaceCmd::parent);
        s.add("path", NamespaceCmd::path);
        s.add("qualifiers", NamespaceCmd::qualifiers);
        s.add("tail", NamespaceCmd::tail);
        s.add("unknown", NamespaceCmd::unknown);
        s.add("upvar", NamespaceCmd::upvar);
        s.add("which", NamespaceCmd::which);
        interp.createCommand("namespace", s);
    }

    /**
     * Creates ::tcl::<name>::<sub> for every built-in ensemble registered so far, as Tcl has them
     * (scripts add subcommands there and reconfigure the ensembles). Run once all built-in
     * families are registered.
     */
    public static void exposeBuiltinEnsembles(Interp interp) {
        for (CommandEntry ce : new ArrayList<>(interp.globalNs.commands().values())) {
            if (ce.impl() instanceof Subcommands sc) Ensemble.exposeBuiltin(ce, sc.table());
        }
    }

    static TclObj children(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length > 4) throw TclException.wrongArgs(objv, 2, "?name? ?pattern?");
        Namespace ns = objv.length >= 3 ? NamespaceOps.require(interp, objv[2].toString()) : interp.currentNamespace();
        String pattern = null;
        if (objv.length == 4) {
            pattern = objv[3].toString();
            if (!pattern.startsWith("::")) pattern = ns.qualify(pattern);
        }
        ArrayList<TclObj> out = new ArrayList<>();
        for (String name : Introspection.tclOrder(ns.children().keySet())) {
            Namespace c = ns.children().get(name);
            if (c.isDeleted()) continue;
            if (pattern == null || Glob.match(pattern, c.fullName(), false)) out.add(TclObj.of(c.fullName()));
        }
        return TclObj.ofList(TclList.of(out));
    }

    static TclObj code(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "arg");
        String s = objv[2].toString();
        if (s.startsWith("::namespace inscope ")) return objv[2];
        return TclObj.ofList(TclObj.of("::namespace"), TclObj.of("inscope"),
                TclObj.of(interp.currentNamespace().fullName()), objv[2]);
    }

    static TclObj current(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
        return TclObj.of(interp.currentNamespace().fullName());
    }

    static TclObj delete(Interp interp, TclObj[] objv) throws TclException {
        List<Namespace> victims = new ArrayList<>();
        for (int i = 2; i < objv.length; i++) {
            String name = objv[i].toString();
            Namespace ns = NamespaceOps.find(interp, name);
            if (ns == null || NamespaceOps.isBeingDeleted(ns)) {
                throw TclException.error("unknown namespace \"" + name + "\" in namespace delete command",
                        "TCL", "LOOKUP", "NAMESPACE", name);
            }
            victims.add(ns);
        }
        for (Namespace ns : victims) NamespaceOps.delete(interp, ns);
        return TclObj.EMPTY;
    }

    private static final String[] ENSEMBLE_SUBS = {"configure", "create", "exists"};

    static TclObj ensemble(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 3) throw TclException.wrongArgs(objv, 2, "subcommand ?arg ...?");
        int sub = Subcommands.index(objv[2], ENSEMBLE_SUBS, "subcommand");
        switch (sub) {
            case 1:
                return Ensemble.create(interp, objv, 3);
            case 2: {
                if (objv.length != 4) throw TclException.wrongArgs(objv, 3, "cmdname");
                CommandEntry ce = interp.findCommand(objv[3].toString());
                return TclObj.of(ce != null && (Ensemble.of(ce) != null || ce.impl() instanceof Subcommands));
            }
            default: {
                if (objv.length < 4) throw TclException.wrongArgs(objv, 3, "cmdname ?-option value ...? ?arg ...?");
                String name = objv[3].toString();
                CommandEntry ce = interp.findCommand(name);
                if (ce == null) {
                    throw TclException.error("unknown command \"" + name + "\"", "TCL", "LOOKUP", "COMMAND", name);
                }
                Ensemble e = Ensemble.of(ce);
                if (e == null && ce.impl() instanceof Subcommands sc) return builtinEnsembleConfigure(ce, sc, objv);
                if (e == null) {
                    throw TclException.error("\"" + name + "\" is not an ensemble command", "TCL", "LOOKUP", "ENSEMBLE", name);
                }
                return e.configure(objv, 4);
            }
        }
    }

    /**
     * The configuration of a built-in ensemble (string, dict, info, namespace...), which Tcl
     * implements in the namespace ::tcl::<name>.
     */
    private static TclObj builtinEnsembleConfigure(CommandEntry ce, Subcommands sc, TclObj[] objv) throws TclException {
        String nsName = "::tcl::" + ce.name();
        dev.tclj.TclDict.Builder map = new dev.tclj.TclDict.Builder(sc.table().size());
        for (String k : sc.table().keySet()) map.put(TclObj.of(k), TclObj.of(nsName + "::" + k));
        TclObj[] values = {TclObj.ofDict(map.build()), TclObj.of(nsName), TclObj.EMPTY, TclObj.of(1), TclObj.EMPTY, TclObj.EMPTY};
        int n = objv.length - 4;
        if (n == 0) {
            dev.tclj.TclDict.Builder b = new dev.tclj.TclDict.Builder(6);
            for (int i = 0; i < Ensemble.OPTIONS.length; i++) b.put(TclObj.of(Ensemble.OPTIONS[i]), values[i]);
            return TclObj.ofDict(b.build());
        }
        if (n == 1) return values[Subcommands.index(objv[4], Ensemble.OPTIONS, "option")];
        if (n % 2 != 0) throw TclException.wrongArgs(objv, 3, "cmdname ?-option value ...? ?arg ...?");
        for (int i = 4; i < objv.length; i += 2) {
            int opt = Subcommands.index(objv[i], Ensemble.OPTIONS, "option");
            if (opt == 1) throw TclException.error("option -namespace is read-only", "TCL", "ENSEMBLE", "READ_ONLY");
        }
        // Reconfiguring a built-in ensemble makes it a real one over ::tcl::<name>::<sub> commands.
        return Ensemble.adoptBuiltin(ce, sc.table()).configure(objv, 4);
    }

    static TclObj evalCmd(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 4) throw TclException.wrongArgs(objv, 2, "name arg ?arg...?");
        String name = objv[2].toString();
        if (name.isEmpty() && !interp.currentNamespace().isGlobal()) {
            throw TclException.error("can't create namespace \"\": only global namespace can have empty name",
                    "TCL", "OPERATION", "NAMESPACE", "CREATEGLOBAL");
        }
        Namespace ns = interp.findNamespace(name, interp.currentNamespace());
        if (ns == null) ns = interp.createNamespace(name, interp.currentNamespace());
        TclObj script = objv.length == 4 ? objv[3] : ProcCmds.concatArgs(objv, 3);
        return NamespaceOps.evalIn(interp, ns, script, objv, "eval");
    }

    static TclObj exists(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "name");
        return TclObj.of(NamespaceOps.find(interp, objv[2].toString()) != null);
    }

    static TclObj export(Interp interp, TclObj[] objv) throws TclException {
        Namespace ns = interp.currentNamespace();
        if (objv.length == 2) {
            ArrayList<TclObj> out = new ArrayList<>();
            for (String p : ns.exportPatterns()) out.add(TclObj.of(p));
            return TclObj.ofList(TclList.of(out));
        }
        int i = 2;
        boolean clear = false;
        if (objv[2].toString().equals("-clear")) {
            clear = true;
            i++;
        }
        List<String> patterns = new ArrayList<>();
        for (; i < objv.length; i++) patterns.add(objv[i].toString());
        NamespaceOps.export(interp, ns, patterns, clear);
        return TclObj.EMPTY;
    }

    static TclObj forget(Interp interp, TclObj[] objv) throws TclException {
        for (int i = 2; i < objv.length; i++) NamespaceOps.forget(interp, interp.currentNamespace(), objv[i].toString());
        return TclObj.EMPTY;
    }

    static TclObj importCmd(Interp interp, TclObj[] objv) throws TclException {
        Namespace ns = interp.currentNamespace();
        if (objv.length == 2) {
            ArrayList<TclObj> out = new ArrayList<>();
            for (String n : NamespaceOps.imports(ns)) out.add(TclObj.of(n));
            return TclObj.ofList(TclList.of(out));
        }
        int i = 2;
        boolean force = false;
        if (objv[2].toString().equals("-force")) {
            force = true;
            i++;
        }
        for (; i < objv.length; i++) NamespaceOps.importPattern(interp, ns, objv[i].toString(), force);
        return TclObj.EMPTY;
    }

    static TclObj inscope(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 4) throw TclException.wrongArgs(objv, 2, "name arg ?arg...?");
        Namespace ns = NamespaceOps.require(interp, objv[2].toString());
        TclObj script;
        if (objv.length == 4) {
            script = objv[3];
        } else {
            // the extra arguments are appended as list elements, then concatenated as by concat
            TclObj[] extra = new TclObj[objv.length - 4];
            System.arraycopy(objv, 4, extra, 0, extra.length);
            script = ProcCmds.concatArgs(new TclObj[]{objv[3], TclObj.ofList(extra)}, 0);
        }
        return NamespaceOps.evalIn(interp, ns, script, objv, "inscope");
    }

    static TclObj origin(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "name");
        String name = objv[2].toString();
        CommandEntry ce = interp.findCommand(name);
        if (ce == null) throw TclException.error("invalid command name \"" + name + "\"", "TCL", "LOOKUP", "COMMAND", name);
        return TclObj.of(ce.origin().fullName());
    }

    static TclObj parent(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?name?");
        Namespace ns = objv.length == 3 ? NamespaceOps.require(interp, objv[2].toString()) : interp.currentNamespace();
        return ns.parent() == null ? TclObj.EMPTY : TclObj.of(ns.parent().fullName());
    }

    static TclObj path(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?pathList?");
        Namespace ns = interp.currentNamespace();
        if (objv.length == 2) {
            ArrayList<TclObj> out = new ArrayList<>();
            for (Namespace p : ns.path()) if (!p.isDeleted()) out.add(TclObj.of(p.fullName()));
            return TclObj.ofList(TclList.of(out));
        }
        TclList l = objv[2].asList();
        List<Namespace> path = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) path.add(NamespaceOps.require(interp, l.get(i).toString()));
        ns.setPath(List.copyOf(path));
        return TclObj.EMPTY;
    }

    static TclObj qualifiers(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "string");
        String name = objv[2].toString();
        int p = name.length() - 1;
        while (p >= 0) {
            if (name.charAt(p) == ':' && p > 0 && name.charAt(p - 1) == ':') {
                p -= 2;
                while (p >= 0 && name.charAt(p) == ':') p--;
                break;
            }
            p--;
        }
        return p >= 0 ? TclObj.of(name.substring(0, p + 1)) : TclObj.EMPTY;
    }

    static TclObj tail(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "string");
        String name = objv[2].toString();
        int p = name.length() - 1;
        while (p > 0) {
            if (name.charAt(p) == ':' && name.charAt(p - 1) == ':') {
                p++;
                break;
            }
            p--;
        }
        if (p < 0) p = 0;
        return TclObj.of(name.substring(p));
    }

    static TclObj unknown(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length > 3) throw TclException.wrongArgs(objv, 2, "?script?");
        Namespace ns = interp.currentNamespace();
        if (objv.length == 3) {
            TclObj h = objv[2];
            ns.setUnknownHandler(h.asList().size() == 0 ? null : h);
            return h;
        }
        TclObj h = ns.unknownHandler();
        if (h == null && ns.isGlobal()) return TclObj.of("::unknown");
        return h == null ? TclObj.EMPTY : h;
    }

    static TclObj upvar(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 3 || objv.length % 2 != 1) throw TclException.wrongArgs(objv, 2, "ns ?otherVar myVar ...?");
        Namespace ns = NamespaceOps.require(interp, objv[2].toString());
        for (int i = 3; i < objv.length; i += 2) {
            NamespaceOps.upvar(interp, ns, objv[i].toString(), objv[i + 1].toString());
        }
        return TclObj.EMPTY;
    }

    static TclObj which(Interp interp, TclObj[] objv) throws TclException {
        boolean variable = false;
        if (objv.length == 4) {
            String opt = objv[2].toString();
            if (opt.equals("-variable")) variable = true;
            else if (!opt.equals("-command")) throw TclException.wrongArgs(objv, 2, "?-command? ?-variable? name");
        } else if (objv.length != 3) {
            throw TclException.wrongArgs(objv, 2, "?-command? ?-variable? name");
        }
        String name = objv[objv.length - 1].toString();
        if (variable) return TclObj.of(NamespaceOps.whichVariable(interp, name));
        CommandEntry ce = interp.findCommand(name);
        return ce == null ? TclObj.EMPTY : TclObj.of(ce.fullName());
    }
}
