package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Turns the codec's request pieces into {@link GatewayMessage}s: a {@link CompleteRequest} whose body is an
 * {@link InMemoryBody} up to {@code inMemoryBodySize}, or a {@link SpooledBody} that went to a temporary file while
 * reading paused whenever the disk fell behind. Unlike {@code HttpObjectAggregator}, a body declared over the maximum is
 * refused from the headers alone, without reading it. Complete requests leave in arrival order.
 *
 * <pre>{@code p.addLast("codec", new HttpServerCodec(...)); p.addLast("body", new RequestBodyStage(...));}</pre>
 *
 * <table><caption>What it emits instead of a request</caption>
 * <tr><td>{@link RequestRejection} 400/414/431/505</td><td>the decoder or {@link RequestHeadRules} refused the head</td></tr>
 * <tr><td>{@link RequestRejection} 413</td><td>declared or received body over {@code maxBodySize}</td></tr>
 * <tr><td>{@link RequestRejection} 417</td><td>an {@code Expect} other than {@code 100-continue}</td></tr>
 * <tr><td>{@link RequestRejection} 503</td><td>the body could not be spooled (disk full, directory gone)</td></tr>
 * <tr><td>{@link ContinueSignal}</td><td>{@code Expect: 100-continue} on an acceptable request</td></tr>
 * </table>
 */
final class RequestBodyStage extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestBodyStage.class);

    private final ServerConfig config;
    private final Executor spoolExecutor;
    /** Complete requests and signals in arrival order; a spooled request blocks those behind it until on disk. */
    private final ArrayDeque<Object> ordered = new ArrayDeque<>(4);

    private ConnectionTimeouts timeouts;
    private HttpRequest head;
    private CompositeByteBuf memory;
    private SpoolFile spool;
    private long received;
    /** Whether anyone reads a request's duration (the access log, metrics): only then is the clock read. */
    private final boolean timed;
    /** When the current head was accepted, if {@link #timed}; else 0. */
    private long headNanos;
    private boolean rejected;

    RequestBodyStage(ServerConfig config, Executor spoolExecutor, boolean timed) {
        this.config = config;
        this.spoolExecutor = spoolExecutor;
        this.timed = timed;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timeouts = ctx.pipeline().get(ConnectionTimeouts.class);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ConnectionTimeouts.BodyStalled.INSTANCE || evt == ConnectionTimeouts.BodyTruncated.INSTANCE) {
            if (head != null && !rejected) {
                reject(ctx, evt == ConnectionTimeouts.BodyStalled.INSTANCE ? 408 : 400, head);
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (rejected) {
                return;
            }
            if (msg instanceof HttpRequest request) {
                startRequest(ctx, request);
            }
            if (msg instanceof HttpContent content && head != null && !rejected) {
                addContent(ctx, content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void startRequest(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            reject(ctx, DecoderFailures.status(request.decoderResult().cause()), request);
            return;
        }
        int status = RequestHeadRules.check(request, config);
        if (status != 0) {
            reject(ctx, status, request);
            return;
        }
        long declared = HttpUtil.getContentLength(request, -1L);
        if (declared > config.maxBodySize()) {
            reject(ctx, 413, request);
            return;
        }
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null && request.protocolVersion().compareTo(HttpVersion.HTTP_1_1) >= 0) { // HTTP/1.1, HTTP/2
            if (!HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect.trim())) {
                reject(ctx, 417, request);
                return;
            }
            request.headers().remove(HttpHeaderNames.EXPECT);
            emit(ctx, ContinueSignal.INSTANCE);
        }
        head = request;
        received = 0;
        headNanos = timed ? System.nanoTime() : 0;
        if (timeouts != null) {
            timeouts.headReceived();
        }
        if (declared > config.inMemoryBodySize()) {
            spool = newSpool(ctx);
        }
    }

    private void addContent(ChannelHandlerContext ctx, HttpContent content) {
        if (content.decoderResult().isFailure()) {
            reject(ctx, DecoderFailures.bodyStatus(content.decoderResult().cause()), head);
            return;
        }
        ByteBuf data = content.content();
        int n = data.readableBytes();
        received += n;
        if (received > config.maxBodySize()) {
            reject(ctx, 413, head);
            return;
        }
        if (n > 0) {
            if (spool == null && received > config.inMemoryBodySize()) {
                spool = newSpool(ctx);
                if (memory != null) {
                    spool.append(memory);
                    memory = null;
                }
            }
            if (spool != null) {
                if (spool.append(data.retain())) {
                    ReadPauses.of(ctx.channel()).pause(ctx.channel(), ReadPauses.SPOOL);
                }
            } else {
                if (memory == null) {
                    memory = ctx.alloc().compositeBuffer(64);
                }
                memory.addComponent(true, data.retain());
            }
        }
        if (content instanceof LastHttpContent) {
            complete(ctx);
        }
    }

    /** Trailers are dropped here: they never reach the headers or the environ (RFC 9110 §6.5.1). */
    private void complete(ChannelHandlerContext ctx) {
        HttpRequest request = head;
        head = null;
        if (timeouts != null) {
            timeouts.requestReceived();
        }
        if (HttpUtil.isTransferEncodingChunked(request)) {
            request.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
            request.headers().set(HttpHeaderNames.CONTENT_LENGTH, received);
        }
        if (spool != null) {
            SpoolFile file = spool;
            spool = null;
            PendingSpool pending = new PendingSpool(new CompleteRequest(request, new SpooledBody(file, received),
                    headNanos));
            ordered.add(pending);
            file.finish(error -> {
                if (error != null) {
                    file.delete();
                    LOG.error("{} {}: cannot spool the request body to {}; answering 503: {}", request.method(),
                            request.uri(), config.spoolDirectory(), error.toString());
                    pending.ready = new RequestRejection(503, "spooling the body failed", request.protocolVersion(),
                            request);
                } else {
                    pending.ready = pending.request;
                }
                flushOrdered(ctx);
            });
            return;
        }
        RequestBody body = memory != null ? new InMemoryBody(memory) : InMemoryBody.EMPTY;
        memory = null;
        emit(ctx, new CompleteRequest(request, body, headNanos));
    }

    private SpoolFile newSpool(ChannelHandlerContext ctx) {
        return new SpoolFile(config.spoolDirectory(), spoolExecutor, ctx.executor(),
                () -> ReadPauses.of(ctx.channel()).resume(ctx.channel(), ReadPauses.SPOOL));
    }

    private void reject(ChannelHandlerContext ctx, int status, HttpRequest request) {
        rejected = true;
        if (timeouts != null) {
            timeouts.requestReceived();
        }
        head = null;
        discardBody();
        ReadPauses.of(ctx.channel()).pause(ctx.channel(), ReadPauses.REJECTED);
        emit(ctx, new RequestRejection(status, null, request.protocolVersion(),
                request.decoderResult().isSuccess() ? request : null));
    }

    private void emit(ChannelHandlerContext ctx, GatewayMessage message) {
        if (ordered.isEmpty()) {
            ctx.fireChannelRead(message);
            return;
        }
        ordered.add(message);
        flushOrdered(ctx);
    }

    private void flushOrdered(ChannelHandlerContext ctx) {
        while (!ordered.isEmpty()) {
            Object next = ordered.peek();
            if (next instanceof PendingSpool pending) {
                if (pending.ready == null) {
                    return;
                }
                next = pending.ready;
            }
            ordered.poll();
            ctx.fireChannelRead(next);
        }
    }

    private void discardBody() {
        if (memory != null) {
            memory.release();
            memory = null;
        }
        if (spool != null) {
            spool.delete();
            spool = null;
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discardBody();
        for (Object queued : ordered) {
            if (queued instanceof PendingSpool pending) {
                pending.request.release();
            } else {
                ((GatewayMessage) queued).release();
            }
        }
        ordered.clear();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handlerRemoved(ctx);
        ctx.fireChannelInactive();
    }

    /** A spooled request waiting for its last bytes to reach the disk. */
    private static final class PendingSpool {
        final CompleteRequest request;
        GatewayMessage ready;

        PendingSpool(CompleteRequest request) {
            this.request = request;
        }
    }
}
