package dev.tclj.cmd;

import dev.tclj.Interp;

/** (being written) */
public final class ListCmds {
    private ListCmds() {}

    public static void register(Interp interp) {
    }
}
