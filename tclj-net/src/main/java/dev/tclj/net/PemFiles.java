package dev.tclj.net;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads the certificate and key files tcl-tls users pass ({@code -certfile}, {@code -keyfile},
 * {@code -cafile}, {@code -cert}, {@code -key}) as OpenSSL writes them: PEM certificates (one or
 * a chain), and private keys in every PEM form OpenSSL produces: PKCS#8 ("PRIVATE KEY"), its
 * encrypted form ("ENCRYPTED PRIVATE KEY"), the traditional RSA and EC forms ("RSA PRIVATE KEY",
 * "EC PRIVATE KEY"), and those encrypted with OpenSSL's legacy Proc-Type/DEK-Info headers. A
 * file that is not PEM is read as DER.
 *
 * <p>The JDK reads PKCS#8 only, so the traditional forms are wrapped into PKCS#8 here (a few
 * bytes of DER around the key); the JDK's own classes do all the cryptography.
 */
public final class PemFiles {
    private PemFiles() {}

    /** A failure to read a file; the message is the reason, for "unable to set ... file F: reason". */
    public static final class PemException extends Exception {
        PemException(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);

    record Block(String type, List<String> headers, byte[] der) {}

    static List<Block> blocks(byte[] file) throws PemException {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        Matcher m = BLOCK.matcher(text);
        List<Block> l = new ArrayList<>();
        while (m.find()) {
            List<String> headers = new ArrayList<>(2);
            StringBuilder b64 = new StringBuilder();
            for (String line : m.group(2).split("\\r?\\n")) {
                if (line.indexOf(':') > 0) headers.add(line);
                else b64.append(line.trim());
            }
            try {
                l.add(new Block(m.group(1), headers, Base64.getMimeDecoder().decode(b64.toString())));
            } catch (IllegalArgumentException e) {
                throw new PemException("bad base64 decode");
            }
        }
        return l;
    }

    /** The certificates of a PEM file (or one DER certificate), in file order. */
    public static List<X509Certificate> certificates(byte[] file) throws PemException {
        List<X509Certificate> l = new ArrayList<>();
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            List<Block> blocks = blocks(file);
            if (blocks.isEmpty()) {
                l.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(file)));
                return l;
            }
            for (Block b : blocks) {
                if (!b.type().equals("CERTIFICATE") && !b.type().equals("X509 CERTIFICATE")
                        && !b.type().equals("TRUSTED CERTIFICATE")) {
                    continue;
                }
                l.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(b.der())));
            }
        } catch (CertificateException | RuntimeException e) {
            throw new PemException("no certificate in the file");
        }
        if (l.isEmpty()) throw new PemException("no start line");
        return l;
    }

    /**
     * The first private key of a PEM file (or a DER PKCS#8 or PKCS#1 key). password is asked for
     * only when the key is encrypted; it returns null when there is none to give.
     */
    public static PrivateKey privateKey(byte[] file, Supplier<char[]> password) throws PemException {
        List<Block> blocks = blocks(file);
        if (blocks.isEmpty()) return der(file);
        for (Block b : blocks) {
            switch (b.type()) {
                case "PRIVATE KEY" -> { return pkcs8(b.der()); }
                case "RSA PRIVATE KEY" -> { return pkcs8(rsaToPkcs8(legacyDecrypt(b, password))); }
                case "EC PRIVATE KEY" -> { return pkcs8(ecToPkcs8(legacyDecrypt(b, password))); }
                case "ENCRYPTED PRIVATE KEY" -> { return encryptedPkcs8(b.der(), password); }
                default -> { }
            }
        }
        throw new PemException("no start line");
    }

    /** A DER key: PKCS#8 first, then a PKCS#1 RSA key (tcl-tls's -key takes PKCS#1 DER). */
    static PrivateKey der(byte[] der) throws PemException {
        try {
            return pkcs8(der);
        } catch (PemException e) {
            return pkcs8(rsaToPkcs8(der));
        }
    }

    private static PrivateKey pkcs8(byte[] der) throws PemException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException | RuntimeException e) {
                // not this algorithm: the key's own OID decides, try the next
            }
        }
        throw new PemException("unsupported private key");
    }

    private static PrivateKey encryptedPkcs8(byte[] der, Supplier<char[]> password) throws PemException {
        char[] pw = password.get();
        if (pw == null) throw new PemException("bad password read");
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            SecretKeyFactory f = SecretKeyFactory.getInstance(info.getAlgName());
            Cipher c = Cipher.getInstance(info.getAlgName());
            c.init(Cipher.DECRYPT_MODE, f.generateSecret(new PBEKeySpec(pw)), info.getAlgParameters());
            return pkcs8(info.getKeySpec(c).getEncoded());
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            throw new PemException("bad decrypt");
        }
    }

    /** The DER of a traditional key, decrypted first when its headers say it is encrypted. */
    private static byte[] legacyDecrypt(Block b, Supplier<char[]> password) throws PemException {
        String dek = null;
        boolean encrypted = false;
        for (String h : b.headers()) {
            if (h.startsWith("Proc-Type:") && h.contains("ENCRYPTED")) encrypted = true;
            if (h.startsWith("DEK-Info:")) dek = h.substring(9).trim();
        }
        if (!encrypted) return b.der();
        if (dek == null || dek.indexOf(',') < 0) throw new PemException("not proc type");
        String algo = dek.substring(0, dek.indexOf(',')).toUpperCase(Locale.ROOT);
        byte[] iv = HexFormat.of().parseHex(dek.substring(dek.indexOf(',') + 1).trim());
        String transform;
        String keyAlg;
        int keyLen;
        switch (algo) {
            case "AES-128-CBC" -> { transform = "AES/CBC/PKCS5Padding"; keyAlg = "AES"; keyLen = 16; }
            case "AES-192-CBC" -> { transform = "AES/CBC/PKCS5Padding"; keyAlg = "AES"; keyLen = 24; }
            case "AES-256-CBC" -> { transform = "AES/CBC/PKCS5Padding"; keyAlg = "AES"; keyLen = 32; }
            case "DES-EDE3-CBC" -> { transform = "DESede/CBC/PKCS5Padding"; keyAlg = "DESede"; keyLen = 24; }
            default -> throw new PemException("unsupported encryption");
        }
        char[] pw = password.get();
        if (pw == null) throw new PemException("bad password read");
        try {
            // OpenSSL's EVP_BytesToKey with MD5, one round, the first 8 bytes of the IV as salt
            byte[] pass = new String(pw).getBytes(StandardCharsets.UTF_8);
            byte[] key = new byte[keyLen];
            byte[] prev = new byte[0];
            int have = 0;
            while (have < keyLen) {
                MessageDigest md5 = MessageDigest.getInstance("MD5");
                md5.update(prev);
                md5.update(pass);
                md5.update(iv, 0, 8);
                prev = md5.digest();
                int n = Math.min(prev.length, keyLen - have);
                System.arraycopy(prev, 0, key, have, n);
                have += n;
            }
            Cipher c = Cipher.getInstance(transform);
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, keyAlg), new IvParameterSpec(iv));
            return c.doFinal(b.der());
        } catch (GeneralSecurityException e) {
            throw new PemException("bad decrypt");
        }
    }

    // ---- DER: just enough to wrap a traditional key into PKCS#8 ----------------------------

    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** OID 1.2.840.10045.2.1 (id-ecPublicKey). */
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    /** PKCS#8 PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING pkcs1 }. */
    static byte[] rsaToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(tlv(0x04, pkcs1));
        return tlv(0x30, body.toByteArray());
    }

    /**
     * PKCS#8 of a SEC1 ECPrivateKey { version, key, [0] curve, [1] public key }: the curve's OID
     * moves into the algorithm identifier.
     */
    static byte[] ecToPkcs8(byte[] sec1) throws PemException {
        byte[] curve = null;
        try {
            int[] seq = header(sec1, 0);
            int p = seq[0];
            int end = seq[0] + seq[1];
            while (p < end) {
                int[] h = header(sec1, p);
                if ((sec1[p] & 0xff) == 0xa0) {
                    curve = java.util.Arrays.copyOfRange(sec1, h[0], h[0] + h[1]);
                }
                p = h[0] + h[1];
            }
        } catch (RuntimeException e) {
            throw new PemException("bad EC private key");
        }
        if (curve == null) throw new PemException("EC private key without its curve");
        ByteArrayOutputStream alg = new ByteArrayOutputStream();
        alg.writeBytes(EC_PUBLIC_KEY_OID);
        alg.writeBytes(curve);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(tlv(0x30, alg.toByteArray()));
        body.writeBytes(tlv(0x04, sec1));
        return tlv(0x30, body.toByteArray());
    }

    /** The content offset and length of the DER element at p. */
    private static int[] header(byte[] d, int p) {
        int len = d[p + 1] & 0xff;
        int off = p + 2;
        if (len >= 0x80) {
            int n = len & 0x7f;
            len = 0;
            for (int i = 0; i < n; i++) len = (len << 8) | (d[off + i] & 0xff);
            off += n;
        }
        return new int[] {off, len};
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(content.length + 6);
        o.write(tag);
        int n = content.length;
        if (n < 0x80) {
            o.write(n);
        } else if (n < 0x100) {
            o.write(0x81);
            o.write(n);
        } else if (n < 0x10000) {
            o.write(0x82);
            o.write(n >> 8);
            o.write(n);
        } else {
            o.write(0x83);
            o.write(n >> 16);
            o.write(n >> 8);
            o.write(n);
        }
        o.writeBytes(content);
        return o.toByteArray();
    }
}
