package dev.tclj.cmd;

import dev.tclj.Interp;

/** (being written) */
public final class StringCmd {
    private StringCmd() {}

    public static void register(Interp interp) {
    }
}
