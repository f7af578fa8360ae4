package dev.wsgi4j.netty.http2;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpConversionUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The first handler of a stream's channel: Netty's stream-to-HTTP/1 objects codec, with {@link Http2HeadRules} run
 * on each header block before it is converted. A refused block resets its stream ({@code RST_STREAM
 * PROTOCOL_ERROR}) and nothing of it reaches the application; the connection and its other streams go on. An
 * accepted request leaves marked {@link Http2Stack#HTTP_2_0} and without the {@code x-http2-*} headers the
 * conversion adds, so the environ sees neither (its scheme comes from the transport, never from {@code :scheme}).
 * One per stream: it remembers whether the request head was seen.
 */
final class StreamRequestCodec extends Http2StreamFrameToHttpObjectCodec {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRequestCodec.class);

    private final long bodyTimeoutNanos;
    private final Object stalledEvent;
    private boolean headSeen;
    private boolean refused;
    /** The client's END_STREAM arrived (or the stream was refused or timed out): no more clock. */
    private boolean ended;
    /** The client's END_STREAM arrived: its request is whole. */
    private boolean requestEnded;
    /** This side reset the stream already. */
    private boolean resetSent;
    /** The whole response went out (its END_STREAM). */
    private boolean responseEnded;
    private long lastFrame;
    private ScheduledFuture<?> timer;

    /**
     * @param bodyTimeoutNanos how long a request body may stall between frames (HTTP/1.1's {@code bodyReadTimeout})
     * @param stalledEvent     fired down the stream's pipeline when it does; the body stage answers it with 408
     */
    StreamRequestCodec(long bodyTimeoutNanos, Object stalledEvent) {
        super(true);
        this.bodyTimeoutNanos = bodyTimeoutNanos;
        this.stalledEvent = stalledEvent;
    }

    @Override
    public boolean isSharable() {
        return false;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Http2StreamFrame frame, List<Object> out) throws Exception {
        if (refused) {
            return; // what still arrives on a reset stream; MessageToMessageDecoder releases it
        }
        lastFrame = now(ctx);
        if (frame instanceof Http2HeadersFrame h && h.isEndStream()
                || frame instanceof Http2DataFrame d && d.isEndStream()) {
            ended = true;
            requestEnded = true;
        } else if (timer == null && !ended) {
            schedule(ctx, bodyTimeoutNanos);
        }
        if (frame instanceof Http2HeadersFrame headers) {
            String refusal = headSeen ? Http2HeadRules.checkTrailers(headers.headers())
                    : Http2HeadRules.checkHead(headers.headers());
            headSeen = true;
            if (refusal != null) {
                refuse(ctx, refusal);
                return;
            }
        }
        int from = out.size();
        super.decode(ctx, frame, out);
        for (int i = from; i < out.size(); i++) {
            if (out.get(i) instanceof HttpRequest request) {
                for (HttpConversionUtil.ExtensionHeaderNames name : HttpConversionUtil.ExtensionHeaderNames.values()) {
                    request.headers().remove(name.text());
                }
                request.setProtocolVersion(Http2Stack.HTTP_2_0);
            }
        }
    }

    /**
     * A stream error Netty's codec raised: the client's fault, not the server's. The codec hands a known stream's
     * error to its child channel instead of resetting the stream, and a child closed with its stream open is reset
     * with CANCEL; so the reset is written here, with the error's own code (PROTOCOL_ERROR, FLOW_CONTROL_ERROR ...),
     * as RFC 9113 §5.4.2 asks and h2spec checks.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof Http2Exception http2) {
            LOG.debug("stream {} failed: {}", ctx.channel(), cause.toString());
            ended = true;
            resetSent = true;
            ctx.writeAndFlush(new DefaultHttp2ResetFrame(http2.error())).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        super.exceptionCaught(ctx, cause);
    }

    /**
     * The body clock (SPEC.md §6.6, as on HTTP/1.1): a stream whose request body stalls longer than the timeout is
     * answered 408, so that a client cannot hold streams open by sending part of a body. While the server itself
     * paused reading (a spool file behind), the client is not stalling.
     */
    private void check(ChannelHandlerContext ctx) {
        timer = null;
        if (ended || !ctx.channel().isActive()) {
            return;
        }
        long now = now(ctx);
        if (!ctx.channel().config().isAutoRead()) {
            lastFrame = now;
        }
        long left = lastFrame + bodyTimeoutNanos - now;
        if (left > 0) {
            schedule(ctx, left);
            return;
        }
        ended = true;
        ctx.fireUserEventTriggered(stalledEvent);
    }

    private void schedule(ChannelHandlerContext ctx, long nanos) {
        timer = ctx.executor().schedule(() -> check(ctx), nanos, TimeUnit.NANOSECONDS);
    }

    private static long now(ChannelHandlerContext ctx) {
        return ctx.executor().ticker().nanoTime();
    }

    /**
     * The server ends a stream whose request body the client is still sending: after an answer that needs no more
     * of it (413, 408, a refused {@code Expect}), so the client is asked to stop sending with RST_STREAM NO_ERROR,
     * which RFC 9113 §8.1 says a client must not take as a reason to discard the answer. (Netty's own close would
     * reset it with CANCEL.) What the client sent meanwhile was never read: its window credit goes back to the
     * connection when the stream closes. A stream closed before its answer is whole keeps Netty's CANCEL.
     */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        if (responseEnded && !requestEnded && !resetSent && ctx.channel().isActive()) {
            resetSent = true;
            ctx.write(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR));
            ctx.flush();
        }
        super.close(ctx, promise);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof Http2ResetFrame) {
            resetSent = true;
        } else if (msg instanceof LastHttpContent && !(msg instanceof HttpResponse response
                && response.status().codeClass() == HttpStatusClass.INFORMATIONAL)) { // a 100 or 103 ends nothing
            responseEnded = true;
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ended = true;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        super.channelInactive(ctx);
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        refused = true;
        ended = true;
        resetSent = true;
        LOG.debug("resetting stream {}: {}", ctx.channel(), why);
        ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.PROTOCOL_ERROR))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
