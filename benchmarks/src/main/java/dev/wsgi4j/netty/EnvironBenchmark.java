package dev.wsgi4j.netty;

import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.bench.BrowserGet;
import io.netty.handler.codec.http.HttpRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Building the environ of a typical browser GET ({@link BrowserGet}): the per-request work the JFR profile
 * found at the top. In this package because {@link EnvironBuilder} is package-private; when the builder moves,
 * only {@link #setUp()} and {@link #browserGet()} change.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EnvironBenchmark {

    private EnvironBuilder builder;
    private HttpRequest request;
    private WsgiInput input;

    @Setup
    public void setUp() {
        builder = new EnvironBuilder("http");
        request = BrowserGet.netty();
        input = WsgiInput.empty();
    }

    @Benchmark
    public Map<String, Object> browserGet() {
        return builder.build(request, input, 0, BrowserGet.LOCAL, BrowserGet.REMOTE);
    }
}
