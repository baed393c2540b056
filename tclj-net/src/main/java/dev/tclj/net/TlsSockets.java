package dev.tclj.net;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.io.Channel;
import dev.tclj.io.ChannelTable;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * TLS server sockets for Java callers (TclServer): the Java side of
 * {@code tls::socket -server command -certfile ... port}. The caller brings Netty's SslContext
 * (any SslContextBuilder.forServer setup: client certificates, protocols, ciphers) or PEM files;
 * the result is an ordinary Tcl server channel in the interpreter whose accept command receives
 * TLS channels: read and written as plain sockets, with tls::status and tls::handshake working on
 * them when the tls package is loaded.
 */
public final class TlsSockets {
    private TlsSockets() {}

    /**
     * Opens a listening TLS socket on port (0: the system's choice) of host (null: every
     * address), as {@code socket -server acceptCommand} would, and registers it in interp.
     * Returns the server channel's name ({@code fconfigure $name -sockname} gives the port).
     * Must run on the interpreter's thread.
     */
    public static String listen(Interp interp, String acceptCommand, String host, int port, SslContext context)
            throws TclException {
        if (!context.isServer()) throw new IllegalArgumentException("a client SslContext cannot accept connections");
        TcpServerDriver d = TcpServerDriver.open(interp, acceptCommand, host, port, true, false,
                TlsContext.ofServer(context));
        Channel c = new Channel(ChannelTable.newName("sock"), d, false, false);
        ChannelTable.of(interp).register(c);
        return c.name();
    }

    /**
     * A server context from PEM files as tcl-tls takes them: a certificate (or chain) file and
     * a key file in any of OpenSSL's PEM forms (PKCS#8, traditional RSA or EC, encrypted with
     * password), on the JDK provider, no client certificates asked for.
     */
    public static SslContext serverContext(Path certificatePem, Path keyPem, char[] password) throws IOException {
        try {
            List<X509Certificate> chain = PemFiles.certificates(Files.readAllBytes(certificatePem));
            PrivateKey key = PemFiles.privateKey(Files.readAllBytes(keyPem), () -> password);
            return SslContextBuilder.forServer(TlsContext.keyManagers(key, chain)).sslProvider(SslProvider.JDK).build();
        } catch (PemFiles.PemException e) {
            throw new IOException(e.getMessage(), e);
        } catch (SSLException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
