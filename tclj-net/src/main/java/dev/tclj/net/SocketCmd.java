package dev.tclj.net;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelTable;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code socket} command (Tcl_SocketObjCmd):
 * <pre>
 *   socket ?-myaddr addr? ?-myport port? ?-async? host port
 *   socket -server command ?-myaddr addr? ?-reuseaddr bool? ?-reuseport bool? port
 * </pre>
 * A client socket is a readable and writable channel ({@link TcpDriver}); a server socket a
 * channel that accepts connections ({@link TcpServerDriver}). Both start in Tcl's socket
 * configuration: translation {@code {auto crlf}}, the system encoding, full buffering.
 *
 * <p>{@code -reuseaddr} and {@code -reuseport} are Tcl 8.7's (TIP 456); the messages for bad
 * arguments are tclsh 8.6's, which does not list them.
 */
public final class SocketCmd {
    private SocketCmd() {}

    public static void register(Interp interp) {
        interp.createCommand("socket", SocketCmd::socket);
    }

    private static final String[] OPTIONS = {"-async", "-myaddr", "-myport", "-server"};
    /** The 8.7 server options, accepted without appearing in 8.6's option list. */
    private static final String REUSEADDR = "-reuseaddr", REUSEPORT = "-reuseport";

    static TclObj socket(Interp interp, TclObj[] objv) throws TclException {
        return open(interp, objv, null, null);
    }

    /**
     * The socket command's work, for tls::socket too: with tls, a server's connections are TLS
     * from the first byte (the context's options), and a client takes tls's options once
     * connected (servername for SNI); a failure to set TLS up closes the new socket.
     */
    static TclObj open(Interp interp, TclObj[] objv, TlsOptions tls, String servername) throws TclException {
        boolean server = false, async = false;
        String script = null, myaddr = null;
        int myport = 0;
        int reuseaddr = -1, reuseport = -1;
        int a;
        for (a = 1; a < objv.length; a++) {
            String arg = objv[a].toString();
            if (arg.isEmpty() || arg.charAt(0) != '-') break;
            if (arg.equals(REUSEADDR) || arg.equals(REUSEPORT)) {
                a++;
                if (a >= objv.length) throw TclException.error("no argument given for " + arg + " option");
                boolean v = bool(objv[a]);
                if (arg.equals(REUSEADDR)) reuseaddr = v ? 1 : 0;
                else reuseport = v ? 1 : 0;
                continue;
            }
            int opt = exactIndex(objv[a]);
            switch (opt) {
                case 0 -> {
                    if (server) throw TclException.error("cannot set -async option for server sockets");
                    async = true;
                }
                case 1 -> {
                    a++;
                    if (a >= objv.length) throw TclException.error("no argument given for -myaddr option");
                    myaddr = objv[a].toString();
                }
                case 2 -> {
                    a++;
                    if (a >= objv.length) throw TclException.error("no argument given for -myport option");
                    myport = ServicePorts.port(objv[a]);
                }
                default -> {
                    if (async) throw TclException.error("cannot set -async option for server sockets");
                    server = true;
                    a++;
                    if (a >= objv.length) throw TclException.error("no argument given for -server option");
                    script = objv[a].toString();
                }
            }
        }
        String host = null;
        if (server) {
            host = myaddr;
            if (myport != 0) throw TclException.error("option -myport is not valid for servers");
        } else if (a < objv.length) {
            host = objv[a++].toString();
        } else {
            throw wrongArgs(objv);
        }
        if (a != objv.length - 1) throw wrongArgs(objv);
        int port = ServicePorts.port(objv[a]);
        if (!server && (reuseaddr >= 0 || reuseport >= 0)) {
            throw TclException.error("options -reuseaddr and -reuseport are only valid for servers");
        }
        Channel c;
        if (server) {
            TlsContext context = tls == null ? null : TlsContext.build(interp, tls);
            TcpServerDriver d = TcpServerDriver.open(interp, script, host, port, reuseaddr != 0, reuseport == 1, context);
            c = new Channel(ChannelTable.newName("sock"), d, false, false);
        } else {
            c = connect(interp, host, port, myaddr, myport, async);
            if (tls != null) {
                try {
                    ((TcpDriver) c.driver()).pushTls(TlsContext.build(interp, tls), servername);
                } catch (TclException | java.io.IOException | RuntimeException e) {
                    try {
                        c.close();
                    } catch (java.io.IOException | TclException x) {
                        // the TLS error is the one to report
                    }
                    if (e instanceof TclException t) throw t;
                    throw TclException.error(e.getMessage());
                }
            }
        }
        ChannelTable.of(interp).register(c);
        return TclObj.of(c.name());
    }

    /** Tcl_GetIndexFromObj with TCL_EXACT: no abbreviations. */
    private static int exactIndex(TclObj word) throws TclException {
        String s = word.toString();
        for (int i = 0; i < OPTIONS.length; i++) if (OPTIONS[i].equals(s)) return i;
        throw TclException.error("bad option \"" + s + "\": must be -async, -myaddr, -myport, or -server",
                "TCL", "LOOKUP", "INDEX", "option", s);
    }

    private static boolean bool(TclObj v) throws TclException {
        try {
            return v.asBoolean();
        } catch (TclException e) {
            throw TclException.error("expected boolean value but got \"" + v + "\"", "TCL", "VALUE", "BOOLEAN");
        }
    }

    private static TclException wrongArgs(TclObj[] objv) {
        return TclException.error("wrong # args: should be \"" + objv[0]
                + " ?-myaddr addr? ?-myport myport? ?-async? host port\" or \"" + objv[0]
                + " -server command ?-myaddr addr? port\"", "TCL", "WRONGARGS");
    }

    /** The Tcl channel of a connection, in Tcl's socket configuration. */
    static Channel newChannel(TcpDriver d) {
        Channel c = new Channel(ChannelTable.newName("sock"), d, true, true);
        c.setOutputTranslation(Channel.CRLF);
        d.channelName = c.name();
        return c;
    }

    // ======================================================================================
    // Client
    // ======================================================================================

    private static Channel connect(Interp interp, String host, int port, String myaddr, int myport, boolean async)
            throws TclException {
        List<InetAddress> remotes = SocketAddresses.resolve(host, port);
        List<InetSocketAddress> locals = localAddresses(myaddr, myport);
        List<TcpConnector.Attempt> attempts = new ArrayList<>();
        for (InetAddress r : remotes) {
            InetSocketAddress remote = new InetSocketAddress(r, port);
            if (locals == null) {
                attempts.add(new TcpConnector.Attempt(remote, null));
                continue;
            }
            for (InetSocketAddress l : locals) {
                if ((l.getAddress() instanceof Inet6Address) == (r instanceof Inet6Address)) {
                    attempts.add(new TcpConnector.Attempt(remote, l));
                }
            }
        }
        TcpDriver d = new TcpDriver(interp);
        new TcpConnector(d, attempts).start();
        if (!async) {
            SocketErrors e = d.awaitConnect();
            if (e != null) throw e.openError();
        }
        return newChannel(d);
    }

    /**
     * The local addresses to connect from, or null for the system's choice (neither -myaddr nor
     * -myport). A -myaddr that is not an address of this host fails at once, as Tcl's bind does.
     */
    private static List<InetSocketAddress> localAddresses(String myaddr, int myport) throws TclException {
        if (myaddr == null && myport == 0) return null;
        if (myport < 0) throw SocketErrors.openError("Servname not supported for ai_socktype");
        List<InetSocketAddress> l = new ArrayList<>(2);
        if (myaddr == null) {
            l.add(new InetSocketAddress(SocketAddresses.ANY4, myport));
            l.add(new InetSocketAddress(SocketAddresses.ANY6, myport));
            return l;
        }
        List<InetAddress> addrs = new ArrayList<>(SocketAddresses.resolve(myaddr, myport));
        addrs.sort((x, y) -> Boolean.compare(x instanceof Inet6Address, y instanceof Inet6Address));
        SocketErrors notLocal = null;
        for (InetAddress a : addrs) {
            if (!isLocal(a)) {
                notLocal = SocketErrors.EADDRNOTAVAIL;
                continue;
            }
            l.add(new InetSocketAddress(a, myport));
        }
        if (l.isEmpty() && notLocal != null) throw notLocal.openError();
        return l;
    }

    private static boolean isLocal(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress()) return true;
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return true; // let bind decide
        }
    }
}
