package dev.tclj;

import dev.tclj.cmd.Builtins;
import dev.tclj.cmd.Subcommands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in commands as one immutable table that every new interpreter copies, so that creating
 * an interpreter costs a few hundred small allocations instead of the registration of every
 * command family (which builds ensemble tables, lambdas and namespaces).
 *
 * <p>The table is made once per process: the families register into a bare interpreter (the
 * prototype), whose namespaces, export patterns, namespace variables, commands and package
 * versions are then recorded. A new interpreter gets its own namespaces, command entries and
 * variables, in the prototype's order (listings follow insertion order), sharing the command
 * implementations: these keep no per-interpreter state (a test walks them to check it), and the
 * ensemble tables ({@link Subcommands}) are frozen once recorded.
 *
 * <p>A safe interpreter's variant is recorded too: the commands Tcl 8.6 hides in a safe
 * interpreter ({@link #UNSAFE} and the file and encoding subcommands of {@link #UNSAFE_SUBCOMMANDS})
 * go straight into its hidden table, in the order Tcl hides them; the hidden {@code file} and
 * {@code encoding} ensembles and the visible {@code ::tcl::file::atime}-style commands answer
 * "not allowed to invoke subcommand" for the unsafe subcommands, as Tcl's do.
 */
public final class BuiltinTable {
    /** The global commands a safe interpreter hides, in the order Tcl hides them. */
    static final String[] UNSAFE = {"cd", "exec", "exit", "fconfigure", "glob", "load", "open", "pwd", "socket",
            "source", "unload"};

    /** Ensembles with unsafe subcommands (hidden as tcl:ensemble:sub), in the order Tcl hides them. */
    static final String[][] UNSAFE_SUBCOMMANDS = {
            {"encoding", "dirs"},
            {"file", "atime", "attributes", "copy", "delete", "dirname", "executable", "exists", "extension",
                    "isdirectory", "isfile", "link", "lstat", "mtime", "mkdir", "nativename", "normalize", "owned",
                    "readable", "readlink", "rename", "rootname", "size", "stat", "tail", "tempfile", "type",
                    "volumes", "writable"},
    };

    /** One namespace of the prototype, parents before children. */
    private static final class NsSpec {
        final String name;
        final int parent; // index in specs; -1 for the global namespace
        final String[] exports;
        final String[] varNames;
        final String[] varValues;
        final String[] cmdNames;
        final Command[] impls;
        final int[] builtinIds;
        /** The implementation in a safe interpreter; null where the command is hidden there. */
        final Command[] safeImpls;

        NsSpec(Namespace ns, int parent) {
            this.name = ns.name;
            this.parent = parent;
            this.exports = ns.exportPatterns.toArray(new String[0]);
            int nv = ns.vars.size();
            varNames = new String[nv];
            varValues = new String[nv];
            int i = 0;
            for (Var v : ns.vars.values()) {
                if (v.array != null || v.link != null || v.traces != null || v.value == null) {
                    throw new IllegalStateException("built-in registration made variable " + ns.qualify(v.name)
                            + " that a new interpreter cannot copy (only scalars are copied)");
                }
                varNames[i] = v.name;
                varValues[i++] = v.value.toString();
            }
            int nc = ns.commands.size();
            cmdNames = new String[nc];
            impls = new Command[nc];
            builtinIds = new int[nc];
            safeImpls = new Command[nc];
            i = 0;
            for (CommandEntry ce : ns.commands.values()) {
                if (ce.traces != null || ce.onDelete != null || ce.importOf != null || ce.importedBy != null
                        || ce.impl instanceof Proc || ce.impl instanceof Ensemble) {
                    throw new IllegalStateException("built-in command " + ce.fullName()
                            + " has per-interpreter state; a new interpreter cannot share it");
                }
                if (ce.impl instanceof Subcommands s) s.freeze();
                cmdNames[i] = ce.name;
                impls[i] = ce.impl;
                safeImpls[i] = ce.impl;
                builtinIds[i++] = ce.builtinId;
            }
        }

        int indexOf(String cmd) {
            for (int i = 0; i < cmdNames.length; i++) if (cmdNames[i].equals(cmd)) return i;
            return -1;
        }
    }

    /** A command a safe interpreter has hidden: its hidden name and where its entry lives. */
    private record Hidden(String hiddenName, int ns, String name, Command impl) {}

    private final NsSpec[] specs;
    /** Hidden commands of the safe variant, in the order Tcl hides them. */
    private final Hidden[] hidden;
    /** Shared per-interpreter data the families registered (ensemble tables); immutable. */
    private final Object[] assocKeys, assocValues;
    /** Packages the families provide: name, version pairs. */
    private final String[] packages;

    private BuiltinTable(Interp proto) throws TclException {
        List<NsSpec> l = new ArrayList<>();
        collect(proto.globalNs, -1, l);
        specs = l.toArray(new NsSpec[0]);
        List<Object> keys = new ArrayList<>(), values = new ArrayList<>();
        for (Map.Entry<Object, Object> e : proto.assocMap().entrySet()) {
            if (e.getValue() instanceof Subcommands s) {
                s.freeze();
                keys.add(e.getKey());
                values.add(s);
            }
        }
        assocKeys = keys.toArray();
        assocValues = values.toArray();
        List<String> pk = new ArrayList<>();
        for (TclObj name : proto.eval(TclObj.of("package names")).asList().toArray()) {
            TclObj v = proto.eval(TclObj.ofList(TclObj.of("package"), TclObj.of("provide"), name));
            if (!v.isEmptyString()) {
                pk.add(name.toString());
                pk.add(v.toString());
            }
        }
        packages = pk.toArray(new String[0]);
        hidden = safeVariant();
    }

    private static void collect(Namespace ns, int parent, List<NsSpec> out) {
        if (ns.path.size() > 0 || ns.unknownHandler != null || ns.onDelete != null) {
            throw new IllegalStateException("built-in namespace " + ns.fullName + " has state a new interpreter cannot copy");
        }
        int me = out.size();
        out.add(new NsSpec(ns, parent));
        for (Namespace c : ns.children.values()) collect(c, me, out);
    }

    private int nsIndex(String fullName) {
        for (int i = 0; i < specs.length; i++) {
            NsSpec s = specs[i];
            String full = s.parent < 0 ? "::" : qualified(i);
            if (full.equals(fullName)) return i;
        }
        return -1;
    }

    private String qualified(int i) {
        NsSpec s = specs[i];
        if (s.parent < 0) return "::";
        String p = qualified(s.parent);
        return p.equals("::") ? "::" + s.name : p + "::" + s.name;
    }

    /** Works out the safe variant: what is hidden, and the stubs that take the place of hidden subcommands. */
    private Hidden[] safeVariant() {
        List<Hidden> out = new ArrayList<>();
        NsSpec global = specs[0];
        for (String name : UNSAFE) {
            int i = global.indexOf(name);
            if (i < 0) continue; // an extension command (socket) is hidden when the extension registers it
            global.safeImpls[i] = null;
            out.add(new Hidden(name, 0, name, global.impls[i]));
        }
        for (String[] ens : UNSAFE_SUBCOMMANDS) {
            String ensemble = ens[0];
            int gi = global.indexOf(ensemble);
            if (gi < 0 || !(global.impls[gi] instanceof Subcommands table)) {
                throw new IllegalStateException("built-in ensemble " + ensemble + " is missing");
            }
            // The ensemble itself is hidden with a table whose unsafe subcommands call the
            // visible ::tcl::<ensemble>::<sub> by name, as Tcl's ensemble map does: that is a
            // refusal until the parent puts an alias there (safe.tcl's file dirname, say), and
            // the alias is what an exposed ensemble must then reach.
            Subcommands safeTable = new Subcommands(ensemble);
            java.util.Set<String> unsafe = java.util.Set.of(java.util.Arrays.copyOfRange(ens, 1, ens.length));
            for (Map.Entry<String, Command> e : table.table().entrySet()) {
                safeTable.add(e.getKey(), unsafe.contains(e.getKey()) ? byName(ensemble, e.getKey()) : e.getValue());
            }
            safeTable.freeze();
            global.safeImpls[gi] = null;
            int ni = nsIndex("::tcl::" + ensemble);
            NsSpec ns = ni < 0 ? null : specs[ni];
            for (int k = 1; k < ens.length; k++) {
                int ci = ns == null ? -1 : ns.indexOf(ens[k]);
                if (ci < 0) throw new IllegalStateException("built-in command ::tcl::" + ensemble + "::" + ens[k] + " is missing");
                ns.safeImpls[ci] = refusal(ensemble, ens[k]);
                out.add(new Hidden("tcl:" + ensemble + ":" + ens[k], ni, ens[k], ns.impls[ci]));
            }
            // Tcl hides the ensemble after its subcommands (the order shows in interp hidden)
            out.add(new Hidden(ensemble, 0, ensemble, safeTable));
        }
        // Tcl's chan ensemble maps configure to ::fconfigure, which a safe interpreter has hidden
        int ci = global.indexOf("chan");
        if (ci >= 0 && global.impls[ci] instanceof Subcommands chan && chan.table().containsKey("configure")) {
            Subcommands safeChan = new Subcommands("chan");
            for (Map.Entry<String, Command> e : chan.table().entrySet()) {
                safeChan.add(e.getKey(), e.getKey().equals("configure") ? redirect("::fconfigure") : e.getValue());
            }
            safeChan.freeze();
            global.safeImpls[ci] = safeChan;
            int ni = nsIndex("::tcl::chan");
            if (ni >= 0) {
                int k = specs[ni].indexOf("configure");
                if (k >= 0) specs[ni].safeImpls[k] = null;
            }
        }
        return out.toArray(new Hidden[0]);
    }

    /**
     * An ensemble subcommand that Tcl maps to a global command ({@code chan configure} to
     * {@code ::fconfigure}): it calls whatever that command is now, and fails as Tcl does when
     * there is none (in a safe interpreter, which hides it).
     */
    static Command redirect(String target) {
        TclObj word = TclObj.of(target);
        return (in, objv) -> {
            CommandEntry ce = in.findCommand(target, in.globalNs);
            if (ce == null) throw TclException.error("invalid command name \"" + target + "\"", "TCL", "LOOKUP", "COMMAND", target);
            TclObj[] w = new TclObj[objv.length - 1];
            w[0] = word;
            System.arraycopy(objv, 2, w, 1, objv.length - 2);
            TclObj r = ce.impl.invoke(in, w);
            return r == null ? TclObj.EMPTY : r;
        };
    }

    /**
     * A subcommand of a safe interpreter's ensemble that runs whatever command
     * {@code ::tcl::<ensemble>::<sub>} is now, with the subcommand's arguments; a wrong # args
     * error reads in terms of the ensemble's words, as Tcl's ensemble rewriting makes it.
     */
    static Command byName(String ensemble, String sub) {
        String target = "::tcl::" + ensemble + "::" + sub;
        TclObj word = TclObj.of(target);
        return (in, objv) -> {
            TclObj[] w = new TclObj[objv.length - 1];
            w[0] = word;
            System.arraycopy(objv, 2, w, 1, objv.length - 2);
            try {
                return Ensemble.dispatch(in, in.globalNs, w);
            } catch (TclException e) {
                if (e.code() == TclException.ERROR && e.errorInfo == null) Ensemble.rewriteWrongArgs(e, objv, 2, 1);
                throw e;
            }
        };
    }

    /** What an unsafe subcommand of a safe interpreter's ensemble does (Tcl's BadEnsembleSubcommand). */
    static Command refusal(String ensemble, String sub) {
        String msg = "not allowed to invoke subcommand " + sub + " of " + ensemble;
        return (in, objv) -> {
            throw TclException.error(msg, "TCL", "SAFE", "SUBCOMMAND");
        };
    }

    // ======================================================================================
    // The shared table
    // ======================================================================================

    private static volatile BuiltinTable shared;

    /** The table, made on first use (once per process; the first interpreter pays for it). */
    static BuiltinTable get() {
        BuiltinTable t = shared;
        if (t != null) return t;
        synchronized (BuiltinTable.class) {
            if (shared == null) {
                Interp proto = new Interp(Bare.BARE);
                Builtins.registerFamilies(proto);
                try {
                    shared = new BuiltinTable(proto);
                } catch (TclException e) {
                    throw new IllegalStateException("built-in registration: " + e.getMessage(), e);
                }
            }
            return shared;
        }
    }

    /** Gives a new interpreter the built-in commands of the shared table (see {@link #install}). */
    public static void installShared(Interp interp) { get().install(interp); }

    /** The marker for {@link Interp}'s constructor of the prototype (no built-ins, no init script). */
    enum Bare { BARE }

    /**
     * Gives a new interpreter (with an empty global namespace) the built-in commands and what
     * comes with them; the safe variant when the interpreter is safe.
     */
    void install(Interp interp) {
        boolean safe = interp.safe;
        Namespace[] made = new Namespace[specs.length];
        made[0] = interp.globalNs;
        for (int i = 1; i < specs.length; i++) {
            NsSpec s = specs[i];
            Namespace p = made[s.parent];
            Namespace n = new Namespace(interp, s.name, p);
            p.children.put(s.name, n);
            made[i] = n;
        }
        for (int i = 0; i < specs.length; i++) {
            NsSpec s = specs[i];
            Namespace n = made[i];
            for (String e : s.exports) n.exportPatterns.add(e);
            for (int k = 0; k < s.varNames.length; k++) {
                Var v = new Var(s.varNames[k]);
                v.ns = n;
                v.value = TclObj.of(s.varValues[k]); // values belong to one interpreter (thread)
                n.vars.put(s.varNames[k], v);
            }
            Command[] impls = safe ? s.safeImpls : s.impls;
            HashMap<String, CommandEntry> cmds = n.commands;
            for (int k = 0; k < impls.length; k++) {
                if (impls[k] == null) continue;
                CommandEntry ce = new CommandEntry(s.cmdNames[k], n, impls[k]);
                ce.builtinId = s.builtinIds[k];
                cmds.put(s.cmdNames[k], ce);
            }
        }
        if (safe) {
            for (Hidden h : hidden) {
                CommandEntry ce = new CommandEntry(h.name, made[h.ns], h.impl);
                interp.hiddenCommands.put(h.hiddenName, ce);
            }
        }
        for (int i = 0; i < assocKeys.length; i++) interp.setAssoc(assocKeys[i], assocValues[i]);
        for (int i = 0; i < packages.length; i += 2) dev.tclj.cmd.PackageCmd.provide(interp, packages[i], packages[i + 1]);
        interp.epoch++;
    }

    /** The number of commands a new interpreter gets (for tests and measurements). */
    int commandCount(boolean safe) {
        int n = 0;
        for (NsSpec s : specs) for (Command c : safe ? s.safeImpls : s.impls) if (c != null) n++;
        return n;
    }

    /** Every command implementation of the table, for the test that checks they are shareable. */
    List<Object> implementations() {
        List<Object> out = new ArrayList<>();
        for (NsSpec s : specs) {
            for (Command c : s.impls) out.add(c);
            for (Command c : s.safeImpls) if (c != null) out.add(c);
        }
        for (Hidden h : hidden) out.add(h.impl);
        for (Object v : assocValues) out.add(v);
        return out;
    }

    /** The hidden names of the safe variant, in hiding order. */
    List<String> hiddenNames() {
        List<String> out = new ArrayList<>();
        for (Hidden h : hidden) out.add(h.hiddenName);
        return out;
    }
}
