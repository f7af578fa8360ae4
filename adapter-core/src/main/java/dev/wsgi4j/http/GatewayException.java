package dev.wsgi4j.http;

import dev.wsgi4j.Header;
import dev.wsgi4j.gateway.HeaderRules;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A request the gateway or a helper cannot serve, with the HTTP status a server should answer it with.
 * Helpers throw the subclasses; servers map {@link #status()} to a response instead of a 500. An application may
 * throw one too, as Flask's {@code abort()}: before its headers went out it answers with this status, the message
 * as a text body and the {@link #headers()} given here, e.g.
 * {@code throw new GatewayException(401, "log in first", List.of(Header.of("WWW-Authenticate", "Basic")))}.
 */
public class GatewayException extends RuntimeException {

    /** Set by the answer itself: an exception's headers may not replace them. */
    private static final Set<String> RESERVED = Set.of("content-length", "content-type");

    private final int status;
    private final List<Header> headers;

    public GatewayException(int status, String message) {
        this(status, message, List.of());
    }

    public GatewayException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.headers = List.of();
    }

    /**
     * @param headers added to the answer (Allow, WWW-Authenticate, Retry-After, ...)
     * @throws IllegalArgumentException for a header that breaks SPEC.md §4.2, or Content-Length / Content-Type,
     *                                  which the answer sets itself
     */
    public GatewayException(int status, String message, List<Header> headers) {
        super(message);
        this.status = status;
        HeaderRules.check(headers);
        for (Header h : headers) {
            if (RESERVED.contains(h.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(h.name() + " is set by the error answer itself");
            }
        }
        this.headers = List.copyOf(headers);
    }

    public int status() {
        return status;
    }

    /** Headers for the answer besides Content-Type and Content-Length; empty unless given. */
    public List<Header> headers() {
        return headers;
    }
}
