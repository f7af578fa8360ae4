package dev.wsgi4j.http;

import java.time.Duration;
import java.time.Instant;

/**
 * The attributes of a {@code Set-Cookie} header (RFC 6265 §4.1.2), as an immutable value changed through withers:
 * {@code CookieAttributes.DEFAULTS.maxAge(Duration.ofDays(7)).secure(true)}. Each attribute is checked when it is
 * set, with a message naming it; {@code SameSite=None} without {@code Secure} is refused where the header is built
 * ({@link Cookies#header}), since browsers drop such a cookie without a word.
 *
 * @param maxAge   how long the cookie lives ({@code Max-Age}, whole seconds), or null for none
 * @param expires  when the cookie expires ({@code Expires}, an IMF-fixdate), or null for none; with neither this
 *                 nor {@code maxAge} the cookie lasts the browser session
 * @param path     {@code Path}: the URL paths the cookie is sent for; starts with {@code /}; null for the
 *                 client's default (the request path's directory, RFC 6265 §5.1.4)
 * @param domain   {@code Domain}: also sent to this domain's subdomains; null for this host only
 * @param secure   {@code Secure}: sent over https only
 * @param httpOnly {@code HttpOnly}: hidden from scripts in the page
 * @param sameSite {@code SameSite}, or null to leave it out
 */
public record CookieAttributes(Duration maxAge, Instant expires, String path, String domain, boolean secure,
        boolean httpOnly, SameSite sameSite) {

    /**
     * What most cookies want: {@code Path=/} (the whole site), {@code HttpOnly} and {@code SameSite=Lax}, no expiry
     * (a session cookie), not {@code Secure} (which would lose the cookie on plain http; set it for https sites).
     */
    public static final CookieAttributes DEFAULTS = new CookieAttributes(null, null, "/", null, false, true,
            SameSite.LAX);

    /** The moment {@link Cookies#expiredHeader} names in {@code Expires}: long past for every clock. */
    static final Instant EPOCH = Instant.EPOCH;

    private static final Instant LAST_DATE = Instant.parse("9999-12-31T23:59:59Z");

    /** The values of the {@code SameSite} attribute (RFC 6265bis §4.1.2.7). */
    public enum SameSite {
        STRICT("Strict"), LAX("Lax"), NONE("None");

        private final String token;

        SameSite(String token) {
            this.token = token;
        }

        /** The attribute value as sent, e.g. {@code Lax}. */
        public String token() {
            return token;
        }
    }

    /** @throws IllegalArgumentException for an attribute value the header cannot carry; the message names it */
    public CookieAttributes {
        if (maxAge != null && maxAge.isNegative()) {
            throw new IllegalArgumentException("cookie Max-Age must not be negative: " + maxAge);
        }
        if (expires != null && (expires.isBefore(EPOCH) || expires.isAfter(LAST_DATE))) {
            throw new IllegalArgumentException("cookie Expires must be from 1970 to 9999: " + expires);
        }
        if (path != null && !isPath(path)) {
            throw new IllegalArgumentException("cookie Path must start with '/' and hold visible ASCII or spaces, "
                    + "no ';': \"" + path + "\"");
        }
        if (domain != null && !isDomain(domain)) {
            throw new IllegalArgumentException("cookie Domain must be a host name (letters, digits, '-', '.'): \""
                    + domain + "\"");
        }
    }

    public CookieAttributes maxAge(Duration value) {
        return new CookieAttributes(value, expires, path, domain, secure, httpOnly, sameSite);
    }

    public CookieAttributes expires(Instant value) {
        return new CookieAttributes(maxAge, value, path, domain, secure, httpOnly, sameSite);
    }

    public CookieAttributes path(String value) {
        return new CookieAttributes(maxAge, expires, value, domain, secure, httpOnly, sameSite);
    }

    public CookieAttributes domain(String value) {
        return new CookieAttributes(maxAge, expires, path, value, secure, httpOnly, sameSite);
    }

    public CookieAttributes secure(boolean value) {
        return new CookieAttributes(maxAge, expires, path, domain, value, httpOnly, sameSite);
    }

    public CookieAttributes httpOnly(boolean value) {
        return new CookieAttributes(maxAge, expires, path, domain, secure, value, sameSite);
    }

    public CookieAttributes sameSite(SameSite value) {
        return new CookieAttributes(maxAge, expires, path, domain, secure, httpOnly, value);
    }

    /** Appends {@code ; Attr=value} for each attribute set, in the order of RFC 6265's examples. */
    void appendTo(StringBuilder header) {
        if (sameSite == SameSite.NONE && !secure) {
            throw new IllegalArgumentException("a cookie with SameSite=None must be Secure: browsers drop it "
                    + "otherwise (RFC 6265bis §5.7)");
        }
        if (maxAge != null) {
            header.append("; Max-Age=").append(maxAge.getSeconds());
        }
        if (expires != null) {
            header.append("; Expires=").append(HttpDates.format(expires));
        }
        if (domain != null) {
            header.append("; Domain=").append(domain);
        }
        if (path != null) {
            header.append("; Path=").append(path);
        }
        if (secure) {
            header.append("; Secure");
        }
        if (httpOnly) {
            header.append("; HttpOnly");
        }
        if (sameSite != null) {
            header.append("; SameSite=").append(sameSite.token());
        }
    }

    /** RFC 6265 §4.1.1 path-value (any CHAR but CTLs and ';'), absolute, ASCII so the header stays Latin-1. */
    private static boolean isPath(String path) {
        return path.startsWith("/") && path.chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != ';');
    }

    /** RFC 6265 §4.1.2.3: a host name, a leading '.' allowed (clients ignore it). */
    private static boolean isDomain(String domain) {
        String name = domain.startsWith(".") ? domain.substring(1) : domain;
        return !name.isEmpty() && name.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9' || c == '-' || c == '.');
    }
}
