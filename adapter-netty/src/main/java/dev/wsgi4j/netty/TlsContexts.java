package dev.wsgi4j.netty;

import dev.wsgi4j.netty.http2.Http2Stack;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * Turns a {@link TlsConfig} into Netty's server {@link SslContext}, once per server, with the defaults SECURITY.md
 * "TLS" documents: TLS 1.2 and 1.3 only, the provider's default cipher suites, client certificates as configured.
 */
public final class TlsContexts {

    /** The protocols offered; TLS 1.0 and 1.1 are refused (RFC 8996). */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /**
     * Reads the files and builds the context. A file that is missing or holds no certificate or key, or a key that
     * does not fit the certificate, is an {@link IllegalArgumentException} whose message is one line naming it.
     */
    public static SslContext serverContext(TlsConfig tls) {
        return serverContext(tls, false);
    }

    /** As {@link #serverContext(TlsConfig)}; with {@code h2}, ALPN offers HTTP/2 before HTTP/1.1. */
    public static SslContext serverContext(TlsConfig tls, boolean h2) {
        X509Certificate[] chain = certificates(tls.certFile(), "certificate file");
        PrivateKey key;
        try {
            key = PemKeyReader.read(tls.keyFile());
        } catch (IOException e) {
            throw bad("key file", tls.keyFile(), e);
        }
        requireMatch(key, chain[0], tls);
        SslProvider provider = tls.provider().resolve();
        SslContextBuilder builder = SslContextBuilder.forServer(key, chain)
                .sslProvider(provider)
                .protocols(PROTOCOLS)
                .clientAuth(switch (tls.clientAuth()) {
                    case NONE -> ClientAuth.NONE;
                    case OPTIONAL -> ClientAuth.OPTIONAL;
                    case REQUIRED -> ClientAuth.REQUIRE;
                });
        if (h2) {
            builder.applicationProtocolConfig(Http2Stack.alpn());
        }
        if (tls.clientAuth() != ClientAuthMode.NONE) {
            builder.trustManager(certificates(tls.caFile(), "CA file"));
        }
        try {
            return builder.build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("certificate file " + tls.certFile() + " and key file "
                    + tls.keyFile() + " do not make a TLS context: " + oneLine(e), e);
        }
    }

    /** {@code openssl} or {@code jdk}: what {@link TlsProvider#resolve()} picks here, for logs and reports. */
    public static String providerName(TlsConfig tls) {
        return tls.provider().resolve().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Neither provider checks at build time that the key belongs to the certificate; a mismatch would otherwise
     * fail every handshake later. A signature made with the key must verify with the certificate's public key.
     */
    private static void requireMatch(PrivateKey key, X509Certificate leaf, TlsConfig tls) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return; // an unusual key type: left to the provider
        }
        byte[] probe = "wsgi4j key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(leaf.getPublicKey());
            verify.update(probe);
            if (verify.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's: a mismatch too
        }
        throw new IllegalArgumentException("key file " + tls.keyFile() + " does not hold the private key of the "
                + "first certificate in " + tls.certFile());
    }

    private static X509Certificate[] certificates(Path file, String what) {
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate[] certs = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            if (certs.length == 0) {
                throw new IOException("no PEM certificate in the file");
            }
            return certs;
        } catch (IOException | GeneralSecurityException e) {
            throw bad(what, file, e);
        }
    }

    private static IllegalArgumentException bad(String what, Path file, Exception e) {
        String reason = e instanceof java.nio.file.NoSuchFileException ? "no such file" : oneLine(e);
        return new IllegalArgumentException(what + " " + file + ": " + reason, e);
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
