package dev.tclj.cmd;

import dev.tclj.Interp;

/** (being written) */
public final class DictCmd {
    private DictCmd() {}

    public static void register(Interp interp) {
    }
}
