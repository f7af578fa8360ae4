package dev.wsgi4j.http;

import dev.wsgi4j.gateway.HeaderRules;

import java.time.Duration;
import java.util.Map;

/**
 * Reading the cookies a request carries and writing {@code Set-Cookie} values (RFC 6265), with one encoding for
 * values both ways so that any string an application stores comes back equal ({@link CookieValues}).
 * {@link Response#withCookie} and {@link Response#withoutCookie} use this; an application that calls
 * start_response itself can add {@code new Header("Set-Cookie", Cookies.header(...))}.
 */
public final class Cookies {

    /** The environ key of the request's Cookie header. */
    public static final String HTTP_COOKIE = "HTTP_COOKIE";

    private Cookies() {
    }

    /**
     * The cookies of the request in {@code environ}, in the order sent, repeats kept. A server joins several
     * {@code Cookie} lines into one HTTP_COOKIE with {@code "; "} (SPEC.md §3.6, RFC 6265 §5.4), so they read as one
     * list here. See {@link #parse(String)}.
     */
    public static FormFields parse(Map<String, Object> environ) {
        Object header = environ.get(HTTP_COOKIE);
        return header instanceof String s ? parse(s) : FormFields.empty();
    }

    /**
     * Parses a {@code Cookie} header value ({@code a=1; b=2}) leniently, as browsers send what scripts and other
     * servers stored: pairs are split at {@code ;}, spaces and tabs around names and values are dropped, a value in
     * double quotes loses them, and {@code %XX} escapes are decoded as UTF-8 (a value that does not decode is kept
     * as sent). A pair without {@code =} or whose name is not an RFC 9110 token is skipped; nothing here throws.
     */
    public static FormFields parse(String header) {
        FormFields.Builder cookies = FormFields.builder();
        int start = 0;
        while (start <= header.length()) {
            int semicolon = header.indexOf(';', start);
            int end = semicolon < 0 ? header.length() : semicolon;
            int eq = header.indexOf('=', start);
            if (eq >= 0 && eq < end) {
                String name = trim(header.substring(start, eq));
                String value = unquote(trim(header.substring(eq + 1, end)));
                if (HeaderRules.isToken(name)) {
                    cookies.add(name, CookieValues.decode(value));
                }
            }
            start = end + 1;
        }
        return cookies.build();
    }

    /**
     * A {@code Set-Cookie} header value: {@code name=encoded-value} followed by {@code attributes}.
     *
     * @throws IllegalArgumentException when {@code name} is not an RFC 9110 token, {@code value} is not
     *                                  well-formed UTF-16, or {@code SameSite=None} comes without {@code Secure}
     */
    public static String header(String name, String value, CookieAttributes attributes) {
        checkName(name);
        StringBuilder header = new StringBuilder(name).append('=').append(CookieValues.encode(value));
        attributes.appendTo(header);
        return header.toString();
    }

    /**
     * A {@code Set-Cookie} header value that makes a client delete cookie {@code name}: empty, {@code Max-Age=0}
     * and an {@code Expires} in 1970 (for clients that predate Max-Age). The client deletes only the cookie stored
     * under the same Path and Domain, so pass the attributes the cookie was set with; their expiry is replaced.
     */
    public static String expiredHeader(String name, CookieAttributes attributes) {
        return header(name, "", attributes.maxAge(Duration.ZERO).expires(CookieAttributes.EPOCH));
    }

    private static void checkName(String name) {
        if (!HeaderRules.isToken(name)) {
            throw new IllegalArgumentException("cookie name must be an RFC 9110 token (letters, digits and "
                    + "!#$%&'*+-.^_`|~, not empty): \"" + name + "\"");
        }
    }

    private static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isBlank(s.charAt(from))) {
            from++;
        }
        while (to > from && isBlank(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
