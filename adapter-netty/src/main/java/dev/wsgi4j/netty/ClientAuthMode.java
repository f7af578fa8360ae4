package dev.wsgi4j.netty;

/** Whether a TLS client must present a certificate ({@code --cert-reqs}); SECURITY.md "TLS" gives the default. */
public enum ClientAuthMode {
    /** No certificate is asked for. */
    NONE,
    /** A certificate is asked for; one that is sent must verify against the CA file, none is also accepted. */
    OPTIONAL,
    /** The handshake fails unless the client sends a certificate that verifies against the CA file. */
    REQUIRED
}
