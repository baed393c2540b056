package dev.tclj.cmd;

import dev.tclj.Interp;

/** Registers every built-in command family in a new interpreter. */
public final class Builtins {
    private Builtins() {}

    public static void registerAll(Interp interp) {
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
        CoroutineCmds.register(interp);
        // after every family: the ::tcl::<ensemble>::<sub> commands of the built-in ensembles
        NamespaceCmd.exposeBuiltinEnsembles(interp);
    }
}
