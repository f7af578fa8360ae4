package dev.wsgi4j;

import java.io.IOException;
import java.util.List;

/**
 * {@code environ["wsgi.early_hints"]}: sends a {@code 103 Early Hints} informational response (RFC 8297) ahead of
 * the real one, so that a browser can start fetching what the page will need ({@code Link: </style.css>;
 * rel=preload; as=style}) while the application still works on it. The name and call shape are gunicorn's: a
 * callable taking a list of headers, which may be called several times before the response's head goes out and
 * does nothing after it. A server that cannot send one (HTTP/1.0, the uwsgi protocol, the in-process TestClient,
 * which records them instead) makes it a no-op, so an application may always call it; SPEC.md §3.8.
 *
 * <pre>{@code
 * Environ.earlyHints(environ).send(List.of(Header.of("Link", "</style.css>; rel=preload; as=style")));
 * }</pre>
 */
@FunctionalInterface
public interface EarlyHints {

    /** Does nothing: what {@link Environ#earlyHints} gives when the server offers no early hints. */
    EarlyHints NONE = headers -> {
    };

    /**
     * Sends {@code headers} in a 103 response now, unless the response has started.
     *
     * @throws IllegalArgumentException when a header breaks SPEC.md §4.2 (a name that is no token, a control
     *                                  character in a value, a hop-by-hop header)
     * @throws IOException              when the client has gone
     */
    void send(List<Header> headers) throws IOException;
}
