package dev.wsgi4j.netty.uwsgi;

import dev.wsgi4j.gateway.RequestHead;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.Map;

/**
 * What a uwsgi packet's vars say about its request beyond its method, target and headers, which travel as an
 * {@code HttpRequest}: the client nginx served, the host and port it was reached at, its scheme and its protocol.
 * One per connection (nginx sends one request per uwsgi connection), kept on the channel by the decoder. The vars
 * are believed because only allowed peers get this far ({@link UwsgiPeerFilter}, SECURITY.md).
 *
 * @param client   REMOTE_ADDR and REMOTE_PORT, or null when absent or not an IP literal (then left out)
 * @param server   SERVER_NAME and SERVER_PORT, unresolved, or null when absent; the environ's fallback after Host
 * @param scheme   {@code https} when HTTPS is {@code on}/{@code 1} or REQUEST_SCHEME is {@code https}, {@code http}
 *                 when either says otherwise, else null (the server's configured scheme)
 * @param protocol SERVER_PROTOCOL as nginx spoke it with the client ({@code HTTP/2.0} included)
 * @param mount    the SCRIPT_NAME var ({@code uwsgi_param SCRIPT_NAME /app}), checked and without a trailing
 *                 slash, or null when absent, empty, {@code /} or malformed: the prefix the application is mounted
 *                 at ({@link #mount(Map)})
 */
public record UwsgiOrigin(InetSocketAddress client, InetSocketAddress server, String scheme, String protocol,
                          String mount) {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UwsgiOrigin.class);

    private static final AttributeKey<UwsgiOrigin> KEY = AttributeKey.valueOf(UwsgiOrigin.class, "origin");

    /** The origin of the request on {@code channel}, or null when it is not a uwsgi connection. */
    public static UwsgiOrigin of(Channel channel) {
        return channel.hasAttr(KEY) ? channel.attr(KEY).get() : null;
    }

    void attachTo(Channel channel) {
        channel.attr(KEY).set(this);
    }

    /**
     * Applies {@link #mount} to an environ built from {@link #over}, as uWSGI's {@code manage-script-name} does
     * (SPEC.md §3.11): when {@code PATH_INFO} is the prefix or starts with it followed by {@code /}, the prefix moves
     * to the end of {@code SCRIPT_NAME} (after any prefix a trusted forwarding header set) and leaves
     * {@code PATH_INFO}. A path outside the prefix is left whole, and the var ignored. Returns {@code environ}.
     */
    public Map<String, Object> mount(Map<String, Object> environ) {
        if (mount == null) {
            return environ;
        }
        String path = (String) environ.get(dev.wsgi4j.Environ.PATH_INFO);
        if (path.equals(mount) || path.startsWith(mount) && path.charAt(mount.length()) == '/') {
            environ.put(dev.wsgi4j.Environ.SCRIPT_NAME, environ.get(dev.wsgi4j.Environ.SCRIPT_NAME) + mount);
            environ.put(dev.wsgi4j.Environ.PATH_INFO, path.substring(mount.length()));
        } else {
            LOG.debug("uwsgi SCRIPT_NAME {} ignored: PATH_INFO {} is not under it", mount, path);
        }
        return environ;
    }

    /**
     * {@code http}, the head the HTTP/1.1 path would build, seen through the vars: the same method, target, header
     * lines and body length, so the same {@link dev.wsgi4j.gateway.EnvironBuilder} and header rules apply; the
     * client, server address, scheme and protocol from the vars. The TCP peer (nginx) shows as
     * {@code wsgi4j.peer_addr}; it is never taken for a local-socket proxy, the client being someone else.
     */
    public RequestHead over(RequestHead http) {
        return new RequestHead() {
            @Override
            public String method() {
                return http.method();
            }

            @Override
            public String target() {
                return http.target();
            }

            @Override
            public String protocol() {
                return protocol;
            }

            @Override
            public int headerCount() {
                return http.headerCount();
            }

            @Override
            public Iterator<Map.Entry<CharSequence, CharSequence>> headerLines() {
                return http.headerLines();
            }

            @Override
            public InetSocketAddress localAddress() {
                return server;
            }

            @Override
            public InetSocketAddress remoteAddress() {
                return client;
            }

            @Override
            public InetSocketAddress peerAddress() {
                return http.peerAddress();
            }

            @Override
            public String urlScheme() {
                return scheme != null ? scheme : http.urlScheme();
            }

            @Override
            public long contentLength() {
                return http.contentLength();
            }

            @Override
            public Map<String, Object> serverKeys() {
                return http.serverKeys();
            }
        };
    }
}
