package dev.tclj.net;

import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.io.DriverError;
import dev.tclj.io.PosixError;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * The POSIX errors of sockets as Tcl reports them (Tcl_ErrnoId and Tcl_ErrnoMsg on Linux), and
 * the Java exceptions they hide behind: Java gives the C library's strerror text ("Connection
 * refused") or its own ("Connection reset"), never the number.
 *
 * <p>Errors that core's {@link PosixError} knows are raised as its exceptions, so that the channel
 * commands report them in their own words ("error flushing ...: broken pipe"). The socket-only
 * ones are not in it; a read or write failing with one of them is raised as a finished Tcl error.
 */
enum SocketErrors {
    EACCES("permission denied", "permission denied"),
    EPIPE("broken pipe", "broken pipe"),
    EINVAL("invalid argument", "invalid argument"),
    EMFILE("too many open files", "too many open files"),
    EAFNOSUPPORT("address family not supported by protocol", "address family not supported"),
    EADDRINUSE("address already in use", "address already in use"),
    EADDRNOTAVAIL("cannot assign requested address", "cannot assign requested address"),
    ENETDOWN("network is down", "network is down"),
    ENETUNREACH("network is unreachable", "network is unreachable"),
    ECONNABORTED("software caused connection abort", "software caused connection abort"),
    ECONNRESET("connection reset by peer", "connection reset"),
    ENOTCONN("socket is not connected", "not connected"),
    ESHUTDOWN("cannot send after socket shutdown", "after transport endpoint shutdown"),
    ETIMEDOUT("connection timed out", "timed out"),
    ECONNREFUSED("connection refused", "connection refused"),
    EHOSTDOWN("host is down", "host is down"),
    EHOSTUNREACH("host is unreachable", "no route to host"),
    EIO("I/O error", "input/output error");

    /** Tcl's message (Tcl_ErrnoMsg). */
    final String message;
    /** Lower-case text that Java's message for this error contains. */
    private final String javaText;

    SocketErrors(String message, String javaText) {
        this.message = message;
        this.javaText = javaText;
    }

    /** The error behind a Java exception from connect, bind, read or write (EIO when unknown). */
    static SocketErrors of(Throwable e) {
        if (e instanceof ClosedChannelException) return EPIPE;
        // a TLS failure (the handshake's, or a bad record) aborts the connection, as tcl-tls reports it
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException || c instanceof io.netty.handler.ssl.NotSslRecordException) {
                return ECONNABORTED;
            }
        }
        if (e instanceof PosixError.PosixException pe) {
            try {
                return valueOf(pe.error.name());
            } catch (IllegalArgumentException x) {
                return EIO;
            }
        }
        String m = e.getMessage();
        if (m != null) {
            String t = m.toLowerCase(Locale.ROOT);
            // Netty's own wording puts the strerror text after a prefix ("connect(..) failed: ...")
            for (SocketErrors s : values()) if (t.contains(s.javaText)) return s;
            if (t.contains("host unreachable")) return EHOSTUNREACH;
            if (t.contains("address in use")) return EADDRINUSE;
        }
        if (e instanceof ConnectException) return ECONNREFUSED;
        if (e instanceof NoRouteToHostException) return EHOSTUNREACH;
        if (e instanceof SocketTimeoutException) return ETIMEDOUT;
        if (e instanceof BindException) return EADDRINUSE;
        if (e instanceof PortUnreachableException) return ECONNREFUSED;
        return EIO;
    }

    /** "couldn't open socket: connection refused" with errorCode {POSIX ECONNREFUSED {connection refused}}. */
    TclException openError() {
        return TclException.error("couldn't open socket: " + message, "POSIX", name(), message);
    }

    /**
     * "couldn't open socket: Name or service not known": a resolver failure has the C library's
     * own text (gai_strerror) and no POSIX errorCode.
     */
    static TclException openError(String resolverMessage) {
        TclException e = TclException.error("couldn't open socket: " + resolverMessage);
        e.errorCode = TclObj.of("NONE");
        return e;
    }

    /**
     * The exception a channel operation raises: core's POSIX exception when core has this error
     * (the command then words the message), else a finished Tcl error worded as the command
     * doing {@code what} ("error reading") would word it.
     */
    IOException channelException(String what, String channelName) {
        try {
            return PosixError.valueOf(name()).exception();
        } catch (IllegalArgumentException e) {
            return new DriverError(TclException.error(what + " \"" + channelName + "\": " + message,
                    "POSIX", name(), message));
        }
    }

    /** The errorCode words of an error. */
    TclObj errorCode() {
        return TclObj.ofList(TclObj.of("POSIX"), TclObj.of(name()), TclObj.of(message));
    }
}
