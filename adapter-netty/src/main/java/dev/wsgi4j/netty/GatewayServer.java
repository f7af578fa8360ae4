package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.gateway.EnvironBuilder;
import dev.wsgi4j.gateway.ResponseDriver;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Serves one {@link Application} over HTTP/1.1 (SPEC.md §6). Embeddable: {@code start()} binds and returns,
 * {@link #port()} tells where (useful with port 0), {@link #stop(Duration)} stops accepting, lets running
 * applications finish within the grace period, then closes every connection.
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

    private final Application application;
    private final ServerConfig config;
    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    private AppExecutor executor;
    private ExecutorService spoolExecutor;
    private AccessLog accessLog;
    private ChannelGroup connections;
    private Channel serverChannel;
    private final ServerLifecycle lifecycle = new ServerLifecycle();

    public GatewayServer(Application application, ServerConfig config) {
        this.application = Objects.requireNonNull(application, "application");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Binds and starts serving; throws when the address cannot be bound or the access log cannot be opened. */
    public synchronized GatewayServer start() throws InterruptedException {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        // First, so that a bad certificate or key fails the start before any thread exists.
        SslContext sslContext = config.tls() == null ? null : TlsContexts.serverContext(config.tls());
        if (config.accessLog() != null) {
            try {
                accessLog = AccessLog.open(config.accessLog());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot open the access log " + config.accessLog().target(), e);
            }
        }
        executor = AppExecutor.create(config);
        spoolExecutor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                r -> {
                    Thread t = new Thread(r, "wsgi4j-spool");
                    t.setDaemon(true);
                    return t;
                });
        ServerContext context = new ServerContext(config, application, executor,
                new ResponseDriver(config.debug()), new EnvironBuilder(APP_ERRORS, config.proxy().trusted()),
                spoolExecutor, accessLog, sslContext, lifecycle);
        TransportKind transport = config.transport().resolve();
        acceptGroup = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        ioGroup = new MultiThreadIoEventLoopGroup(config.eventLoops(), transport.ioHandlerFactory());
        connections = new DefaultChannelGroup("wsgi4j-connections", GlobalEventExecutor.INSTANCE);
        ConnectionLimiter limiter = new ConnectionLimiter(config.maxConnections());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new GatewayInitializer(context, limiter, connections));
        try {
            serverChannel = bootstrap.bind(config.host(), config.port()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            releaseResources(Duration.ZERO);
            throw e;
        }
        limiter.serverChannel(serverChannel);
        if (config.tls() != null) {
            LOG.info("TLS through {} ({}), client certificates {}", TlsContexts.providerName(config.tls()),
                    String.join(", ", TlsContexts.PROTOCOLS),
                    config.tls().clientAuth().name().toLowerCase(java.util.Locale.ROOT));
        }
        LOG.info("wsgi4j serving {} on {}://{}:{}/ ({} executor, {} transport)", application.getClass().getName(),
                config.urlScheme(), config.host(), port(), config.executor().name().toLowerCase(java.util.Locale.ROOT),
                transport.name().toLowerCase(java.util.Locale.ROOT));
        return this;
    }

    /** The bound port (the real one when the config asked for 0). */
    public int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("not started");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public ServerConfig config() {
        return config;
    }

    /** The open connections, for tests that watch what the server holds per connection. */
    ChannelGroup connections() {
        return connections;
    }

    /** Stops accepting, waits up to {@code grace} for running applications, then closes all connections. */
    public synchronized void stop(Duration grace) {
        if (serverChannel == null) {
            return;
        }
        lifecycle.beginDrain();
        serverChannel.close().syncUninterruptibly();
        serverChannel = null;
        releaseResources(grace);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    private void releaseResources(Duration grace) {
        try {
            if (executor != null) {
                executor.shutdown(grace.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        if (accessLog != null) {
            accessLog.stop(); // after the event loops: every response they logged is written and flushed
            accessLog = null;
        }
    }
}
