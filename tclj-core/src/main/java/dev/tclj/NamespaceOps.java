package dev.tclj;

import java.util.ArrayList;
import java.util.List;

/**
 * Namespace operations behind the {@code namespace} command: splitting qualified names, deletion
 * (variables with their unset traces, then commands, then children; postponed while frames still
 * run in the namespace), export patterns, import and forget, and {@code namespace eval} frames.
 */
public final class NamespaceOps {
    private NamespaceOps() {}

    /** A qualified name split into the namespace it names and its last component. */
    public record QualName(Namespace ns, String tail) {}

    /**
     * Splits a (possibly qualified) name into its namespace and tail: absolute names from the
     * global namespace, relative names from {@code from} only (in Tcl 8.6 only command lookup
     * falls back to the global namespace). With {@code create}, missing namespaces are created.
     * Returns a null namespace when it does not exist.
     */
    public static QualName split(Interp interp, String name, Namespace from, boolean create) {
        int sep = name.lastIndexOf("::");
        if (sep < 0) return new QualName(from, name);
        String tail = name.substring(sep + 2);
        int end = sep;
        while (end > 0 && name.charAt(end - 1) == ':') end--;
        String qual = name.substring(0, end);
        boolean absolute = name.startsWith("::");
        Namespace base = absolute ? interp.globalNs : from;
        if (qual.isEmpty() || qual.chars().allMatch(c -> c == ':')) return new QualName(absolute ? interp.globalNs : from, tail);
        Namespace ns = interp.findNamespace(qual, base);
        if (ns == null && create) ns = interp.createNamespace(absolute ? "::" + qual : qual, base);
        return new QualName(ns, tail);
    }

    /** The namespace a name refers to (relative names from the current one), or null. */
    public static Namespace find(Interp interp, String name) {
        return interp.findNamespace(name, interp.frame.ns);
    }

    /** The namespace a name refers to, or the error "namespace "x" not found". */
    public static Namespace require(Interp interp, String name) throws TclException {
        Namespace ns = find(interp, name);
        if (ns == null) throw notFound(interp, name);
        return ns;
    }

    static TclException notFound(Interp interp, String name) {
        String msg = name.startsWith("::") ? "namespace \"" + name + "\" not found"
                : "namespace \"" + name + "\" not found in \"" + interp.currentNamespace().fullName + "\"";
        return TclException.error(msg, "TCL", "LOOKUP", "NAMESPACE", name);
    }

    // ======================================================================================
    // Deletion
    // ======================================================================================

    /** Deletes ns and its children; if frames still run in it, its contents go when they leave. */
    public static void delete(Interp interp, Namespace ns) {
        if (ns.deleted) return;
        // Ensemble commands of the namespace go at once, even while it is active (as in Tcl).
        if (ns.onDelete != null) {
            for (Runnable r : new ArrayList<>(ns.onDelete)) {
                if (r instanceof EnsembleCleanup) {
                    ns.onDelete.remove(r);
                    r.run();
                }
            }
        }
        if (ns.parent == null) {
            // The global namespace cannot go away: empty it instead.
            for (Namespace c : new ArrayList<>(ns.children.values())) delete(interp, c);
            teardown(ns);
            ns.dying = false;
            return;
        }
        if (ns.dying) return;
        if (ns.activeFrames > 0) {
            // frames still run in it: it can no longer be found by name, and its contents go
            // when the last frame leaves
            ns.deleted = true;
            unlink(ns);
            return;
        }
        finishDelete(ns);
    }

    /** Whether ns is having its contents deleted (it can still be found by name meanwhile). */
    public static boolean isBeingDeleted(Namespace ns) {
        return ns.dying && ns.parent != null;
    }

    private static void unlink(Namespace ns) {
        if (ns.parent.children.get(ns.name) == ns) ns.parent.children.remove(ns.name);
        ns.interp.epoch++;
    }

    /**
     * Deletes the contents of a namespace once no frame runs in it: its variables (whose unset
     * traces still find the namespace and the variables not yet deleted, as in Tcl) and its
     * commands, then unlinks it and deletes its children.
     */
    static void finishDelete(Namespace ns) {
        if (ns.dying) return;
        teardown(ns);
        ns.deleted = true;
        unlink(ns);
        for (Namespace c : new ArrayList<>(ns.children.values())) delete(ns.interp, c);
        ns.children.clear();
        ns.path = List.of();
        ns.exportPatterns.clear();
        if (ns.onDelete != null) {
            List<Runnable> rs = ns.onDelete;
            ns.onDelete = null;
            for (Runnable r : rs) r.run();
        }
        ns.interp.epoch++;
    }

    /** Removes a namespace's variables (firing unset traces with full names), then its commands. */
    private static void teardown(Namespace ns) {
        ns.dying = true;
        Interp interp = ns.interp;
        // in the order of Tcl's hash tables, which is the order the traces see
        for (String name : Introspection.tclOrder(ns.vars.keySet())) {
            Var v = ns.vars.get(name);
            if (v == null) continue;
            ns.vars.remove(name);
            if (v.link != null) continue;
            String full = ns.qualify(v.name);
            VarTraces.unsetDeleted(interp, v, full);
        }
        ns.vars.clear();
        for (String name : Introspection.tclOrder(ns.commands.keySet())) {
            CommandEntry ce = ns.commands.get(name);
            if (ce != null) interp.deleteEntry(ce, true);
        }
        ns.commands.clear();
        interp.epoch++;
    }

    /** A delete callback that removes an ensemble command; run before anything else is deleted. */
    static final class EnsembleCleanup implements Runnable {
        final Interp interp;
        final CommandEntry ce;

        EnsembleCleanup(Interp interp, CommandEntry ce) {
            this.interp = interp;
            this.ce = ce;
        }

        @Override
        public void run() {
            if (!ce.deleted) interp.deleteEntry(ce, true);
        }
    }

    // ======================================================================================
    // Export, import, forget
    // ======================================================================================

    /** Whether a command name in ns matches one of its export patterns. */
    public static boolean isExported(Namespace ns, String name) {
        for (String p : ns.exportPatterns) if (Glob.match(p, name, false)) return true;
        return false;
    }

    /** namespace export: adds patterns (after clearing them with -clear). */
    public static void export(Interp interp, Namespace ns, List<String> patterns, boolean clear) throws TclException {
        if (clear) ns.exportPatterns.clear();
        for (String p : patterns) {
            if (p.contains("::")) {
                throw TclException.error("invalid export pattern \"" + p + "\": pattern can't specify a namespace",
                        "TCL", "EXPORT", "INVALID");
            }
            if (!ns.exportPatterns.contains(p)) ns.exportPatterns.add(p);
        }
        interp.epoch++;
    }

    /** The names of the imported commands in ns. */
    public static List<String> imports(Namespace ns) {
        ArrayList<String> out = new ArrayList<>();
        for (String name : Introspection.tclOrder(ns.commands.keySet())) {
            if (ns.commands.get(name).importOf != null) out.add(name);
        }
        return out;
    }

    /** namespace import of one pattern into ns. */
    public static void importPattern(Interp interp, Namespace ns, String pattern, boolean force) throws TclException {
        // As Tcl_Import: first "auto_import pattern" (the global command, init.tcl's), so that
        // commands the auto_index knows (tclIndex files) exist when the pattern is matched
        if (interp.findCommand("::auto_import", interp.globalNs) != null) {
            interp.invokeWords(new TclObj[]{TclObj.of("auto_import"), TclObj.of(pattern)}, interp.globalNs);
        }
        if (pattern.isEmpty()) throw TclException.error("empty import pattern", "TCL", "IMPORT", "EMPTY");
        QualName q = split(interp, pattern, ns, false);
        Namespace src = q.ns();
        if (src == null) {
            throw TclException.error("unknown namespace in import pattern \"" + pattern + "\"", "TCL", "LOOKUP", "NAMESPACE", pattern);
        }
        String simple = q.tail();
        if (src == ns) {
            if (pattern.equals(simple)) {
                throw TclException.error("no namespace specified in import pattern \"" + pattern + "\"", "TCL", "IMPORT", "ORIGIN");
            }
            throw TclException.error("import pattern \"" + pattern + "\" tries to import from namespace \"" + src.name
                    + "\" into itself", "TCL", "IMPORT", "SELF");
        }
        if (!Glob.hasSpecial(simple)) {
            CommandEntry ce = src.commands.get(simple);
            if (ce != null) importOne(interp, ns, ce, pattern, force);
            return;
        }
        // in the source table's (Tcl hash) order, which decides the order of the new commands
        for (String name : Introspection.tclOrder(src.commands.keySet())) {
            CommandEntry ce = src.commands.get(name);
            if (ce == null || ce.deleted || !Glob.match(simple, ce.name, false)) continue;
            importOne(interp, ns, ce, pattern, force);
        }
    }

    private static void importOne(Interp interp, Namespace ns, CommandEntry src, String pattern, boolean force) throws TclException {
        if (!isExported(src.ns, src.name)) return;
        CommandEntry existing = ns.commands.get(src.name);
        if (existing != null && !force) {
            if (existing.importOf == src) return; // importing the same command again is fine
            throw TclException.error("can't import command \"" + src.name + "\": already exists", "TCL", "IMPORT", "OVERWRITE");
        }
        if (existing != null) {
            for (CommandEntry link = src; link.importOf != null; ) {
                link = link.importOf;
                if (link == existing) {
                    throw TclException.error("import pattern \"" + pattern + "\" would create a loop containing command \""
                            + ns.qualify(src.name) + "\"", "TCL", "IMPORT", "LOOP");
                }
            }
        }
        CommandEntry ce = interp.defineIn(ns, src.name, new ImportedCommand());
        ((ImportedCommand) ce.impl).self = ce;
        ce.importOf = src;
        if (src.importedBy == null) src.importedBy = new ArrayList<>();
        src.importedBy.add(ce);
    }

    /** The implementation of an imported command: calls the command it was imported from. */
    static final class ImportedCommand implements Command {
        CommandEntry self;

        @Override
        public TclObj invoke(Interp interp, TclObj[] objv) throws TclException {
            try {
                return self.importOf.impl.invoke(interp, objv);
            } catch (TclException e) {
                // Tcl runs the real command as a new evaluation, outside any ensemble rewriting:
                // its usage message names the imported command, not the alias or ensemble above
                e.usageFixed = true;
                throw e;
            }
        }
    }

    /** namespace forget of one pattern in ns. */
    public static void forget(Interp interp, Namespace ns, String pattern) throws TclException {
        QualName q = split(interp, pattern, ns, false);
        Namespace src = q.ns();
        if (src == null) {
            throw TclException.error("unknown namespace in namespace forget pattern \"" + pattern + "\"",
                    "TCL", "LOOKUP", "NAMESPACE", pattern);
        }
        String simple = q.tail();
        if (pattern.equals(simple)) {
            // a simple pattern names imported commands of the current namespace
            for (CommandEntry ce : new ArrayList<>(ns.commands.values())) {
                if (ce.importOf != null && Glob.match(simple, ce.name, false)) interp.deleteEntry(ce, true);
            }
            return;
        }
        // an import goes when the command it leads to is in the source namespace, or else the
        // command it was imported from directly is; either by that command's name
        for (CommandEntry ce : new ArrayList<>(ns.commands.values())) {
            if (ce.importOf == null || ce.deleted) continue;
            CommandEntry origin = ce.origin();
            if (origin.ns != src) {
                origin = ce.importOf;
                if (origin.ns != src) continue;
            }
            if (Glob.match(simple, origin.name, false)) interp.deleteEntry(ce, true);
        }
    }

    // ======================================================================================
    // Frames and evaluation
    // ======================================================================================

    /**
     * Evaluates a script in a new frame that activates ns ({@code namespace eval} and
     * {@code namespace inscope}); objv is what {@code info level 0} reports. An error gains the
     * line "(in namespace <what> "ns" script line N)".
     */
    public static TclObj evalIn(Interp interp, Namespace ns, TclObj script, TclObj[] objv, String what) throws TclException {
        CallFrame f = new CallFrame(interp, ns, interp.frame, null, objv, false);
        CallFrame save = interp.frame;
        interp.frame = f;
        ns.activeFrames++;
        try {
            return interp.eval(script);
        } catch (TclException e) {
            if (e.code() == TclException.ERROR) {
                interp.addErrorInfo(e, "\n    (in namespace " + what + " \"" + ns.fullName + "\" script line " + e.errorLine + ")");
            }
            throw e;
        } finally {
            interp.frame = save;
            ns.activeFrames--;
            if (ns.deleted && ns.activeFrames == 0) finishDelete(ns);
        }
    }

    /** namespace upvar: links local myName to the variable otherName of namespace ns. */
    public static void upvar(Interp interp, Namespace ns, String otherName, String myName) throws TclException {
        Var other;
        String[] parts = Interp.splitArrayName(otherName);
        try {
            if (parts != null) {
                Var arr = interp.lookupNsVar(parts[0], ns, true, true).resolve();
                if (arr.array == null) {
                    if (arr.value != null) {
                        throw TclException.error("can't access \"" + otherName + "\": variable isn't array",
                                "TCL", "LOOKUP", "VARNAME", otherName);
                    }
                    arr.array = new java.util.LinkedHashMap<>();
                }
                other = arr.array.get(parts[1]);
                if (other == null) {
                    other = new Var(parts[1]);
                    other.parentArray = arr;
                    arr.array.put(parts[1], other);
                }
            } else {
                other = interp.lookupNsVar(otherName, ns, true, true);
            }
        } catch (Interp.NoParentNamespace e) {
            throw TclException.error("can't access \"" + otherName + "\": parent namespace doesn't exist",
                    "TCL", "LOOKUP", "VARNAME", otherName);
        }
        interp.linkVar(myName, other);
    }

    /** namespace which -variable: the full name of the variable a name refers to, or "". */
    public static String whichVariable(Interp interp, String name) {
        Namespace cur = interp.frame.ns;
        Var v;
        try {
            v = interp.lookupNsVar(name, cur, false, false);
        } catch (TclException e) {
            return "";
        }
        if (v == null) return "";
        return fullVarName(interp, v);
    }

    /** A namespace variable's fully qualified name. */
    static String fullVarName(Interp interp, Var v) {
        if (v.ns != null) return v.ns.qualify(v.name);
        for (Namespace n : List.of(interp.frame.ns, interp.globalNs)) {
            if (n.vars.get(v.name) == v) return n.qualify(v.name);
        }
        return v.name;
    }
}
