package dev.wsgi4j.netty.metrics;

import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A server's metrics in a Micrometer registry (README "Health and metrics" lists them): requests by method and
 * status class with their durations, requests in flight, the executor's queue, the server's own 503s, open
 * connections, bytes in and out. Tags take few values whatever clients send, so the number of series stays
 * bounded: the method is one of {@link #METHODS} or {@code OTHER}, the status its class.
 * <p>{@link #prometheus()} is what {@code --metrics-path} serves: a Prometheus registry of its own, with the JVM's
 * memory, GC, thread and CPU meters. {@link #of} reports into an embedder's registry and adds only the server's
 * meters (the embedder decides about the JVM's).
 */
public final class MicrometerMetrics implements ServerMetrics {

    /** Methods that get a tag of their own; any other is {@code OTHER}. */
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "OTHER");
    /** Status classes by {@code status / 100}; {@code none} when the connection ended before a head went out. */
    private static final String[] CLASSES = {"none", "1xx", "2xx", "3xx", "4xx", "5xx"};
    /** Histogram buckets for the request duration: Prometheus' default buckets, 5 ms to 10 s. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;
    private final List<AutoCloseable> binders;
    private final List<Meter> gauges = new CopyOnWriteArrayList<>();
    private final AtomicInteger active = new AtomicInteger();
    /** One timer per method and status class, registered on first use so that unused pairs make no series. */
    private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(METHODS.size() * CLASSES.length);
    private final Counter received;
    private final Counter sent;
    private final Counter executorFull;
    private final Counter spoolFailed;
    private final Counter timedOut;

    private MicrometerMetrics(MeterRegistry registry, List<AutoCloseable> binders) {
        this.registry = registry;
        this.prometheus = registry instanceof PrometheusMeterRegistry p ? p : null;
        this.binders = binders;
        gauges.add(Gauge.builder("wsgi4j.requests.active", active, AtomicInteger::get)
                .description("Requests being answered now").register(registry));
        received = Counter.builder("wsgi4j.received.bytes").baseUnit("bytes")
                .description("Bytes read from client connections").register(registry);
        sent = Counter.builder("wsgi4j.sent.bytes").baseUnit("bytes")
                .description("Bytes written to client connections").register(registry);
        executorFull = unavailableCounter("executor_full");
        spoolFailed = unavailableCounter("spool_failed");
        timedOut = Counter.builder("wsgi4j.requests.timed_out")
                .description("Requests the server answered or cut because their timeout passed").register(registry);
    }

    /** Reports into {@code registry}, the embedder's own; adds no JVM meters. */
    public static MicrometerMetrics of(MeterRegistry registry) {
        return new MicrometerMetrics(registry, List.of());
    }

    /** A Prometheus registry of its own, with the JVM's memory, garbage collection, thread and processor meters. */
    public static MicrometerMetrics prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return new MicrometerMetrics(registry, List.of(gc, registry::close));
    }

    /** The registry reported into. */
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void bind(GatewayServer server) {
        gauges.add(Gauge.builder("wsgi4j.connections.open", server, GatewayServer::openConnections)
                .strongReference(true).description("Client connections open now").register(registry));
        gauges.add(Gauge.builder("wsgi4j.executor.queued", server, GatewayServer::queuedRequests)
                .strongReference(true).description("Requests waiting for an application thread").register(registry));
    }

    @Override
    public void requestStarted() {
        active.incrementAndGet();
    }

    @Override
    public void requestFinished(String method, int status, long durationNanos) {
        active.decrementAndGet();
        timer(method, status).record(durationNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void requestRefused(String method, int status) {
        timer(method, status).record(0, TimeUnit.NANOSECONDS);
    }

    @Override
    public void unavailable(Unavailable reason) {
        (reason == Unavailable.EXECUTOR_FULL ? executorFull : spoolFailed).increment();
    }

    @Override
    public void requestTimedOut() {
        timedOut.increment();
    }

    @Override
    public void bytesReceived(long bytes) {
        received.increment(bytes);
    }

    @Override
    public void bytesSent(long bytes) {
        sent.increment(bytes);
    }

    @Override
    public String prometheusText() {
        return prometheus == null ? null : prometheus.scrape();
    }

    @Override
    public void close() {
        for (Meter gauge : gauges) {
            registry.remove(gauge);
        }
        gauges.clear();
        for (AutoCloseable binder : binders) {
            try {
                binder.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(MicrometerMetrics.class).debug("closing a JVM meter failed", e);
            }
        }
    }

    private Counter unavailableCounter(String reason) {
        return Counter.builder("wsgi4j.responses.unavailable").tag("reason", reason)
                .description("503 answers the server gave itself").register(registry);
    }

    private Timer timer(String method, int status) {
        int m = methodIndex(method);
        int c = status >= 100 && status < 600 ? status / 100 : 0;
        int i = m * CLASSES.length + c;
        Timer timer = timers.get(i);
        if (timer == null) {
            timer = Timer.builder("wsgi4j.requests").tag("method", METHODS.get(m)).tag("status.class", CLASSES[c])
                    .serviceLevelObjectives(BUCKETS)
                    .description("Requests answered, by method and status class, and how long they took")
                    .register(registry);
            timers.set(i, timer);
        }
        return timer;
    }

    /** The tag index of {@code method}: its own for the common ones, else OTHER's (the last). */
    static int methodIndex(String method) {
        if (method == null) {
            return METHODS.size() - 1;
        }
        return switch (method) {
            case "GET" -> 0;
            case "HEAD" -> 1;
            case "POST" -> 2;
            case "PUT" -> 3;
            case "DELETE" -> 4;
            case "PATCH" -> 5;
            case "OPTIONS" -> 6;
            default -> METHODS.size() - 1;
        };
    }
}
