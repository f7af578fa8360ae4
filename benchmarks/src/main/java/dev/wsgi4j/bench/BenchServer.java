package dev.wsgi4j.bench;

import dev.wsgi4j.netty.AppExecutor;
import dev.wsgi4j.netty.ExecutorKind;
import dev.wsgi4j.netty.ServerConfig;

import java.util.Locale;

/**
 * Starts one server for a load test, on 127.0.0.1, until the JVM is stopped. Run by {@code benchmarks/run.sh}:
 *
 * <pre>java [-Dbench.…] -jar benchmarks/target/benchmarks.jar KIND PORT</pre>
 *
 * <p>Kinds: {@code raw-loop} (the baseline: Netty answering on the event loop), {@code raw-pool} (the same handed
 * to the pool wsgi4j uses by default), {@code raw-h2} (Netty's HTTP/2 frame codec answering on the event loop, h2c by
 * prior knowledge), {@code wsgi4j-default}, {@code wsgi4j-inline}, {@code wsgi4j-virtual}
 * (Java 21+), {@code jetty}, {@code vertx-loop}, {@code vertx-blocking} and {@code helidon} (only in a jar built on
 * Java 21+). System properties: {@code bench.ioThreads} (event loops of raw Netty and Vert.x, default 2),
 * {@code bench.transport} (raw Netty: {@code nio} or {@code epoll}, default nio), and for the wsgi4j kinds
 * {@code bench.maxConnections}, {@code bench.idleTimeoutSeconds} and {@code bench.pipeline}
 * ({@code maxPipelinedRequests}).
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BenchServer KIND PORT");
        }
        String kind = args[0].toLowerCase(Locale.ROOT);
        int port = Integer.parseInt(args[1]);
        int ioThreads = Integer.getInteger("bench.ioThreads", 2);
        boolean epoll = System.getProperty("bench.transport", "nio").equals("epoll");
        switch (kind) {
            case "raw-loop" -> RawHelloServer.start(port, ioThreads, epoll, null);
            case "raw-pool" -> RawHelloServer.start(port, ioThreads, epoll,
                    AppExecutor.create(ServerConfig.builder().build()));
            case "raw-h2" -> RawHttp2Hello.start(port, ioThreads);
            case "wsgi4j-default" -> Wsgi4jHello.start(port, null);
            case "wsgi4j-inline" -> Wsgi4jHello.start(port, ExecutorKind.INLINE);
            case "wsgi4j-virtual" -> Wsgi4jHello.start(port, ExecutorKind.VIRTUAL);
            case "jetty" -> JettyHello.start(port);
            case "vertx-loop" -> VertxHello.start(port, ioThreads, false);
            case "vertx-blocking" -> VertxHello.start(port, ioThreads, true);
            // Compiled only on Java 21+ (Maven profile "helidon"), so looked up by name.
            case "helidon" -> Class.forName("dev.wsgi4j.bench.HelidonHello").getMethod("start", int.class)
                    .invoke(null, port);
            default -> throw new IllegalArgumentException("unknown server kind: " + kind);
        }
        Thread.currentThread().join();
    }
}
