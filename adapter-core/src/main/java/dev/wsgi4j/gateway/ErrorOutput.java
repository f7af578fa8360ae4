package dev.wsgi4j.gateway;

import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.http.GatewayException;
import dev.wsgi4j.http.Reasons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The answer a server gives in the application's place when it fails before its head went out (wsgiref's
 * {@code error_output}): a generic body, never internals, unless debug mode was chosen explicitly.
 */
public final class ErrorOutput {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorOutput.class);

    /** A rendered error: the head and its body. */
    public record Response(ResponseHead head, List<byte[]> chunks) {
    }

    private final boolean debug;

    public ErrorOutput(boolean debug) {
        this.debug = debug;
    }

    /** 500 for application errors; a {@link GatewayException}'s own status (400, 413, ...) for bad input. */
    public Response render(Throwable error, boolean omitBody) {
        // Only an error status may replace the application's answer; anything else is a helper's bug: 500.
        int code = error instanceof GatewayException ge && ge.status() >= 400 && ge.status() <= 599 ? ge.status() : 500;
        StringBuilder text = new StringBuilder(statusText(code));
        if (error instanceof GatewayException && code < 500) {
            if (error.getMessage() != null) {
                text.append(error.getMessage()).append('\n');
            }
        } else if (debug) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            text.append('\n').append(trace);
        }
        return plain(code, text.toString(), omitBody);
    }

    /** The answer a server gives on its own with {@code code} (400, 413, 503 ...): its status line as the body. */
    public static Response status(int code, boolean omitBody) {
        return plain(code, statusText(code), omitBody);
    }

    /** A small text/plain response. */
    static Response plain(int code, String text, boolean omitBody) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        List<Header> headers = List.of(
                new Header("Content-Type", "text/plain; charset=utf-8"),
                new Header("Content-Length", Integer.toString(body.length)));
        ResponseHead head = new ResponseHead(StatusLine.of(code), headers, body.length, omitBody);
        return new Response(head, omitBody ? List.of() : List.of(body));
    }

    private static String statusText(int code) {
        return code + " " + Reasons.of(code) + "\n";
    }

    /** "GET /path?q" for log lines, from the raw target when the server kept it. */
    public static String requestLine(Map<String, Object> environ) {
        return requestLineOf(environ).toString();
    }

    /**
     * The request line as an object that formats itself only when a log line needs it, so requests that log
     * nothing pay two map lookups. Taken when the request starts, before the application can change environ.
     */
    static Object requestLineOf(Map<String, Object> environ) {
        return new RequestLine(environ.get(Environ.REQUEST_METHOD), environ.get(Environ.RAW_URI),
                environ.get(Environ.SCRIPT_NAME), environ.get(Environ.PATH_INFO), environ.get(Environ.QUERY_STRING));
    }

    /** The same from the request's method and target, for a request whose environ does not exist yet. */
    static Object requestLineOf(String method, String target) {
        return new RequestLine(method, target, null, null, null);
    }

    /** The pieces of a request line, kept as found; formatted by {@link #toString()} only. */
    private record RequestLine(Object method, Object rawUri, Object script, Object path, Object query) {
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

    /** Closes an {@link AutoCloseable} body, logging instead of throwing: the response is already decided. */
    public static void closeQuietly(Object body, Object requestLine) {
        if (body instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("{}: closing the response body failed", requestLine, e);
            }
        }
    }
}
