package dev.tclj.net;

import io.netty.handler.ssl.CipherSuiteConverter;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Cipher suites in OpenSSL's terms, which is what tcl-tls scripts see and write: the JDK names
 * suites as IANA does (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), OpenSSL otherwise
 * (ECDHE-RSA-AES128-GCM-SHA256), and Netty's CipherSuiteConverter maps between the two. Also the
 * facts tls::status and {@code tls::ciphers ... verbose} report about a suite (key exchange,
 * authentication, cipher and its bits, MAC), read from the suite's IANA name.
 */
final class TlsCiphers {
    private TlsCiphers() {}

    /** The JDK's default TLS parameters: the suites and protocols a context enables unless told. */
    private static final class Defaults {
        static final SSLParameters PARAMS;
        static {
            try {
                PARAMS = SSLContext.getDefault().getDefaultSSLParameters();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no default TLS context", e);
            }
        }
    }

    /** The suites the JDK enables by default (IANA names), best first. */
    static List<String> enabled() { return Arrays.asList(Defaults.PARAMS.getCipherSuites()); }

    /** The protocols the JDK enables by default (TLSv1.2, TLSv1.3...). */
    static List<String> enabledProtocols() { return Arrays.asList(Defaults.PARAMS.getProtocols()); }

    static boolean isTls13(String iana) {
        return iana.startsWith("TLS_") && !iana.contains("_WITH_");
    }

    /** OpenSSL's name of a suite (TLS 1.3 suites keep the IANA name), or the IANA name if it has none. */
    static String openSsl(String iana) {
        if (isTls13(iana)) return iana;
        String o = CipherSuiteConverter.toOpenSsl(iana, false);
        return o == null ? iana : o;
    }

    /**
     * The TLS 1.2-and-earlier suites an OpenSSL cipher string selects, as SSL_CTX_set_cipher_list
     * reads it: names separated by colons, commas or spaces, in OpenSSL's or IANA's spelling;
     * "!name" and "-name" take a suite out; ALL, DEFAULT and HIGH stand for the JDK's default
     * list. Names that match nothing are passed over, as OpenSSL does; TLS 1.3 suites are not
     * governed by this string (OpenSSL sets them apart) and are always kept.
     */
    static List<String> select(String cipherString) {
        Set<String> chosen = new LinkedHashSet<>();
        Set<String> removed = new LinkedHashSet<>();
        List<String> all = enabled();
        for (String tok : cipherString.split("[:, ]+")) {
            if (tok.isEmpty()) continue;
            boolean remove = tok.charAt(0) == '!' || tok.charAt(0) == '-';
            String name = remove || tok.charAt(0) == '+' ? tok.substring(1) : tok;
            List<String> match = new ArrayList<>();
            switch (name.toUpperCase(Locale.ROOT)) {
                case "ALL", "DEFAULT", "HIGH" -> { for (String s : all) if (!isTls13(s)) match.add(s); }
                default -> {
                    for (String s : all) {
                        if (!isTls13(s) && (s.equals(name) || openSsl(s).equals(name))) match.add(s);
                    }
                }
            }
            if (remove) removed.addAll(match);
            else chosen.addAll(match);
        }
        chosen.removeAll(removed);
        List<String> l = new ArrayList<>();
        for (String s : all) if (isTls13(s)) l.add(s);
        l.addAll(chosen);
        return l;
    }

    /** The strength in bits of a suite's cipher (OpenSSL's SSL_CIPHER_get_bits), 0 when unknown. */
    static int bits(String iana) {
        if (iana.contains("CHACHA20")) return 256;
        if (iana.contains("AES_256") || iana.contains("ARIA_256") || iana.contains("CAMELLIA_256")) return 256;
        if (iana.contains("AES_128") || iana.contains("ARIA_128") || iana.contains("CAMELLIA_128")) return 128;
        if (iana.contains("3DES")) return 112;
        if (iana.contains("_NULL_")) return 0;
        return 0;
    }

    /** A line as {@code tls::ciphers proto 1} gives it (OpenSSL's SSL_CIPHER_description). */
    static String description(String iana) {
        String kx, au, version;
        if (isTls13(iana)) {
            kx = "any";
            au = "any";
            version = "TLSv1.3";
        } else {
            String head = iana.substring(4, iana.indexOf("_WITH_"));
            kx = head.startsWith("ECDHE") ? "ECDH" : head.startsWith("DHE") ? "DH" : head.startsWith("RSA") ? "RSA" : head;
            au = head.endsWith("ECDSA") ? "ECDSA" : head.endsWith("RSA") ? "RSA" : head.endsWith("DSS") ? "DSS" : head;
            version = iana.endsWith("_SHA") ? "SSLv3" : "TLSv1.2";
        }
        String enc;
        int bits = bits(iana);
        if (iana.contains("CHACHA20")) enc = "CHACHA20/POLY1305(256)";
        else if (iana.contains("AES") && iana.contains("GCM")) enc = "AESGCM(" + bits + ")";
        else if (iana.contains("AES") && iana.contains("CCM")) enc = "AESCCM(" + bits + ")";
        else if (iana.contains("AES")) enc = "AES(" + bits + ")";
        else if (iana.contains("3DES")) enc = "3DES(168)";
        else enc = "None";
        String mac;
        if (iana.contains("GCM") || iana.contains("CHACHA20") || iana.contains("CCM")) mac = "AEAD";
        else if (iana.endsWith("SHA384")) mac = "SHA384";
        else if (iana.endsWith("SHA256")) mac = "SHA256";
        else mac = "SHA1";
        return String.format(Locale.ROOT, "%-30s %-7s Kx=%-8s Au=%-5s Enc=%-22s Mac=%s", openSsl(iana), version, kx, au, enc,
                mac);
    }
}
