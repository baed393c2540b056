package dev.tclj.cli;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclList;
import dev.tclj.TclObj;
import dev.tclj.net.ServerSockets;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The hosts tclserver accepts clients from, by numeric address, and the {@code serverauth}
 * command that manages them (NSCLDAQ tclserver's):
 * <pre>
 *   serverauth add host      allow a host (a name is resolved to its addresses)
 *   serverauth remove host   forbid it again
 *   serverauth list          the allowed addresses
 * </pre>
 * At start only the loopback addresses are allowed. The command runs in the server's
 * interpreter (its console and --init script), never in a --safe client interpreter.
 */
final class HostAllowList {
    private final Set<String> allowed = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));

    boolean allows(String address) {
        return allowed.contains(address) || (address.startsWith("::ffff:") && allowed.contains(address.substring(7)));
    }

    void register(Interp interp) {
        interp.createCommand("serverauth", this::serverauth);
    }

    private TclObj serverauth(Interp interp, TclObj[] objv) throws TclException {
        if (objv.length < 2) throw TclException.wrongArgs(objv, 1, "add|remove|list ?host?");
        String sub = objv[1].toString();
        switch (sub) {
            case "list" -> {
                if (objv.length != 2) throw TclException.wrongArgs(objv, 2, "");
                List<TclObj> l = new ArrayList<>();
                for (String a : allowed) l.add(TclObj.of(a));
                return TclObj.ofList(TclList.of(l));
            }
            case "add", "remove" -> {
                if (objv.length != 3) throw TclException.wrongArgs(objv, 2, "host");
                List<String> addrs = addresses(objv[2].toString());
                if (sub.equals("add")) allowed.addAll(addrs);
                else allowed.removeAll(addrs);
                return TclObj.EMPTY;
            }
            default -> throw TclException.error("bad option \"" + sub + "\": must be add, list, or remove",
                    "TCL", "LOOKUP", "INDEX", "option", sub);
        }
    }

    private static List<String> addresses(String host) throws TclException {
        try {
            List<String> l = new ArrayList<>();
            for (InetAddress a : InetAddress.getAllByName(host)) l.add(ServerSockets.numeric(a));
            return l;
        } catch (UnknownHostException e) {
            throw TclException.error("unknown host \"" + host + "\"", "TCLSERVER", "HOST", host);
        }
    }
}
