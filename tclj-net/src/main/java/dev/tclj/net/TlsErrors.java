package dev.tclj.net;

import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Why a TLS handshake failed, in OpenSSL's words (ERR_reason_error_string), which is what
 * tcl-tls reports ("handshake failed: certificate verify failed") and passes to the
 * {@code error} callback. The JDK words its SSLExceptions otherwise; the common failures are
 * recognised here and the rest keep the JDK's message.
 */
final class TlsErrors {
    private TlsErrors() {}

    static final String VERIFY_FAILED = "certificate verify failed";

    static String reason(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.security.cert.CertificateException
                    && VERIFY_FAILED.equals(c.getMessage())) {
                return VERIFY_FAILED;
            }
        }
        SSLException ssl = null;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException s) {
                ssl = s;
                break;
            }
        }
        if (ssl == null) {
            return t instanceof java.nio.channels.ClosedChannelException ? SocketErrors.ECONNRESET.message
                    : SocketErrors.of(t).message;
        }
        String m = ssl.getMessage() == null ? "" : ssl.getMessage();
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.startsWith("received fatal alert: ")) return alert(m.substring("received fatal alert: ".length()));
        if (lower.contains("empty client certificate chain") || lower.contains("empty server certificate chain")) {
            return "peer did not return a certificate";
        }
        if (lower.contains("no cipher suites in common")) return "no shared cipher";
        if (lower.contains("no appropriate protocol") || lower.contains("protocol is disabled")) {
            return "no protocols available";
        }
        if (lower.contains("client requested protocol") || lower.contains("the client supported protocol versions")
                || lower.contains("server chose") || lower.contains("unsupported protocol")) {
            return "unsupported protocol";
        }
        if (lower.contains("unsupported or unrecognized ssl message") || lower.contains("plaintext connection")) {
            return "wrong version number";
        }
        if (lower.contains("certificate_required") || lower.contains("certificate required")) {
            return "tlsv13 alert certificate required";
        }
        for (Throwable c = ssl; c != null; c = c.getCause()) {
            if (c instanceof java.security.cert.CertificateException) return VERIFY_FAILED;
        }
        return m;
    }

    /** OpenSSL's reason for an alert the peer sent (SSL_R_SSLV3_ALERT_..., SSL_R_TLSV1_ALERT_...). */
    static String alert(String name) {
        String words = name.replace('_', ' ');
        return switch (name) {
            case "unexpected_message", "bad_record_mac", "decompression_failure", "handshake_failure", "no_certificate",
                    "bad_certificate", "unsupported_certificate", "certificate_revoked", "certificate_expired",
                    "certificate_unknown", "illegal_parameter" -> "sslv3 alert " + words;
            case "certificate_required" -> "tlsv13 alert certificate required";
            case "unknown_ca" -> "tlsv1 alert unknown ca";
            default -> "tlsv1 alert " + words;
        };
    }

    /** OpenSSL's description of an alert (SSL_alert_desc_string_long), for the info callback. */
    static String alertDescription(String name) {
        return switch (name) {
            case "unknown_ca" -> "unknown CA";
            default -> name.replace('_', ' ');
        };
    }
}
