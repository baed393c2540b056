package dev.tclj.net;

import dev.tclj.TclException;
import dev.tclj.TclObj;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Port arguments as Tcl's TclSockGetPort reads them: an integer (Tcl_GetInt's syntax: spaces,
 * sign, hex, 8.6's octal) or a TCP service name from the system's services database
 * ({@code /etc/services}: {@code name port/protocol aliases... # comment}), as getservbyname looks
 * names up. The database is read once.
 */
final class ServicePorts {
    private ServicePorts() {}

    private static final Path SERVICES = Path.of("/etc/services");

    /** Service names and aliases to TCP ports, read on first use. */
    private static final class Tcp {
        static final Map<String, Integer> PORTS = read(SERVICES);
    }

    /**
     * The port a word names. A service name wins only when the word is not an integer; an
     * integer above 65535 is Tcl's "port number too high". Negative numbers pass here, as in Tcl:
     * the resolver rejects them later.
     */
    static int port(TclObj word) throws TclException {
        String s = word.toString();
        int port;
        try {
            port = word.asInt();
        } catch (TclException notInteger) {
            Integer service = Tcp.PORTS.get(s);
            // Tcl_GetInt's message, without the octal hint of Tcl_GetIntFromObj
            if (service == null) throw TclException.error("expected integer but got \"" + s + "\"", "TCL", "VALUE", "INTEGER");
            return service;
        }
        return checkRange(port);
    }

    private static int checkRange(int port) throws TclException {
        if (port > 0xFFFF) {
            throw TclException.error("couldn't open socket: port number too high");
        }
        return port;
    }

    static Map<String, Integer> read(Path file) {
        Map<String, Integer> m = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return m;
        }
        for (String line : lines) {
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            String[] w = line.trim().split("\\s+");
            if (w.length < 2) continue;
            int slash = w[1].indexOf('/');
            if (slash < 0 || !w[1].substring(slash + 1).equalsIgnoreCase("tcp")) continue;
            int port;
            try {
                port = Integer.parseInt(w[1].substring(0, slash));
            } catch (NumberFormatException e) {
                continue;
            }
            if (port < 0 || port > 0xFFFF) continue;
            // the first entry for a name wins, as getservbyname reads the file in order
            for (int i = 0; i < w.length; i++) {
                if (i == 1) continue;
                m.putIfAbsent(w[i], port);
            }
        }
        return m;
    }
}
