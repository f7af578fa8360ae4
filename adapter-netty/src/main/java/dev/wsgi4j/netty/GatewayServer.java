package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.gateway.EnvironBuilder;
import dev.wsgi4j.gateway.ResponseDriver;
import dev.wsgi4j.netty.http2.Http2Settings;
import dev.wsgi4j.netty.mount.ActiveMount;
import dev.wsgi4j.netty.mount.MountPrefix;
import dev.wsgi4j.netty.mount.MountTable;
import dev.wsgi4j.netty.mount.Mounts;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Serves one {@link Application} over HTTP/1.1 (SPEC.md §6), or several under path prefixes, each on an executor
 * of its own ({@link Mounts}, SPEC.md §6.10). Embeddable: {@code start()} binds and returns,
 * {@link #port()} tells where (useful with port 0), {@link #boundAddresses()} lists every listener (several
 * addresses and Unix sockets: {@link ServerConfig#listenAddresses()}), {@link #stop(Duration)} stops accepting,
 * closes idle connections, lets running requests finish within the grace period, then closes what is left.
 *
 * <pre>{@code
 * try (GatewayServer server = new GatewayServer(app, ServerConfig.builder().port(0).build()).start()) {
 *     URI base = URI.create("http://127.0.0.1:" + server.port() + "/");
 * }
 * }</pre>
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    /** Where applications' {@code wsgi.errors} lines go, apart from the server's own records. */
    private static final Logger APP_ERRORS = LoggerFactory.getLogger("dev.wsgi4j.app");

    /** What to serve, until {@link #start()}: then only the slots hold applications, so a swapped-out one (and its
     *  class loader) can be collected. */
    private Mounts mounts;
    /** Each mount's application by its prefix ({@code ""} for the root), swappable from construction on. */
    private final Map<String, ApplicationSlot> applications = new HashMap<>();
    private final ServerConfig config;
    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    /** Every mount's executor, made at start. */
    private MountTable mountTable;
    private ExecutorService spoolExecutor;
    private volatile AccessLog accessLog; // read by reopenAccessLog on the signal thread
    private ChannelGroup connections;
    private Listeners listeners;
    private final ServerLifecycle lifecycle = new ServerLifecycle();
    private ConnectionLimiter limiter;
    /** Given by {@link #metrics(ServerMetrics)}; else made at start when the config asks for metrics. */
    private ServerMetrics metrics;
    private MetricsService metricsService;

    public GatewayServer(Application application, ServerConfig config) {
        this(Mounts.of(Objects.requireNonNull(application, "application")), config);
    }

    /** Serves each of {@code mounts} at its prefix, each on its own executor (SPEC.md §6.10). */
    public GatewayServer(Mounts mounts, ServerConfig config) {
        this.mounts = Objects.requireNonNull(mounts, "mounts");
        for (Mounts.Entry e : mounts.entries()) {
            applications.put(e.prefix(), new ApplicationSlot(e.application()));
        }
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Reports this server's requests, connections and bytes to {@code metrics} (README "Health and metrics"), such as
     * {@code dev.wsgi4j.netty.metrics.MicrometerMetrics.of(registry)} for a Micrometer registry of the embedder's.
     * Without it the server makes Prometheus metrics of its own when {@link OpsSettings#metricsEnabled()}; with it
     * and a metrics path, {@code metrics} must render the Prometheus text format. Before {@link #start()} only.
     */
    public synchronized GatewayServer metrics(ServerMetrics metrics) {
        if (listeners != null) {
            throw new IllegalStateException("already started");
        }
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        return this;
    }

    /**
     * Binds and starts serving.
     *
     * @throws BindFailedException naming the address that could not be bound
     * @throws java.io.UncheckedIOException when the access log cannot be opened
     * @throws IllegalStateException when the metrics asked for cannot be served (Micrometer missing, their address
     *                               taken)
     */
    public synchronized GatewayServer start() throws InterruptedException {
        if (listeners != null) {
            throw new IllegalStateException("already started");
        }
        // First, so that a bad certificate or key fails the start before any thread exists.
        SslContext sslContext = config.tls() == null ? null : TlsContexts.serverContext(config.tls(), config.http2().alpn());
        // Before the access log and the threads: metrics that cannot work fail the start with nothing to undo.
        OpsSettings ops = config.ops();
        metricsService = MetricsService.create(metrics, ops);
        ServerMetrics activeMetrics = metricsService == null ? null : metricsService.metrics();
        ServerEndpoint metricsEndpoint = metricsService == null ? null : metricsService.endpoint();
        if (config.accessLog() != null) {
            try {
                accessLog = AccessLog.open(config.accessLog());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot open the access log " + config.accessLog().target(), e);
            }
        }
        mountTable = MountTable.start(mounts, config, applications::get);
        ActiveMount root = mountTable.root();
        spoolExecutor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                r -> {
                    Thread t = new Thread(r, "wsgi4j-spool");
                    t.setDaemon(true);
                    return t;
                });
        ServerContext context = new ServerContext(config, root.executor(),
                new ResponseDriver(config.debug()), new EnvironBuilder(APP_ERRORS, config.proxy().trusted(),
                        config.accessLog() != null && config.accessLog().json(), config.deploymentEnviron()),
                spoolExecutor, accessLog, sslContext, lifecycle, ServerEndpoints.of(ops, lifecycle, metricsEndpoint),
                activeMetrics, mountTable);
        TransportKind transport = config.transport().resolve();
        acceptGroup = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        ioGroup = new MultiThreadIoEventLoopGroup(config.eventLoops(), transport.ioHandlerFactory());
        connections = new DefaultChannelGroup("wsgi4j-connections", GlobalEventExecutor.INSTANCE);
        limiter = new ConnectionLimiter(config.maxConnections());
        if (activeMetrics != null) {
            activeMetrics.bind(this);
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new GatewayInitializer(context, limiter, connections));
        try {
            listeners = Listeners.bind(bootstrap, config, transport);
            if (metricsService != null) {
                metricsService.listen(ops, acceptGroup, ioGroup, transport.serverChannel());
            }
        } catch (RuntimeException | InterruptedException e) {
            if (listeners != null) {
                listeners.close();
                listeners = null;
            }
            releaseResources(Duration.ZERO);
            throw e;
        }
        limiter.serverChannels(listeners.channels());
        if (config.tls() != null) {
            LOG.info("TLS through {} ({}), client certificates {}", TlsContexts.providerName(config.tls()),
                    String.join(", ", TlsContexts.PROTOCOLS),
                    config.tls().clientAuth().name().toLowerCase(java.util.Locale.ROOT));
        }
        LOG.info("wsgi4j serving {} on {} ({}; {} executor, {} transport)", MountTable.describe(mounts, config),
                describe(listeners.boundAddresses(), config.uwsgi().enabled() ? "uwsgi" : config.urlScheme()),
                protocols(config), config.executor().name().toLowerCase(Locale.ROOT),
                transport.name().toLowerCase(Locale.ROOT));
        mounts = null; // the slots hold the applications now
        return this;
    }

    /**
     * Serves new requests with {@code next} from now on, before or while the server runs (SPEC.md §6.11): a request
     * already running finishes on the application it started on, its body iterated and closed there; the next
     * request on the same keep-alive connection runs on {@code next}. Once the replaced application has no request
     * left, its {@code close()} runs if it is {@link AutoCloseable}, once, on a thread of its own; a failure is
     * logged, not thrown. Swapping in an application that still serves (the same instance) closes nothing.
     *
     * @return completes when the replaced application has no request left and its {@code close()} has returned
     * @throws IllegalStateException when nothing is mounted at the root (only {@link Mounts} with prefixes)
     */
    public CompletionStage<Void> swap(Application next) {
        return swap("/", next);
    }

    /**
     * As {@link #swap(Application)} for the application mounted at {@code prefix} ({@code "/"} or {@code ""} for
     * the root): the other mounts are not touched.
     *
     * @throws IllegalStateException when nothing is mounted at {@code prefix}
     */
    public CompletionStage<Void> swap(String prefix, Application next) {
        return slot(prefix).swap(next);
    }

    /** The application that answers new requests at the root now. */
    public Application application() {
        return slot("/").current().application();
    }

    private ApplicationSlot slot(String prefix) {
        ApplicationSlot slot = applications.get(MountPrefix.normalize(prefix));
        if (slot == null) {
            throw new IllegalStateException("no application is mounted at " + prefix);
        }
        return slot;
    }

    /** The protocols the start line names: {@code uwsgi}, or HTTP/1.1 and whichever HTTP/2 is on. */
    static String protocols(ServerConfig config) {
        if (config.uwsgi().enabled()) {
            return "uwsgi protocol";
        }
        Http2Settings h2 = config.http2();
        if (config.tls() != null && h2.alpn()) {
            return "HTTP/1.1 and h2 by ALPN";
        }
        if (config.tls() == null && h2.cleartext() != Http2Settings.Cleartext.OFF) {
            return switch (h2.cleartext()) {
                case UPGRADE -> "HTTP/1.1 and h2c by Upgrade";
                case BOTH -> "HTTP/1.1 and h2c by prior knowledge or Upgrade";
                default -> "HTTP/1.1 and h2c by prior knowledge";
            };
        }
        return "HTTP/1.1";
    }

    /** Every listener as the start line shows it: {@code http://[::1]:8000/} for TCP, {@code unix:PATH} otherwise. */
    static String describe(List<ListenAddress> bound, String scheme) {
        return bound.stream()
                .map(a -> a.isUnix() ? a + " (" + scheme + ")" : scheme + "://" + a + "/")
                .collect(Collectors.joining(", "));
    }

    /**
     * The port of the first TCP listener (the real one when the config asked for 0).
     *
     * @throws IllegalStateException before the start, or when the server listens on Unix sockets only
     */
    public int port() {
        for (ListenAddress a : boundAddresses()) {
            if (!a.isUnix()) {
                return a.port();
            }
        }
        throw new IllegalStateException("no TCP listener: the server listens on Unix sockets only");
    }

    /** Every address the server listens on, in the configured order, with the real port where 0 was asked for. */
    public synchronized List<ListenAddress> boundAddresses() {
        if (listeners == null) {
            throw new IllegalStateException("not started");
        }
        return listeners.boundAddresses();
    }

    /** The metrics listener's bound port ({@link OpsSettings#separateMetricsListener()}), or -1 without one. */
    public int metricsPort() {
        return metricsService == null ? -1 : metricsService.port();
    }

    public ServerConfig config() {
        return config;
    }

    /** Client connections open now (0 before the start). */
    public int openConnections() {
        return limiter == null ? 0 : limiter.open();
    }

    /** Requests waiting for an application thread now: every mount's executor's queue (0 before the start). */
    public int queuedRequests() {
        MountTable table = mountTable;
        return table == null ? 0 : table.queued();
    }

    /** The open connections, for tests that watch what the server holds per connection. */
    ChannelGroup connections() {
        return connections;
    }

    /**
     * Stops gracefully (SPEC.md §6.6): stops accepting, closes idle keep-alive connections at once, lets every other
     * connection finish the requests it has (each answer then says {@code Connection: close}), and returns as soon
     * as the last one has closed, or after {@code grace}, when what is left is cut.
     */
    public synchronized void stop(Duration grace) {
        if (listeners == null) {
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        lifecycle.beginDrain();
        listeners.close();
        listeners = null;
        ChannelGroupFuture drained = connections.newCloseFuture();
        for (Channel connection : connections) {
            connection.pipeline().fireUserEventTriggered(ConnectionTimeouts.DrainStarted.INSTANCE);
        }
        drained.awaitUninterruptibly(grace.toMillis());
        // Applications whose clients left are not behind any open connection: they get the rest of the grace.
        releaseResources(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /**
     * Reopens the access log file at its path, for logrotate, which renamed the old one (SIGUSR1 in
     * {@code wsgi4j-server}); without an access log file, nothing happens.
     */
    public void reopenAccessLog() {
        AccessLog log = accessLog;
        if (log != null) {
            log.reopen();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    private void releaseResources(Duration grace) {
        if (mountTable != null) {
            mountTable.shutdown(grace);
        }
        if (metricsService != null) {
            metricsService.closeListener();
        }
        if (connections != null) {
            connections.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        if (acceptGroup != null) {
            acceptGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (ioGroup != null) {
            ioGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (spoolExecutor != null) {
            spoolExecutor.shutdown();
        }
        if (metricsService != null) {
            metricsService.close();
            metricsService = null;
        }
        if (accessLog != null) {
            accessLog.stop(); // after the event loops: every response they logged is written and flushed
            accessLog = null;
        }
    }
}
