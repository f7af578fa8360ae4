package dev.wsgi4j.http;

import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.gateway.StatusLine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A complete, buffered response as an immutable value, so an application can build, adjust and return it in
 * one expression: {@code return Responses.text("hi").withHeader("Cache-Control", "no-store").send(sr);}.
 * Content-Length is always computed from the body by {@link #send}, never trusted from the caller.
 */
public final class Response {

    private final StatusLine status;
    private final List<Header> headers;
    private final byte[] body;

    private Response(StatusLine status, List<Header> headers, byte[] body) {
        if (status.forbidsBody() && body.length > 0) {
            throw new IllegalArgumentException(status + " responses have no body");
        }
        for (Header h : headers) {
            rejectContentLength(h.name());
        }
        this.status = status;
        this.headers = List.copyOf(headers);
        this.body = body;
    }

    /** A response with the standard reason phrase for {@code code} (200..599). */
    public static Response of(int code, List<Header> headers, byte[] body) {
        return new Response(new StatusLine(code, Reasons.of(code)), headers, body.clone());
    }

    public int code() {
        return status.code();
    }

    /** The status line as start_response wants it, e.g. {@code "404 Not Found"}. */
    public String status() {
        return status.toString();
    }

    /** The headers without Content-Length, which {@link #send} adds. */
    public List<Header> headers() {
        return headers;
    }

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        return headers.stream().filter(h -> h.is(name)).map(Header::value).findFirst().orElse(null);
    }

    public byte[] body() {
        return body.clone();
    }

    /** Adds a header; repeats are kept (Set-Cookie). Content-Length is refused: {@link #send} computes it. */
    public Response withHeader(String name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(name, value));
        return new Response(status, more, body);
    }

    /** The same headers and body under another status code. */
    public Response withStatus(int code) {
        return new Response(new StatusLine(code, Reasons.of(code)), headers, body);
    }

    /** Calls {@code startResponse} with the status, the headers and a correct Content-Length; returns the body. */
    public Iterable<byte[]> send(StartResponse startResponse) {
        List<Header> all = new ArrayList<>(headers);
        if (!status.forbidsBody()) {
            all.add(new Header("Content-Length", Integer.toString(body.length)));
        }
        startResponse.start(status.toString(), all);
        return body.length == 0 ? List.of() : List.of(body.clone());
    }

    private static void rejectContentLength(String name) {
        if (name.equalsIgnoreCase("Content-Length")) {
            throw new IllegalArgumentException("Content-Length is computed from the body by send()");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Response r && status.equals(r.status) && headers.equals(r.headers)
                && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "Response[" + status + ", " + headers + ", " + body.length + " bytes]";
    }

    /**
     * Adds a {@code Set-Cookie} header (RFC 6265) storing {@code value}, encoded so that {@link Cookies#parse}
     * gives back exactly {@code value}; repeat for several cookies.
     *
     * @param attributes usually {@link CookieAttributes#DEFAULTS} or a variant of it
     * @throws IllegalArgumentException when {@code name} is not an RFC 9110 token, or {@code SameSite=None} comes
     *                                  without {@code Secure} (see {@link Cookies#header})
     */
    public Response withCookie(String name, String value, CookieAttributes attributes) {
        return withHeader("Set-Cookie", Cookies.header(name, value, attributes));
    }

    /**
     * Adds a {@code Set-Cookie} header that deletes cookie {@code name} set with the default attributes and
     * {@code path} ({@code Max-Age=0}, an {@code Expires} in the past); a client deletes only a cookie of the same
     * name, Path and Domain.
     */
    public Response withoutCookie(String name, String path) {
        return withoutCookie(name, CookieAttributes.DEFAULTS.path(path));
    }

    /** As {@link #withoutCookie(String, String)}, for a cookie set with {@code attributes} (a Domain, Secure). */
    public Response withoutCookie(String name, CookieAttributes attributes) {
        return withHeader("Set-Cookie", Cookies.expiredHeader(name, attributes));
    }
}
