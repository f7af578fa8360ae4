package dev.wsgi4j.gateway;

import dev.wsgi4j.http.BadRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * What a trusted proxy says about the request it forwarded (SPEC.md §3.9): the client's address, the scheme and host
 * the client used, the public port, and the path prefix the proxy mounts the application at. Pure: it reads the
 * environ's {@code HTTP_*} keys and returns the values that are well-formed; the {@link EnvironBuilder} applies them.
 * <p>Rules: nothing is read unless the peer is trusted. {@code X-Forwarded-For}, {@code -Proto} and {@code -Host}
 * win over {@code Forwarded}: when any of the three is present, {@code Forwarded} is not read (SECURITY.md says
 * why). Client lists are walked from the right, skipping trusted proxies. Single-valued headers that arrive as a
 * list take their rightmost member, the one the trusted peer added. A malformed value is treated as absent.
 *
 * @param client the client's address, or null when REMOTE_ADDR stays the peer's
 * @param scheme {@code http} or {@code https}, or null
 * @param host   a valid Host value ({@code name[:port]}), or null
 * @param port   the public port from {@code X-Forwarded-Port}, or -1
 * @param prefix SCRIPT_NAME, decoded, or null
 */
record Forwarding(ForwardedNode client, String scheme, String host, int port, String prefix) {

    private static final Logger LOG = LoggerFactory.getLogger(Forwarding.class);

    static final String FORWARDED = "HTTP_FORWARDED";
    static final String X_FOR = "HTTP_X_FORWARDED_FOR";
    static final String X_PROTO = "HTTP_X_FORWARDED_PROTO";
    static final String X_HOST = "HTTP_X_FORWARDED_HOST";
    static final String X_PORT = "HTTP_X_FORWARDED_PORT";
    static final String X_PREFIX = "HTTP_X_FORWARDED_PREFIX";

    /**
     * The forwarded values of a request from {@code peer} (or from a Unix socket, {@code localSocket}), or null when
     * it carries no forwarding header or the peer is not trusted. Allocates nothing when no forwarding header is present: that is every request not behind a
     * proxy, and the default trusts loopback.
     */
    static Forwarding resolve(Map<String, Object> env, InetSocketAddress peer, boolean localSocket,
                              ProxyTrust trust) {
        Object forwarded = env.get(FORWARDED);
        Object xFor = env.get(X_FOR);
        Object xProto = env.get(X_PROTO);
        Object xHost = env.get(X_HOST);
        Object xPort = env.get(X_PORT);
        Object xPrefix = env.get(X_PREFIX);
        if (forwarded == null && xFor == null && xProto == null && xHost == null && xPort == null
                && xPrefix == null) {
            return null;
        }
        if (!trust.trustsPeer(peer, localSocket)) {
            return null;
        }
        ForwardedNode client = null;
        String scheme = null;
        String host = null;
        if (xFor != null || xProto != null || xHost != null) {
            client = xFor == null ? null : client(xFor.toString(), trust);
            scheme = xProto == null ? null : scheme(last(xProto.toString()));
            host = xHost == null ? null : host(last(xHost.toString()));
        } else if (forwarded != null) {
            List<ForwardedElements.Element> elements = ForwardedElements.parse(forwarded.toString());
            if (elements != null) {
                // Each element was written by a trusted proxy as long as every for= to its right named one.
                int hop = elements.size() - 1;
                for (; hop >= 0; hop--) {
                    ForwardedNode node = node(elements.get(hop), trust);
                    if (node == null) {
                        break; // unknown or obfuscated: the address stays the nearest one known
                    }
                    client = node;
                    if (!trust.trusts(node.address())) {
                        break;
                    }
                }
                ForwardedElements.Element element = elements.get(Math.max(hop, 0));
                scheme = element.proto() == null ? null : scheme(element.proto());
                host = element.host() == null ? null : host(element.host());
            }
        }
        int port = xPort == null ? -1 : ForwardedNode.port(last(xPort.toString()).strip());
        String prefix = xPrefix == null ? null : prefix(xPrefix.toString().strip());
        if (client == null && scheme == null && host == null && port < 0 && prefix == null) {
            return null;
        }
        return new Forwarding(client, scheme, host, port, prefix);
    }

    /**
     * {@code X-Forwarded-For}, right to left: the first entry that is not a trusted proxy is the client; when all
     * are trusted, the leftmost. An entry that is no address ends the walk: the last address read stands.
     */
    static ForwardedNode client(String xForwardedFor, ProxyTrust trust) {
        ForwardedNode client = null;
        int end = xForwardedFor.length();
        while (end >= 0) {
            int comma = xForwardedFor.lastIndexOf(',', end - 1);
            ForwardedNode node = ForwardedNode.parse(xForwardedFor.substring(comma + 1, end), trust);
            if (node == null) {
                break;
            }
            client = node;
            if (!trust.trusts(node.address())) {
                break;
            }
            end = comma;
        }
        return client;
    }

    /** The hop's {@code for=} node when it names an address, else null. */
    private static ForwardedNode node(ForwardedElements.Element element, ProxyTrust trust) {
        return element.forNode() == null ? null : ForwardedNode.parse(element.forNode(), trust);
    }

    private static String last(String list) {
        return list.substring(list.lastIndexOf(',') + 1);
    }

    private static String scheme(String value) {
        String scheme = value.strip();
        return scheme.equalsIgnoreCase("https") ? "https" : scheme.equalsIgnoreCase("http") ? "http" : null;
    }

    private static String host(String value) {
        String host = value.strip();
        HostHeader parsed = HostHeader.parse(host);
        // Port 0 is no port a client can have used (and not one SERVER_PORT may hold).
        return parsed != null && !parsed.name().isEmpty() && parsed.port() != 0 ? host : null;
    }

    /**
     * SCRIPT_NAME from {@code X-Forwarded-Prefix}: a path without raw whitespace that starts with "/" and does
     * not end with one, percent-decoded like PATH_INFO, with no control characters and no empty, "." or ".."
     * segment; null otherwise.
     */
    static String prefix(String value) {
        String decoded = decodedPrefix(value);
        if (decoded == null) {
            LOG.debug("X-Forwarded-Prefix ignored: {}", HeaderRules.quote(value));
        }
        return decoded;
    }

    private static String decodedPrefix(String value) {
        // Raw whitespace is no path character (a space is %20); it also refuses repeated lines joined with ", ".
        if (!value.startsWith("/") || value.endsWith("/") || value.indexOf(' ') >= 0 || value.indexOf('\t') >= 0) {
            return null;
        }
        String decoded;
        try {
            decoded = PathDecoder.decode(value);
        } catch (BadRequestException e) {
            return null;
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '?' || c == '#') {
                return null;
            }
        }
        for (String segment : decoded.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        return decoded;
    }
}
