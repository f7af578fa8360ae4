package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.gateway.EnvironBuilder;
import dev.wsgi4j.gateway.ResponseDriver;
import dev.wsgi4j.netty.mount.MountTable;

import io.netty.handler.ssl.SslContext;

import java.util.concurrent.Executor;

/**
 * What every connection of one server shares: built once at start, immutable afterwards. {@code accessLog} is null
 * when no access log is configured, {@code sslContext} for plain HTTP; {@code lifecycle} is the one part that
 * changes, when the server begins to stop. {@code endpoints} is null when the server answers no path itself,
 * {@code metrics} when metrics are off. {@code mounts} says which application serves a request and on which
 * executor, each application in a slot a swap replaces it in (SPEC.md §6.10, §6.11); {@code executor} is the
 * root's. No application is held here: a swapped-out one, and its class loader, must be collectable.
 */
record ServerContext(
        ServerConfig config,
        AppExecutor executor,
        ResponseDriver driver,
        EnvironBuilder environBuilder,
        Executor spoolExecutor,
        AccessLog accessLog,
        SslContext sslContext,
        ServerLifecycle lifecycle,
        ServerEndpoints endpoints,
        ServerMetrics metrics,
        MountTable mounts) {

    /** A context whose one application, at the root, is {@code application} on {@code executor}. */
    ServerContext(ServerConfig config, Application application, AppExecutor executor, ResponseDriver driver,
            EnvironBuilder environBuilder, Executor spoolExecutor, AccessLog accessLog, SslContext sslContext,
            ServerLifecycle lifecycle, ServerEndpoints endpoints, ServerMetrics metrics) {
        this(config, executor, driver, environBuilder, spoolExecutor, accessLog, sslContext, lifecycle, endpoints,
                metrics, MountTable.of(application, executor));
    }

    /** A context without server-answered paths and without metrics. */
    ServerContext(ServerConfig config, Application application, AppExecutor executor, ResponseDriver driver,
            EnvironBuilder environBuilder, Executor spoolExecutor, AccessLog accessLog, SslContext sslContext,
            ServerLifecycle lifecycle) {
        this(config, application, executor, driver, environBuilder, spoolExecutor, accessLog, sslContext, lifecycle,
                null, null);
    }

    /** A plain-HTTP server's context without an access log. */
    ServerContext(ServerConfig config, Application application, AppExecutor executor, ResponseDriver driver,
            EnvironBuilder environBuilder, Executor spoolExecutor) {
        this(config, application, executor, driver, environBuilder, spoolExecutor, null, null, new ServerLifecycle());
    }
}
