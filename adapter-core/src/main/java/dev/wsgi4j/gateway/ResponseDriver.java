package dev.wsgi4j.gateway;

import dev.wsgi4j.Application;

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
}
