package dev.tclj.cmd;

import dev.tclj.Interp;

/** (being written) */
public final class InfoCmd {
    private InfoCmd() {}

    public static void register(Interp interp) {
    }
}
