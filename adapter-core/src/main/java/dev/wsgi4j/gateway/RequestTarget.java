package dev.wsgi4j.gateway;

import dev.wsgi4j.http.BadRequestException;

import java.util.Locale;

/**
 * The request-target split the way SPEC.md §3.5 needs it: the still-encoded path and query, the percent-decoded
 * path as a CGI string (one char per byte), and the authority of an absolute-form target (RFC 9112 §3.2.2).
 * {@link #check} decides beforehand whether a target may be served at all (RFC 9112 §3.2). Shared by every server
 * and the test client, so a target means the same thing on all of them.
 */
public record RequestTarget(String raw, String authority, String rawPath, String query, String decodedPath) {

    /** @throws BadRequestException when the path holds a malformed percent-escape */
    public static RequestTarget parse(String raw) {
        if (raw.equals("*")) {
            return new RequestTarget(raw, null, "*", "", "");
        }
        String authority = null;
        String rest = raw;
        int scheme = raw.indexOf("://");
        if (!raw.startsWith("/") && scheme > 0) {
            int pathStart = raw.indexOf('/', scheme + 3);
            int queryStart = raw.indexOf('?', scheme + 3);
            int end = pathStart < 0 ? queryStart : queryStart < 0 ? pathStart : Math.min(pathStart, queryStart);
            authority = raw.substring(scheme + 3, end < 0 ? raw.length() : end);
            rest = end < 0 ? "/" : raw.substring(end);
            if (rest.startsWith("?")) {
                rest = "/" + rest;
            }
        }
        int q = rest.indexOf('?');
        String rawPath = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : rest.substring(q + 1);
        return new RequestTarget(raw, authority, rawPath, query, PathDecoder.decode(rawPath));
    }

    /**
     * The status to refuse a request-target with, or 0 when it may be served (RFC 9112 §3.2, RFC 3986):
     * <ul>
     * <li>400: empty; any CTL, SP, DEL, {@code #} or raw byte above 0x7E; a malformed percent-escape; a form that
     * does not fit the method (asterisk-form other than with OPTIONS, authority-form other than with CONNECT, a
     * relative reference); absolute-form with a scheme other than http/https, userinfo, an empty or invalid
     * host;</li>
     * <li>501: CONNECT with a valid authority-form (this gateway is no tunnel).</li>
     * </ul>
     */
    public static int check(String method, String raw) {
        if (raw.isEmpty()) {
            return 400;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                return 400;
            }
            if (c == '%' && (i + 2 >= raw.length() || PathDecoder.hexDigit(raw.charAt(i + 1)) < 0
                    || PathDecoder.hexDigit(raw.charAt(i + 2)) < 0)) {
                return 400;
            }
        }
        boolean connect = "CONNECT".equals(method);
        if (raw.equals("*")) {
            return "OPTIONS".equals(method) ? 0 : 400;
        }
        if (raw.charAt(0) == '/') {
            return connect ? 400 : 0;
        }
        int scheme = raw.indexOf("://");
        if (scheme > 0 && !connect) {
            String name = raw.substring(0, scheme).toLowerCase(Locale.ROOT);
            if (!name.equals("http") && !name.equals("https")) {
                return 400;
            }
            String authority = parse(raw).authority();
            if (authority.isEmpty() || authority.indexOf('@') >= 0) {
                return 400;
            }
            HostHeader host = HostHeader.parse(authority);
            return host == null || host.name().isEmpty() ? 400 : 0;
        }
        if (connect) {
            HostHeader host = raw.indexOf('/') < 0 && raw.indexOf('?') < 0 ? HostHeader.parse(raw) : null;
            return host == null || host.name().isEmpty() || host.port() < 0 ? 400 : 501;
        }
        return 400;
    }
}
