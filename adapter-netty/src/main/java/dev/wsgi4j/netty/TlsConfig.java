package dev.wsgi4j.netty;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a server speaks TLS: where its certificate chain and key are, and whether clients must present certificates.
 * Only paths are kept, so the value stays small and immutable; {@link TlsContexts} reads the files once, at start.
 * A {@link ServerConfig} whose {@code tls} is null serves plain HTTP.
 *
 * @param certFile   PEM file with the server's certificate first, then any intermediates to send with it
 * @param keyFile    PEM file with the private key: PKCS#8, or traditional RSA (PKCS#1) or EC (SEC1), unencrypted
 * @param clientAuth whether client certificates are asked for
 * @param caFile     PEM file of the CAs that client certificates must chain to; required unless {@code clientAuth}
 *                   is {@link ClientAuthMode#NONE}, and then ignored
 * @param provider   which TLS implementation to use; {@link TlsProvider#AUTO} picks OpenSSL where it loads
 */
public record TlsConfig(Path certFile, Path keyFile, ClientAuthMode clientAuth, Path caFile, TlsProvider provider) {

    public TlsConfig {
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(provider, "provider");
        if (clientAuth != ClientAuthMode.NONE && caFile == null) {
            throw new IllegalArgumentException("client certificates (" + clientAuth.name().toLowerCase(
                    java.util.Locale.ROOT) + ") need a CA file to verify them against");
        }
    }

    /** A server certificate and key, no client certificates, the provider picked automatically. */
    public static TlsConfig of(Path certFile, Path keyFile) {
        return new TlsConfig(certFile, keyFile, ClientAuthMode.NONE, null, TlsProvider.AUTO);
    }

    public TlsConfig withClientAuth(ClientAuthMode mode, Path caFile) {
        return new TlsConfig(certFile, keyFile, mode, caFile, provider);
    }

    public TlsConfig withProvider(TlsProvider provider) {
        return new TlsConfig(certFile, keyFile, clientAuth, caFile, provider);
    }
}
