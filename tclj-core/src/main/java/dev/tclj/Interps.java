package dev.tclj;

import dev.tclj.io.ChannelTable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Several interpreters (tclInterp.c): child creation and deletion, interpreter paths, aliases
 * between interpreters, hidden commands and safe interpreters; the machinery behind the interp
 * command ({@link dev.tclj.cmd.InterpCmd}).
 *
 * <p>An error crossing an interpreter boundary keeps its code, message, errorCode and errorInfo,
 * as Tcl's TclTransferResult passes them.
 *
 * <p>Deleting an interpreter that nothing observes (no traces, no delete callbacks, no
 * coroutines: the usual case for a short-lived safe interpreter) skips the command-by-command
 * teardown; its objects are left to the garbage collector.
 */
public final class Interps {
    private Interps() {}

    /** What the interp machinery keeps about an interpreter besides Interp's own fields. */
    private static final class Links {
        /** Aliases in any interpreter whose target is this one (deleted with it). */
        final LinkedHashSet<Alias> targetedBy = new LinkedHashSet<>();
        /** interp debug -frame. */
        boolean debugFrame;
        /** Deleted while running: the teardown waits until it has unwound. */
        boolean teardownPending;
    }

    private static final Object LINKS = Links.class;

    private static Links links(Interp i) {
        Links l = i.getAssoc(LINKS);
        if (l == null) i.setAssoc(LINKS, l = new Links());
        return l;
    }

    // ======================================================================================
    // Aliases
    // ======================================================================================

    /** An alias: a command in one interpreter that calls a command (with a prefix) in another. */
    public static final class Alias implements Command {
        final Interp source;
        /** Its key in the source's alias table: the name as given, or "::"-prefixed ones if that was taken. */
        String token;
        final Interp target;
        final TclObj[] prefix; // target command word and its fixed arguments
        CommandEntry entry;

        Alias(Interp source, String token, Interp target, TclObj[] prefix) {
            this.source = source;
            this.token = token;
            this.target = target;
            this.prefix = prefix;
        }

        @Override
        public TclObj invoke(Interp interp, TclObj[] objv) throws TclException {
            TclObj[] words = new TclObj[prefix.length + objv.length - 1];
            System.arraycopy(prefix, 0, words, 0, prefix.length);
            System.arraycopy(objv, 1, words, prefix.length, objv.length - 1);
            if (target == interp) {
                // As Tcl's aliases use the ensemble rewriting: the target's words are not logged
                // in errorInfo, and a wrong # args message shows the alias name.
                try {
                    return Ensemble.dispatch(target, target.globalNs, words);
                } catch (TclException e) {
                    if (e.code() == TclException.ERROR && e.errorInfo == null) Ensemble.rewriteWrongArgs(e, objv, 1, prefix.length);
                    throw e;
                }
            }
            if (target.deleted) {
                throw TclException.error("attempt to call eval in deleted interpreter", "TCL", "IDELETE",
                        "attempt to call eval in deleted interpreter");
            }
            try {
                if (target.cmdCount + 1 >= target.limitCheckAt) {
                    target.cmdCount++;
                    try {
                        Limits.check(target);
                    } finally {
                        target.cmdCount--;
                    }
                }
                return Ensemble.dispatch(target, target.globalNs, words);
            } catch (TclException e) {
                if (e.code() == TclException.ERROR && e.errorInfo == null) Ensemble.rewriteWrongArgs(e, objv, 1, prefix.length);
                throw crossing(e);
            } catch (StackOverflowError so) {
                throw crossing(target.tooDeep());
            } finally {
                Limits.evaluationEnded(target);
            }
        }

        public TclObj[] prefix() { return prefix; }

        public Interp target() { return target; }

        public String token() { return token; }
    }

    /**
     * A copy of an exception for another interpreter (codes, message, errorCode, errorInfo), as
     * TclTransferResult: the receiving side sees the error as already logged up to here.
     */
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

    /**
     * A return that reached the top level of an interpreter, completed as Tcl completes it there:
     * the value when it is a plain return, else the code it carries, for another interpreter.
     */
    public static TclObj completeTopLevelReturn(Interp interp, TclException e) throws TclException {
        TclException r = interp.completeReturn(e);
        if (r == null) return e.result();
        throw crossing(r);
    }

    /**
     * Creates an alias in source named srcName calling prefix in target (AliasCreate): the
     * command replaces any command of that name, and the alias is refused (and removed again)
     * if it would call itself through a chain of aliases.
     */
    public static Alias alias(Interp source, String srcName, Interp target, TclObj[] prefix) throws TclException {
        Alias a = new Alias(source, srcName, target, prefix);
        CommandEntry ce = source.defineCommandGlobalRelative(srcName, a);
        a.entry = ce;
        if (source.deleted) {
            // defining the command deleted the interpreter (it replaced its own child's command)
            throw TclException.error("cannot define or rename alias \"" + srcName + "\": interpreter deleted");
        }
        try {
            preventLoop(source, ce);
        } catch (TclException e) {
            source.deleteEntry(ce, true);
            throw e;
        }
        // the name is the token unless an alias (renamed since) holds it: then "::" + name...
        String token = srcName;
        while (source.aliases.containsKey(token)) token = "::" + token;
        a.token = token;
        source.aliases.put(token, a);
        links(target).targetedBy.add(a);
        ce.onDelete = () -> {
            source.aliases.remove(a.token, a);
            Links l = target.getAssoc(LINKS);
            if (l != null) l.targetedBy.remove(a);
        };
        return a;
    }

    /** The alias with the given token in an interpreter, or null. */
    public static Alias findAlias(Interp source, String token) {
        return source.aliases.get(token);
    }

    /** Deletes an alias by token (interp alias path name {}): its command, visible or hidden. */
    public static void deleteAlias(Interp source, String token) throws TclException {
        Alias a = source.aliases.get(token);
        if (a == null) throw TclException.error("alias \"" + token + "\" not found", "TCL", "LOOKUP", "ALIAS", token);
        deleteAliasEntry(a);
    }

    private static void deleteAliasEntry(Alias a) {
        CommandEntry ce = a.entry;
        // a hidden alias is in the hidden table, not in a namespace
        a.source.hiddenCommands.values().remove(ce);
        a.source.deleteEntry(ce, true);
    }

    /**
     * TclPreventAliasLoop: follows the chain of aliases from the alias ce to the command its
     * target resolves to; coming back to ce is a loop.
     */
    static void preventLoop(Interp interp, CommandEntry ce) throws TclException {
        if (!(ce.impl instanceof Alias first)) return;
        Alias next = first;
        while (true) {
            if (next.target.deleted) {
                throw TclException.error("cannot define or rename alias \"" + ce.name + "\": interpreter deleted");
            }
            CommandEntry c = next.target.findCommand(next.prefix[0].toString(), next.target.globalNs);
            if (c == null) return;
            if (c == ce) {
                throw TclException.error("cannot define or rename alias \"" + ce.name + "\": would create a loop",
                        "TCL", "OPERATION", "INTERP", "ALIASLOOP");
            }
            if (!(c.impl instanceof Alias a)) return;
            next = a;
        }
    }

    /** After rename moved an alias: refuses a loop, moving the command back to oldFull. */
    static void checkRenamedAlias(Interp interp, CommandEntry ce, String oldFull) throws TclException {
        try {
            preventLoop(interp, ce);
        } catch (TclException e) {
            int sep = oldFull.lastIndexOf("::");
            String qual = oldFull.substring(0, sep);
            Namespace ns = qual.isEmpty() ? interp.globalNs : interp.findNamespace(qual, interp.globalNs);
            if (ns != null && !ns.commands.containsKey(oldFull.substring(sep + 2))) {
                ce.ns.commands.remove(ce.name);
                ce.ns = ns;
                ce.name = oldFull.substring(sep + 2);
                ns.commands.put(ce.name, ce);
                interp.epoch++;
            }
            throw e;
        }
    }

    // ======================================================================================
    // Paths, creation, deletion
    // ======================================================================================

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

    /** The path of target relative to from (an ancestor of it), as a list of names. */
    public static TclList pathOf(Interp target, Interp from) {
        List<TclObj> out = new ArrayList<>();
        for (Interp i = target; i != null && i != from; i = i.parent) out.add(0, TclObj.of(i.nameInParent));
        return TclList.of(out);
    }

    /** Whether i is from or one of its descendants. */
    public static boolean isDescendant(Interp i, Interp from) {
        for (Interp x = i; x != null; x = x.parent) if (x == from) return true;
        return false;
    }

    /**
     * interp create: a child named by path (its last element) under the interpreter the rest
     * of the path names; safe if asked, or if its creator or its parent is safe. The child's
     * name is a command in its parent (the child's object command).
     */
    public static Interp create(Interp from, TclObj path, boolean safe) throws TclException {
        TclList l = path.asList();
        Interp parent = from;
        String name;
        if (l.size() == 0) {
            // Tcl's anonymous names: the first interpN that is not a command here
            int i = 0;
            while (from.findCommand("interp" + i, from.frame.ns) != null) i++;
            name = "interp" + i;
            path = TclObj.of(name);
        } else {
            TclObj[] a = l.toArray();
            parent = find(from, TclObj.ofList(new TclList(java.util.Arrays.copyOf(a, a.length - 1), a.length - 1)));
            name = a[a.length - 1].toString();
            Interp old = parent.children.get(name);
            if (old != null && !old.deleted) {
                throw TclException.error("interpreter named \"" + name + "\" already exists, cannot create");
            }
        }
        Interp child = new Interp(safe || from.safe || parent.safe);
        child.parent = parent;
        child.nameInParent = name;
        child.recursionLimit = parent.recursionLimit;
        parent.children.put(name, child);
        // The interpreter's name is also a command in its parent (the child's object command).
        CommandEntry ce = parent.defineCommandGlobalRelative(name, new ObjectCommand(child));
        ce.onDelete = () -> delete(child);
        if (!child.safe) ChannelTable.shareStandardChannels(parent, child);
        Limits.inherit(child, parent);
        String dbg = environmentValue(from, "TCL_INTERP_DEBUG_FRAME");
        if (dbg != null && !dbg.isEmpty() && !dbg.equals("0")) links(child).debugFrame = true;
        if (child.safe) {
            // clock and min/max come from the trusted parent, as in Tcl (which implements them
            // with unsafe features, or in init.tcl, which a safe interpreter does not run)
            for (String n : SAFE_ALIASES) alias(child, n, parent, new TclObj[]{TclObj.of(n)});
        }
        return child;
    }

    /**
     * A variable of the process environment as Tcl sees it: the ::env array of the nearest
     * interpreter (from or an ancestor) that has one, which scripts may have changed (Tcl's env is
     * the process's own); the JVM's environment when none has.
     */
    private static String environmentValue(Interp from, String key) {
        for (Interp i = from; i != null; i = i.parent) {
            Var v = i.globalNs.vars.get("env");
            if (v != null) v = v.resolve();
            if (v == null || v.array == null) continue;
            Var e = v.array.get(key);
            return e == null || e.value == null ? null : e.value.toString();
        }
        return System.getenv(key);
    }

    /**
     * The error for an OutOfMemoryError that ended an evaluation in interp. A safe child whose
     * script ran the JVM out of memory would otherwise keep what it built (its variables hold it)
     * and leave no memory to its parent, not even for reporting the error: it is deleted, and its
     * variables, namespaces and commands are dropped at once (the frames still on the Java stack
     * reference the interpreter), so the process goes on. Tcl itself would abort; the message and
     * errorCode are tclj's.
     */
    public static TclException outOfMemory(Interp interp) {
        if (interp.safe && interp.parent != null && !active(interp)) {
            // first what holds the memory (clearing allocates nothing), then the deletion (which does)
            interp.globalNs.vars.clear();
            interp.globalNs.children.clear();
            interp.globalNs.commands.clear();
            interp.hiddenCommands.clear();
            for (Alias a : interp.aliases.values()) {
                Links tl = a.target.getAssoc(LINKS);
                if (tl != null) tl.targetedBy.remove(a);
            }
            interp.aliases.clear();
            delete(interp);
            return TclException.error("not enough memory to evaluate the script: interpreter deleted", "TCL", "MEMORY");
        }
        return TclException.error("not enough memory to evaluate the script", "TCL", "MEMORY");
    }

    /** Tcl's aliases of every safe interpreter to its parent's commands, in the order Tcl makes them. */
    private static final String[] SAFE_ALIASES = {"clock", "::tcl::mathfunc::min", "::tcl::mathfunc::max"};

    /**
     * Deletes an interpreter and its children (Tcl_DeleteInterp). Its name goes at once; an
     * interpreter that is running (it deleted itself through an alias, say) finishes its
     * current command, fails its next one ("attempt to call eval in deleted interpreter"), and
     * is torn down, children included, when its evaluation has unwound, as Tcl frees an
     * interpreter once it is no longer in use.
     */
    public static void delete(Interp child) {
        if (child.deleted) return;
        child.deleted = true;
        Limits.interpDeleted(child);
        if (child.parent != null) {
            Interp p = child.parent;
            if (p.children.get(child.nameInParent) == child) p.children.remove(child.nameInParent);
            CommandEntry obj = objectCommand(child);
            if (obj != null) {
                obj.onDelete = null;
                p.deleteEntry(obj, true);
            }
        }
        if (active(child)) {
            links(child).teardownPending = true;
            // also from the event loop, should the evaluation end somewhere that does not say so
            child.notifier().whenIdle(() -> finishDelete(child));
            return;
        }
        teardown(child);
    }

    private static boolean active(Interp i) {
        return i.cmdTop > 0 || i.depth > 0;
    }

    /** Completes a deferred deletion once the interpreter no longer runs anything. */
    static void finishDelete(Interp i) {
        Links l = i.getAssoc(LINKS);
        if (l == null || !l.teardownPending) return;
        if (active(i)) {
            i.notifier().whenIdle(() -> finishDelete(i));
            return;
        }
        l.teardownPending = false;
        teardown(i);
    }

    /** What deletion does to the interpreter itself: children, aliases into it, channels, commands and variables. */
    private static void teardown(Interp child) {
        for (Interp c : new ArrayList<>(child.children.values())) delete(c);
        child.children.clear();
        // aliases elsewhere that call into this interpreter go with it
        Links l = child.getAssoc(LINKS);
        if (l != null) {
            for (Alias a : new ArrayList<>(l.targetedBy)) {
                if (!a.source.deleted) deleteAliasEntry(a);
            }
            l.targetedBy.clear();
        }
        ChannelTable.closeAll(child);
        if (observable(child)) {
            NamespaceOps.delete(child, child.globalNs);
        } else {
            // nothing would notice the teardown: only the links from live interpreters into
            // this one (its aliases' entries in their targets' tables) need undoing
            for (Alias a : child.aliases.values()) {
                Links tl = a.target.getAssoc(LINKS);
                if (tl != null) tl.targetedBy.remove(a);
            }
        }
        child.hiddenCommands.clear();
    }

    /** The child's object command in its parent, wherever it is now; null if gone. */
    private static CommandEntry objectCommand(Interp child) {
        Interp p = child.parent;
        CommandEntry ce = p.findCommand(child.nameInParent, p.globalNs);
        if (ce != null && isObjectCommandOf(ce, child)) return ce;
        // it may have been made in another namespace or renamed: search
        java.util.ArrayDeque<Namespace> todo = new java.util.ArrayDeque<>();
        todo.add(p.globalNs);
        while (!todo.isEmpty()) {
            Namespace ns = todo.poll();
            for (CommandEntry e : ns.commands.values()) if (isObjectCommandOf(e, child)) return e;
            todo.addAll(ns.children.values());
        }
        return null;
    }

    private static boolean isObjectCommandOf(CommandEntry ce, Interp child) {
        return ce.onDelete != null && ce.impl instanceof ObjectCommand oc && oc.child == child;
    }

    /** The child's object command's implementation (lets deletion find it). */
    static final class ObjectCommand implements Command {
        final Interp child;

        ObjectCommand(Interp child) { this.child = child; }

        @Override
        public TclObj invoke(Interp interp, TclObj[] objv) throws TclException {
            return dev.tclj.cmd.InterpCmd.childCommand(child, objv);
        }
    }

    /**
     * Whether deleting the interpreter's commands and variables one by one could be observed:
     * traces, delete callbacks (other than aliases'), namespace callbacks, imports.
     */
    private static boolean observable(Interp interp) {
        java.util.ArrayDeque<Namespace> todo = new java.util.ArrayDeque<>();
        todo.add(interp.globalNs);
        while (!todo.isEmpty()) {
            Namespace ns = todo.poll();
            if (ns.onDelete != null && !ns.onDelete.isEmpty()) return true;
            for (CommandEntry ce : ns.commands.values()) {
                if (ce.traces != null || ce.importedBy != null) return true;
                if (ce.onDelete != null && !(ce.impl instanceof Alias)) return true;
            }
            for (Var v : ns.vars.values()) {
                if (v.traces != null) return true;
                if (v.array != null) for (Var e : v.array.values()) if (e.traces != null) return true;
            }
            todo.addAll(ns.children.values());
        }
        for (CommandEntry ce : interp.hiddenCommands.values()) if (ce.traces != null) return true;
        return false;
    }

    // ======================================================================================
    // Hidden commands
    // ======================================================================================

    /** Tcl_HideCommand: moves a global command to the hidden table under hiddenName. */
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

    /** Tcl_ExposeCommand: makes a hidden command a global command called name. */
    public static void expose(Interp interp, String hiddenName, String name) throws TclException {
        if (name.contains("::")) {
            throw TclException.error("cannot expose to a namespace (use expose to toplevel, then rename)", "TCL", "EXPOSE", "NON_GLOBAL");
        }
        CommandEntry ce = interp.hiddenCommands.get(hiddenName);
        if (ce == null) {
            throw TclException.error("unknown hidden command \"" + hiddenName + "\"", "TCL", "LOOKUP", "HIDDENTOKEN", hiddenName);
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

    /**
     * Finishes making an interpreter safe after its creation (the built-in commands come
     * already hidden, see {@link BuiltinTable}): hides what extension modules added that a
     * safe interpreter must not have, and sets the maximum value size.
     */
    static void makeSafe(Interp interp) {
        for (String n : BuiltinTable.UNSAFE) {
            CommandEntry ce = interp.globalNs.commands.get(n);
            if (ce == null || interp.hiddenCommands.containsKey(n)) continue;
            try {
                hide(interp, n, n);
            } catch (TclException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        interp.maxValueSize = Math.min(interp.maxValueSize, Limits.SAFE_MAX_VALUE);
    }

    // ======================================================================================
    // interp debug
    // ======================================================================================

    public static boolean debugFrame(Interp i) {
        Links l = i.getAssoc(LINKS);
        return l != null && l.debugFrame;
    }

    /** Sets -frame (a one-way switch, as in Tcl: once on it stays on). */
    public static void setDebugFrame(Interp i, boolean on) {
        if (on) links(i).debugFrame = true;
    }

    // ======================================================================================
    // Accessors for the interp command and the event loop
    // ======================================================================================

    public static Interp parentOf(Interp i) { return i.parent; }
    public static Map<String, Interp> childrenOf(Interp i) { return i.children; }
    public static Map<String, CommandEntry> hiddenOf(Interp i) { return i.hiddenCommands; }
    public static Map<String, Alias> aliasesOf(Interp i) { return i.aliases; }
    public static boolean isDeleted(Interp i) { return i.deleted; }
    public static int nestingDepth(Interp i) { return i.depth; }
}
