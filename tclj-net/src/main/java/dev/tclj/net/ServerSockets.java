package dev.tclj.net;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelTable;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Listening sockets for Java code (TclServer): what {@code socket -server} makes, with a Java
 * acceptor in place of the accept script. Each accepted connection is an ordinary Tcl socket
 * channel of the interpreter (translation {@code {auto crlf}}, blocking, full buffering), handed
 * to the acceptor on the interpreter's thread when its event loop runs, as Tcl's accept scripts
 * are. An acceptor that throws has its error reported in the background and the connection
 * closed, as for a failing accept script.
 */
public final class ServerSockets {
    private ServerSockets() {}

    /** Takes accepted connections: the channel (registered in the interpreter), the client's address and port. */
    @FunctionalInterface
    public interface Acceptor {
        void accept(Channel channel, String address, int port) throws TclException;
    }

    /**
     * Listens on port (0: the system chooses) of host's addresses (null: every address), as
     * {@code socket -server} does, and registers the listening channel in interp under a new
     * {@code sockN} name. Errors are the socket command's ("couldn't open socket: ...").
     * Interpreter's thread.
     */
    public static Channel listen(Interp interp, String host, int port, Acceptor acceptor) throws TclException {
        if (acceptor == null) throw new NullPointerException("acceptor");
        if (port > 0xFFFF) throw TclException.error("couldn't open socket: port number too high");
        TcpServerDriver d = TcpServerDriver.open(interp, null, acceptor, host, port, true, false, null);
        Channel c = new Channel(ChannelTable.newName("sock"), d, false, false);
        ChannelTable.of(interp).register(c);
        return c;
    }

    /** The port a listening channel made by {@link #listen} (or socket -server) listens on. */
    public static int port(Channel server) {
        if (!(server.driver() instanceof TcpServerDriver d)) throw new IllegalArgumentException(server + " is not a server socket");
        return d.port();
    }

    /** The addresses a listening channel listens on. */
    public static List<InetSocketAddress> addresses(Channel server) {
        if (!(server.driver() instanceof TcpServerDriver d)) throw new IllegalArgumentException(server + " is not a server socket");
        return d.addresses();
    }

    /** An address as Tcl writes it (what accept callbacks get): IPv6 in its shortest form. */
    public static String numeric(java.net.InetAddress address) {
        return SocketAddresses.numeric(address);
    }
}
