package dev.tclj.cmd;

import dev.tclj.Interp;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Registers every built-in command family in a new interpreter, then the commands of the
 * extension modules on the class path (tclj-net's socket), which core cannot name at compile time.
 * The families register once per process, into the table every interpreter copies
 * (dev.tclj.BuiltinTable); extensions register into each interpreter.
 */
public final class Builtins {
    private Builtins() {}

    /**
     * A module that adds commands to every new interpreter. Implementations are public classes
     * with a public no-argument constructor, listed in their jar's
     * {@code META-INF/services/dev.tclj.cmd.Builtins$Extension} (java.util.ServiceLoader). They
     * run after the built-in families, so a safe interpreter hides what they add as usual.
     */
    public interface Extension {
        void register(Interp interp);
    }

    /** The extensions on the class path, found once per process (a class path scan). */
    private static final class Extensions {
        static final List<Extension> ALL = load();

        private static List<Extension> load() {
            List<Extension> l = new ArrayList<>();
            try {
                for (Extension e : ServiceLoader.load(Extension.class, Builtins.class.getClassLoader())) l.add(e);
            } catch (ServiceConfigurationError e) {
                // a broken module must not take the interpreter down with it
                System.err.println("tclj: an extension could not be loaded: " + e.getMessage());
            }
            return List.copyOf(l);
        }
    }

    /**
     * Gives a new interpreter every built-in command: the core families from the table shared by
     * all interpreters (see dev.tclj.BuiltinTable), then what the extension modules add.
     */
    public static void registerAll(Interp interp) {
        dev.tclj.BuiltinTable.installShared(interp);
        if (Extensions.ALL.isEmpty()) return;
        java.util.Set<String> before = new java.util.HashSet<>(interp.globalNamespace().commands().keySet());
        for (Extension e : Extensions.ALL) e.register(interp);
        // the ::tcl::<ensemble>::<sub> commands of the ensembles the extensions added
        for (dev.tclj.CommandEntry ce : new ArrayList<>(interp.globalNamespace().commands().values())) {
            if (!before.contains(ce.name()) && ce.impl() instanceof Subcommands sc) dev.tclj.Ensemble.exposeBuiltin(ce, sc.table());
        }
    }

    /** Registers the core families, as the shared table is made (once per process). */
    public static void registerFamilies(Interp interp) {
        VarCmds.register(interp);
        ControlCmds.register(interp);
        ProcCmds.register(interp);
        ErrorCmds.register(interp);
        ExprCmd.register(interp);
        ListCmds.register(interp);
        StringCmd.register(interp);
        FormatCmd.register(interp);
        DictCmd.register(interp);
        ArrayCmd.register(interp);
        NamespaceCmd.register(interp);
        InfoCmd.register(interp);
        TraceCmd.register(interp);
        MiscCmds.register(interp);
        ChannelCmds.register(interp);
        EventCmds.register(interp);
        FileCmds.register(interp);
        ExecCmd.register(interp);
        RegexpCmds.register(interp);
        PackageCmd.register(interp);
        BinaryCmd.register(interp);
        ZlibCmd.register(interp);
        ClockCmd.register(interp);
        InterpCmd.register(interp);
        LoadCmd.register(interp);
        CoroutineCmds.register(interp);
        // after every family: the ::tcl::<ensemble>::<sub> commands of the built-in ensembles
        NamespaceCmd.exposeBuiltinEnsembles(interp);
    }
}
