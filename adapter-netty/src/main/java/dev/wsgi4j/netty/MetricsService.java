package dev.wsgi4j.netty;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A running server's metrics (README "Health and metrics"): the {@link ServerMetrics} its connections report to,
 * the scrape endpoint with its own thread when a metrics path is set, and the separate listener when
 * {@code --metrics-bind} is. {@link GatewayServer} makes one at start when metrics are wanted, and closes it at stop.
 */
final class MetricsService {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsService.class);

    private final ServerMetrics metrics;
    private final ExecutorService scrapeExecutor;
    private final MetricsEndpoint endpoint;
    private Channel listener;

    private MetricsService(ServerMetrics metrics, ExecutorService scrapeExecutor, MetricsEndpoint endpoint) {
        this.metrics = metrics;
        this.scrapeExecutor = scrapeExecutor;
        this.endpoint = endpoint;
    }

    /**
     * The metrics a server with {@code ops} reports to: {@code given} (an embedder's), else Micrometer's Prometheus
     * registry when {@code ops} asks for metrics; null when neither. Fails before anything starts, so that metrics
     * that cannot work leave nothing to undo.
     *
     * @throws IllegalStateException when Micrometer is missing, or a metrics path is asked of metrics that cannot
     *                               render the Prometheus text format
     */
    static MetricsService create(ServerMetrics given, OpsSettings ops) {
        boolean scraped = ops != null && ops.metricsEnabled();
        ServerMetrics metrics = given != null ? given : scraped ? prometheusMetrics() : null;
        if (metrics == null) {
            return null;
        }
        if (!scraped) {
            return new MetricsService(metrics, null, null);
        }
        if (metrics.prometheusText() == null) {
            throw new IllegalStateException("a metrics path needs metrics that render the Prometheus text "
                    + "format (MicrometerMetrics over a PrometheusMeterRegistry)");
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "wsgi4j-metrics");
            t.setDaemon(true);
            return t;
        });
        return new MetricsService(metrics, executor, new MetricsEndpoint(metrics, executor));
    }

    /** The default metrics: Micrometer's Prometheus registry with the JVM's meters; loaded only when asked for. */
    private static ServerMetrics prometheusMetrics() {
        try {
            return dev.wsgi4j.netty.metrics.MicrometerMetrics.prometheus();
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("metrics need io.micrometer:micrometer-registry-prometheus on the class "
                    + "path (wsgi4j-server.jar has it): " + e.getMessage(), e);
        }
    }

    ServerMetrics metrics() {
        return metrics;
    }

    /** The scrape endpoint for the application's port, or null when metrics are not scraped there. */
    ServerEndpoint endpoint() {
        return endpoint;
    }

    /** Opens the separate metrics listener when {@code ops} asks for one ({@link OpsSettings#separateMetricsListener()}). */
    void listen(OpsSettings ops, EventLoopGroup acceptGroup, EventLoopGroup ioGroup,
                Class<? extends ServerChannel> channelType) throws InterruptedException {
        if (endpoint != null && ops.separateMetricsListener()) {
            listener = MetricsListener.start(ops.metricsHost(), ops.metricsPort(), acceptGroup, ioGroup, channelType,
                    ops.metricsPath(), endpoint);
            LOG.info("metrics on http://{}:{}{}", ops.metricsHost(), port(), ops.metricsPath());
        }
    }

    /** The separate listener's port, or -1 without one. */
    int port() {
        return listener == null ? -1 : ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Closes the separate listener, while the event loops still run. */
    void closeListener() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
            listener = null;
        }
    }

    /** Stops the scrape thread and releases the meters; after the connections, so that their last answers count. */
    void close() {
        closeListener();
        if (scrapeExecutor != null) {
            scrapeExecutor.shutdown();
        }
        metrics.close();
    }
}
