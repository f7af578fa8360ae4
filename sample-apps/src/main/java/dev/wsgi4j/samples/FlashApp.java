package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.http.CookieAttributes;
import dev.wsgi4j.http.Cookies;
import dev.wsgi4j.http.FormData;
import dev.wsgi4j.http.Html;
import dev.wsgi4j.http.RequestUri;
import dev.wsgi4j.http.Response;
import dev.wsgi4j.http.Responses;
import dev.wsgi4j.middleware.Methods;

import java.util.Map;

/**
 * A flash message, the redirect-after-post pattern: a POST with an urlencoded {@code message} stores it in a cookie
 * and answers 303 to this page; the next GET shows it once (HTML-escaped: it is client input) and deletes the
 * cookie. The cookie is scoped to this app's own path, {@code HttpOnly}, {@code SameSite=Lax}, and {@code Secure}
 * when the request came over https.
 */
public final class FlashApp implements Application {

    static final String COOKIE = "flash";
    /** Long enough for a message, short enough that even 4-byte characters stay under a browser's 4 KiB a cookie. */
    static final int MAX_LENGTH = 200;

    private final Application methods = Methods.builder().get(FlashApp::show).post(FlashApp::post).build();

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        return methods.call(environ, startResponse);
    }

    private static Iterable<byte[]> show(Map<String, Object> environ, StartResponse startResponse) {
        String self = self(environ);
        String message = Cookies.parse(environ).first(COOKIE);
        Response page = Responses.html(page(self, message)).withHeader("Cache-Control", "no-store");
        return (message == null ? page : page.withoutCookie(COOKIE, attributes(environ, self))).send(startResponse);
    }

    private static Iterable<byte[]> post(Map<String, Object> environ, StartResponse startResponse) {
        return post(environ, self(environ), attributes(environ, self(environ))).send(startResponse);
    }

    /** quote() leaves only unreserved characters, '/' and %XX: a valid cookie Path and safe in an attribute. */
    private static String self(Map<String, Object> environ) {
        String scriptName = Environ.scriptName(environ);
        return RequestUri.quote(scriptName.isEmpty() ? "/" : scriptName, "/");
    }

    private static CookieAttributes attributes(Map<String, Object> environ, String self) {
        return CookieAttributes.DEFAULTS.path(self).secure(Environ.urlScheme(environ).equals("https"));
    }

    private static Response post(Map<String, Object> environ, String self, CookieAttributes attributes) {
        String message = FormData.parse(environ).first("message", "");
        if (message.isBlank() || message.length() > MAX_LENGTH) {
            return Responses.status(400, "400 Bad Request\nthe form needs a 'message' of 1 to " + MAX_LENGTH
                    + " characters\n");
        }
        return Responses.redirect(environ, self, 303).withCookie(COOKIE, message, attributes);
    }

    private static String page(String self, String message) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Flash message</title></head><body>\n"
                + "<h1>Flash message</h1>\n"
                + (message == null ? "" : "<p id=\"flash\">" + Html.escape(message) + "</p>\n")
                + "<form method=\"post\" action=\"" + self + "\">\n"
                + "<label>message <input type=\"text\" name=\"message\"></label>\n"
                + "<button type=\"submit\">Flash</button>\n</form>\n</body></html>\n";
    }
}
