package dev.wsgi4j.netty;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made at test time with Bouncy Castle: a root CA, an intermediate CA it signs, and leaf certificates
 * the intermediate signs, each written as PEM files a server or client is given.
 */
public final class TestPki {

    public enum KeyKind { RSA, EC }

    /** How a leaf's private key is written: PKCS#8, or the traditional PKCS#1 (RSA) / SEC1 (EC) form. */
    public enum KeyFormat { PKCS8, TRADITIONAL }

    public record Issued(X509Certificate certificate, KeyPair keys) {
    }

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    public final Issued root;
    public final Issued intermediate;

    public TestPki() throws Exception {
        root = issue("CN=wsgi4j test root", keys(KeyKind.RSA), null, true, null);
        intermediate = issue("CN=wsgi4j test intermediate", keys(KeyKind.RSA), root, true, null);
    }

    /** A leaf for {@code localhost} / 127.0.0.1, signed by the intermediate. */
    public Issued leaf(String subject, KeyKind kind) throws Exception {
        return issue(subject, keys(kind), intermediate, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    }

    public static Path writePem(Path file, Object... objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                pem.writeObject(o);
            }
        }
        return Files.writeString(file, text.toString());
    }

    public static Path writeKey(Path file, KeyPair keys, KeyFormat format) throws IOException {
        if (format == KeyFormat.PKCS8) {
            return writePem(file, new JcaPKCS8Generator(keys.getPrivate(), null));
        }
        // As `openssl pkey -traditional` writes them: PKCS#1 for RSA; SEC1 for EC, with the curve and public key.
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        if (keys.getPrivate().getAlgorithm().equals("RSA")) {
            return writePem(file, new PemObject("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive()
                    .getEncoded()));
        }
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        ECPrivateKey sec1 = new ECPrivateKey(256, inner.getKey(),
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData(),
                info.getPrivateKeyAlgorithm().getParameters());
        return writePem(file, new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
    }

    /** A client context that trusts only the root, and presents {@code client} when not null. */
    public SSLContext clientContext(Issued client, String... protocols) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", root.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (client != null) {
            KeyStore own = KeyStore.getInstance("PKCS12");
            own.load(null, null);
            own.setKeyEntry("client", client.keys().getPrivate(), new char[0],
                    new X509Certificate[] {client.certificate(), intermediate.certificate()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(own, new char[0]);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyPair keys(KeyKind kind) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(kind.name());
        if (kind == KeyKind.RSA) {
            generator.initialize(2048);
        } else {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        }
        return generator.generateKeyPair();
    }

    private static Issued issue(String subject, KeyPair keys, Issued issuer, boolean ca, GeneralNames names)
            throws Exception {
        Instant now = Instant.now();
        X500Name issuerName = new X500Name(issuer == null ? subject
                : issuer.certificate().getSubjectX500Principal().getName());
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(1, ChronoUnit.HOURS)),
                Date.from(now.plus(2, ChronoUnit.DAYS)), new X500Name(subject), keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        if (names != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, names);
        }
        KeyPair signer = issuer == null ? keys : issuer.keys();
        String algorithm = signer.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
        return new Issued(cert, keys);
    }
}
