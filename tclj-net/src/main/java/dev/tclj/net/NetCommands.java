package dev.tclj.net;

import dev.tclj.Interp;
import dev.tclj.cmd.Builtins;
import dev.tclj.net.websocket.WebSocketCmds;

/**
 * What tclj-net adds to every interpreter: the {@code socket} command, and the {@code websocket}
 * package for {@code package require}. Core finds this class through java.util.ServiceLoader
 * ({@code META-INF/services/dev.tclj.cmd.Builtins$Extension}), so any program with tclj-net on
 * its class path has them.
 */
public final class NetCommands implements Builtins.Extension {
    @Override
    public void register(Interp interp) {
        SocketCmd.register(interp);
        WebSocketCmds.register(interp);
    }
}
