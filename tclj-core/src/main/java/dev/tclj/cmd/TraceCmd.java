package dev.tclj.cmd;

import dev.tclj.Interp;

/** (being written) */
public final class TraceCmd {
    private TraceCmd() {}

    public static void register(Interp interp) {
    }
}
