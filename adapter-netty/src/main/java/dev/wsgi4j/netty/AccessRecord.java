package dev.wsgi4j.netty;

import dev.wsgi4j.Header;
import io.netty.handler.codec.http.HttpHeaders;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * What one response's access-log line is made of, captured on the event loop and formatted later on the writer's
 * thread. Request fields are null for a request the server refused before it was decoded.
 *
 * @param peer            the connection's remote address
 * @param startMillis     wall-clock time the request was taken up, in epoch milliseconds
 * @param method          request method, or null
 * @param uri             request target as sent, or null
 * @param protocol        {@code HTTP/1.1} and the like, or null
 * @param requestHeaders  the request's headers, or null
 * @param status          response status code
 * @param responseHeaders the response's headers as the application (or the server) gave them
 * @param bodyBytes       bytes of response body sent (not counting head and chunk framing)
 * @param durationNanos   from the request taken up to its last write
 * @param mount           the prefix of the mount that served it ({@code ""} for the root), or null when no mount
 *                        did: a request refused before dispatch, a path the server answers itself, a 404 where
 *                        nothing is mounted (SPEC.md §6.10)
 */
record AccessRecord(SocketAddress peer, long startMillis, String method, String uri, String protocol,
                    HttpHeaders requestHeaders, int status, List<Header> responseHeaders, long bodyBytes,
                    long durationNanos, String mount) {

    /** A record of a response no mount served. */
    AccessRecord(SocketAddress peer, long startMillis, String method, String uri, String protocol,
                 HttpHeaders requestHeaders, int status, List<Header> responseHeaders, long bodyBytes,
                 long durationNanos) {
        this(peer, startMillis, method, uri, protocol, requestHeaders, status, responseHeaders, bodyBytes,
                durationNanos, null);
    }

    /** The peer's address without port, as {@code %(h)s} shows it. */
    String host() {
        if (peer instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return peer == null ? null : peer.toString();
    }

    String requestHeader(String name) {
        return requestHeaders == null ? null : requestHeaders.get(name);
    }

    String responseHeader(String name) {
        for (Header h : responseHeaders) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }
}
