package dev.wsgi4j.testing;

import java.time.Instant;

/**
 * One cookie in a {@link CookieJar}, as a browser stores it from a {@code Set-Cookie} header (RFC 6265 §5.3).
 *
 * @param value    the value exactly as the server sent it (still encoded; {@link CookieJar#value} decodes it)
 * @param domain   the host it was set by, or the Domain attribute's (lower case, no leading dot)
 * @param hostOnly true without a Domain attribute: sent to exactly {@code domain}, not its subdomains
 * @param expires  when it stops being sent, or null for a session cookie
 */
public record StoredCookie(String name, String value, String domain, boolean hostOnly, String path, boolean secure,
        boolean httpOnly, Instant expires) {

    boolean isExpired(Instant now) {
        return expires != null && !expires.isAfter(now);
    }

    /** The same name, domain and path: a new cookie with this key replaces the stored one. */
    boolean sameKey(StoredCookie other) {
        return name.equals(other.name) && domain.equals(other.domain) && path.equals(other.path);
    }
}
