package dev.wsgi4j.gateway;

import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.Map;

/**
 * One request as the {@link EnvironBuilder} reads it, whatever carried it: the Netty server implements it over its
 * decoded request, the test client over a {@code TestRequest}. Implementations hand out what they already hold; the
 * header lines in particular are iterated in place, never copied per request.
 */
public interface RequestHead {

    /** The method token, case kept. */
    String method();

    /** The request-target exactly as received: origin-form, absolute-form or {@code *}. */
    String target();

    /** {@code HTTP/1.0} or {@code HTTP/1.1}. */
    String protocol();

    /** How many header lines {@link #headerLines()} yields, so the environ is sized once. */
    int headerCount();

    /**
     * Every header line in the order received (repeats included), names and values as received, one char per
     * byte; framing lines may be among them (the builder leaves them out). A fresh iterator on each call.
     */
    Iterator<Map.Entry<CharSequence, CharSequence>> headerLines();

    /** The address the request arrived at, or null when not an IP socket (SERVER_NAME then falls back further). */
    InetSocketAddress localAddress();

    /** The peer's address, or null when unknown (REMOTE_ADDR and REMOTE_PORT are then left out). */
    InetSocketAddress remoteAddress();

    /**
     * The TCP peer itself, when {@link #remoteAddress()} is a client a proxy named at the connection's start (the
     * PROXY protocol); by default the same. Decides, like the remote address, nothing by itself: the environ shows
     * it as {@code wsgi4j.peer_addr} when REMOTE_ADDR is someone else (SPEC.md §3.9).
     */
    default InetSocketAddress peerAddress() {
        return remoteAddress();
    }

    /**
     * True when the peer connected over a Unix domain socket, so has no IP address: a process on this host, such as
     * a proxy, that the socket file's permissions let in. Such a peer is trusted like a listed proxy unless the
     * server trusts nobody ({@link ProxyTrust#trustsLocalSockets()}, SPEC.md §3.9). False by default.
     */
    default boolean localSocketPeer() {
        return false;
    }

    /** {@code http} or {@code https}. */
    String urlScheme();

    /**
     * The exact length of the body {@code wsgi.input} holds, after any transfer coding is removed (SPEC.md §3.3),
     * or -1 when the request declared no body at all (neither Content-Length nor Transfer-Encoding).
     */
    long contentLength();

    /**
     * What the server knows about the connection beyond HTTP, as {@code wsgi4j.}-prefixed environ keys added last
     * (SPEC.md §3.8), such as a verified TLS client's subject. Empty by default; transport-specific
     * types stay on the server's side, only the values it chooses reach the environ.
     */
    default Map<String, Object> serverKeys() {
        return Map.of();
    }
}
