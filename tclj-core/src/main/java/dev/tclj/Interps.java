package dev.tclj;

import java.util.ArrayList;
import java.util.List;

/**
 * Several interpreters: child creation and deletion, paths, aliases between interpreters, hidden
 * commands and safe interpreters (the machinery behind the interp command).
 *
 * <p>An error crossing an interpreter boundary keeps its code, message, errorCode and errorInfo.
 */
public final class Interps {
    private Interps() {}

    /** The commands a safe interpreter hides, as in Tcl 8.6. */
    static final String[] UNSAFE = {"cd", "encoding", "exec", "exit", "fconfigure", "file", "glob", "load",
            "open", "pwd", "socket", "source", "unload"};

    /** An alias: a command in one interpreter that calls a command (with a prefix) in another. */
    public static final class Alias implements Command {
        final Interp source;
        final String sourceName;
        final Interp target;
        final TclObj[] prefix; // target command word and its fixed arguments
        CommandEntry entry;

        Alias(Interp source, String sourceName, Interp target, TclObj[] prefix) {
            this.source = source;
            this.sourceName = sourceName;
            this.target = target;
            this.prefix = prefix;
        }

        @Override
        public TclObj invoke(Interp interp, TclObj[] objv) throws TclException {
            TclObj[] words = new TclObj[prefix.length + objv.length - 1];
            System.arraycopy(prefix, 0, words, 0, prefix.length);
            System.arraycopy(objv, 1, words, prefix.length, objv.length - 1);
            // As Tcl's aliases use the ensemble rewriting: the target's words are not logged in
            // errorInfo, and a wrong # args message shows the alias name instead of the prefix.
            try {
                return Ensemble.dispatch(target, target.globalNs, words);
            } catch (TclException e) {
                if (e.code() == TclException.ERROR && e.errorInfo == null) {
                    Ensemble.rewriteWrongArgs(e, objv, 1, prefix.length);
                }
                if (target == interp) throw e;
                throw crossing(e);
            }
        }

        public TclObj[] prefix() { return prefix; }
        public Interp target() { return target; }
    }

    /** A copy of an exception for another interpreter (codes, message, errorCode, errorInfo). */
    public static TclException crossing(TclException e) {
        TclException x = new TclException(e.code(), e.result());
        x.errorCode = e.errorCode;
        x.errorInfo = e.errorInfo == null ? null : new StringBuilder(e.errorInfo);
        x.infoStarted = e.errorInfo != null;
        if (x.errorInfo == null && e.code() == TclException.ERROR) {
            // Tcl_TransferResult reads the options, which starts errorInfo with the message: the
            // next command logged over here is "invoked from within", not "while executing"
            x.errorInfo = new StringBuilder(e.result().toString());
            x.infoStarted = true;
        }
        x.level = e.level;
        x.returnCode = e.returnCode;
        x.options = e.options;
        x.errorLine = e.errorLine;
        return x;
    }

    /** Resolves an interpreter path (a list of names) relative to from; error if missing. */
    public static Interp find(Interp from, TclObj path) throws TclException {
        TclList l = path.asList();
        Interp cur = from;
        for (int i = 0; i < l.size(); i++) {
            Interp c = cur.children.get(l.get(i).toString());
            if (c == null || c.deleted) {
                throw TclException.error("could not find interpreter \"" + path + "\"", "TCL", "LOOKUP", "INTERP", path.toString());
            }
            cur = c;
        }
        return cur;
    }

    /** Creates a child interpreter named by path (the last element) under its parent path. */
    public static Interp create(Interp from, TclObj path, boolean safe) throws TclException {
        TclList l = path.asList();
        Interp parent = from;
        String name;
        if (l.size() == 0) {
            do {
                name = "interp" + from.nextChildId++;
            } while (from.children.containsKey(name) || from.findCommand("::" + name, from.globalNs) != null);
        } else {
            TclObj[] a = l.toArray();
            parent = find(from, TclObj.ofList(new TclList(java.util.Arrays.copyOf(a, a.length - 1), a.length - 1)));
            name = a[a.length - 1].toString();
            if (parent.children.containsKey(name)) {
                throw TclException.error("interpreter named \"" + name + "\" already exists, cannot create", "TCL", "OPERATION", "INTERP", "EXISTS");
            }
        }
        Interp child = new Interp(safe || parent.safe);
        child.parent = parent;
        child.nameInParent = name;
        parent.children.put(name, child);
        final Interp c = child;
        final String n = name;
        // The interpreter's name is also a command in its parent (the child's object command).
        parent.defineIn(parent.globalNs, name, (in, objv) -> childCommand(c, objv));
        CommandEntry ce = parent.globalNs.commands.get(name);
        ce.onDelete = () -> delete(c);
        return child;
    }

    /** The object command of a child: $child eval ..., $child alias ..., and so on. */
    static TclObj childCommand(Interp child, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "cmd ?arg ...?");
        String[] subs = {"alias", "aliases", "bgerror", "eval", "expose", "hide", "hidden", "issafe",
                "invokehidden", "marktrusted", "recursionlimit"};
        int i = dev.tclj.cmd.Subcommands.index(objv[1], subs, "option");
        if (i == 0) return childAlias(child, objv);
        TclObj[] words = new TclObj[objv.length + 1];
        words[0] = TclObj.of("interp");
        words[1] = TclObj.of(subs[i]);
        words[2] = TclObj.ofList(pathOf(child, child.parent));
        System.arraycopy(objv, 2, words, 3, objv.length - 2);
        return dev.tclj.cmd.InterpCmd.dispatch(child.parent, words);
    }

    /**
     * {@code $child alias aliasName ?targetName? ?arg ...?}: unlike {@code interp alias}, the target
     * is always the parent, so the words after the alias name are the target's command prefix.
     */
    private static TclObj childAlias(Interp child, TclObj[] objv) throws TclException {
        if (objv.length < 3) throw TclException.wrongArgs(objv, 2, "aliasName ?targetName? ?arg ...?");
        String name = objv[2].toString();
        if (objv.length == 3) {
            Alias a = findAlias(child, name);
            return a == null ? TclObj.EMPTY : TclObj.ofList(a.prefix);
        }
        if (objv.length == 4 && objv[3].isEmptyString()) {
            if (findAlias(child, name) == null) {
                throw TclException.error("alias \"" + name + "\" not found", "TCL", "LOOKUP", "ALIAS", name);
            }
            child.deleteCommand(child.findCommand(name, child.globalNs));
            return TclObj.EMPTY;
        }
        TclObj[] prefix = new TclObj[objv.length - 3];
        System.arraycopy(objv, 3, prefix, 0, prefix.length);
        alias(child, name, child.parent, prefix);
        return objv[2];
    }

    static TclObj[] pathOf(Interp target, Interp from) {
        List<TclObj> out = new ArrayList<>();
        for (Interp i = target; i != null && i != from; i = i.parent) out.add(0, TclObj.of(i.nameInParent));
        return out.toArray(new TclObj[0]);
    }

    /** Deletes an interpreter and its children. */
    public static void delete(Interp child) {
        if (child.deleted) return;
        child.deleted = true;
        for (Interp c : new ArrayList<>(child.children.values())) delete(c);
        // aliases in other interpreters that target this one go away with it
        if (child.parent != null) {
            child.parent.children.remove(child.nameInParent);
            CommandEntry ce = child.parent.globalNs.commands.get(child.nameInParent);
            if (ce != null && !ce.deleted) {
                ce.onDelete = null;
                child.parent.deleteEntry(ce, true);
            }
            for (Alias a : new ArrayList<>(child.parent.aliases.values())) {
                if (a.target == child && a.entry != null) child.parent.deleteEntry(a.entry, true);
            }
        }
        NamespaceOps.delete(child, child.globalNs);
    }

    /** Creates an alias in source named srcName calling prefix in target. */
    public static void alias(Interp source, String srcName, Interp target, TclObj[] prefix) throws TclException {
        Alias a = new Alias(source, srcName, target, prefix);
        CommandEntry ce = source.defineCommandGlobalRelative(srcName, a);
        a.entry = ce;
        source.aliases.put(srcName, a);
        ce.onDelete = () -> source.aliases.remove(srcName, a);
    }

    public static Alias findAlias(Interp source, String name) {
        Alias a = source.aliases.get(name);
        if (a != null) return a;
        for (Alias x : source.aliases.values()) {
            if (x.entry != null && !x.entry.deleted && (x.entry.fullName().equals(name) || x.entry.fullName().equals("::" + name))) return x;
        }
        return null;
    }

    /** Hides a global command under a hidden name. */
    public static void hide(Interp interp, String name, String hiddenName) throws TclException {
        if (hiddenName.contains("::")) {
            throw TclException.error("cannot use namespace qualifiers in hidden command token (rename)", "TCL", "VALUE", "HIDDENTOKEN");
        }
        CommandEntry ce = interp.findCommand(name, interp.globalNs);
        if (ce == null) {
            throw TclException.error("unknown command \"" + name + "\"", "TCL", "LOOKUP", "COMMAND", name);
        }
        if (ce.ns != interp.globalNs) {
            throw TclException.error("can only hide global namespace commands (use rename then hide)", "TCL", "HIDE", "NON_GLOBAL");
        }
        if (interp.hiddenCommands.containsKey(hiddenName)) {
            throw TclException.error("hidden command named \"" + hiddenName + "\" already exists", "TCL", "HIDE", "ALREADY_HIDDEN");
        }
        interp.globalNs.commands.remove(ce.name);
        interp.hiddenCommands.put(hiddenName, ce);
        interp.epoch++;
    }

    public static void expose(Interp interp, String hiddenName, String name) throws TclException {
        CommandEntry ce = interp.hiddenCommands.get(hiddenName);
        if (ce == null) {
            throw TclException.error("unknown hidden command \"" + hiddenName + "\"", "TCL", "LOOKUP", "HIDDENTOKEN", hiddenName);
        }
        if (name.contains("::")) {
            throw TclException.error("cannot expose to a namespace (use expose to toplevel, then rename)", "TCL", "EXPOSE", "NON_GLOBAL");
        }
        if (interp.globalNs.commands.containsKey(name)) {
            throw TclException.error("exposed command \"" + name + "\" already exists", "TCL", "EXPOSE", "COMMAND_EXISTS");
        }
        interp.hiddenCommands.remove(hiddenName);
        ce.name = name;
        ce.ns = interp.globalNs;
        interp.globalNs.commands.put(name, ce);
        interp.epoch++;
    }

    /** Hides what a safe interpreter must not have, and trims tcl_platform and env. */
    static void makeSafe(Interp interp) {
        for (String n : UNSAFE) {
            try {
                if (interp.globalNs.commands.containsKey(n)) hide(interp, n, n);
            } catch (TclException ignored) {
            }
        }
        try {
            Var env = interp.globalNs.vars.remove("env");
            Var p = interp.globalNs.vars.get("tcl_platform");
            if (p != null && p.array != null) {
                p.array.keySet().retainAll(java.util.Set.of("byteOrder", "engine", "platform", "pointerSize", "wordSize"));
            }
            interp.globalNs.vars.remove("tcl_library");
            interp.globalNs.vars.remove("auto_path");
        } catch (RuntimeException ignored) {
        }
    }

    public static Interp parentOf(Interp i) { return i.parent; }
    public static java.util.Map<String, Interp> childrenOf(Interp i) { return i.children; }
    public static java.util.Map<String, CommandEntry> hiddenOf(Interp i) { return i.hiddenCommands; }
    public static java.util.Map<String, Alias> aliasesOf(Interp i) { return i.aliases; }
}
