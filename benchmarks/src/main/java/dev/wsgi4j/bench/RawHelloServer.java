package dev.wsgi4j.bench;

import dev.wsgi4j.netty.AppExecutor;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.util.ArrayDeque;

/**
 * The baseline every other server is measured against: the hello answer written by hand on Netty
 * ({@code HttpServerCodec} + {@code HttpObjectAggregator} + one handler). With no executor it answers on the event
 * loop; with one it hands each request to it the way a gateway must, as cheaply as that can be done: reading never
 * pauses, requests that arrive while one runs wait in a per-connection queue (so pipelined answers keep their
 * order), and each answer costs the event loop one task, which writes it and starts the next queued request.
 */
final class RawHelloServer {

    private RawHelloServer() {
    }

    /** Serves until the JVM exits; {@code executor} null answers on the event loop. */
    static Channel start(int port, int eventLoops, boolean epoll, AppExecutor executor) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(eventLoops,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        return new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                executor == null ? new OnTheLoop() : new Offloaded(executor));
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
    }

    private static FullHttpResponse hello(HttpResponseStatus status, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(Hello.BODY));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, Hello.CONTENT_TYPE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, Hello.BODY.length);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A client that resets its connection (wrk does, when it stops) is not worth a stack trace. */
    private abstract static class QuietHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Answers on the event loop. Sharable: it keeps no state. */
    @io.netty.channel.ChannelHandler.Sharable
    private static final class OnTheLoop extends QuietHandler {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            write(ctx, hello(HttpResponseStatus.OK, keepAlive), keepAlive);
        }
    }

    /** Hands each request to the executor; one per connection, touched only on its event loop. */
    private static final class Offloaded extends QuietHandler {
        private final AppExecutor executor;
        /** Keep-alive flags of requests waiting while one runs. */
        private final ArrayDeque<Boolean> waiting = new ArrayDeque<>();
        private boolean busy;

        Offloaded(AppExecutor executor) {
            this.executor = executor;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (busy) {
                waiting.add(keepAlive);
            } else {
                run(ctx, keepAlive);
            }
        }

        private void run(ChannelHandlerContext ctx, boolean keepAlive) {
            busy = true;
            boolean queued = executor.execute(() -> {
                FullHttpResponse response = hello(HttpResponseStatus.OK, keepAlive);
                ctx.executor().execute(() -> answered(ctx, response, keepAlive));
            });
            if (!queued) {
                answered(ctx, hello(HttpResponseStatus.SERVICE_UNAVAILABLE, keepAlive), keepAlive);
            }
        }

        /** On the event loop: the one task per answer. */
        private void answered(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
            write(ctx, response, keepAlive);
            busy = false;
            Boolean next = waiting.poll();
            if (next != null) {
                run(ctx, next);
            }
        }
    }
}
