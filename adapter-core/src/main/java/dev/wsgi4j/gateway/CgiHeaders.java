package dev.wsgi4j.gateway;

import dev.wsgi4j.Environ;

import java.util.Locale;
import java.util.Map;

/**
 * How request header lines become environ entries (SPEC.md §3.6), in one place for every server and the test client:
 * {@code HTTP_} plus the upper-cased name with {@code -} as {@code _}; Content-Type as {@code CONTENT_TYPE};
 * repeats joined with ", " ({@code Cookie} with "; ").
 */
public final class CgiHeaders {

    private CgiHeaders() {
    }

    /**
     * The environ key for header {@code name}, or null when the header has none: names containing {@code _}
     * (which could pose as their {@code -} twins), and the framing headers Content-Length and Transfer-Encoding,
     * which the server answers for itself.
     */
    public static String key(String name) {
        if (name.indexOf('_') >= 0) {
            return null;
        }
        if (name.equalsIgnoreCase("content-type")) {
            return Environ.CONTENT_TYPE;
        }
        if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding")) {
            return null;
        }
        return "HTTP_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** Adds one header line to {@code environ}, after any earlier line of the same name. */
    public static void put(Map<String, Object> environ, String name, String value) {
        String key = key(name);
        if (key == null) {
            return;
        }
        // Cookie lines are joined with "; " (RFC 6265 §5.4, RFC 9113 §8.2.3); other repeats with ", " (RFC 9110 §5.3).
        String separator = key.equals("HTTP_COOKIE") ? "; " : ", ";
        environ.merge(key, value, (a, b) -> a + separator + b);
    }
}
