package dev.tclj.net;

import dev.tclj.TclException;
import dev.tclj.TclObj;

/**
 * The options of {@code tls::import} (and the TLS half of {@code tls::socket}'s), as tcl-tls 1.7
 * takes them: names matched exactly, booleans in Tcl's forms, defaults as its manual gives them
 * ({@code -request} true, {@code -require} false, TLS 1 to 1.3 on, SSL 2 and 3 off).
 */
final class TlsOptions {
    String cadir, cafile, certfile, keyfile, cipher, command, dhparams, model, password, servername;
    byte[] cert, key;
    boolean request = true, require, server;
    boolean ssl2, ssl3, tls1 = true, tls11 = true, tls12 = true, tls13 = true;

    /** tcl-tls's list, including its missing dash before tls1.3. */
    static final String CHOICES = "-cadir, -cafile, -cert, -certfile, -cipher, -command, -dhparams, -key, -keyfile, "
            + "-model, -password, -require, -request, -server, -servername, -ssl2, -ssl3, -tls1, -tls1.1, -tls1.2, "
            + "or tls1.3";

    /** Parses objv[from..] as option/value pairs. */
    static TlsOptions parse(TclObj[] objv, int from) throws TclException {
        TlsOptions o = new TlsOptions();
        for (int i = from; i < objv.length; i += 2) {
            String opt = objv[i].toString();
            if (!known(opt)) throw TclException.error("bad option \"" + opt + "\": must be " + CHOICES);
            if (i + 1 >= objv.length) throw TclException.error("no argument given for " + opt + " option");
            o.set(opt, objv[i + 1]);
        }
        return o;
    }

    private static boolean known(String opt) {
        return switch (opt) {
            case "-cadir", "-cafile", "-cert", "-certfile", "-cipher", "-command", "-dhparams", "-key", "-keyfile",
                    "-model", "-password", "-require", "-request", "-server", "-servername", "-ssl2", "-ssl3",
                    "-tls1", "-tls1.1", "-tls1.2", "-tls1.3" -> true;
            default -> false;
        };
    }

    private void set(String opt, TclObj v) throws TclException {
        switch (opt) {
            case "-cadir" -> cadir = v.toString();
            case "-cafile" -> cafile = v.toString();
            case "-cert" -> cert = bytes(v);
            case "-certfile" -> certfile = v.toString();
            case "-cipher" -> cipher = v.toString();
            case "-command" -> command = v.toString();
            case "-dhparams" -> dhparams = v.toString();
            case "-key" -> key = bytes(v);
            case "-keyfile" -> keyfile = v.toString();
            case "-model" -> model = v.toString();
            case "-password" -> password = v.toString();
            case "-require" -> require = bool(v);
            case "-request" -> request = bool(v);
            case "-server" -> server = bool(v);
            case "-servername" -> servername = v.toString();
            case "-ssl2" -> ssl2 = bool(v);
            case "-ssl3" -> ssl3 = bool(v);
            case "-tls1" -> tls1 = bool(v);
            case "-tls1.1" -> tls11 = bool(v);
            case "-tls1.2" -> tls12 = bool(v);
            default -> tls13 = bool(v);
        }
    }

    /** Tcl_GetBooleanFromObj as tcl-tls calls it (its errorCode is NUMBER's). */
    static boolean bool(TclObj v) throws TclException {
        try {
            return v.asBoolean();
        } catch (TclException e) {
            throw TclException.error("expected boolean value but got \"" + v + "\"", "TCL", "VALUE", "NUMBER");
        }
    }

    /** A binary value's bytes, as Tcl_GetByteArrayFromObj gives them (each character's low byte). */
    static byte[] bytes(TclObj v) {
        String s = v.toString();
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) s.charAt(i);
        return b;
    }

    /** Whether the peer's certificate is checked at all (OpenSSL's SSL_VERIFY_PEER). */
    boolean verifyPeer() { return request; }

    /** Whether a missing or invalid certificate fails the handshake (only with -request, as in OpenSSL). */
    boolean requirePeer() { return request && require; }
}
