package dev.wsgi4j.samples.guide;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.http.CookieAttributes;
import dev.wsgi4j.http.Cookies;
import dev.wsgi4j.http.FormData;
import dev.wsgi4j.http.GatewayException;
import dev.wsgi4j.http.Html;
import dev.wsgi4j.http.RequestUri;
import dev.wsgi4j.http.Response;
import dev.wsgi4j.http.Responses;
import dev.wsgi4j.middleware.Methods;
import dev.wsgi4j.middleware.UrlMap;
import dev.wsgi4j.samples.Json;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guestbook of docs/flask.md, the guide for Flask developers: a form that posts, redirects (303) and shows a
 * flash message once through a cookie, a JSON list of the messages, one message by number ({@code /messages/<id>}, a
 * path variable read with a regex), and a file download with conditional GET and ranges. The guide quotes this file
 * verbatim (FlaskGuideTest checks it), so a change here is a change to the guide.
 */
public final class GuestbookApp implements Application {

    static final String FLASH = "flash";
    static final int MAX_MESSAGE = 500;
    private static final Pattern MESSAGE_PATH = Pattern.compile("/(\\d{1,9})");

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Path rules;
    private final Application routes;

    /** @param rules the file {@code /rules} sends as a download */
    public GuestbookApp(Path rules) {
        this.rules = rules;
        this.routes = UrlMap.builder()
                .mount("/", indexOnly(Methods.builder().get(this::index).post(this::sign).build()))
                .mount("/api/messages", Methods.builder().get(this::listJson).build())
                .mount("/messages", this::message)
                .mount("/rules", Methods.builder().get(this::download).build())
                .build();
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        return routes.call(environ, startResponse);
    }

    private Iterable<byte[]> index(Map<String, Object> environ, StartResponse startResponse) {
        String flash = Cookies.parse(environ).first(FLASH);
        Response page = Responses.html(page(environ, flash));
        if (flash != null) {
            page = page.withoutCookie(FLASH, flashCookie(environ));
        }
        return page.send(startResponse);
    }

    private Iterable<byte[]> sign(Map<String, Object> environ, StartResponse startResponse) {
        String message = FormData.parse(environ).first("message", "").strip();
        if (message.isEmpty() || message.length() > MAX_MESSAGE) {
            throw new GatewayException(400, "a message of 1 to " + MAX_MESSAGE + " characters, please");
        }
        messages.add(message);
        return Responses.redirect(environ, urlForIndex(environ), 303)
                .withCookie(FLASH, "Thanks for signing!", flashCookie(environ))
                .send(startResponse);
    }

    private Iterable<byte[]> listJson(Map<String, Object> environ, StartResponse startResponse) {
        return Responses.json(Json.write(Map.of("messages", messages))).send(startResponse);
    }

    private Iterable<byte[]> message(Map<String, Object> environ, StartResponse startResponse) {
        Matcher path = MESSAGE_PATH.matcher(Environ.pathInfo(environ));
        if (!path.matches()) {
            throw new GatewayException(404, "no such page");
        }
        String method = Environ.method(environ);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new GatewayException(405, "read only", List.of(Header.of("Allow", "GET, HEAD")));
        }
        int id = Integer.parseInt(path.group(1));
        if (id >= messages.size()) {
            throw new GatewayException(404, "no message " + id);
        }
        return Responses.text(messages.get(id) + "\n").send(startResponse);
    }

    private Iterable<byte[]> download(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        return Responses.file(rules, "text/plain; charset=utf-8")
                .attachment("Gästebuch-Regeln.txt")
                .send(environ, startResponse);
    }

    /** The "/" mount is the default: it also gets every path no other mount took, and those are a 404. */
    private static Application indexOnly(Application app) {
        return (environ, startResponse) -> {
            String path = Environ.pathInfo(environ);
            if (!path.isEmpty() && !path.equals("/")) {
                throw new GatewayException(404, "no such page");
            }
            return app.call(environ, startResponse);
        };
    }

    /** Flask's {@code url_for("index")}: SCRIPT_NAME, where this app is mounted, URL-quoted, plus "/". */
    private static String urlForIndex(Map<String, Object> environ) {
        return RequestUri.quote(Environ.scriptName(environ), "/") + "/";
    }

    /** Scoped to this app's path; Secure when the request came over https (behind a proxy: --forwarded-allow-ips). */
    private static CookieAttributes flashCookie(Map<String, Object> environ) {
        return CookieAttributes.DEFAULTS.path(urlForIndex(environ))
                .secure(Environ.urlScheme(environ).equals("https"));
    }

    private String page(Map<String, Object> environ, String flash) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<title>Guestbook</title></head><body>\n<h1>Guestbook</h1>\n");
        if (flash != null) {
            html.append("<p id=\"flash\">").append(Html.escape(flash)).append("</p>\n");
        }
        html.append("<ul>\n");
        messages.forEach(m -> html.append("<li>").append(Html.escape(m)).append("</li>\n"));
        return html.append("</ul>\n<form method=\"post\" action=\"").append(urlForIndex(environ)).append("\">\n")
                .append("<input name=\"message\"> <button>Sign</button>\n</form>\n</body></html>\n").toString();
    }
}
