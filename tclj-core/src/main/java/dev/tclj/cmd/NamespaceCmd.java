package dev.tclj.cmd;

import dev.tclj.Interp;

/** (being written) */
public final class NamespaceCmd {
    private NamespaceCmd() {}

    public static void register(Interp interp) {
    }
}
