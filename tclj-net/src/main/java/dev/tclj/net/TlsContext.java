package dev.tclj.net;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.io.TclPath;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * What a {@code tls::import} makes of its options before any connection: Netty's SslContext on the
 * JDK provider (tcl-tls's SSL_CTX), and the verifier that applies {@code -request},
 * {@code -require} and {@code -command}. A TLS server builds one for all its connections;
 * {@code -model} shares one between channels.
 *
 * <p>As in tcl-tls: the certificate file may hold the key too ({@code -keyfile} defaults to
 * {@code -certfile}); an encrypted key is opened with what {@code -password} (else
 * {@code tls::password}, if defined) returns; a {@code -cafile} or {@code -cadir} that cannot be
 * read leaves the default trusted certificates (OpenSSL's fallback). Unlike Netty's defaults and as
 * tcl-tls does, host names are not checked against the certificate and the handshake has no
 * time limit.
 */
final class TlsContext {
    final SslContext ssl;
    final TlsVerifier verifier;
    final TlsOptions options;

    private TlsContext(SslContext ssl, TlsVerifier verifier, TlsOptions options) {
        this.ssl = ssl;
        this.verifier = verifier;
        this.options = options;
    }

    /** The JDK's trusted certificates, read once (loading cacerts takes tens of milliseconds). */
    private static final class DefaultTrust {
        static final X509TrustManager PKIX = pkix(null);
    }

    /**
     * Contexts already built, by everything they were built from (the options, and the path, size
     * and time of every file they read): making a JDK SSLContext costs milliseconds, and a client
     * that opens many connections asks for the same one each time. A changed file makes a new
     * one. The cache is small and simply emptied when full.
     */
    private static final java.util.Map<String, TlsContext> CACHE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHE_SIZE = 64;

    static TlsContext build(Interp interp, TlsOptions o) throws TclException {
        String key = cacheKey(o);
        TlsContext c = key == null ? null : CACHE.get(key);
        if (c != null) return c;
        c = create(interp, o);
        if (key != null) {
            if (CACHE.size() >= CACHE_SIZE) CACHE.clear();
            CACHE.put(key, c);
        }
        return c;
    }

    /** What a context depends on, or null when it must not be shared (an encrypted key's password script). */
    private static String cacheKey(TlsOptions o) throws TclException {
        if (o.password != null) return null;
        StringBuilder k = new StringBuilder();
        for (Object v : new Object[] {o.cipher, o.command, o.dhparams, o.request, o.require, o.server, o.ssl2, o.ssl3,
                o.tls1, o.tls11, o.tls12, o.tls13}) {
            k.append(v).append('\0');
        }
        k.append(o.cert == null ? "" : java.util.Arrays.hashCode(o.cert) + ":" + o.cert.length).append('\0');
        k.append(o.key == null ? "" : java.util.Arrays.hashCode(o.key) + ":" + o.key.length).append('\0');
        for (String f : new String[] {o.cafile, o.certfile, o.keyfile}) {
            if (f == null) {
                k.append("-\0");
                continue;
            }
            Path p = TclPath.resolve(f);
            k.append(p.toAbsolutePath());
            try {
                k.append('@').append(Files.getLastModifiedTime(p).toMillis()).append('/').append(Files.size(p));
            } catch (IOException e) {
                k.append("@missing");
            }
            k.append('\0');
        }
        if (o.cadir != null) {
            Path d = TclPath.resolve(o.cadir);
            k.append(d.toAbsolutePath());
            try {
                k.append('@').append(Files.getLastModifiedTime(d).toMillis());
            } catch (IOException e) {
                k.append("@missing");
            }
        }
        return k.toString();
    }

    private static TlsContext create(Interp interp, TlsOptions o) throws TclException {
        if (o.ssl2 || o.ssl3) throw TclException.error("protocol not supported");
        List<String> protocols = new ArrayList<>(4);
        if (o.tls1) protocols.add("TLSv1");
        if (o.tls11) protocols.add("TLSv1.1");
        if (o.tls12) protocols.add("TLSv1.2");
        if (o.tls13) protocols.add("TLSv1.3");
        if (protocols.isEmpty()) throw TclException.error("no valid protocol selected");
        if (o.dhparams != null) {
            if (!Files.isReadable(TclPath.resolve(o.dhparams))) throw TclException.error("Could not find DH parameters file");
            // the JDK takes DHE parameters from a process-wide security property only
            throw TclException.error("Could not read DH parameters from file: the JVM's TLS takes Diffie-Hellman "
                    + "parameters from the jdk.tls.server.defaultDHEParameters security property only");
        }

        PrivateKey key = null;
        List<X509Certificate> chain = null;
        Supplier<char[]> password = () -> password(interp, o);
        if (o.cert != null) {
            try {
                chain = PemFiles.certificates(o.cert);
            } catch (PemFiles.PemException e) {
                throw TclException.error("unable to set certificate: " + e.getMessage());
            }
        } else if (o.certfile != null) {
            try {
                chain = PemFiles.certificates(read(o.certfile));
            } catch (PemFiles.PemException | IOException e) {
                throw TclException.error("unable to set certificate file " + o.certfile + ": " + why(e));
            }
        }
        if (o.key != null) {
            try {
                key = PemFiles.der(o.key);
            } catch (PemFiles.PemException e) {
                throw TclException.error("unable to set public key: " + e.getMessage());
            }
        } else if (o.keyfile != null || o.certfile != null) {
            String f = o.keyfile != null ? o.keyfile : o.certfile;
            if (chain != null || o.keyfile != null) {
                try {
                    key = PemFiles.privateKey(read(f), password);
                } catch (PemFiles.PemException | IOException e) {
                    // tcl-tls words this one without a colon
                    throw TclException.error("unable to set public key file " + f + " " + why(e));
                }
            }
        }
        if (key != null && chain == null) {
            // a key without a certificate: OpenSSL checks it against nothing and goes on
            key = null;
        }
        if (key != null && !matches(key, chain.get(0))) {
            throw TclException.error("private key does not match the certificate public key");
        }

        X509TrustManager pkix = trust(o);
        TlsVerifier verifier = new TlsVerifier(pkix, o);
        try {
            SslContextBuilder b;
            if (o.server) {
                b = SslContextBuilder.forServer(keyManagers(key, chain))
                        .clientAuth(!o.verifyPeer() ? ClientAuth.NONE : o.requirePeer() ? ClientAuth.REQUIRE
                                : ClientAuth.OPTIONAL);
            } else {
                b = SslContextBuilder.forClient().endpointIdentificationAlgorithm(null);
                if (key != null) b.keyManager(keyManagers(key, chain));
            }
            b.sslProvider(SslProvider.JDK).trustManager(verifier).protocols(protocols);
            if (o.cipher != null) b.ciphers(TlsCiphers.select(o.cipher));
            return new TlsContext(b.build(), verifier, o);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw TclException.error("couldn't construct ssl session: " + e.getMessage());
        }
    }

    private static byte[] read(String file) throws IOException, TclException {
        return Files.readAllBytes(TclPath.resolve(file));
    }

    private static String why(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or directory";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof IOException) return "system lib";
        return e.getMessage();
    }

    /** The password for an encrypted key: the -password script's result, else tls::password's, else none. */
    private static char[] password(Interp interp, TlsOptions o) {
        try {
            TclObj r;
            if (o.password != null) r = interp.evalInFrame(interp.globalFrame(), TclObj.of(o.password));
            else if (interp.findCommand("::tls::password") != null) r = interp.eval("::tls::password");
            else return null;
            return r.toString().toCharArray();
        } catch (TclException e) {
            return null;
        }
    }

    /** Whether key is the private half of cert's public key: sign a few bytes and verify them. */
    private static boolean matches(PrivateKey key, X509Certificate cert) {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "RSASSA-PSS" -> null;
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        if (alg == null) return true;
        try {
            byte[] probe = "tclj".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            return v.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A key manager holding one key and its chain. With none (a server given no certificate) an
     * empty one: the handshake then fails as OpenSSL's does, with no shared cipher.
     */
    static KeyManagerFactory keyManagers(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException,
            IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "tclj".toCharArray();
        if (key != null) ks.setKeyEntry("tls", key, pw, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        return kmf;
    }

    /** The trusted certificates: -cafile and the files of -cadir, else (or if unreadable) the JDK's. */
    private static X509TrustManager trust(TlsOptions o) throws TclException {
        if (o.cafile == null && o.cadir == null) return DefaultTrust.PKIX;
        List<X509Certificate> cas = new ArrayList<>();
        if (o.cafile != null) {
            try {
                cas.addAll(PemFiles.certificates(read(o.cafile)));
            } catch (PemFiles.PemException | IOException e) {
                // unreadable: OpenSSL falls back to its default locations
            }
        }
        if (o.cadir != null) {
            Path dir = TclPath.resolve(o.cadir);
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path f : files) {
                        try {
                            if (Files.isRegularFile(f)) cas.addAll(PemFiles.certificates(Files.readAllBytes(f)));
                        } catch (PemFiles.PemException | IOException e) {
                            // not a certificate: OpenSSL's lookup would not find it either
                        }
                    }
                } catch (IOException e) {
                    // unreadable directory: as a missing one
                }
            }
        }
        if (cas.isEmpty()) return DefaultTrust.PKIX;
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : cas) ks.setCertificateEntry("ca" + i++, c);
            return pkix(ks);
        } catch (GeneralSecurityException | IOException e) {
            throw TclException.error("couldn't construct ssl session: " + e.getMessage());
        }
    }

    private static X509TrustManager pkix(KeyStore ks) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            for (TrustManager t : tmf.getTrustManagers()) if (t instanceof X509TrustManager x) return x;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PKIX trust manager", e);
        }
        throw new IllegalStateException("the JDK has no X.509 trust manager");
    }

    /** A context for TLS servers made from Java (TclServer): see {@link TlsSockets}. */
    static TlsContext ofServer(SslContext ssl) {
        TlsOptions o = new TlsOptions();
        o.server = true;
        o.request = false;
        return new TlsContext(ssl, null, o);
    }
}
