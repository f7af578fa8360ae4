package dev.wsgi4j.testing;

import dev.wsgi4j.http.Cookies;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The cookies a {@link TestClient} keeps between requests, as a browser does (RFC 6265 §5.3-5.4): stored per
 * domain and path from each response's {@code Set-Cookie} headers, replaced by a cookie of the same name, domain and
 * path, dropped once {@code Max-Age} or {@code Expires} has passed (so {@code Max-Age=0} deletes), and sent only to
 * the hosts and paths they match, {@code Secure} ones only over https. Public-suffix rules and third-party
 * contexts ({@code SameSite}) are not modelled: a test talks to one site.
 *
 * <p>Thread-safe; every copy of a client made by its options shares its jar.
 */
public final class CookieJar {

    private final Clock clock;
    /** In the order stored: RFC 6265 §5.4 sends older cookies of equal path length first. */
    private final List<StoredCookie> cookies = new ArrayList<>();

    public CookieJar() {
        this(Clock.systemUTC());
    }

    /** @param clock the time expiry is measured against, so a test can move it */
    public CookieJar(Clock clock) {
        this.clock = clock;
    }

    /** The cookies not yet expired, in the order they were stored. */
    public synchronized List<StoredCookie> cookies() {
        Instant now = clock.instant();
        cookies.removeIf(c -> c.isExpired(now));
        return List.copyOf(cookies);
    }

    /** The decoded value of the first live cookie called {@code name} (any domain and path), or null. */
    public String value(String name) {
        return cookies().stream().filter(c -> c.name().equals(name)).findFirst()
                .map(c -> Cookies.parse("v=" + c.value()).first("v", c.value())).orElse(null);
    }

    public synchronized void clear() {
        cookies.clear();
    }

    /** {@code request} with a {@code Cookie} header holding the cookies that match it, if any do. */
    TestRequest attachTo(TestRequest request) {
        String header = header(Url.of(request));
        return header.isEmpty() ? request : request.toBuilder().header("Cookie", header).build();
    }

    /** Stores the cookies {@code response} sets, in the order of its headers. */
    synchronized void receive(TestRequest request, TestResponse response) {
        Url url = Url.of(request);
        Instant now = clock.instant();
        for (String header : response.headers("Set-Cookie")) {
            StoredCookie cookie = SetCookieParser.parse(header, url.host(), url.path(), now);
            if (cookie != null) {
                int at = indexOfSameKey(cookie);
                if (cookie.isExpired(now)) {
                    if (at >= 0) {
                        cookies.remove(at);
                    }
                } else if (at >= 0) {
                    cookies.set(at, cookie);
                } else {
                    cookies.add(cookie);
                }
            }
        }
    }

    private synchronized String header(Url url) {
        Instant now = clock.instant();
        cookies.removeIf(c -> c.isExpired(now));
        return cookies.stream()
                .filter(c -> c.hostOnly() ? url.host().equals(c.domain()) : SetCookieParser.domainMatches(url.host(), c.domain()))
                .filter(c -> SetCookieParser.pathMatches(url.path(), c.path()))
                .filter(c -> !c.secure() || url.scheme().equals("https"))
                .sorted(Comparator.comparingInt((StoredCookie c) -> c.path().length()).reversed())
                .map(c -> c.name() + "=" + c.value())
                .collect(Collectors.joining("; "));
    }

    private int indexOfSameKey(StoredCookie cookie) {
        for (int i = 0; i < cookies.size(); i++) {
            if (cookies.get(i).sameKey(cookie)) {
                return i;
            }
        }
        return -1;
    }

    /** The parts of a request's URL cookies are matched on. */
    private record Url(String scheme, String host, String path) {

        static Url of(TestRequest request) {
            String target = request.target();
            String authority = request.host() == null ? "localhost" : request.host();
            String scheme = request.scheme();
            if (!target.startsWith("/")) {
                URI uri = URI.create(target);
                scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                authority = uri.getRawAuthority();
                target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            }
            int query = target.indexOf('?');
            return new Url(scheme, hostName(authority), query < 0 ? target : target.substring(0, query));
        }

        /** The host without its port, lower case; an IPv6 literal keeps its brackets. */
        private static String hostName(String authority) {
            int colon = authority.lastIndexOf(':');
            boolean hasPort = colon >= 0 && authority.indexOf(']') < colon;
            return (hasPort ? authority.substring(0, colon) : authority).toLowerCase(Locale.ROOT);
        }
    }
}
