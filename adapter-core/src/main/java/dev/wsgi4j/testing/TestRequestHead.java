package dev.wsgi4j.testing;

import dev.wsgi4j.Header;
import dev.wsgi4j.gateway.RequestHead;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A {@link TestRequest} as the shared {@link dev.wsgi4j.gateway.EnvironBuilder} reads it: the head lines a server
 * would receive for it ({@code Host} first, then the request's headers in order) and the body length a server
 * would count, so the test client's environ is the server's (SPEC.md §3).
 */
final class TestRequestHead implements RequestHead {

    /** The client port the test client reports; a real server reports the socket's. */
    static final int REMOTE_PORT = 49152;

    private static final InetSocketAddress REMOTE = new InetSocketAddress(InetAddress.getLoopbackAddress(), REMOTE_PORT);

    private final TestRequest request;
    private final List<Map.Entry<CharSequence, CharSequence>> lines;
    private final long contentLength;

    /** @param bodyLength the body's exact length, counted by the caller when the request's is unknown (-1) */
    TestRequestHead(TestRequest request, long bodyLength) {
        this.request = request;
        this.lines = new ArrayList<>(request.headers().size() + 1);
        if (request.host() != null) {
            lines.add(Map.entry("Host", request.host()));
        }
        for (Header h : request.headers()) {
            lines.add(Map.entry(h.name(), h.value()));
        }
        // No framing is sent without a body; a chunked one declares a body, even an empty one (TestRequest).
        this.contentLength = request.bodyLength() == 0 ? -1 : bodyLength;
    }

    @Override
    public String method() {
        return request.method();
    }

    @Override
    public String target() {
        return request.target();
    }

    @Override
    public String protocol() {
        return request.protocol();
    }

    @Override
    public int headerCount() {
        return lines.size();
    }

    @Override
    public Iterator<Map.Entry<CharSequence, CharSequence>> headerLines() {
        return lines.iterator();
    }

    /** None: no socket in-process; without Host the environ names {@code localhost} and the scheme's port. */
    @Override
    public InetSocketAddress localAddress() {
        return null;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return REMOTE;
    }

    @Override
    public String urlScheme() {
        return request.scheme();
    }

    @Override
    public long contentLength() {
        return contentLength;
    }
}
