package dev.tclj.net;

import dev.tclj.Interp;
import dev.tclj.TclException;
import dev.tclj.TclObj;
import dev.tclj.event.BackgroundErrors;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateExecutor;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/**
 * One TLS layer on a TCP connection (what {@code tls::import} stacks on a channel): Netty's
 * SslHandler in the connection's pipeline, below the {@link TcpDriver} that reads and writes the
 * plaintext, and what tcl-tls keeps per channel: the handshake's state and outcome, the
 * {@code -command} callbacks, and the facts {@code tls::status} reports.
 *
 * <p>The handshake starts as soon as the layer is in place (a client sends its hello; a server
 * waits for one), where tcl-tls starts it at the first read, write or {@code tls::handshake}; the
 * outcome is the same, and a failure is reported where tcl-tls reports it.
 *
 * <p>Callbacks: OpenSSL calls tcl-tls's callbacks inside the handshake; here the handshake runs in
 * Netty's handlers, inside the loop's polls, where no Tcl code may run, so the callbacks run
 * through the driver's task queue (in the event loop, or inside a blocking read, write or
 * handshake on this channel). With a
 * {@code -command} the engine's delegated tasks, where the JDK checks certificates, run there too,
 * so that the {@code verify} callback's answer decides the handshake.
 */
final class TlsLayer {
    static final int RUNNING = 0, DONE = 1, FAILED = 2;

    final TlsContext context;
    final SslHandler handler;
    private final TcpDriver driver;
    private final Interp interp;
    /** Guarded by the driver's lock; the driver is signalled on every change. */
    volatile int state = RUNNING;
    /** Why the handshake failed, in OpenSSL's words. */
    volatile String failure;

    TlsLayer(Interp interp, TcpDriver driver, TlsContext context, String servername, ByteBufAllocator alloc)
            throws TclException {
        this.interp = interp;
        this.driver = driver;
        this.context = context;
        boolean script = context.options.command != null;
        Executor tasks = script ? driver.interpExecutor() : ImmediateExecutor.INSTANCE;
        handler = servername != null && !servername.isEmpty() ? context.ssl.newHandler(alloc, servername, -1, tasks)
                : context.ssl.newHandler(alloc, tasks);
        SSLEngine engine = handler.engine();
        // SNI carries host names only (RFC 6066): an empty name or an address sends none
        if (servername != null && !servername.isEmpty() && !io.netty.util.NetUtil.isValidIpV4Address(servername)
                && !io.netty.util.NetUtil.isValidIpV6Address(servername)) {
            try {
                SSLParameters p = engine.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName(servername)));
                engine.setSSLParameters(p);
            } catch (IllegalArgumentException e) {
                throw TclException.error("setting TLS host name extension failed");
            }
        }
        // tcl-tls waits for a handshake as long as the peer takes
        handler.setHandshakeTimeoutMillis(0);
        if (context.verifier != null) context.verifier.attach(engine, this);
        handler.handshakeFuture().addListener(this::handshakeEnded);
    }

    /** The layer is the script's to see (imported, or its accept command has run): tell -command. */
    void announce() { info("handshake", "start", "before SSL initialization"); }

    boolean hasCommand() { return context.options.command != null; }

    private boolean isServer() { return !handler.engine().getUseClientMode(); }

    private void handshakeEnded(Future<? super io.netty.channel.Channel> f) {
        String side = isServer() ? "accept" : "connect";
        // the callbacks are queued before the state changes, so that they have run when a
        // tls::handshake waiting for it returns
        if (f.isSuccess()) {
            info("handshake", "done", "SSL negotiation finished successfully");
            info(side, "exit", "SSL negotiation finished successfully");
            driver.tlsStateChanged(this, DONE, null);
        } else {
            String why = TlsErrors.reason(f.cause());
            String m = f.cause() == null ? null : f.cause().getMessage();
            if (m != null && m.startsWith("Received fatal alert: ")) {
                info("alert", "read", TlsErrors.alertDescription(m.substring("Received fatal alert: ".length())));
            } else if (TlsErrors.VERIFY_FAILED.equals(why)) {
                info("alert", "write", isServer() ? "bad certificate" : "unknown CA");
            }
            info(side, "exit", "error");
            callback("error", TclObj.of(why));
            driver.tlsStateChanged(this, FAILED, why);
        }
        if (context.verifier != null) context.verifier.detach(handler.engine());
    }

    // ======================================================================================
    // Callbacks (the interpreter's thread)
    // ======================================================================================

    private void info(String major, String minor, String message) {
        if (!hasCommand()) return;
        callback("info", TclObj.of(major), TclObj.of(minor), TclObj.of(message));
    }

    /** Queues "cmd kind chan args..." for the interpreter's thread; an error is a background error. */
    private void callback(String kind, TclObj... args) {
        // a channel the script has closed has nothing more to report (tcl-tls frees it with its callbacks)
        if (driver.isClosed()) return;
        if (!hasCommand()) {
            if (kind.equals("error")) {
                // tcl-tls without -command: reported on stderr, as its default does
                String msg = args[0].toString();
                driver.interpExecutor().execute(() -> System.err.println(
                        "SSL channel \"" + driver.channelName + "\": error: " + msg));
            }
            return;
        }
        driver.interpExecutor().execute(() -> {
            if (driver.isClosed() || interp.isDeleted()) return;
            try {
                run(kind, args);
            } catch (TclException e) {
                BackgroundErrors.report(interp, e);
            }
        });
    }

    private TclObj run(String kind, TclObj... args) throws TclException {
        TclObj[] words = new TclObj[args.length + 2];
        words[0] = TclObj.of(kind);
        words[1] = TclObj.of(driver.channelName);
        System.arraycopy(args, 0, words, 2, args.length);
        String script = context.options.command + " " + TclObj.ofList(words);
        return interp.evalInFrame(interp.globalFrame(), TclObj.of(script));
    }

    /**
     * The verify callback for one certificate (the interpreter's thread, inside the engine's
     * delegated task): its integer result decides; an empty one leaves ok as it is; an error
     * rejects the certificate and is reported in the background.
     */
    boolean verify(int depth, X509Certificate cert, boolean ok, String error) {
        if (driver.isClosed() || interp.isDeleted()) return false;
        try {
            TclObj r = run("verify", TclObj.of(depth), certificateInfo(cert), TclObj.of(ok ? 1 : 0), TclObj.of(error));
            if (r.toString().isEmpty()) return ok;
            return r.asLong() != 0;
        } catch (TclException e) {
            BackgroundErrors.report(interp, e);
            return false;
        }
    }

    // ======================================================================================
    // tls::status
    // ======================================================================================

    /** tls::status: the certificate's facts (the peer's, or ours with local), then the session's. */
    TclObj status(boolean local) {
        if (state != DONE) return TclObj.EMPTY;
        SSLSession s = handler.engine().getSession();
        List<TclObj> l = new ArrayList<>(20);
        Certificate[] certs;
        try {
            certs = local ? s.getLocalCertificates() : s.getPeerCertificates();
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            certs = null;
        }
        if (certs != null && certs.length > 0 && certs[0] instanceof X509Certificate x) {
            l.addAll(certificateFields(x));
        }
        String suite = s.getCipherSuite();
        l.add(TclObj.of("sbits"));
        l.add(TclObj.of(TlsCiphers.bits(suite)));
        l.add(TclObj.of("cipher"));
        l.add(TclObj.of(TlsCiphers.openSsl(suite)));
        l.add(TclObj.of("version"));
        l.add(TclObj.of(s.getProtocol()));
        return TclObj.ofList(l.toArray(new TclObj[0]));
    }

    private static final Map<String, String> OPENSSL_NAMES = Map.of(
            "1.2.840.113549.1.9.1", "emailAddress",
            "2.5.4.5", "serialNumber",
            "2.5.4.4", "SN",
            "2.5.4.42", "GN",
            "2.5.4.12", "title",
            "2.5.4.46", "dnQualifier",
            "2.5.4.65", "pseudonym",
            "2.5.4.43", "initials",
            "2.5.4.17", "postalCode");

    /** The key/value list tcl-tls makes of a certificate (tls::status, the verify callback). */
    static TclObj certificateInfo(X509Certificate c) {
        return TclObj.ofList(certificateFields(c).toArray(new TclObj[0]));
    }

    private static List<TclObj> certificateFields(X509Certificate c) {
        List<TclObj> l = new ArrayList<>(14);
        byte[] der;
        try {
            der = c.getEncoded();
        } catch (CertificateEncodingException e) {
            der = new byte[0];
        }
        pair(l, "sha1_hash", sha1(der));
        pair(l, "subject", name(c.getSubjectX500Principal()));
        pair(l, "issuer", name(c.getIssuerX500Principal()));
        pair(l, "notBefore", date(c.getNotBefore()));
        pair(l, "notAfter", date(c.getNotAfter()));
        pair(l, "serial", serial(c.getSerialNumber()));
        pair(l, "certificate", pem(der));
        return l;
    }

    private static void pair(List<TclObj> l, String k, String v) {
        l.add(TclObj.of(k));
        l.add(TclObj.of(v));
    }

    /** X509_NAME_print_ex with RFC 2253 flags: most specific part last, OpenSSL's short names. */
    static String name(X500Principal p) { return p.getName(X500Principal.RFC2253, OPENSSL_NAMES); }

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    /** ASN1_TIME_print's form: "Nov  2 11:09:34 2026 GMT". */
    static String date(java.util.Date d) {
        ZonedDateTime t = d.toInstant().atZone(ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%s %2d %02d:%02d:%02d %d GMT", MONTHS[t.getMonthValue() - 1],
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getYear());
    }

    /** BN_bn2hex: upper-case hex, whole bytes. */
    static String serial(BigInteger n) {
        String h = n.toString(16).toUpperCase(Locale.ROOT);
        return h.length() % 2 == 1 ? "0" + h : h;
    }

    private static String sha1(byte[] der) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(byte[] der) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    }
}
