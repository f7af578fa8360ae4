package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.gateway.ErrorOutput;
import dev.wsgi4j.gateway.GatewayException;
import dev.wsgi4j.gateway.ResponseDriver;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * Runs one application call at a time per connection, off the event loop, and answers pipelined requests in order
 * (RFC 9112 §9.3.2). Complete requests that arrive meanwhile wait in a short queue; reading pauses when it is full,
 * so a client cannot make the server buffer without bound.
 *
 * <pre>{@code p.addLast("body", new RequestBodyStage(...)); p.addLast("gateway", new GatewayHandler(...));}</pre>
 *
 * <table><caption>Responses it sends on its own</caption>
 * <tr><td>100 Continue</td><td>at a {@link ContinueSignal}, once earlier responses are out</td></tr>
 * <tr><td>a {@link RequestRejection}'s status</td><td>in order, with {@code Connection: close}, then close</td></tr>
 * <tr><td>503</td><td>the application executor is full</td></tr>
 * </table>
 */
final class GatewayHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayHandler.class);

    private final ServerContext server;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private WritabilityGate gate;
    private ConnectionTimeouts timeouts;
    private boolean busy;
    private boolean closing;
    private int served;

    GatewayHandler(ServerContext server) {
        this.server = server;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        gate = new WritabilityGate(ctx.channel(), server.config().sendTimeout().toNanos());
        timeouts = ctx.pipeline().get(ConnectionTimeouts.class);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            release(msg);
            return;
        }
        queue.add(msg);
        if (queue.size() >= server.config().maxPipelinedRequests()) {
            ReadPauses.of(ctx.channel()).pause(ctx.channel(), ReadPauses.PIPELINE);
        }
        next(ctx);
    }

    private void next(ChannelHandlerContext ctx) {
        while (!busy && !closing && !queue.isEmpty()) {
            Object msg = queue.poll();
            if (queue.size() < server.config().maxPipelinedRequests()) {
                ReadPauses.of(ctx.channel()).resume(ctx.channel(), ReadPauses.PIPELINE);
            }
            if (msg == ContinueSignal.INSTANCE) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            } else if (msg instanceof RequestRejection rejection) {
                reject(ctx, rejection);
            } else {
                dispatch(ctx, msg);
            }
        }
        if (!busy && !closing && queue.isEmpty() && timeouts != null) {
            timeouts.responsesDone();
        }
    }

    private void reject(ChannelHandlerContext ctx, RequestRejection rejection) {
        closing = true;
        discardQueue();
        // A request in another major version (505) is still answered in the HTTP/1.1 it was framed in.
        HttpVersion version = rejection.version() != null && rejection.version().majorVersion() == 1
                ? rejection.version() : HttpVersion.HTTP_1_1;
        NettyTransport transport = new NettyTransport(ctx.channel(), version, false, gate, false,
                server.config().serverHeader());
        ErrorOutput.Response error = ErrorOutput.plain(rejection.status(),
                rejection.status() + " " + ErrorOutput.reason(rejection.status()) + "\n", false);
        transport.sendFull(error.head(), error.chunks());
        LingeringClose.after(ctx.channel(), transport.lastWrite());
    }

    private void dispatch(ChannelHandlerContext ctx, Object msg) {
        busy = true;
        served++;
        HttpRequest head = msg instanceof SpooledRequest spooled ? spooled.head() : (HttpRequest) msg;
        boolean keepAlive = HttpUtil.isKeepAlive(head) && served < server.config().maxRequestsPerConnection();
        NettyTransport transport = new NettyTransport(ctx.channel(), head.protocolVersion(), keepAlive, gate,
                !server.executor().inline(), server.config().serverHeader());
        Runnable call = () -> {
            try {
                serve(ctx, msg, head, transport);
            } finally {
                release(msg);
                if (ctx.executor().inEventLoop()) {
                    done(ctx, transport);
                } else {
                    ctx.executor().execute(() -> done(ctx, transport));
                }
            }
        };
        if (!server.executor().execute(call)) {
            LOG.warn("{} {}: application executor full; answering 503", head.method(), head.uri());
            release(msg);
            ErrorOutput.Response error = ErrorOutput.plain(503, "503 Service Unavailable\n",
                    HttpMethod.HEAD.equals(head.method()));
            transport.sendFull(error.head(), error.chunks());
            done(ctx, transport);
        }
    }

    private void serve(ChannelHandlerContext ctx, Object msg, HttpRequest head, NettyTransport transport) {
        WsgiInput input = null;
        Map<String, Object> environ;
        try {
            input = input(msg);
            environ = server.environBuilder().build(
                    new NettyRequestHead(head, contentLength(msg), ctx.channel().localAddress(),
                            ctx.channel().remoteAddress(), server.config().urlScheme()), input);
        } catch (Exception e) {
            closeQuietly(input);
            int status = e instanceof GatewayException ge ? ge.status() : 500;
            if (status >= 500) {
                LOG.error("{} {}: cannot build the environ", head.method(), head.uri(), e);
            } else {
                LOG.info("{} {}: {}", head.method(), head.uri(), e.getMessage());
            }
            ErrorOutput.Response error = ErrorOutput.plain(status, status + " " + ErrorOutput.reason(status) + "\n",
                    HttpMethod.HEAD.equals(head.method()));
            transport.sendFull(error.head(), error.chunks());
            return;
        }
        try {
            server.driver().run(server.application(), environ, transport);
        } finally {
            closeQuietly(input);
        }
    }

    private static void closeQuietly(WsgiInput input) {
        if (input != null) {
            try {
                input.close();
            } catch (IOException e) {
                LOG.debug("closing wsgi.input failed", e);
            }
        }
    }

    private static WsgiInput input(Object msg) throws IOException {
        if (msg instanceof SpooledRequest spooled) {
            if (spooled.body().path() == null) {
                return WsgiInput.empty();
            }
            InputStream file = new FileInputStream(spooled.body().path().toFile());
            return new WsgiInput(new java.io.BufferedInputStream(file, 64 * 1024), spooled.contentLength());
        }
        FullHttpRequest full = (FullHttpRequest) msg;
        return new WsgiInput(new ByteBufInputStream(full.content()), full.content().readableBytes());
    }

    private static long contentLength(Object msg) {
        return msg instanceof SpooledRequest spooled ? spooled.contentLength()
                : ((FullHttpRequest) msg).content().readableBytes();
    }

    /** On the event loop, once the application returned and its response is queued. */
    private void done(ChannelHandlerContext ctx, NettyTransport transport) {
        busy = false;
        if (!transport.keepAlive() || !ctx.channel().isActive()) {
            closing = true;
            discardQueue();
            if (transport.lastWrite() != null) {
                transport.lastWrite().addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
            return;
        }
        next(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        gate.signal();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        gate.signal();
        discardQueue();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("connection error from {}", ctx.channel().remoteAddress(), cause);
        } else {
            LOG.warn("unexpected error on {}", ctx.channel(), cause);
        }
        ctx.close();
    }

    private void discardQueue() {
        for (Object msg = queue.poll(); msg != null; msg = queue.poll()) {
            release(msg);
        }
    }

    private static void release(Object msg) {
        if (msg instanceof SpooledRequest spooled) {
            spooled.body().delete();
        } else {
            ReferenceCountUtil.release(msg);
        }
    }
}
