package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.http.Responses;
import dev.wsgi4j.middleware.UrlMap;

import java.nio.file.Path;
import java.util.Map;

/**
 * The demo site: every sample application mounted at its path in one {@link UrlMap}, the index at "/". Mounting is
 * all it does, so each sample stays a plain application that works alone.
 */
public final class DemoApp implements Application {

    private final SlowApp slow = new SlowApp();
    private final Application site;

    /** A demo that makes its temp files in {@code java.io.tmpdir}. */
    public DemoApp() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param tempDirectory where /file and /upload keep their temp files while a request needs them */
    public DemoApp(Path tempDirectory) {
        String redirectMount = "/redirect";
        site = UrlMap.builder()
                .mount("/", new IndexApp())
                .mount("/hello", new HelloApp())
                .mount("/process_form", exact(new FormApp()))
                .mount("/flash", exact(new FlashApp()))
                .mount("/upload", exact(new UploadApp(tempDirectory)))
                .mount(redirectMount, exact(new RedirectApp(redirectMount)))
                .mount("/environ", new EnvironApp())
                .mount("/echo", exact(new EchoApp()))
                .mount("/stream", exact(new StreamApp()))
                .mount("/file", exact(new FileApp(tempDirectory)))
                .mount("/write", exact(new WriteApp()))
                .mount("/hints", exact(new HintsApp()))
                .mount("/style.css", exact(HintsApp.STYLE))
                .mount("/slow", exact(slow))
                .mount("/error", exact(ErrorApp.beforeStart()))
                .mount("/error-late", exact(ErrorApp.afterFirstBlock()))
                .build();
    }

    /** The /slow app, whose sleeper count tells how many requests the server ran at once. */
    public SlowApp slowApp() {
        return slow;
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        return site.call(environ, startResponse);
    }

    /** Serves only the mount point itself (and a trailing "/"): {@code /write/x} is a 404, not {@code /write}. */
    private static Application exact(Application app) {
        return (environ, startResponse) -> {
            String rest = Environ.pathInfo(environ);
            return rest.isEmpty() || rest.equals("/")
                    ? app.call(environ, startResponse)
                    : Responses.notFound(environ).send(startResponse);
        };
    }
}
