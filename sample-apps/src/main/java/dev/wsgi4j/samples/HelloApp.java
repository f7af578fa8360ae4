package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.http.Responses;

import java.util.Map;

/**
 * The smallest useful application: answers {@code hello, } and the path below its mount point. It shows that a
 * mounted app finds its mount in SCRIPT_NAME and the rest in PATH_INFO, percent-decoded, as bytes to decode.
 */
public final class HelloApp implements Application {

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) {
        String rest = Environ.decode(Environ.pathInfo(environ));
        return Responses.text("hello, " + rest).send(startResponse);
    }
}
