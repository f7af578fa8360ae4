package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.http.Responses;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Sends a {@code 103 Early Hints} naming the page's stylesheet before the page itself ({@code wsgi.early_hints},
 * gunicorn's name): a browser may fetch {@code /style.css} while the application still builds the page. On
 * HTTP/1.0, or where the server offers no early hints, the call does nothing and the page is the same.
 */
public final class HintsApp implements Application {

    /** The hint, as it appears in the 103 response. */
    static final Header PRELOAD = Header.of("Link", "</style.css>; rel=preload; as=style");

    /** The stylesheet the hint names, at {@code /style.css}. */
    public static final Application STYLE = (environ, startResponse) -> Responses.bytes(
            "body { font-family: sans-serif }\n".getBytes(StandardCharsets.UTF_8), "text/css; charset=utf-8")
            .send(startResponse);

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        Environ.earlyHints(environ).send(List.of(PRELOAD));
        return Responses.html("""
                <!DOCTYPE html>
                <html><head><title>Early hints</title><link rel="stylesheet" href="/style.css"></head>
                <body><h1>Early hints</h1><p>A 103 response named /style.css before this page.</p></body></html>
                """).send(startResponse);
    }
}
