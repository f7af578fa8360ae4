package dev.wsgi4j.bench;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.ExecutorKind;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;

import java.time.Duration;
import java.util.List;

/**
 * The hello application on {@link GatewayServer}: what a hello world costs in wsgi4j. Every setting is the default
 * except those a load test must not trip over: connections are never closed after a number of requests (raw Netty
 * and the peers do not do that either) and up to 20,000 may be open. The demo server ({@code /hello/x}) is the
 * row measured with every default.
 */
public final class Wsgi4jHello {

    /** The application under test; the JMH benchmarks run it too. */
    public static final Application APP = (environ, startResponse) -> {
        startResponse.start("200 OK", List.of(Header.of("Content-Type", Hello.CONTENT_TYPE)));
        return List.of(Hello.BODY);
    };

    private Wsgi4jHello() {
    }

    /** @param executor where the application runs; null keeps {@link ServerConfig}'s default */
    static GatewayServer start(int port, ExecutorKind executor) throws InterruptedException {
        ServerConfig.Builder config = ServerConfig.builder().host("127.0.0.1").port(port)
                .maxConnections(Integer.getInteger("bench.maxConnections", 20_000))
                .maxRequestsPerConnection(Integer.MAX_VALUE);
        if (executor != null) {
            config.executor(executor);
        }
        Integer pipeline = Integer.getInteger("bench.pipeline");
        if (pipeline != null) {
            config.maxPipelinedRequests(pipeline);
        }
        Integer idleSeconds = Integer.getInteger("bench.idleTimeoutSeconds");
        if (idleSeconds != null) {
            config.idleTimeout(Duration.ofSeconds(idleSeconds));
        }
        return new GatewayServer(APP, config.build()).start();
    }
}
