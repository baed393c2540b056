package dev.tclj.net;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.cmd.LoadCmd;
import dev.tclj.cmd.PackageCmd;
import dev.tclj.cmd.Subcommands;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelTable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tls} package (tcl-tls 1.7's API) over Netty's SslHandler: {@code tls::socket},
 * {@code tls::import}, {@code tls::unimport}, {@code tls::handshake}, {@code tls::status},
 * {@code tls::init}, {@code tls::ciphers}, {@code tls::version}, and {@code tls::protocols}
 * (tcl-tls 1.8's). Like tcl-tls it is a statically linked package here: {@code package require
 * tls} runs {@code load {} Tls}, which makes the commands, runs the package's Tcl part
 * (tls.tcl: the sample callbacks tls::callback and tls::password, tls::log) and provides
 * version 1.7.22.
 *
 * <p>Messages are tcl-tls's, including its quirks (the missing dash before tls1.3 in the import
 * options' list); the cryptography and its errors are the JDK's, worded as OpenSSL's where
 * {@link TlsErrors} knows them. A channel must be a TCP socket: tcl-tls can stack on any
 * two-way channel, tclj's TLS lives in the socket's Netty pipeline.
 */
public final class TlsCmds {
    private TlsCmds() {}

    static final String VERSION = "1.7.22";

    /** Makes {@code package require tls} load this package (NetCommands, every interpreter). */
    static void declare(Interp interp) {
        LoadCmd.addStatic("Tls", TlsCmds::load);
        try {
            interp.eval("package ifneeded tls " + VERSION + " {load {} Tls}");
        } catch (TclException e) {
            // an interpreter without the package command has no packages to offer
        }
    }

    private static void load(Interp interp) {
        // as Tcl's load, a package already loaded into this interpreter is not set up again
        if (PackageCmd.provided(interp, "tls") != null) return;
        interp.createCommand("::tls::socket", TlsCmds::socket);
        interp.createCommand("::tls::import", TlsCmds::importCmd);
        interp.createCommand("::tls::unimport", TlsCmds::unimport);
        interp.createCommand("::tls::handshake", TlsCmds::handshake);
        interp.createCommand("::tls::status", TlsCmds::status);
        interp.createCommand("::tls::init", TlsCmds::init);
        interp.createCommand("::tls::ciphers", TlsCmds::ciphers);
        interp.createCommand("::tls::version", (in, objv) -> TclObj.of(version()));
        interp.createCommand("::tls::protocols", TlsCmds::protocols);
        try (InputStream s = TlsCmds.class.getResourceAsStream("tls.tcl")) {
            interp.eval(new String(s.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | TclException | RuntimeException e) {
            throw new IllegalStateException("tclj-net's tls.tcl did not load", e);
        }
        PackageCmd.provide(interp, "tls", VERSION);
    }

    // ======================================================================================
    // tls::socket and tls::init
    // ======================================================================================

    /** tls::socket's options: the server sides they apply to (0 client, 1 server), and whether they take a value. */
    private record Rule(String name, boolean client, boolean server, boolean socketOption, boolean value) {}

    private static final List<Rule> RULES = List.of(
            new Rule("-async", true, false, true, false),
            new Rule("-myaddr", true, true, true, true),
            new Rule("-myport", true, false, true, true),
            new Rule("-type", true, true, true, true),
            new Rule("-cadir", true, true, false, true),
            new Rule("-cafile", true, true, false, true),
            new Rule("-cert", true, true, false, true),
            new Rule("-certfile", true, true, false, true),
            new Rule("-cipher", true, true, false, true),
            new Rule("-command", true, true, false, true),
            new Rule("-dhparams", true, true, false, true),
            new Rule("-key", true, true, false, true),
            new Rule("-keyfile", true, true, false, true),
            new Rule("-password", true, true, false, true),
            new Rule("-request", true, true, false, true),
            new Rule("-require", true, true, false, true),
            new Rule("-autoservername", true, true, false, true),
            new Rule("-servername", true, true, false, true),
            new Rule("-ssl2", true, true, false, true),
            new Rule("-ssl3", true, true, false, true),
            new Rule("-tls1", true, true, false, true),
            new Rule("-tls1.1", true, true, false, true),
            new Rule("-tls1.2", true, true, false, true),
            new Rule("-tls1.3", true, true, false, true));

    private static String choices(boolean server) {
        StringBuilder sb = new StringBuilder();
        for (Rule r : RULES) {
            if (server ? !r.server() : !r.client()) continue;
            if (sb.length() > 0) sb.append(", ");
            sb.append(r.name());
        }
        return sb.toString();
    }

    /** The options of a tls::socket or tls::init command line, split as tcl-tls splits them. */
    private static final class SocketArgs {
        final List<TclObj> socket = new ArrayList<>();
        final List<TclObj> tls = new ArrayList<>();
        String autoservername, servername;
        /** Index of the first word that is not an option. */
        int end;
    }

    /** server: 1 or 0, or -1 for tls::init (whose options are checked against the server's list). */
    private static SocketArgs parse(List<TclObj> args, int server) throws TclException {
        SocketArgs a = new SocketArgs();
        int i = 0;
        for (; i < args.size(); i++) {
            String arg = args.get(i).toString();
            Rule rule = null;
            for (Rule r : RULES) {
                if (r.name().equals(arg) && (server < 0 ? r.client() && r.server() : server == 1 ? r.server() : r.client())) {
                    rule = r;
                }
            }
            if (rule == null) {
                if (arg.startsWith("-")) {
                    throw TclException.error("bad option \"" + arg + "\": must be one of " + choices(server != 0));
                }
                break;
            }
            if (!rule.value()) {
                a.socket.add(args.get(i));
                continue;
            }
            i++;
            if (i >= args.size()) throw TclException.error("\"" + arg + "\" option must be followed by value");
            TclObj v = args.get(i);
            if (arg.equals("-autoservername")) {
                a.autoservername = v.toString();
                continue;
            }
            if (arg.equals("-servername")) a.servername = v.toString();
            List<TclObj> to = rule.socketOption() ? a.socket : a.tls;
            to.add(args.get(i - 1));
            to.add(v);
        }
        a.end = i;
        return a;
    }

    private static final Object DEFAULTS = new Object();

    /** tls::init ?options?: the options every later tls::socket starts with; returns them. */
    static TclObj init(Interp interp, TclObj[] objv) throws TclException {
        List<TclObj> args = List.of(objv).subList(1, objv.length);
        parse(args, -1);
        TclObj defaults = TclObj.ofList(args.toArray(new TclObj[0]));
        interp.setAssoc(DEFAULTS, defaults);
        return defaults;
    }

    /**
     * tls::socket ?options? host port, tls::socket -server command ?options? port: a socket as
     * the socket command makes it, with TLS on it.
     */
    static TclObj socket(Interp interp, TclObj[] objv) throws TclException {
        List<TclObj> args = new ArrayList<>(List.of(objv).subList(1, objv.length));
        int s = -1;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).toString().equals("-server")) {
                s = i;
                break;
            }
        }
        boolean server = s >= 0;
        TclObj callback = null;
        if (server) {
            callback = s + 1 < args.size() ? args.get(s + 1) : TclObj.EMPTY;
            args.remove(s);
            if (s < args.size()) args.remove(s);
        }
        TclObj defaults = interp.getAssoc(DEFAULTS);
        if (defaults != null) args.addAll(0, List.of(defaults.asList().toArray()));
        SocketArgs a = parse(args, server ? 1 : 0);
        List<TclObj> sock = new ArrayList<>();
        sock.add(TclObj.of("::socket"));
        String servername = a.servername;
        if (server) {
            if (a.end + 1 != args.size()) {
                throw TclException.error("wrong # args: should be \"tls::socket -server command ?options? port\"");
            }
            sock.add(TclObj.of("-server"));
            sock.add(callback);
            sock.addAll(a.socket);
            sock.add(args.get(a.end));
        } else {
            if (a.end + 2 != args.size()) {
                throw TclException.error("wrong # args: should be \"tls::socket ?options? host port\"");
            }
            TclObj host = args.get(a.end);
            if (a.autoservername != null && TlsOptions.bool(TclObj.of(a.autoservername)) && servername == null) {
                servername = host.toString();
                a.tls.add(TclObj.of("-servername"));
                a.tls.add(host);
            }
            sock.addAll(a.socket);
            sock.add(host);
            sock.add(args.get(a.end + 1));
        }
        TlsOptions o = TlsOptions.parse(a.tls.toArray(new TclObj[0]), 0);
        o.server = server;
        if (o.model != null) throw TclException.error("bad option \"-model\": must be one of " + choices(server));
        return SocketCmd.open(interp, sock.toArray(new TclObj[0]), o, servername);
    }

    // ======================================================================================
    // tls::import, tls::unimport, tls::handshake, tls::status
    // ======================================================================================

    /** tls::import channel ?options?: TLS on an open socket (STARTTLS); returns the channel. */
    static TclObj importCmd(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "channel ?options?");
        Channel c = ChannelTable.of(interp).get(objv[1].toString());
        TlsOptions o = TlsOptions.parse(objv, 2);
        TlsContext context;
        if (o.model != null) {
            TlsLayer model = layer(interp, o.model);
            context = model.context;
        } else {
            context = TlsContext.build(interp, o);
        }
        if (!(c.driver() instanceof TcpDriver d)) {
            throw TclException.error("bad channel \"" + c.name() + "\": tclj puts TLS on TCP sockets only");
        }
        try {
            if (c.isWritable()) c.flush();
            d.pushTls(context, o.servername);
        } catch (IOException e) {
            throw TclException.error("couldn't construct ssl session: " + e.getMessage());
        }
        return TclObj.of(c.name());
    }

    /** tls::unimport channel: takes the innermost TLS layer off. */
    static TclObj unimport(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2) throw TclException.wrongArgs(objv, 1, "channel");
        Channel c = ChannelTable.of(interp).get(objv[1].toString());
        layer(interp, objv[1].toString());
        try {
            if (c.isWritable()) c.flush();
        } catch (IOException e) {
            // what could not be sent is lost with the layer, as in tcl-tls
        }
        ((TcpDriver) c.driver()).popTls();
        return TclObj.EMPTY;
    }

    /** The channel's innermost TLS layer, or tcl-tls's error for a channel without one. */
    private static TlsLayer layer(Interp interp, String name) throws TclException {
        Channel c = ChannelTable.of(interp).get(name);
        TlsLayer l = c.driver() instanceof TcpDriver d ? d.tls() : null;
        if (l == null) throw TclException.error("bad channel \"" + c.name() + "\": not a TLS channel");
        return l;
    }

    /**
     * tls::handshake channel: 1 once the handshake is done, 0 while a non-blocking channel's is
     * still going on; an error when it failed.
     */
    static TclObj handshake(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 2) throw TclException.wrongArgs(objv, 1, "channel");
        TlsLayer l = layer(interp, objv[1].toString());
        Channel c = ChannelTable.of(interp).get(objv[1].toString());
        int st;
        try {
            if (c.isWritable()) c.flush();
            st = ((TcpDriver) c.driver()).awaitHandshake(l);
        } catch (IOException e) {
            throw TclException.error("handshake failed: " + SocketErrors.of(e).message);
        }
        if (st == TlsLayer.RUNNING) return TclObj.of(0);
        if (st == TlsLayer.FAILED) {
            throw TclException.error("handshake failed: " + (l.failure == null ? SocketErrors.ECONNRESET.message : l.failure));
        }
        return TclObj.of(1);
    }

    /** tls::status ?-local? channel: the certificate and session (empty until the handshake is done). */
    static TclObj status(Interp interp, TclObj[] objv) throws TclException {
        boolean local = objv.length == 3 && objv[1].toString().equals("-local");
        if (objv.length != 2 && !local) throw TclException.wrongArgs(objv, 1, "?-local? channel");
        return layer(interp, objv[objv.length - 1].toString()).status(local);
    }

    // ======================================================================================
    // tls::ciphers, tls::protocols, tls::version
    // ======================================================================================

    private static final String[] PROTOCOLS = {"ssl2", "ssl3", "tls1", "tls1.1", "tls1.2", "tls1.3"};

    /** tls::ciphers protocol ?verbose?: the suites the JDK enables, in OpenSSL's names. */
    static TclObj ciphers(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2 || objv.length > 3) throw TclException.wrongArgs(objv, 1, "protocol ?verbose?");
        int p = Subcommands.index(objv[1], PROTOCOLS, "protocol");
        boolean verbose = objv.length == 3 && TlsOptions.bool(objv[2]);
        if (p < 2) throw TclException.error("protocol not supported");
        List<TclObj> l = new ArrayList<>();
        for (String s : TlsCiphers.enabled()) l.add(TclObj.of(verbose ? TlsCiphers.description(s) : TlsCiphers.openSsl(s)));
        return TclObj.ofList(l.toArray(new TclObj[0]));
    }

    /** tls::protocols (tcl-tls 1.8): the protocols the JDK enables, in the options' names. */
    static TclObj protocols(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length != 1) throw TclException.wrongArgs(objv, 1, "");
        List<TclObj> l = new ArrayList<>();
        for (String p : TlsCiphers.enabledProtocols()) {
            switch (p) {
                case "TLSv1" -> l.add(TclObj.of("tls1"));
                case "TLSv1.1" -> l.add(TclObj.of("tls1.1"));
                case "TLSv1.2" -> l.add(TclObj.of("tls1.2"));
                case "TLSv1.3" -> l.add(TclObj.of("tls1.3"));
                default -> { }
            }
        }
        return TclObj.ofList(l.toArray(new TclObj[0]));
    }

    /** tls::version: tcl-tls gives OpenSSL's version string; here the JDK's TLS provider's. */
    static String version() {
        try {
            java.security.Provider p = javax.net.ssl.SSLContext.getDefault().getProvider();
            return p.getName() + " " + p.getVersionStr() + " (Java " + Runtime.version() + ")";
        } catch (java.security.NoSuchAlgorithmException e) {
            return "Java " + Runtime.version();
        }
    }
}
