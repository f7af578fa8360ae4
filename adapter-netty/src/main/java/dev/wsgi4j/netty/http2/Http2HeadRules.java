package dev.wsgi4j.netty.http2;

import dev.wsgi4j.gateway.HeaderRules;
import dev.wsgi4j.gateway.HostHeader;
import io.netty.handler.codec.http2.Http2Headers;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks on a stream's decoded header block that HTTP/1.1 makes on bytes ({@code RequestHeadGuard},
 * {@code RequestHeadRules}) and Netty's HTTP/2 decoder leaves to the server, so that one policy holds on both
 * (SPEC.md "HTTP/2"). A block that breaks one is refused by resetting its stream; the rest of the request head
 * (header count and size, the request target, Content-Length) then goes through {@code RequestHeadRules} like an
 * HTTP/1.1 head. Returns why a block is refused, or null when it is fine.
 */
final class Http2HeadRules {

    /** The headers the stream codec adds itself; a client must not be able to forge them. */
    private static final String EXTENSION_PREFIX = "x-http2-";

    /** RFC 9113 §8.2.2: fields that only make sense on one HTTP/1.1 connection ({@code te} unless "trailers"). */
    private static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "upgrade", "te");

    private Http2HeadRules() {
    }

    /** A request's first header block: RFC 9113 §8.3.1 pseudo-headers, Host, then every field. */
    static String checkHead(Http2Headers headers) {
        if (headers.method() == null || headers.path() == null || headers.scheme() == null) {
            return "missing :method, :path or :scheme";
        }
        if (headers.path().length() == 0) {
            return "empty :path";
        }
        List<CharSequence> hosts = headers.getAll("host");
        if (hosts.size() > 1) {
            return "more than one host header";
        }
        CharSequence authority = headers.authority();
        CharSequence host = hosts.isEmpty() ? null : hosts.get(0);
        if (authority == null && host == null) {
            return "neither :authority nor host"; // HTTP/1.1 answers a request without Host with 400
        }
        if (authority != null && host != null && !authority.toString().equalsIgnoreCase(host.toString())) {
            return "host differs from :authority";
        }
        if (!HostHeader.isValid((authority != null ? authority : host).toString())) {
            return "invalid :authority or host";
        }
        return checkFields(headers);
    }

    /** Trailers: the field rules only (they never reach the environ, but a malformed block is malformed). */
    static String checkTrailers(Http2Headers headers) {
        return checkFields(headers);
    }

    private static String checkFields(Http2Headers headers) {
        for (Map.Entry<CharSequence, CharSequence> field : headers) {
            String name = field.getKey().toString();
            if (name.regionMatches(true, 0, EXTENSION_PREFIX, 0, EXTENSION_PREFIX.length())) {
                return "client-sent " + name;
            }
            if (!name.startsWith(":") && !HeaderRules.isToken(name)) {
                return "invalid field name";
            }
            if (CONNECTION_SPECIFIC.contains(name)
                    && !(name.equals("te") && "trailers".contentEquals(field.getValue()))) {
                return "connection-specific field " + name; // RFC 9113 §8.2.2
            }
            if (HeaderRules.invalidValueIndex(field.getValue().toString()) >= 0) {
                return "control character in the value of " + name;
            }
        }
        return null;
    }
}
