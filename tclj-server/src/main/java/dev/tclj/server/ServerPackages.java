package dev.tclj.server;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.cmd.Builtins;
import dev.tclj.cmd.PackageCmd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Makes tclj-server's packages known to every (trusted) interpreter, through core's extension
 * hook (java.util.ServiceLoader, {@code META-INF/services/dev.tclj.cmd.Builtins$Extension}), as
 * tclj-net adds {@code socket}: {@code package ifneeded} scripts for
 * <ul>
 * <li>{@code TclServer 1.0}: the server type (in Java, {@link TclServerCmd});
 * <li>{@code TclServer::client 1.0}: the client of the framed protocol, a pure Tcl script shipped
 *     as a resource (it runs under tclsh as well).
 * </ul>
 * Nothing is created until a script requires a package, except the loader those scripts call,
 * {@code ::tcl::tclj::LoadServerPackage} (Tcl keeps its own internals in {@code ::tcl} too). A
 * safe interpreter gets nothing: it cannot open sockets.
 */
public final class ServerPackages implements Builtins.Extension {
    static final String VERSION = "1.0";
    private static final String LOADER = "::tcl::tclj::LoadServerPackage";

    @Override
    public void register(Interp interp) {
        if (interp.isSafe()) return;
        interp.createNamespace("::tcl::tclj", interp.globalNamespace());
        interp.createCommand(LOADER, ServerPackages::load);
        try {
            interp.eval("package ifneeded TclServer " + VERSION + " {" + LOADER + " TclServer}\n"
                    + "package ifneeded TclServer::client " + VERSION + " {" + LOADER + " TclServer::client}");
        } catch (TclException e) {
            throw new IllegalStateException("cannot declare the TclServer packages: " + e.getMessage(), e);
        }
    }

    private static TclObj load(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2) throw TclException.wrongArgs(objv, 1, "package");
        switch (objv[1].toString()) {
            case "TclServer" -> {
                TclServerCmd.register(interp);
                PackageCmd.provide(interp, "TclServer", VERSION);
            }
            case "TclServer::client" -> interp.evalInFrame(interp.globalFrame(), TclObj.of(clientScript()));
            default -> throw TclException.error("no package \"" + objv[1] + "\" in tclj-server");
        }
        return TclObj.EMPTY;
    }

    /** The Tcl client package's source (the resource dev/tclj/server/client.tcl). */
    static String clientScript() throws TclException {
        try (InputStream in = ServerPackages.class.getResourceAsStream("client.tcl")) {
            if (in == null) throw TclException.error("tclj-server's client.tcl is missing from the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw TclException.error("cannot read tclj-server's client.tcl: " + e.getMessage());
        }
    }
}
