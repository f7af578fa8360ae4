package dev.wsgi4j.gateway;

import dev.wsgi4j.Application;
import dev.wsgi4j.http.GatewayException;

import java.util.Map;

/**
 * Runs one application call and turns its result into calls on a {@link ResponseTransport}: the part of a server
 * that is the same for every server (wsgiref's {@code BaseHandler.run}). Stateless and thread-safe; one instance
 * serves a whole server.
 */
public final class ResponseDriver {

    private final ErrorOutput errorOutput;

    /** @param debug when true, 500 answers carry the stack trace (never in production) */
    public ResponseDriver(boolean debug) {
        this.errorOutput = new ErrorOutput(debug);
    }

    /**
     * Calls {@code app} and sends its response. Returns once the whole response is queued (or aborted); never
     * throws: application errors become a 500 or an aborted response, and the body is closed on every path.
     */
    public void run(Application app, Map<String, Object> environ, ResponseTransport transport) {
        new GatewayCall(app, environ, transport, errorOutput).run();
    }

    /**
     * Builds the environ with {@code environ}, then calls {@code app} and sends its response, as
     * {@link #run(Application, Map, ResponseTransport)}; a failure to build the environ is answered like an
     * application's failure before it started (its {@link GatewayException} status, else 500).
     *
     * @param method the request's method, so that a HEAD is answered without a body even when no environ exists
     * @param target the request-target as received, for log lines
     */
    public void run(Application app, String method, String target, EnvironSource environ,
            ResponseTransport transport) {
        new GatewayCall(app, method, target, environ, transport, errorOutput).run();
    }
}
