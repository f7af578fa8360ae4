package dev.wsgi4j.bench;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.ExecutorKind;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Starts one server for a load test: {@code gateway} (the hello application on {@link GatewayServer}) or
 * {@code raw} (the same answer hand-written on Netty). Both use a pool of {@code --threads} application threads
 * unless {@code --inline} answers on the event loop. Run by {@code benchmarks/run-wrk.sh}.
 *
 * <pre>java [-Dbench.pipeline=N] -jar benchmarks/target/benchmarks.jar gateway|raw PORT THREADS [inline]</pre>
 *
 * <p>{@code bench.pipeline} sets the gateway's {@code maxPipelinedRequests}; 1 makes it pause and resume
 * reading around every request, the alternative issue 4 asked to measure against a short queue.
 */
public final class BenchServer {

    static final byte[] HELLO = "Hello, world!".getBytes();

    /** The application under test: what a hello world looks like in wsgi4j. */
    static final Application HELLO_APP = (environ, startResponse) -> {
        startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain; charset=utf-8")));
        return List.of(HELLO);
    };

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int port = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        boolean inline = args.length > 3 && args[3].equals("inline");
        if (kind.equals("raw")) {
            RawHelloServer.start("127.0.0.1", port, inline ? null : pool(threads));
        } else {
            ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(port)
                    .executor(inline ? ExecutorKind.INLINE : ExecutorKind.POOL)
                    .workerThreads(threads).maxConnections(20_000).maxRequestsPerConnection(Integer.MAX_VALUE)
                    .maxPipelinedRequests(Integer.getInteger("bench.pipeline", 16))
                    .build();
            new GatewayServer(HELLO_APP, config).start();
        }
        Thread.currentThread().join();
    }

    /** The same pool shape {@code AppExecutor} builds for {@code ExecutorKind.POOL}. */
    private static ExecutorService pool(int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(1000));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
