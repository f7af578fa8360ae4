package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.bench.Wsgi4jHello;
import dev.wsgi4j.gateway.EnvironBuilder;
import dev.wsgi4j.gateway.ResponseDriver;
import dev.wsgi4j.samples.DemoApp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One keep-alive request through a whole connection pipeline on one thread, bytes in to bytes out, with no socket
 * and no hand-off: the server's own work per request, which the load test cannot separate from the kernel's and
 * the scheduler's. {@code raw} is the baseline of every load test (codec, aggregator, one handler); {@code gateway}
 * is the production pipeline ({@link GatewayInitializer#installHandlers}) with the application inline: {@code hello}
 * ({@link Wsgi4jHello#APP}) or {@code demo} (the demo site's {@code /hello/x}, through its {@code UrlMap}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PipelineBenchmark {

    private static final byte[] HELLO = "Hello, world!".getBytes(StandardCharsets.US_ASCII);

    @Param({"raw", "hello", "demo"})
    public String server;

    private EmbeddedChannel channel;
    private byte[] request;

    @Setup
    public void setUp() {
        String path = server.equals("demo") ? "/hello/x" : "/";
        request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: wrk\r\nAccept: */*\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        if (server.equals("raw")) {
            channel = new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(65536), new RawHello());
            return;
        }
        Application app = server.equals("demo") ? new DemoApp() : Wsgi4jHello.APP;
        ServerConfig config = ServerConfig.builder().executor(ExecutorKind.INLINE)
                .maxRequestsPerConnection(Integer.MAX_VALUE).build();
        ServerContext context = new ServerContext(config, app, AppExecutor.create(config),
                new ResponseDriver(false), new EnvironBuilder(LoggerFactory.getLogger("dev.wsgi4j.app")), Runnable::run);
        GatewayInitializer initializer = new GatewayInitializer(context, new ConnectionLimiter(Integer.MAX_VALUE),
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
        channel = new EmbeddedChannel();
        initializer.installHandlers(channel.pipeline());
        channel.pipeline().fireChannelActive();
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    /** Returns the response's size, so that nothing is optimised away; fails if there was none. */
    @Benchmark
    public int request() {
        channel.writeInbound(Unpooled.wrappedBuffer(request));
        channel.runPendingTasks();
        int bytes = 0;
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            if (out instanceof ByteBuf buf) {
                bytes += buf.readableBytes();
            }
            ReferenceCountUtil.release(out);
        }
        if (bytes == 0) {
            throw new IllegalStateException("no response was written");
        }
        return bytes;
    }

    /** The load test's raw-loop handler. */
    private static final class RawHello extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(HELLO));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, HELLO.length);
            ctx.writeAndFlush(response);
        }
    }
}
