package dev.tclj.net;

import java.net.Socket;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Decides whether the peer's certificate is accepted, as tcl-tls's verify callback does over
 * OpenSSL's verdict: the JDK's PKIX validation against the trusted certificates (-cafile and
 * -cadir, else the JDK's) gives the verdict and its reason in OpenSSL's words; then the
 * {@code -command} script, if any, is called with {@code verify chan depth cert status error}
 * for each certificate of the chain from the trusted root down to the peer's own (depth 0), and
 * what it returns is the verdict. Without a script the verdict stands only under
 * {@code -require}; otherwise every certificate is accepted (tcl-tls's default).
 *
 * <p>One verifier serves every connection of a context (a TLS server's); it finds the
 * connection's {@link TlsLayer} by its SSLEngine. The JDK runs these checks in the engine's
 * delegated tasks, which a layer with a script has run on its interpreter's thread.
 */
final class TlsVerifier extends X509ExtendedTrustManager {
    private final X509TrustManager pkix;
    private final TlsOptions options;
    private final Map<SSLEngine, TlsLayer> layers = new ConcurrentHashMap<>();

    TlsVerifier(X509TrustManager pkix, TlsOptions options) {
        this.pkix = pkix;
        this.options = options;
    }

    void attach(SSLEngine engine, TlsLayer layer) { layers.put(engine, layer); }

    void detach(SSLEngine engine) { layers.remove(engine); }

    private void check(X509Certificate[] chain, String authType, SSLEngine engine, boolean clientChain)
            throws CertificateException {
        // -request 0: OpenSSL's SSL_VERIFY_NONE, nothing is checked and no script is asked
        if (!options.verifyPeer()) return;
        String error = "";
        boolean ok = true;
        try {
            if (clientChain) pkix.checkClientTrusted(chain, authType);
            else pkix.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            ok = false;
            error = reason(e, chain);
        }
        TlsLayer layer = engine == null ? null : layers.get(engine);
        if (layer != null && layer.hasCommand()) {
            ok = askScript(layer, chain, ok, error);
        } else if (!options.requirePeer()) {
            ok = true;
        }
        if (!ok) throw new CertificateException(TlsErrors.VERIFY_FAILED);
    }

    /** The verify callbacks, root first; false as soon as one rejects its certificate. */
    private boolean askScript(TlsLayer layer, X509Certificate[] chain, boolean ok, String error) {
        if (!ok) {
            // accepted anyway: OpenSSL goes on checking, and calls again for the chain it has
            if (!layer.verify(0, chain[0], false, error)) return false;
            for (int depth = chain.length - 1; depth >= 0; depth--) {
                if (!layer.verify(depth, chain[depth], true, "")) return false;
            }
            return true;
        }
        List<X509Certificate> path = new ArrayList<>(List.of(chain));
        X509Certificate top = path.get(path.size() - 1);
        if (!top.getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
            for (X509Certificate a : pkix.getAcceptedIssuers()) {
                if (a.getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
                    path.add(a);
                    break;
                }
            }
        }
        for (int depth = path.size() - 1; depth >= 0; depth--) {
            if (!layer.verify(depth, path.get(depth), true, "")) return false;
        }
        return true;
    }

    /** OpenSSL's X509_verify_cert_error_string for why the JDK refused a chain. */
    static String reason(CertificateException e, X509Certificate[] chain) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) return "certificate has expired";
            if (t instanceof CertificateNotYetValidException) return "certificate is not yet valid";
            if (t instanceof CertPathValidatorException v) {
                switch (v.getReason().toString()) {
                    case "EXPIRED": return "certificate has expired";
                    case "NOT_YET_VALID": return "certificate is not yet valid";
                    case "REVOKED": return "certificate revoked";
                    case "INVALID_SIGNATURE": return "certificate signature failure";
                    default: break;
                }
            }
        }
        if (chain.length == 1 && chain[0].getSubjectX500Principal().equals(chain[0].getIssuerX500Principal())) {
            return "self-signed certificate";
        }
        if (chain[chain.length - 1].getSubjectX500Principal().equals(chain[chain.length - 1].getIssuerX500Principal())) {
            return "self-signed certificate in certificate chain";
        }
        return chain.length == 1 ? "unable to get local issuer certificate" : "unable to get issuer certificate";
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, authType, engine, true);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, authType, engine, false);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, authType, null, true);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, authType, null, false);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, null, true);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, null, false);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() { return pkix.getAcceptedIssuers(); }
}
