package dev.wsgi4j.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.ReferenceCountUtil;

/**
 * The HTTP/2 baseline of {@code benchmarks/run.sh h2}: h2c by prior knowledge on Netty's frame codec alone, the
 * hello answer written on the event loop by one connection-level handler (Netty's own "hello world" frame example,
 * without child channels). What wsgi4j adds above it for a stream (a child channel, the same request stages as
 * HTTP/1.1, the hand-off to the application executor) is what the ratio measures. Streams per connection are
 * advertised as wsgi4j's default, 100.
 */
final class RawHttp2Hello {

    private RawHttp2Hello() {
    }

    /** Serves until the JVM exits. */
    static Channel start(int port, int eventLoops) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(eventLoops, NioIoHandler.newFactory());
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forServer()
                                .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(100))
                                .build(), new Answer());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
    }

    /** Answers each request's HEADERS frame that ends its stream; a body, if any, is dropped. */
    private static final class Answer extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2HeadersFrame headers && headers.isEndStream()) {
                answer(ctx, headers.stream());
            }
            ReferenceCountUtil.release(msg);
        }

        private static void answer(ChannelHandlerContext ctx, Http2FrameStream stream) {
            Http2Headers head = new DefaultHttp2Headers().status("200")
                    .set(HttpHeaderNames.CONTENT_TYPE, Hello.CONTENT_TYPE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, Hello.BODY.length);
            ctx.write(new DefaultHttp2HeadersFrame(head).stream(stream), ctx.voidPromise());
            ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(Hello.BODY), true).stream(stream),
                    ctx.voidPromise());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
