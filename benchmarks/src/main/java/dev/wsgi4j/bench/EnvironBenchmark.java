package dev.wsgi4j.bench;

import dev.wsgi4j.Application;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.gateway.EnvironBuilder;
import dev.wsgi4j.middleware.UrlMap;
import dev.wsgi4j.netty.NettyRequestHead;
import dev.wsgi4j.netty.ServerConfig;
import io.netty.handler.codec.http.HttpRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Building the environ of a typical browser GET ({@link BrowserGet}) the way the server does: the decoded Netty
 * request read through {@link NettyRequestHead} by the shared {@link EnvironBuilder}; and the same followed by a
 * {@link UrlMap} hop, as the demo's {@code /hello/x} takes. Read {@code gc.alloc.rate.norm} (bytes per request):
 * it is stable on a busy machine, where the time per operation is not.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EnvironBenchmark {

    /** With the server's default trusted proxies (loopback, the peer here): its forwarding check is measured too. */
    private final EnvironBuilder builder = new EnvironBuilder(LoggerFactory.getLogger("dev.wsgi4j.app"),
            ServerConfig.defaults().proxy().trusted());
    private HttpRequest request;
    private Application mounted;

    @Setup
    public void setUp(Blackhole hole) {
        request = BrowserGet.netty();
        mounted = UrlMap.builder().mount("/hello", (environ, start) -> {
            hole.consume(environ);
            return List.of();
        }).build();
    }

    private Map<String, Object> environ() {
        return builder.build(new NettyRequestHead(request, 0, BrowserGet.LOCAL, BrowserGet.REMOTE, "http"),
                WsgiInput.empty());
    }

    @Benchmark
    public Map<String, Object> browserGet() {
        return environ();
    }

    @Benchmark
    public Object browserGetThroughUrlMap() throws Exception {
        return mounted.call(environ(), null);
    }
}
