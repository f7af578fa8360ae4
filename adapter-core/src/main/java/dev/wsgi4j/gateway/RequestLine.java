package dev.wsgi4j.gateway;

import dev.wsgi4j.Environ;

import java.util.Map;

/**
 * The request line of log lines, {@code GET "/path?q"}: kept as found and formatted only when a line is logged, so
 * that requests that log nothing pay a few map lookups. Taken when the request starts, before the application can
 * change its environ; the target is quoted so that a logged line cannot be split by what a client sent.
 */
record RequestLine(Object method, Object rawUri, Object script, Object path, Object query) {

    /** From the environ: the raw target when the server kept one, else SCRIPT_NAME, PATH_INFO and QUERY_STRING. */
    static RequestLine of(Map<String, Object> environ) {
        return new RequestLine(environ.get(Environ.REQUEST_METHOD), environ.get(Environ.RAW_URI),
                environ.get(Environ.SCRIPT_NAME), environ.get(Environ.PATH_INFO), environ.get(Environ.QUERY_STRING));
    }

    /** From the request's method and target, for a request whose environ does not exist yet. */
    static RequestLine of(String method, String target) {
        return new RequestLine(method, target, null, null, null);
    }

    @Override
    public String toString() {
        String target = rawUri != null ? rawUri.toString()
                : text(script) + text(path) + (text(query).isEmpty() ? "" : "?" + text(query));
        return (method == null ? "GET" : method) + " " + HeaderRules.quote(target);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
