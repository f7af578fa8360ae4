package dev.wsgi4j.testing;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads one {@code Set-Cookie} header the way RFC 6265 §5.2-5.3 tells a browser to: unknown or malformed
 * attributes are ignored, a cookie for a domain the request's host is not in is refused, {@code Max-Age} wins over
 * {@code Expires}, and a missing or relative {@code Path} becomes the request path's directory.
 */
final class SetCookieParser {

    private SetCookieParser() {
    }

    /**
     * @param host        the request's host name, lower case, without port
     * @param requestPath the request's path, without query
     * @return the cookie, one already expired (a deletion), or null when the header is to be ignored
     */
    static StoredCookie parse(String header, String host, String requestPath, Instant now) {
        String[] parts = header.split(";", -1);
        int eq = parts[0].indexOf('=');
        String name = eq < 0 ? "" : parts[0].substring(0, eq).strip();
        if (name.isEmpty()) {
            return null;
        }
        String value = parts[0].substring(eq + 1).strip();
        Instant expires = null;
        Instant maxAgeExpiry = null;
        String domain = null;
        String path = null;
        boolean secure = false;
        boolean httpOnly = false;
        for (int i = 1; i < parts.length; i++) {
            int aeq = parts[i].indexOf('=');
            String attribute = (aeq < 0 ? parts[i] : parts[i].substring(0, aeq)).strip().toLowerCase(Locale.ROOT);
            String attributeValue = aeq < 0 ? "" : parts[i].substring(aeq + 1).strip();
            switch (attribute) {
                case "max-age" -> maxAgeExpiry = maxAge(attributeValue, now, maxAgeExpiry);
                case "expires" -> expires = date(attributeValue, expires);
                case "domain" -> domain = attributeValue.isEmpty() ? domain
                        : stripDot(attributeValue).toLowerCase(Locale.ROOT);
                case "path" -> path = attributeValue.startsWith("/") ? attributeValue : null;
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                default -> { } // SameSite and unknown attributes do not change what a single-site client sends
            }
        }
        if (domain != null && !domainMatches(host, domain)) {
            return null;
        }
        return new StoredCookie(name, value, domain == null ? host : domain, domain == null,
                path == null ? defaultPath(requestPath) : path, secure, httpOnly,
                maxAgeExpiry != null ? maxAgeExpiry : expires);
    }

    /** RFC 6265 §5.1.3: the host is the domain, or a name below it (never for an IP address). */
    static boolean domainMatches(String host, String domain) {
        return host.equals(domain) || host.endsWith("." + domain) && !isIpAddress(host);
    }

    /** RFC 6265 §5.1.4: the directory of the request path, "/" at the top. */
    static String defaultPath(String requestPath) {
        int last = requestPath.lastIndexOf('/');
        return !requestPath.startsWith("/") || last == 0 ? "/" : requestPath.substring(0, last);
    }

    /** RFC 6265 §5.1.4 path-match. */
    static boolean pathMatches(String requestPath, String cookiePath) {
        return requestPath.equals(cookiePath) || requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    /**
     * RFC 6265 §5.2.2: digits with an optional '-'; zero or less expires the cookie at once. A longer life is cut
     * to 400 days, as RFC 6265bis §5.6.2 has browsers do.
     */
    private static Instant maxAge(String value, Instant now, Instant earlier) {
        if (!value.matches("-?[0-9]{1,18}")) {
            return earlier;
        }
        long seconds = Long.parseLong(value);
        return seconds <= 0 ? Instant.EPOCH : now.plusSeconds(Math.min(seconds, 400L * 24 * 3600));
    }

    private static Instant date(String value, Instant earlier) {
        try {
            return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value));
        } catch (DateTimeParseException e) {
            return earlier;
        }
    }

    private static String stripDot(String domain) {
        return domain.startsWith(".") ? domain.substring(1) : domain;
    }

    private static boolean isIpAddress(String host) {
        return host.startsWith("[") || host.matches("[0-9.]+");
    }
}
