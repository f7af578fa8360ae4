package dev.wsgi4j.gateway;

import dev.wsgi4j.Header;
import dev.wsgi4j.http.GatewayException;
import dev.wsgi4j.http.Reasons;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer a server gives in the application's place when it fails before its head went out (wsgiref's
 * {@code error_output}): a generic body, never internals, unless debug mode was chosen explicitly.
 */
public final class ErrorOutput {

    /** A rendered error: the head and its body. */
    public record Response(ResponseHead head, List<byte[]> chunks) {
    }

    private final boolean debug;

    public ErrorOutput(boolean debug) {
        this.debug = debug;
    }

    /**
     * 500 for application errors; a {@link GatewayException}'s own status (400, 413, ...) for bad input, with the
     * headers it carries (Allow, WWW-Authenticate, Retry-After, ...).
     */
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
        List<Header> extra = error instanceof GatewayException ge && code == ge.status() ? ge.headers() : List.of();
        return plain(code, text.toString(), omitBody, extra);
    }

    /** The answer a server gives on its own with {@code code} (400, 413, 503 ...): its status line as the body. */
    public static Response status(int code, boolean omitBody) {
        return plain(code, statusText(code), omitBody);
    }

    /** A small text/plain response. */
    static Response plain(int code, String text, boolean omitBody) {
        return plain(code, text, omitBody, List.of());
    }

    private static Response plain(int code, String text, boolean omitBody, List<Header> extra) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        List<Header> headers = new ArrayList<>(extra.size() + 2);
        headers.addAll(extra);
        headers.add(new Header("Content-Type", "text/plain; charset=utf-8"));
        headers.add(new Header("Content-Length", Integer.toString(body.length)));
        ResponseHead head = new ResponseHead(StatusLine.of(code), headers, body.length, omitBody);
        return new Response(head, omitBody ? List.of() : List.of(body));
    }

    private static String statusText(int code) {
        return code + " " + Reasons.of(code) + "\n";
    }
}
