package dev.wsgi4j.gateway;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Which peers may speak for their clients through forwarding headers (SPEC.md §3.9), as the server was told: the
 * {@link EnvironBuilder} asks it before it lets {@code X-Forwarded-*} or {@code Forwarded} change the environ. The
 * server implements it over its own address matcher; core only walks the headers.
 */
public interface ProxyTrust {

    /** Trusts nobody: every forwarding header reaches the application untouched, as an {@code HTTP_*} key. */
    ProxyTrust NOBODY = new ProxyTrust() {
        @Override
        public boolean trusts(InetAddress peer) {
            return false;
        }

        @Override
        public InetAddress literal(String text) {
            return null;
        }
    };

    /** Whether a request from {@code peer} may set REMOTE_ADDR, the scheme, the host and SCRIPT_NAME. */
    boolean trusts(InetAddress peer);

    /**
     * Whether the peer of a request is trusted: {@code peer}'s address, or for a peer on a Unix domain socket
     * ({@code localSocket}), {@link #trustsLocalSockets()}. An unknown or unresolved address is not trusted.
     */
    default boolean trustsPeer(InetSocketAddress peer, boolean localSocket) {
        return localSocket ? trustsLocalSockets() : peer != null && !peer.isUnresolved() && trusts(peer.getAddress());
    }

    /**
     * Whether a peer on a Unix domain socket ({@link RequestHead#localSocketPeer()}) is trusted: it has no address
     * to match, and the socket file's permissions already chose who may connect. gunicorn trusts such peers always;
     * false by default here, so that only a server that says so does.
     */
    default boolean trustsLocalSockets() {
        return false;
    }

    /**
     * The address {@code text} spells when it is an IPv4 or (unbracketed) IPv6 literal, else null. Never looks a
     * name up: a header value must not make the server query DNS.
     */
    InetAddress literal(String text);
}
