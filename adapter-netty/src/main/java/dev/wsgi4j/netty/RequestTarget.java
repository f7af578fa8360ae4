package dev.wsgi4j.netty;

import dev.wsgi4j.gateway.BadRequestException;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;

/**
 * The request-target split the way SPEC.md §3.2 needs it: the still-encoded path and query, the percent-decoded
 * path as a CGI string (one char per byte), and the authority of an absolute-form target (RFC 9112 §3.2.2).
 */
record RequestTarget(String raw, String authority, String rawPath, String query, String decodedPath) {

    static RequestTarget parse(String raw) {
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
        return new RequestTarget(raw, authority, rawPath, query, decode(rawPath));
    }

    /** Percent-decodes a path into bytes, returned as ISO-8859-1 chars; '+' stays '+' in a path. */
    private static String decode(String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            return rawPath;
        }
        try {
            return new QueryStringDecoder(rawPath, StandardCharsets.ISO_8859_1, true).path();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("malformed percent-escape in the request path: " + e.getMessage(), e);
        }
    }
}
