package dev.tclj.net;

import dev.tclj.Interp;
import dev.tclj.TclException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tls package as an embedding program sees it: {@code package require tls} in a normal and a
 * safe interpreter; a TLS server socket made from Java ({@link TlsSockets}, for TclServer) that a
 * plain JDK TLS client talks to; the key forms PemFiles converts; the OpenSSL cipher names. The
 * certificate is made by the test with the JDK's keytool.
 */
class TlsTest {

    @Test
    void packageRequireLoadsTheStaticPackage() throws TclException {
        Interp interp = new Interp();
        assertThat(interp.eval("package require tls").toString()).isEqualTo("1.7.22");
        assertThat(interp.eval("info commands ::tls::handshake").toString()).isEqualTo("::tls::handshake");
        Interp safe = new Interp(true);
        assertThatThrownBy(() -> safe.eval("package require tls")).isInstanceOf(TclException.class);
    }

    /** A key pair and self-signed certificate made by keytool, in a PKCS#12 store. */
    private static KeyStore keytoolStore(Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost,O=tclj tests", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks;
    }

    @Test
    void aJavaMadeTlsServerAnswersAJdkClient(@TempDir Path dir) throws Exception {
        KeyStore ks = keytoolStore(dir);
        PrivateKey key = (PrivateKey) ks.getKey("server", "changeit".toCharArray());
        X509Certificate cert = (X509Certificate) ks.getCertificate("server");
        SslContext ctx = SslContextBuilder.forServer(key, cert).sslProvider(SslProvider.JDK).build();

        Interp interp = new Interp();
        interp.eval("""
                package require tls
                proc accept {c a p} {
                    fconfigure $c -buffering line -blocking 0
                    fileevent $c readable [list serve $c]
                }
                proc serve {c} {
                    if {[gets $c line] < 0} { if {[eof $c]} { close $c; set ::done eof }; return }
                    puts $c "echo $line"
                    set ::done [dict get [tls::status -local $c] subject]
                }
                """);
        String server = TlsSockets.listen(interp, "accept", "127.0.0.1", 0, ctx);
        int port = Integer.parseInt(interp.eval("lindex [fconfigure " + server + " -sockname] 2").toString());

        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", cert);
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
            try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                out.write("hello\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            } catch (Exception e) {
                return "failed: " + e;
            }
        });
        String subject = interp.eval("after 10000 {set ::done timeout}; vwait ::done; set ::done").toString();
        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("echo hello");
        // keytool takes the name in RFC 2253 order, most specific part first, as it is printed
        assertThat(subject).isEqualTo("CN=localhost,O=tclj tests");
        interp.eval("close " + server);
    }

    @Test
    void pemFilesReadTraditionalRsaKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        byte[] pkcs8 = kp.getPrivate().getEncoded();
        // the PKCS#1 key is the content of PKCS#8's last element, an OCTET STRING
        byte[] pkcs1 = lastOctetString(pkcs8);
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";
        PrivateKey read = PemFiles.privateKey(pem.getBytes(StandardCharsets.US_ASCII), () -> null);
        assertThat(read.getEncoded()).isEqualTo(pkcs8);
        // tcl-tls's -key takes the same key as DER
        assertThat(PemFiles.der(pkcs1).getEncoded()).isEqualTo(pkcs8);
    }

    private static byte[] lastOctetString(byte[] der) {
        // PrivateKeyInfo: SEQUENCE { INTEGER, SEQUENCE, OCTET STRING }
        int p = 1;
        p += (der[p] & 0x80) != 0 ? 1 + (der[p] & 0x7f) : 1;
        for (int i = 0; i < 2; i++) {
            p = skip(der, p);
        }
        int len = der[p + 1] & 0xff;
        int off = p + 2;
        if (len >= 0x80) {
            int n = len & 0x7f;
            len = 0;
            for (int i = 0; i < n; i++) len = (len << 8) | (der[off + i] & 0xff);
            off += n;
        }
        return Arrays.copyOfRange(der, off, off + len);
    }

    private static int skip(byte[] der, int p) {
        int len = der[p + 1] & 0xff;
        int off = p + 2;
        if (len >= 0x80) {
            int n = len & 0x7f;
            len = 0;
            for (int i = 0; i < n; i++) len = (len << 8) | (der[off + i] & 0xff);
            off += n;
        }
        return off + len;
    }

    @Test
    void cipherNamesAreOpenSsls() {
        assertThat(TlsCiphers.openSsl("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(TlsCiphers.openSsl("TLS_AES_128_GCM_SHA256")).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(TlsCiphers.select("ECDHE-RSA-AES128-GCM-SHA256"))
                .contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256")
                .doesNotContain("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        // as OpenSSL: a string that names no TLS 1.2 suite leaves TLS 1.3's
        assertThat(TlsCiphers.select("NOSUCH")).allMatch(TlsCiphers::isTls13);
        assertThat(TlsCiphers.select("DEFAULT:!ECDHE-RSA-AES128-GCM-SHA256"))
                .doesNotContain("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
                .contains("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    }

    @Test
    void statusFormsAreOpenSsls() {
        assertThat(TlsLayer.serial(java.math.BigInteger.valueOf(0xabc))).isEqualTo("0ABC");
        assertThat(TlsLayer.date(new java.util.Date(0))).isEqualTo("Jan  1 00:00:00 1970 GMT");
        assertThat(TlsLayer.name(new javax.security.auth.x500.X500Principal("CN=a,O=b,EMAILADDRESS=x@y")))
                .isEqualTo("CN=a,O=b,emailAddress=x@y");
    }
}
