package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.gateway.EnvironBuilder;
import dev.wsgi4j.gateway.ResponseDriver;

import io.netty.handler.ssl.SslContext;

import java.util.concurrent.Executor;

/**
 * What every connection of one server shares: built once at start, immutable afterwards. {@code accessLog} is null
 * when no access log is configured, {@code sslContext} for plain HTTP; {@code lifecycle} is the one part that
 * changes, when the server begins to stop. {@code endpoints} is null when the server answers no path itself,
 * {@code metrics} when metrics are off. {@code applications} holds the application, which a swap replaces.
 */
record ServerContext(
        ServerConfig config,
        ApplicationSlot applications,
        AppExecutor executor,
        ResponseDriver driver,
        EnvironBuilder environBuilder,
        Executor spoolExecutor,
        AccessLog accessLog,
        SslContext sslContext,
        ServerLifecycle lifecycle,
        ServerEndpoints endpoints,
        ServerMetrics metrics) {

    /** A context without server-answered paths and without metrics. */
    ServerContext(ServerConfig config, Application application, AppExecutor executor, ResponseDriver driver,
            EnvironBuilder environBuilder, Executor spoolExecutor, AccessLog accessLog, SslContext sslContext,
            ServerLifecycle lifecycle) {
        this(config, new ApplicationSlot(application), executor, driver, environBuilder, spoolExecutor, accessLog,
                sslContext, lifecycle, null, null);
    }

    /** A plain-HTTP server's context without an access log. */
    ServerContext(ServerConfig config, Application application, AppExecutor executor, ResponseDriver driver,
            EnvironBuilder environBuilder, Executor spoolExecutor) {
        this(config, application, executor, driver, environBuilder, spoolExecutor, null, null, new ServerLifecycle());
    }
}
