package dev.wsgi4j.http;

import dev.wsgi4j.Environ;

import java.util.Map;

/**
 * Rebuilds the URL a client requested from environ (PEP 3333 "URL Reconstruction"), exactly as Python's
 * {@code wsgiref.util} does, so applications that need absolute links or redirects agree with Python servers.
 *
 * <p>The host comes from the client's Host header when present, as in wsgiref: a server or proxy that does not
 * validate it lets clients choose the host of every URL built here.
 */
public final class RequestUri {

    private static final String ALWAYS_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RequestUri() {
    }

    /** {@code wsgiref.util.application_uri}: scheme, host and the quoted SCRIPT_NAME ("/" when empty). */
    public static String applicationUri(Map<String, Object> environ) {
        String scriptName = Environ.scriptName(environ);
        return origin(environ) + quote(scriptName.isEmpty() ? "/" : scriptName, "/");
    }

    /**
     * {@code wsgiref.util.request_uri}: the application URI plus the quoted PATH_INFO and, if asked, the raw
     * QUERY_STRING.
     */
    public static String requestUri(Map<String, Object> environ, boolean includeQuery) {
        String url = applicationUri(environ) + quotedPathInfo(environ);
        String query = Environ.queryString(environ);
        return includeQuery && !query.isEmpty() ? url + "?" + query : url;
    }

    /**
     * Makes {@code pathOrUrl} absolute against the request URL (RFC 3986 §5.2), as a Location header needs.
     * A path starting with {@code /} is relative to the host, not to SCRIPT_NAME; an absolute URL is kept.
     *
     * @throws IllegalArgumentException when {@code pathOrUrl} is not a URI reference (e.g. contains a space)
     */
    public static String resolve(Map<String, Object> environ, String pathOrUrl) {
        String scriptName = Environ.scriptName(environ);
        String basePath = quote(scriptName.isEmpty() ? "/" : scriptName, "/") + quotedPathInfo(environ);
        String query = Environ.queryString(environ);
        return UriReferences.resolve(Environ.urlScheme(environ), origin(environ), basePath,
                query.isEmpty() ? null : query, pathOrUrl);
    }

    /**
     * Python's {@code urllib.parse.quote(s, safe, encoding='latin1')} for a CGI string: every byte outside the
     * unreserved set and {@code safe} becomes {@code %XX} (upper-case hex).
     *
     * @throws IllegalArgumentException for a character above U+00FF, which no CGI string holds
     */
    public static String quote(String cgi, String safe) {
        StringBuilder out = new StringBuilder(cgi.length() + 16);
        for (int i = 0; i < cgi.length(); i++) {
            char c = cgi.charAt(i);
            if (c > 0xFF) {
                throw new IllegalArgumentException("not a CGI string (one byte per character): U+"
                        + Integer.toHexString(c) + " at index " + i);
            }
            if (ALWAYS_SAFE.indexOf(c) >= 0 || safe.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /** {@code scheme://host[:port]} with the port left out when it is the scheme's default. */
    static String origin(Map<String, Object> environ) {
        String scheme = Environ.urlScheme(environ);
        Object host = environ.get(Environ.HTTP_HOST);
        if (host != null && !host.toString().isEmpty()) {
            return scheme + "://" + host;
        }
        Object serverName = environ.get(Environ.SERVER_NAME);
        if (serverName == null) {
            throw new IllegalArgumentException("environ has neither HTTP_HOST nor SERVER_NAME");
        }
        Object port = environ.get(Environ.SERVER_PORT);
        String defaultPort = scheme.equals("https") ? "443" : "80";
        boolean showPort = port != null && !port.toString().equals(defaultPort);
        return scheme + "://" + serverName + (showPort ? ":" + port : "");
    }

    /**
     * The quoted PATH_INFO to append to {@link #applicationUri}; when SCRIPT_NAME is empty that already ends in
     * "/", so PATH_INFO's leading "/" is dropped. (wsgiref drops the first character whatever it is; PEP 3333
     * requires it to be "/", and only then is it dropped here.)
     */
    private static String quotedPathInfo(Map<String, Object> environ) {
        String pathInfo = Environ.pathInfo(environ);
        if (Environ.scriptName(environ).isEmpty() && pathInfo.startsWith("/")) {
            pathInfo = pathInfo.substring(1);
        }
        return quote(pathInfo, "/;=,");
    }
}
