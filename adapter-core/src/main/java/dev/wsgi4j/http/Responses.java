package dev.wsgi4j.http;

import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Factories for the responses nearly every application returns, in the spirit of Ring's
 * {@code ring.util.response}: each one line, each with the right Content-Type and (via {@link Response#send})
 * Content-Length, so applications do not hand-assemble status lines and headers.
 */
public final class Responses {

    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String HTML = "text/html; charset=utf-8";
    public static final String JSON = "application/json";

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private Responses() {
    }

    /** 200 with a UTF-8 text/plain body. */
    public static Response text(String body) {
        return bytes(body.getBytes(StandardCharsets.UTF_8), TEXT);
    }

    /** 200 with a UTF-8 text/html body. The caller escapes any untrusted text in it (see {@link Html}). */
    public static Response html(String body) {
        return bytes(body.getBytes(StandardCharsets.UTF_8), HTML);
    }

    /** 200 with an application/json body (UTF-8, which RFC 8259 requires, so no charset parameter). */
    public static Response json(String body) {
        return bytes(body.getBytes(StandardCharsets.UTF_8), JSON);
    }

    /** {@code file} as a response with conditional GET and ranges; {@link FileResponse#send} answers a request. */
    public static FileResponse file(Path file, String contentType) {
        return FileResponse.of(file, contentType);
    }

    /** 200 with {@code body} as {@code contentType}. */
    public static Response bytes(byte[] body, String contentType) {
        return Response.of(200, List.of(new Header("Content-Type", contentType)), body);
    }

    /**
     * {@code code} with its reason phrase as a short text body ({@code "404 Not Found"}); for 204 and 304, which
     * must not have a body, no body and no Content-Type.
     */
    public static Response status(int code) {
        Response probe = Response.of(code, List.of(), new byte[0]);
        if (code == 204 || code == 304) {
            return probe;
        }
        return status(code, probe.status() + "\n");
    }

    /** {@code code} with {@code text} as a UTF-8 text/plain body. */
    public static Response status(int code, String text) {
        return text(text).withStatus(code);
    }

    /** 404 with a small HTML page naming the requested path, escaped, since the path is client input. */
    public static Response notFound(Map<String, Object> environ) {
        String path = Environ.decode(Environ.scriptName(environ) + Environ.pathInfo(environ));
        return html("<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>\n"
                + "<h1>Not Found</h1>\n<p>The requested URL " + Html.escape(path)
                + " was not found on this server.</p>\n</body></html>\n").withStatus(404);
    }

    /**
     * A redirect with an absolute Location: {@code location} may be relative and is resolved against the request
     * URL ({@link RequestUri#resolve}). A relative location is quoted first, so {@code "/search?q=café au lait"}
     * works: characters a URI cannot hold become UTF-8 {@code %XX}, existing escapes and reserved characters stay.
     * An absolute URL (with a scheme or {@code //host}) is used as given, must already be a valid URI, and must name
     * the request's own host (any scheme or port): a location taken from the request ({@code ?next=...}) then cannot
     * send the client to another site (an open redirect). {@link #externalRedirect} is for a redirect to another host
     * that the application means. The small HTML body links to the location for clients that do not follow redirects.
     *
     * @param code 301, 302, 303, 307 or 308
     * @throws IllegalArgumentException for any other code, an absolute location that is not a URI, or one that names
     *                                  another host
     */
    public static Response redirect(Map<String, Object> environ, String location, int code) {
        requireRedirectCode(code);
        String absolute = RequestUri.resolve(environ, UriReferences.quoteRelative(location));
        if (UriReferences.hasSchemeOrAuthority(location)) {
            String host = URI.create(absolute).getHost();
            String own = URI.create(RequestUri.origin(environ)).getHost();
            if (host == null || !host.equalsIgnoreCase(own)) {
                throw new IllegalArgumentException("redirect to another host than " + own + ": " + location
                        + " (use Responses.externalRedirect when that is meant)");
            }
        }
        return redirectTo(absolute, code);
    }

    /**
     * A redirect to {@code url}, an absolute http or https URL on any host, as given: for the redirect to another
     * site that the application means (a login provider, a mirror), never for a location taken from the request.
     *
     * @param code 301, 302, 303, 307 or 308
     * @throws IllegalArgumentException for any other code, or a {@code url} that is not an absolute http(s) URI
     */
    public static Response externalRedirect(String url, int code) {
        requireRedirectCode(code);
        URI uri = URI.create(url);
        if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme())
                || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
        }
        return redirectTo(uri.toASCIIString(), code);
    }

    private static void requireRedirectCode(int code) {
        if (!REDIRECTS.contains(code)) {
            throw new IllegalArgumentException("not a redirect status: " + code);
        }
    }

    private static Response redirectTo(String absolute, int code) {
        String link = Html.escape(absolute);
        return html("<!DOCTYPE html>\n<html><head><title>Redirecting</title></head><body>\n"
                + "<p>Redirecting to <a href=\"" + link + "\">" + link + "</a>.</p>\n</body></html>\n")
                .withStatus(code)
                .withHeader("Location", absolute);
    }
}
