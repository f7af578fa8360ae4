package dev.wsgi4j.netty;

import dev.wsgi4j.gateway.RequestHead;
import dev.wsgi4j.netty.proxy.TrustedProxies;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Iterator;
import java.util.Map;

/**
 * A decoded Netty request, after the body stage, as the shared {@link dev.wsgi4j.gateway.EnvironBuilder} reads it.
 * Nothing is copied: the header lines are Netty's own entries, iterated in place. Public so that the environ
 * benchmark measures exactly what the server runs.
 */
public final class NettyRequestHead implements RequestHead {

    private final HttpRequest request;
    private final long bodyLength;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final boolean localSocketPeer;
    private final InetSocketAddress peer;
    private final String urlScheme;
    private final Map<String, Object> serverKeys;

    /**
     * @param bodyLength the exact length of the body the body stage read (chunked framing already removed)
     * @param local      the channel's local address; anything but an IP socket address counts as unknown
     * @param remote     the channel's remote address, likewise
     */
    public NettyRequestHead(HttpRequest request, long bodyLength, SocketAddress local, SocketAddress remote,
            String urlScheme) {
        this(request, bodyLength, local, remote, urlScheme, Map.of());
    }

    /** @param serverKeys the connection's {@code wsgi4j.*} keys, such as {@code TlsSessionStage.environKeys} */
    public NettyRequestHead(HttpRequest request, long bodyLength, SocketAddress local, SocketAddress remote,
            String urlScheme, Map<String, Object> serverKeys) {
        this(request, bodyLength, local, remote, urlScheme, serverKeys, remote);
    }

    /**
     * @param remote the client: the TCP peer, or the one a trusted PROXY protocol header named
     * @param peer   the TCP peer; {@code remote} itself when no PROXY header named another
     */
    public NettyRequestHead(HttpRequest request, long bodyLength, SocketAddress local, SocketAddress remote,
            String urlScheme, Map<String, Object> serverKeys, SocketAddress peer) {
        this.serverKeys = serverKeys;
        this.request = request;
        this.bodyLength = bodyLength;
        this.local = inet(local);
        this.remote = inet(remote);
        this.peer = peer == remote ? this.remote : inet(peer);
        this.localSocketPeer = TrustedProxies.isLocalSocket(peer);
        this.urlScheme = urlScheme;
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String target() {
        return request.uri();
    }

    @Override
    public String protocol() {
        return request.protocolVersion().text();
    }

    @Override
    public int headerCount() {
        return request.headers().size();
    }

    @Override
    public Iterator<Map.Entry<CharSequence, CharSequence>> headerLines() {
        return request.headers().iteratorCharSequence();
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress peerAddress() {
        return peer;
    }

    @Override
    public boolean localSocketPeer() {
        return localSocketPeer;
    }

    @Override
    public String urlScheme() {
        return urlScheme;
    }

    @Override
    public Map<String, Object> serverKeys() {
        return serverKeys;
    }

    /** The body stage turns a chunked body's framing into Content-Length, so the header says whether one was sent. */
    @Override
    public long contentLength() {
        return bodyLength > 0 || request.headers().contains(HttpHeaderNames.CONTENT_LENGTH) ? bodyLength : -1;
    }

    /** The address when it is an IP one; null otherwise (a local or domain-socket channel), which the builder handles. */
    private static InetSocketAddress inet(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet : null;
    }
}
