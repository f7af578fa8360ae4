package dev.wsgi4j.netty;

import dev.wsgi4j.Header;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * The metrics in the Prometheus text format ({@link OpsSettings#metricsPath()}), served on the application's port
 * by {@link ServerEndpoints} or on a port of their own by {@link MetricsListener}. A scrape reads every meter (the
 * JVM's among them), so it runs on an executor of its own, never on an event loop.
 */
final class MetricsEndpoint implements ServerEndpoint {

    /** What Prometheus expects for its text format (PrometheusMeterRegistry's default). */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Header NO_STORE = new Header("Cache-Control", "no-store");

    private final ServerMetrics metrics;
    private final Executor executor;

    MetricsEndpoint(ServerMetrics metrics, Executor executor) {
        this.metrics = metrics;
        this.executor = executor;
    }

    @Override
    public Answer answer(boolean omitBody) {
        String text = metrics.prometheusText();
        return Answer.text(200, CONTENT_TYPE, text.getBytes(StandardCharsets.UTF_8), omitBody, NO_STORE);
    }

    @Override
    public Executor executor() {
        return executor;
    }
}
