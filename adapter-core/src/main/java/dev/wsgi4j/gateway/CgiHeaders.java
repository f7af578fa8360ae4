package dev.wsgi4j.gateway;

import dev.wsgi4j.Environ;

import java.util.Locale;
import java.util.Map;

/**
 * How request header lines become environ entries (SPEC.md §3.6), in one place for every server and the test client:
 * {@code HTTP_} plus the upper-cased name with {@code -} as {@code _}; Content-Type as {@code CONTENT_TYPE};
 * repeats joined with ", " ({@code Cookie} with "; ").
 *
 * <p>This runs for every header line of every request, so the keys of common headers come from a constant table,
 * found by a case-insensitive hash of the name as received: no upper-casing and no new key string per line.
 */
public final class CgiHeaders {

    /** Stands in the table for a header that has no environ key (the framing headers). */
    private static final String NO_KEY = "";

    /** Header names every browser, proxy or load generator sends; others are mapped as they come. */
    private static final String[] COMMON = {
        "Host", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Accept-Charset", "Connection",
        "Keep-Alive", "Cookie", "Content-Type", "Content-Length", "Transfer-Encoding", "Cache-Control", "Pragma",
        "Referer", "Origin", "Authorization", "If-None-Match", "If-Modified-Since", "If-Match",
        "If-Unmodified-Since", "If-Range", "Range", "Upgrade", "Upgrade-Insecure-Requests", "Expect", "TE", "DNT",
        "Forwarded", "Via", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port",
        "X-Real-IP", "X-Request-ID", "X-Requested-With", "Sec-Fetch-Site", "Sec-Fetch-Mode", "Sec-Fetch-User",
        "Sec-Fetch-Dest", "Sec-CH-UA", "Sec-CH-UA-Mobile", "Sec-CH-UA-Platform", "Priority",
    };

    /** Open addressing, at most half full, so a miss ends at an empty slot after a probe or two. */
    private static final int MASK = Integer.highestOneBit(COMMON.length * 4) - 1;
    private static final String[] NAMES = new String[MASK + 1];
    private static final String[] KEYS = new String[MASK + 1];

    static {
        for (String name : COMMON) {
            int slot = hashIgnoreCase(name) & MASK;
            while (NAMES[slot] != null) {
                slot = (slot + 1) & MASK;
            }
            NAMES[slot] = name;
            String key = computeKey(name);
            KEYS[slot] = key == null ? NO_KEY : key;
        }
    }

    private CgiHeaders() {
    }

    /**
     * The environ key for header {@code name}, or null when the header has none: names containing {@code _}
     * (which could pose as their {@code -} twins), and the framing headers Content-Length and Transfer-Encoding,
     * which the server answers for itself.
     */
    public static String key(CharSequence name) {
        for (int slot = hashIgnoreCase(name) & MASK; NAMES[slot] != null; slot = (slot + 1) & MASK) {
            if (equalsIgnoreCase(NAMES[slot], name)) {
                String key = KEYS[slot];
                return key == NO_KEY ? null : key;
            }
        }
        return computeKey(name.toString());
    }

    private static String computeKey(String name) {
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
    public static void put(Map<String, Object> environ, CharSequence name, String value) {
        String key = key(name);
        if (key == null) {
            return;
        }
        Object earlier = environ.putIfAbsent(key, value);
        if (earlier != null) {
            // Cookie lines are joined with "; " (RFC 6265 §5.4, RFC 9113 §8.2.3); other repeats with ", " (RFC 9110 §5.3).
            String separator = key.equals("HTTP_COOKIE") ? "; " : ", ";
            environ.put(key, earlier + separator + value);
        }
    }

    /** ASCII letters hash alike in either case; other chars as they are. */
    private static int hashIgnoreCase(CharSequence s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + lower(s.charAt(i));
        }
        return h ^ (h >>> 16);
    }

    private static boolean equalsIgnoreCase(String known, CharSequence name) {
        if (known.length() != name.length()) {
            return false;
        }
        for (int i = 0; i < known.length(); i++) {
            if (lower(known.charAt(i)) != lower(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}
