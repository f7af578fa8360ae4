package dev.wsgi4j.netty;

import dev.wsgi4j.Header;
import dev.wsgi4j.gateway.ErrorOutput;
import dev.wsgi4j.gateway.ResponseHead;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.ReadTimeoutHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The metrics on a port of their own ({@link OpsSettings#separateMetricsListener()}), so that the application's
 * port does not expose them: a small HTTP/1.1 server on the main server's event loops with Netty's own codec,
 * aggregator and keep-alive handling. It answers only {@link OpsSettings#metricsPath()} (GET and HEAD; 405
 * otherwise) and 404 elsewhere; the scrape runs on the metrics executor. Meant for a scraper on a private network:
 * it has the main server's protocol checks but none of its limits beyond a small request size and an idle timeout.
 */
final class MetricsListener {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsListener.class);
    private static final int MAX_REQUEST_BODY = 8 * 1024;
    private static final int IDLE_SECONDS = 120;

    private MetricsListener() {
    }

    /**
     * Binds {@code host:port} and serves {@code endpoint} at {@code path} until the returned channel is closed.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    static Channel start(String host, int port, EventLoopGroup acceptGroup, EventLoopGroup ioGroup,
                         Class<? extends ServerChannel> channelType, String path, ServerEndpoint endpoint)
            throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(channelType)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(IDLE_SECONDS, TimeUnit.SECONDS),
                                new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                                new HttpObjectAggregator(MAX_REQUEST_BODY), new Scrapes(path, endpoint));
                    }
                });
        ChannelFuture bound = bootstrap.bind(host, port).await();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("cannot listen for metrics on " + host + ":" + port + ": "
                    + bound.cause(), bound.cause());
        }
        return bound.channel();
    }

    /** Answers one connection's requests, one at a time (a scraper does not pipeline). */
    private static final class Scrapes extends SimpleChannelInboundHandler<FullHttpRequest> {

        private final String path;
        private final ServerEndpoint endpoint;

        Scrapes(String path, ServerEndpoint endpoint) {
            this.path = path;
            this.endpoint = endpoint;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            boolean omitBody = request.method().name().equals("HEAD");
            String target = request.uri();
            int query = target.indexOf('?');
            String requested = query < 0 ? target : target.substring(0, query);
            if (!request.decoderResult().isSuccess()) {
                send(ctx, answer(ErrorOutput.status(400, false)), false);
            } else if (!requested.equals(path)) {
                send(ctx, answer(ErrorOutput.status(404, omitBody)), keepAlive);
            } else if (!request.method().name().equals("GET") && !omitBody) {
                send(ctx, ServerEndpoints.METHOD_NOT_ALLOWED.answer(false), keepAlive);
            } else {
                try {
                    endpoint.executor().execute(() -> {
                        ServerEndpoint.Answer answer;
                        try {
                            answer = endpoint.answer(omitBody);
                        } catch (RuntimeException e) {
                            LOG.warn("metrics scrape failed; answering 500", e);
                            answer = answer(ErrorOutput.status(500, omitBody));
                        }
                        ServerEndpoint.Answer result = answer;
                        ctx.executor().execute(() -> send(ctx, result, keepAlive));
                    });
                } catch (RejectedExecutionException e) {
                    send(ctx, answer(ErrorOutput.status(503, omitBody)), false);
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("metrics connection from {} closed", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }

        private static ServerEndpoint.Answer answer(ErrorOutput.Response response) {
            return new ServerEndpoint.Answer(response.head(), response.chunks());
        }

        private static void send(ChannelHandlerContext ctx, ServerEndpoint.Answer answer, boolean keepAlive) {
            ResponseHead head = answer.head();
            FullHttpResponse response = new DefaultFullHttpResponse(io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(head.status().code(), head.status().reason()),
                    answer.chunks().isEmpty() ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.chunks().get(0)));
            for (Header h : head.headers()) {
                response.headers().add(h.name(), h.value());
            }
            HttpUtil.setKeepAlive(response, keepAlive);
            ctx.writeAndFlush(response);
        }
    }
}
