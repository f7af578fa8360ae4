package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.gateway.EnvironBuilder;
import dev.wsgi4j.gateway.ResponseDriver;

import java.util.concurrent.Executor;

/** What every connection of one server shares: built once at start, immutable afterwards. */
record ServerContext(
        ServerConfig config,
        Application application,
        AppExecutor executor,
        ResponseDriver driver,
        EnvironBuilder environBuilder,
        Executor spoolExecutor) {
}
