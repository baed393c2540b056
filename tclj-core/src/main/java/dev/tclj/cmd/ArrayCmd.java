package dev.tclj.cmd;

import dev.tclj.Interp;

/** (being written) */
public final class ArrayCmd {
    private ArrayCmd() {}

    public static void register(Interp interp) {
    }
}
