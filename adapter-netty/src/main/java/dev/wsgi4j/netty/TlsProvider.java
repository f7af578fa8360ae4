package dev.wsgi4j.netty;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/** The TLS implementation a server uses: OpenSSL (BoringSSL through netty-tcnative) or the JDK's own. */
public enum TlsProvider {
    /** OpenSSL where its native library loads on this machine, else the JDK. */
    AUTO,
    OPENSSL,
    JDK;

    /** The Netty provider this choice means here; asking for OpenSSL where it does not load is an error. */
    SslProvider resolve() {
        return switch (this) {
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            case OPENSSL -> {
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalStateException("OpenSSL is not available: " + OpenSsl.unavailabilityCause());
                }
                yield SslProvider.OPENSSL;
            }
            case JDK -> SslProvider.JDK;
        };
    }
}
