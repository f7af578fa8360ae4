package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.http.RequestUri;
import dev.wsgi4j.http.Responses;
import dev.wsgi4j.middleware.Methods;

import java.util.Map;

/**
 * The demo's front page: a link to every GET route and the two forms (urlencoded and multipart). Links are built
 * under SCRIPT_NAME, so they stay right wherever the demo is mounted; any other path below it is a 404.
 */
public final class IndexApp implements Application {

    private static final String PAGE = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>wsgi4j demo</title></head><body>
            <h1>wsgi4j demo</h1>
            <ul>
            <li><a href="{base}/hello/world">/hello/world</a>: hello and the path below /hello</li>
            <li><a href="{base}/redirect">/redirect</a>: 302 back to this page</li>
            <li><a href="{base}/redirect?to=/hello/redirected">/redirect?to=/hello/redirected</a>: 302 to a local path</li>
            <li><a href="{base}/flash">/flash</a>: a message posted, redirected (303) and shown once, through a cookie</li>
            <li><a href="{base}/hints">/hints</a>: a 103 Early Hints naming the page's stylesheet, then the page</li>
            <li><a href="{base}/environ">/environ</a>: the environ of your request, as JSON</li>
            <li><a href="{base}/stream?chunks=8&amp;size=1024">/stream?chunks=8&amp;size=1024</a>: a lazily streamed body</li>
            <li><a href="{base}/file?size=65536">/file?size=65536</a>: a temp file sent through wsgi.file_wrapper</li>
            <li><a href="{base}/write">/write</a>: a body sent through the legacy write() callable</li>
            <li><a href="{base}/slow?ms=500">/slow?ms=500</a>: a blocking application</li>
            <li><a href="{base}/error">/error</a>: fails before start_response (500)</li>
            <li><a href="{base}/error-late">/error-late</a>: fails after its first block (cut response)</li>
            </ul>
            <h2>A form</h2>
            <form method="post" action="{base}/process_form">
            <label>name <input type="text" name="name"></label>
            <label>message <input type="text" name="message"></label>
            <button type="submit">Send</button>
            </form>
            <h2>An upload</h2>
            <form method="post" enctype="multipart/form-data" action="{base}/upload">
            <label>files <input type="file" name="file" multiple></label>
            <label>note <input type="text" name="note"></label>
            <button type="submit">Upload</button>
            </form>
            <p>POST a body to <code>{base}/echo</code> to get it back.</p>
            </body></html>
            """;

    private final Application methods = Methods.builder().get(IndexApp::page).build();

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        String path = Environ.pathInfo(environ);
        if (!path.isEmpty() && !path.equals("/")) {
            return Responses.notFound(environ).send(startResponse);
        }
        return methods.call(environ, startResponse);
    }

    private static Iterable<byte[]> page(Map<String, Object> environ, StartResponse startResponse) {
        // quote() leaves only unreserved characters, '/' and %XX: safe in an HTML attribute as it is.
        String base = RequestUri.quote(Environ.scriptName(environ), "/");
        return Responses.html(PAGE.replace("{base}", base)).send(startResponse);
    }
}
