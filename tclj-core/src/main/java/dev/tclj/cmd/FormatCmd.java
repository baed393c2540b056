package dev.tclj.cmd;

import dev.tclj.Interp;

/** (being written) */
public final class FormatCmd {
    private FormatCmd() {}

    public static void register(Interp interp) {
    }
}
