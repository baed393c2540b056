package dev.tclj.cli;

import dev.tclj.ExitException;
import dev.tclj.Interp;
import dev.tclj.Interps;
import dev.tclj.TclException;
import dev.tclj.TclMain;
import dev.tclj.TclObj;
import dev.tclj.event.Notifier;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelTable;
import dev.tclj.server.Protocol;
import dev.tclj.server.TclServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The tclserver command: a Tcl server as a program of its own (NSCLDAQ's tclserver, without a
 * display). It makes an interpreter, runs the --init script in it, serves clients on --port
 * (2048) of --bind (loopback), and, when standard input is a terminal, gives the terminal an
 * interactive shell on the same interpreter (tclj's shell in its console mode, {@link
 * InteractiveShell#run(Interp)}, which serves events while a line is typed); Ctrl-D or exit
 * stops it.
 * Without a terminal it serves until stopped (SIGTERM stops it cleanly).
 *
 * <p>Clients are allowed by host ({@code serverauth add|remove|list}, loopback only at first)
 * and, with --userauth, by user: a client's first line is its user name, which must be one of
 * --user (the user running the server by default). In that mode the error of a failed command is
 * sent back to the client as a line, as NSCLDAQ's application does; otherwise failures are not
 * answered (the package's default).
 */
@Command(name = "tclserver", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A Tcl server: clients connect over TCP and send Tcl commands to its interpreter. "
                + "On a terminal, also an interactive shell on the same interpreter (Ctrl-D or exit stops it).")
public final class TclServerMain implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "2048", paramLabel = "N",
            description = "the port to listen on (default ${DEFAULT-VALUE}; 0: the system chooses)")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "the address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 or :: for every address)")
    String bind;

    @Option(names = "--init", paramLabel = "script.tcl", description = "a script to run before serving")
    Path init;

    @Option(names = "--safe", description = "evaluate the clients' commands in a safe interpreter")
    boolean safe;

    @Option(names = "--protocol", defaultValue = "line", paramLabel = "line|framed",
            description = "line (NSCLDAQ's, the default) or framed (replies with status and length)")
    String protocol;

    @Option(names = "--userauth", description = "a client's first line is its user name, which must be allowed (--user)")
    boolean userAuth;

    @Option(names = "--user", paramLabel = "NAME", description = "a user allowed with --userauth (default: the user running the server)")
    List<String> users = new ArrayList<>();

    @Option(names = "--websocket", paramLabel = "PATH",
            description = "also serve WebSocket clients at PATH on the same port, and the browser console at /")
    String webSocket;

    @Option(names = "--origin", paramLabel = "URL",
            description = "an origin (scheme://host:port) allowed to open the WebSocket besides the console's own")
    List<String> origins = new ArrayList<>();

    public static void main(String[] argv) {
        System.exit(new CommandLine(new TclServerMain()).execute(argv));
    }

    @Override
    public Integer call() {
        Protocol p = switch (protocol) {
            case "line" -> Protocol.LINE;
            case "framed" -> Protocol.FRAMED;
            default -> null;
        };
        if (p == null) {
            System.err.println("tclserver: bad protocol \"" + protocol + "\": must be line or framed");
            return 2;
        }
        if (port < 0 || port > 0xFFFF) {
            System.err.println("tclserver: bad port " + port);
            return 2;
        }
        if (users.isEmpty()) users.add(System.getProperty("user.name"));
        boolean console = Main.stdinIsTerminal();
        return TclMain.runOnBigStack(() -> serve(p, console));
    }

    private int serve(Protocol p, boolean console) {
        Interp interp = new Interp();
        TclMain.setArgs(interp, "tclserver", new String[0], console);
        HostAllowList hosts = new HostAllowList();
        hosts.register(interp);
        Interp eval = interp;
        try {
            if (safe) eval = Interps.create(interp, TclObj.of("clients"), true);
            if (init != null) interp.evalTop(TclObj.ofList(TclObj.of("source"), TclObj.of(init.toString())));
        } catch (TclException e) {
            TclObj info = interp.getVarOrNull("errorInfo");
            System.err.println(info != null ? info : e.getMessage());
            return 1;
        } catch (ExitException e) {
            return e.status();
        }
        TclServer.Builder b = TclServer.builder().interp(interp).name("tclserver").port(port).bindAddress(bind)
                .protocol(p).evalInterp(eval == interp ? null : eval)
                .onConnect((in, channel, address, clientPort) -> admit(hosts, address));
        try {
            b.webSocket(webSocket).webSocketOrigins(origins);
        } catch (IllegalArgumentException e) {
            System.err.println("tclserver: " + e.getMessage());
            return 2;
        }
        if (userAuth) {
            b.userAuth(users::contains);
            // as NSCLDAQ's application in this mode: the error comes back as a line
            b.onError((in, channel, command, error) -> {
                Channel c = ChannelTable.of(in).lookup(channel);
                if (c == null) return false;
                try {
                    c.write(error.getMessage() + "\n");
                    c.flush();
                } catch (IOException e) {
                    return false;
                }
                return true;
            });
        }
        TclServer server = b.build();
        try {
            server.start();
        } catch (IOException e) {
            System.err.println("tclserver: " + e.getMessage());
            return 1;
        }
        System.out.println("tclserver: listening on " + bind + " port " + server.port()
                + (p == Protocol.FRAMED ? " (framed protocol)" : ""));
        if (webSocket != null) {
            // the server authenticates clients (the host list), so the WebSocket wants its token
            String host = bind.equals("0.0.0.0") || bind.equals("::") ? "localhost" : bind.contains(":") ? "[" + bind + "]" : bind;
            System.out.println("tclserver: console at http://" + host + ":" + server.port() + "/#token="
                    + server.webSocketToken() + " (WebSocket " + webSocket + ")");
        }
        System.out.flush();

        Notifier loop = interp.notifier();
        ServerStop stop = new ServerStop(loop);
        Thread hook = new Thread(stop::fromSignal, "tclserver-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int status = 0;
        try {
            if (console) {
                // tclj's shell in its console mode: this thread serves events while a line is typed
                status = InteractiveShell.run(interp);
            } else {
                try (Notifier.Hold hold = loop.hold()) {
                    while (true) loop.doOneEvent(Notifier.ALL_EVENTS);
                }
            }
        } catch (ExitException e) {
            status = e.status();
        } finally {
            server.close();
            ChannelTable.closeAll(interp);
            System.out.println("tclserver: stopped");
            System.out.flush();
            stop.done();
            if (!stop.bySignal()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down already
                }
            }
        }
        return status;
    }

    /** The connect hook: the client's host must be allowed (serverauth). */
    private static boolean admit(HostAllowList hosts, String address) {
        if (hosts.allows(address)) return true;
        System.err.println("tclserver: refused a connection from " + address + " (serverauth)");
        return false;
    }

    /**
     * Stopping on a signal (SIGTERM, SIGINT): the JVM's shutdown hook makes the interpreter's
     * thread leave its loop (as exit would, with the shell's status for a signal) and waits for
     * the server to be closed.
     */
    static final class ServerStop {
        private final Notifier loop;
        private volatile boolean bySignal;
        private final CountDownLatch finished = new CountDownLatch(1);

        ServerStop(Notifier loop) { this.loop = loop; }

        boolean bySignal() { return bySignal; }

        void fromSignal() {
            bySignal = true;
            loop.post(() -> {
                throw new ExitException(143);
            });
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void done() { finished.countDown(); }
    }
}
