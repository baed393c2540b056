package dev.tclj.net;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Host names and addresses as Tcl's sockets see them: name lookup with the C library's messages
 * (TclCreateSocketAddress), and the {address name port} triples of {@code -peername} and
 * {@code -sockname} (TcpHostPortList): the numeric address as inet_ntop writes it, the name a
 * reverse lookup gives (the number again when there is none, for a wildcard address, or when
 * {@code ::tcl::unsupported::noReverseDNS} exists), and the port.
 */
final class SocketAddresses {
    private SocketAddresses() {}

    /** The wildcard addresses, 0.0.0.0 and ::. */
    static final InetAddress ANY4 = byAddress(new byte[4]), ANY6 = byAddress(new byte[16]);

    private static InetAddress byAddress(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The variable by which a script switches reverse lookups off, as in Tcl. */
    static final String NO_REVERSE_DNS = "::tcl::unsupported::noReverseDNS";

    /**
     * The addresses a host name stands for, in the resolver's order. Errors are Tcl's "couldn't
     * open socket: ..." with the resolver's text.
     */
    static List<InetAddress> resolve(String host, int port) throws TclException {
        if (port < 0) throw SocketErrors.openError("Servname not supported for ai_socktype");
        // getaddrinfo knows no empty name and no bracketed IPv6 literal; Java takes both
        if (host.isEmpty() || host.indexOf('[') >= 0) throw SocketErrors.openError("Name or service not known");
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw SocketErrors.openError(resolverText(e));
        } catch (SecurityException e) {
            throw SocketErrors.openError("Name or service not known");
        }
    }

    /** The gai_strerror text in Java's message ("host: Name or service not known"). */
    private static String resolverText(UnknownHostException e) {
        String m = e.getMessage();
        if (m != null) {
            int colon = m.lastIndexOf(": ");
            if (colon >= 0 && colon + 2 < m.length()) {
                String t = m.substring(colon + 2);
                if (Character.isUpperCase(t.charAt(0))) return t;
            }
        }
        return "Name or service not known";
    }

    /** The {address name port} triple of a socket address, as TcpHostPortList makes it. */
    static void appendTriple(List<TclObj> to, Interp interp, InetSocketAddress a) {
        InetAddress addr = a.getAddress();
        String numeric = numeric(addr);
        to.add(TclObj.of(numeric));
        to.add(TclObj.of(hostName(interp, addr, numeric)));
        to.add(TclObj.of(a.getPort()));
    }

    static TclObj triple(Interp interp, InetSocketAddress a) {
        List<TclObj> l = new ArrayList<>(3);
        appendTriple(l, interp, a);
        return TclObj.ofList(l.toArray(new TclObj[0]));
    }

    private static String hostName(Interp interp, InetAddress addr, String numeric) {
        if (addr.isAnyLocalAddress()) return numeric;
        if (interp != null && !interp.isDeleted() && interp.varExists(NO_REVERSE_DNS)) return numeric;
        try {
            // a fresh object: the one we have may carry the name it was looked up by
            InetAddress bare = addr instanceof Inet6Address six
                    ? Inet6Address.getByAddress(null, six.getAddress(), six.getScopeId())
                    : InetAddress.getByAddress(addr.getAddress());
            String name = bare.getHostName();
            // Java gives its own spelling of the number when the lookup finds nothing
            if (name.equals(bare.getHostAddress())) return numeric;
            return name;
        } catch (UnknownHostException | SecurityException e) {
            return numeric;
        }
    }

    /** An address in inet_ntop's form: dotted IPv4; IPv6 with the longest zero run as "::". */
    static String numeric(InetAddress addr) {
        if (addr instanceof Inet4Address) return addr.getHostAddress();
        Inet6Address six = (Inet6Address) addr;
        byte[] b = six.getAddress();
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) w[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        int bestBase = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) j++;
            if (j - i > bestLen) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) bestBase = -1;
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) sb.append(':');
                continue;
            }
            if (i > 0) sb.append(':');
            // an IPv4 address embedded in the low 32 bits (compatible or mapped), as glibc writes it
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xFFFF))) {
                sb.append(b[12] & 0xFF).append('.').append(b[13] & 0xFF).append('.')
                        .append(b[14] & 0xFF).append('.').append(b[15] & 0xFF);
                break;
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) sb.append(':');
        if (six.getScopeId() != 0 || six.getScopedInterface() != null) {
            sb.append('%');
            if (six.getScopedInterface() != null) sb.append(six.getScopedInterface().getName());
            else sb.append(six.getScopeId());
        }
        return sb.toString();
    }
}
