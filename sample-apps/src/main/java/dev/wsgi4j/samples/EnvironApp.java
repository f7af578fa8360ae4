package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.http.Responses;

import java.util.Map;
import java.util.TreeMap;

/**
 * Shows the environ the server built for this request as JSON, sorted by key: the PEP 3333 CGI and {@code wsgi.*}
 * entries and one HTTP_* per header. CGI strings are shown decoded as UTF-8; objects such as wsgi.input are left out.
 */
public final class EnvironApp implements Application {

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) {
        Map<String, Object> shown = new TreeMap<>();
        for (Map.Entry<String, Object> entry : environ.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof String cgi) {
                shown.put(entry.getKey(), Environ.decode(cgi));
            } else if (value instanceof Number || value instanceof Boolean) {
                shown.put(entry.getKey(), value);
            }
        }
        shown.put(Environ.WSGI_VERSION, Environ.VERSION);
        return Responses.json(Json.write(shown)).send(startResponse);
    }
}
