package dev.wsgi4j.netty;

import dev.wsgi4j.Environ;
import dev.wsgi4j.bench.Wsgi4jHello;
import dev.wsgi4j.gateway.ResponseDriver;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpVersion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A small full response end to end below the handler: {@link ResponseDriver} runs the hello application through
 * a {@link NettyTransport} on an {@link EmbeddedChannel} whose {@link HttpResponseEncoder} turns it into bytes,
 * which are read and released. In this package because {@link NettyTransport} is package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FullResponseBenchmark {

    private final ResponseDriver driver = new ResponseDriver(false);
    private EmbeddedChannel channel;
    private WritabilityGate gate;
    private Map<String, Object> environ;

    @Setup
    public void setUp() {
        channel = new EmbeddedChannel(new HttpResponseEncoder());
        gate = new WritabilityGate(channel, TimeUnit.SECONDS.toNanos(60));
        environ = Map.of(Environ.REQUEST_METHOD, "GET", Environ.SCRIPT_NAME, "", Environ.PATH_INFO, "/hello/x",
                Environ.QUERY_STRING, "", Environ.SERVER_PROTOCOL, "HTTP/1.1");
    }

    /** Returns the bytes the client would receive. */
    @Benchmark
    public int hello() {
        NettyTransport transport = new NettyTransport(channel, HttpVersion.HTTP_1_1, true, gate, false, "wsgi4j",
                () -> false);
        driver.run(Wsgi4jHello.APP, environ, transport);
        int bytes = 0;
        for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            bytes += out.readableBytes();
            out.release();
        }
        if (bytes == 0) {
            throw new IllegalStateException("no response was written");
        }
        return bytes;
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }
}
