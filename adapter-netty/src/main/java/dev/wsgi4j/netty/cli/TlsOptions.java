package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.ClientAuthMode;
import dev.wsgi4j.netty.TlsConfig;
import dev.wsgi4j.netty.TlsContexts;
import dev.wsgi4j.netty.TlsProvider;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The HTTPS options of {@code wsgi4j-server}, named as gunicorn names them; a mixin of {@link ServerOptions}, mapped
 * to {@link dev.wsgi4j.netty.ServerConfig#tls()} by {@link #toConfig()}.
 */
public final class TlsOptions {

    @Option(names = "--certfile", paramLabel = "FILE",
            description = "Serve HTTPS with this PEM certificate, followed by any intermediates to send with it "
                    + "(with --keyfile).")
    Path certFile;

    @Option(names = "--keyfile", paramLabel = "FILE",
            description = "The certificate's PEM private key: PKCS#8, or traditional RSA or EC; unencrypted.")
    Path keyFile;

    @Option(names = "--cert-reqs", paramLabel = "none|optional|required", defaultValue = "none",
            description = "Whether clients must present a certificate that verifies against --ca-certs "
                    + "(default: ${DEFAULT-VALUE}).")
    String certReqs;

    @Option(names = "--ca-certs", paramLabel = "FILE",
            description = "PEM file of the CAs client certificates must chain to (with --cert-reqs).")
    Path caCerts;

    /**
     * The TLS settings, or null when neither file is given. The files are read here, so that a missing file or a
     * bad key is a usage error (one line, status 2) before anything starts.
     *
     * @throws IllegalArgumentException naming the option or file at fault
     */
    TlsConfig toConfig() {
        ClientAuthMode mode = clientAuth(certReqs);
        if (certFile == null && keyFile == null) {
            if (mode != ClientAuthMode.NONE || caCerts != null) {
                throw new IllegalArgumentException("--cert-reqs and --ca-certs need --certfile and --keyfile");
            }
            return null;
        }
        if (certFile == null || keyFile == null) {
            throw new IllegalArgumentException("--certfile and --keyfile go together: give both");
        }
        if (mode != ClientAuthMode.NONE && caCerts == null) {
            throw new IllegalArgumentException("--cert-reqs " + certReqs + " needs --ca-certs");
        }
        TlsConfig tls = new TlsConfig(certFile, keyFile, mode, mode == ClientAuthMode.NONE ? null : caCerts,
                TlsProvider.AUTO);
        TlsContexts.serverContext(tls);
        return tls;
    }

    /** What {@code --check-config} prints for {@code tls}. */
    static String describe(TlsConfig tls) {
        if (tls == null) {
            return "off (plain HTTP)";
        }
        return "on, " + TlsContexts.providerName(tls) + ", certfile: " + tls.certFile() + ", keyfile: "
                + tls.keyFile() + ", cert-reqs: " + tls.clientAuth().name().toLowerCase(Locale.ROOT)
                + (tls.caFile() == null ? "" : ", ca-certs: " + tls.caFile());
    }

    private static ClientAuthMode clientAuth(String text) {
        for (ClientAuthMode mode : ClientAuthMode.values()) {
            if (mode.name().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--cert-reqs: '" + text + "' is not none, optional or required");
    }
}
