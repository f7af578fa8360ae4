package dev.wsgi4j.netty;

import dev.wsgi4j.Header;
import dev.wsgi4j.gateway.ErrorOutput;
import dev.wsgi4j.gateway.RequestTarget;
import dev.wsgi4j.http.Reasons;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The paths a server answers itself ({@link OpsSettings}), looked up before the application is called, on every
 * request of a server that has any: {@link #find} compares the request target's path byte for byte with each
 * (SPEC.md §6.8; the query is ignored), without allocating for an origin-form target. Only GET and HEAD are
 * answered; other methods get 405 with {@code Allow} (RFC 9110 §15.5.6). A server without such paths has no
 * instance: its handler checks one null.
 */
final class ServerEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(ServerEndpoints.class);

    /** Answers any method but GET and HEAD at a server-answered path. */
    static final ServerEndpoint METHOD_NOT_ALLOWED = new ServerEndpoint() {
        private final Header allow = new Header("Allow", "GET, HEAD");

        @Override
        public Answer answer(boolean omitBody) {
            return Answer.plain(405, "405 " + Reasons.of(405) + "\n", omitBody, allow);
        }

        @Override
        public Executor executor() {
            return null;
        }
    };

    private final String[] paths;
    private final ServerEndpoint[] endpoints;

    private ServerEndpoints(Map<String, ServerEndpoint> byPath) {
        this.paths = byPath.keySet().toArray(new String[0]);
        this.endpoints = byPath.values().toArray(new ServerEndpoint[0]);
    }

    /**
     * The endpoints {@code ops} asks for on the application's port, or null when there are none. {@code metrics}
     * answers the metrics path unless the metrics have a listener of their own.
     */
    static ServerEndpoints of(OpsSettings ops, ServerLifecycle lifecycle, ServerEndpoint metrics) {
        if (ops == null) {
            return null;
        }
        Map<String, ServerEndpoint> byPath = new LinkedHashMap<>();
        if (ops.healthPath() != null) {
            byPath.put(ops.healthPath(), new HealthEndpoint(lifecycle));
        }
        if (ops.metricsEnabled() && !ops.separateMetricsListener()) {
            byPath.put(ops.metricsPath(), metrics);
        }
        return byPath.isEmpty() ? null : new ServerEndpoints(byPath);
    }

    /** The endpoint that answers {@code head}, {@link #METHOD_NOT_ALLOWED} for a method it does not take, or null. */
    ServerEndpoint find(HttpRequest head) {
        String target = head.uri();
        if (!target.startsWith("/")) {
            if (target.equals("*")) {
                return null;
            }
            target = RequestTarget.parse(target).rawPath(); // absolute-form, rare: RFC 9112 §3.2.2
        }
        for (int i = 0; i < paths.length; i++) {
            String path = paths[i];
            if (target.startsWith(path) && (target.length() == path.length() || target.charAt(path.length()) == '?')) {
                HttpMethod method = head.method();
                return method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD) ? endpoints[i]
                        : METHOD_NOT_ALLOWED;
            }
        }
        return null;
    }

    /**
     * Writes {@code endpoint}'s answer to {@code transport}; an endpoint that fails is answered 500 and logged, so
     * that the connection always gets an answer.
     */
    static void respond(ServerEndpoint endpoint, HttpRequest head, NettyTransport transport) {
        boolean omitBody = HttpMethod.HEAD.equals(head.method());
        ServerEndpoint.Answer answer;
        try {
            answer = endpoint.answer(omitBody);
        } catch (RuntimeException e) {
            LOG.warn("{} {}: the server's own answer failed; answering 500", head.method(), head.uri(), e);
            ErrorOutput.Response error = ErrorOutput.status(500, omitBody);
            answer = new ServerEndpoint.Answer(error.head(), error.chunks());
        }
        transport.sendFull(answer.head(), answer.chunks());
    }

    /** Runs {@code call} where {@code endpoint} answers: at once on this event loop, or on its executor. */
    static boolean execute(ServerEndpoint endpoint, Runnable call) {
        Executor executor = endpoint.executor();
        if (executor == null) {
            call.run();
            return true;
        }
        try {
            executor.execute(call);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }
}
