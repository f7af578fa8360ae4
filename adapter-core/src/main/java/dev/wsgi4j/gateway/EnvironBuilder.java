package dev.wsgi4j.gateway;

import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.http.BadRequestException;
import org.slf4j.Logger;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Translates one request into a PEP 3333 environ (SPEC.md §3), the same way for every server and the test client,
 * so one request gets one environ everywhere. Pure: it reads the {@link RequestHead} and writes nothing else, so it
 * is tested without a connection. Thread-safe; one instance serves a whole server.
 */
public final class EnvironBuilder {

    /**
     * The keys every environ may hold besides its headers (the CGI and wsgi.* rows of SPEC.md §3), and the two the
     * driver adds afterwards ({@code wsgi.early_hints}, {@code wsgi4j.client_disconnected}).
     */
    private static final int FIXED_KEYS = 21;
    /** Room for what middleware and applications add, so that does not resize the table either. */
    private static final int SPARE_KEYS = 8;

    private static final FileWrapper.Factory FILE_WRAPPER = FileWrapper::wrap;

    /** What every {@link RequestHead#serverKeys()} key starts with. */
    public static final String SERVER_KEY_PREFIX = "wsgi4j.";

    /** The TCP peer's address when REMOTE_ADDR names a client a trusted proxy forwarded for (SPEC.md §3.9). */
    public static final String PEER_ADDR = "wsgi4j.peer_addr";

    private final Logger errors;
    private final ProxyTrust proxies;
    private final boolean requestIds;

    /** @param errors where lines written to {@code wsgi.errors} go, one record per line; no proxy is trusted */
    public EnvironBuilder(Logger errors) {
        this(errors, ProxyTrust.NOBODY);
    }

    /**
     * @param errors  where lines written to {@code wsgi.errors} go, one record per line
     * @param proxies the peers whose forwarding headers set the client's address, scheme, host and prefix
     */
    public EnvironBuilder(Logger errors, ProxyTrust proxies) {
        this(errors, proxies, false);
    }

    /**
     * @param errors     where lines written to {@code wsgi.errors} go, one record per line
     * @param proxies    the peers whose forwarding headers set the client's address, scheme, host and prefix, and
     *                   whose {@code X-Request-Id} is kept
     * @param requestIds whether each environ gets {@link RequestIds#KEY} (SPEC.md §3.12)
     */
    public EnvironBuilder(Logger errors, ProxyTrust proxies, boolean requestIds) {
        this.errors = errors;
        this.proxies = proxies;
        this.requestIds = requestIds;
    }

    /**
     * A fresh, mutable environ for {@code head}, with {@code input} as its {@code wsgi.input}.
     *
     * @throws BadRequestException when the target's path cannot be decoded (SPEC.md §3.5)
     */
    public Map<String, Object> build(RequestHead head, WsgiInput input) {
        RequestTarget target = RequestTarget.parse(head.target());
        Map<String, Object> env = new HashMap<>(capacity(FIXED_KEYS + SPARE_KEYS + head.headerCount()));
        env.put(Environ.REQUEST_METHOD, head.method());
        env.put(Environ.SCRIPT_NAME, "");
        env.put(Environ.PATH_INFO, target.decodedPath());
        env.put(Environ.QUERY_STRING, target.query());
        env.put(Environ.RAW_URI, target.raw());
        env.put(Environ.SERVER_PROTOCOL, head.protocol());
        // Headers first: an absolute-form target's authority then replaces HTTP_HOST instead of joining it.
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = head.headerLines(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> line = it.next();
            CgiHeaders.put(env, line.getKey(), line.getValue().toString());
        }
        InetSocketAddress remote = head.remoteAddress();
        Forwarding forwarded = proxies == ProxyTrust.NOBODY ? null : Forwarding.resolve(env, remote,
                head.localSocketPeer(), proxies);
        String scheme = forwarded != null && forwarded.scheme() != null ? forwarded.scheme() : head.urlScheme();
        putServerAddress(env, target, head, scheme, forwarded);
        ForwardedNode client = forwarded == null ? null : forwarded.client();
        if (client != null) {
            env.put(Environ.REMOTE_ADDR, client.address().getHostAddress());
            if (client.port() > 0) {
                env.put(Environ.REMOTE_PORT, Integer.toString(client.port()));
            }
        } else if (remote != null) {
            env.put(Environ.REMOTE_ADDR, remote.getAddress().getHostAddress());
            env.put(Environ.REMOTE_PORT, Integer.toString(remote.getPort()));
        }
        if (requestIds) {
            env.put(RequestIds.KEY, RequestIds.of(env, remote, head.localSocketPeer(), proxies));
        }
        InetSocketAddress peer = head.peerAddress();
        if (peer != null && (client != null || peer != remote)) {
            env.put(PEER_ADDR, peer.getAddress().getHostAddress());
        }
        if (forwarded != null && forwarded.prefix() != null) {
            env.put(Environ.SCRIPT_NAME, forwarded.prefix());
        }
        long contentLength = head.contentLength();
        if (contentLength >= 0) {
            env.put(Environ.CONTENT_LENGTH, Long.toString(contentLength));
        }
        env.put(Environ.WSGI_VERSION, Environ.VERSION);
        env.put(Environ.WSGI_URL_SCHEME, scheme);
        env.put(Environ.WSGI_INPUT, input);
        env.put(Environ.WSGI_ERRORS, LogWriter.errorsFor(errors));
        env.put(Environ.WSGI_MULTITHREAD, Boolean.TRUE);
        env.put(Environ.WSGI_MULTIPROCESS, Boolean.FALSE);
        env.put(Environ.WSGI_RUN_ONCE, Boolean.FALSE);
        env.put(Environ.WSGI_INPUT_TERMINATED, Boolean.TRUE);
        env.put(Environ.WSGI_FILE_WRAPPER, FILE_WRAPPER);
        Map<String, Object> serverKeys = head.serverKeys();
        if (!serverKeys.isEmpty()) {
            putServerKeys(env, serverKeys);
        }
        return env;
    }

    /** Only under the server's own prefix, so that no server key can stand in for a CGI or wsgi key. */
    private static void putServerKeys(Map<String, Object> env, Map<String, Object> serverKeys) {
        for (Map.Entry<String, Object> e : serverKeys.entrySet()) {
            if (!e.getKey().startsWith(SERVER_KEY_PREFIX)) {
                throw new IllegalStateException("server environ keys start with " + SERVER_KEY_PREFIX + ": "
                        + e.getKey());
            }
            env.put(e.getKey(), e.getValue());
        }
    }

    /** The HashMap capacity that holds {@code keys} entries without growing (its load factor is 0.75). */
    static int capacity(int keys) {
        return keys + keys / 3 + 1;
    }

    /**
     * SERVER_NAME and SERVER_PORT from a trusted proxy's host, else the target's authority, else Host, else the local
     * address (SPEC.md §3, §3.9); a trusted {@code X-Forwarded-Port} then sets the port.
     */
    private static void putServerAddress(Map<String, Object> env, RequestTarget target, RequestHead head,
            String scheme, Forwarding forwarded) {
        String forwardedHost = forwarded == null ? null : forwarded.host();
        String authority = forwardedHost != null ? forwardedHost
                : target.authority() != null ? target.authority() : (String) env.get(Environ.HTTP_HOST);
        HostHeader host = authority == null ? null : HostHeader.parse(authority);
        String defaultPort = scheme.equals("https") ? "443" : "80";
        InetSocketAddress local = head.localAddress();
        if (host != null && !host.name().isEmpty()) {
            env.put(Environ.SERVER_NAME, host.name());
            env.put(Environ.SERVER_PORT, host.port() >= 0 ? Integer.toString(host.port()) : defaultPort);
        } else if (local != null) {
            String name = local.getHostString();
            // An IPv6 literal is bracketed, as in a Host header, so that URL reconstruction stays valid.
            env.put(Environ.SERVER_NAME, name.indexOf(':') >= 0 ? "[" + name + "]" : name);
            env.put(Environ.SERVER_PORT, Integer.toString(local.getPort()));
        } else {
            env.put(Environ.SERVER_NAME, "localhost");
            env.put(Environ.SERVER_PORT, defaultPort);
        }
        if (forwardedHost != null) {
            env.put(Environ.HTTP_HOST, forwardedHost);
        } else if (target.authority() != null) {
            env.put(Environ.HTTP_HOST, target.authority());
        }
        if (forwarded != null && forwarded.port() > 0) {
            putForwardedPort(env, forwarded.port(), defaultPort);
        }
    }

    /** SERVER_PORT, and the port in HTTP_HOST (left out when it is the scheme's default), so URLs rebuilt agree. */
    private static void putForwardedPort(Map<String, Object> env, int port, String defaultPort) {
        String text = Integer.toString(port);
        env.put(Environ.SERVER_PORT, text);
        Object hostHeader = env.get(Environ.HTTP_HOST);
        HostHeader host = hostHeader == null ? null : HostHeader.parse(hostHeader.toString());
        if (host != null && !host.name().isEmpty()) {
            env.put(Environ.HTTP_HOST, text.equals(defaultPort) ? host.name() : host.name() + ":" + text);
        }
    }
}
