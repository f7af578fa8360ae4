package dev.wsgi4j.bench;

import dev.wsgi4j.Application;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.gateway.EnvironBuilder;
import dev.wsgi4j.middleware.UrlMap;
import dev.wsgi4j.netty.NettyRequestHead;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What building one request's environ costs, the way the server does it: a decoded Netty request with the headers a
 * browser sends, read through {@link NettyRequestHead} by the shared {@link EnvironBuilder}; and the same followed by
 * a {@link UrlMap} hop, as the demo's {@code /hello/x} takes. Run with {@code -prof gc} and read
 * {@code gc.alloc.rate.norm} (bytes per request): it is stable on a busy machine, where the time per operation is not.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main EnvironBuildBench -prof gc}</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class EnvironBuildBench {

    private final EnvironBuilder builder = new EnvironBuilder(LoggerFactory.getLogger("dev.wsgi4j.app"));
    private final InetSocketAddress local = new InetSocketAddress("127.0.0.1", 8080);
    private final InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 50000);
    private HttpRequest request;
    private Application mounted;

    @Setup
    public void setup(Blackhole hole) {
        request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/hello/world?x=1");
        request.headers().add("Host", "localhost:8080").add("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)")
                .add("Accept", "text/html,application/xhtml+xml").add("Accept-Language", "en-US,en;q=0.5")
                .add("Accept-Encoding", "gzip, deflate, br").add("Connection", "keep-alive")
                .add("Cookie", "session=abc123").add("Upgrade-Insecure-Requests", "1");
        mounted = UrlMap.builder().mount("/hello", (environ, start) -> {
            hole.consume(environ);
            return List.of();
        }).build();
    }

    private Map<String, Object> environ() {
        return builder.build(new NettyRequestHead(request, 0, local, remote, "http"), WsgiInput.empty());
    }

    @Benchmark
    public Map<String, Object> build() {
        return environ();
    }

    @Benchmark
    public Object buildAndMount() throws Exception {
        return mounted.call(environ(), null);
    }
}
