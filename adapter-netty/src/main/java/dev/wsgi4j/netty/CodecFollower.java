package dev.wsgi4j.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Sits right after the codec and tells {@link RequestHeadGuard} what the codec made of the bytes the guard just
 * handed it: how many requests it decoded, whether it failed, whether it now waits for a new head, and how the body
 * of the request it is reading is framed. The guard tracks body ends by the codec's framing instead of parsing
 * {@code Content-Length} and {@code Transfer-Encoding} a second time, so the two cannot disagree unnoticed.
 * Passes every message on unchanged.
 */
final class CodecFollower extends ChannelInboundHandlerAdapter {

    private long requests;
    private boolean awaitingHead = true;
    private boolean failed;
    /** The request whose body the codec is reading; null between requests, so an idle connection holds none. */
    private HttpRequest reading;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            if (request.decoderResult().isFailure()) {
                failed = true;
            } else {
                requests++;
                awaitingHead = false;
                reading = request;
            }
        }
        if (msg instanceof HttpContent content) {
            if (content.decoderResult().isFailure()) {
                failed = true;
            } else if (content instanceof LastHttpContent) {
                awaitingHead = true;
                reading = null;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** Requests the codec decoded so far. */
    long requests() {
        return requests;
    }

    /** True once the codec failed a request; it then discards everything that follows. */
    boolean failed() {
        return failed;
    }

    /** True when the codec has emitted a whole request and waits for the next head. */
    boolean awaitingHead() {
        return awaitingHead;
    }

    /** Whether the body being read is chunked; only while a body is being read. */
    boolean chunked() {
        return reading != null && HttpUtil.isTransferEncodingChunked(reading);
    }

    /** The body's declared length (0 if none); only while a non-chunked body is being read. */
    long contentLength() {
        return reading == null ? 0 : HttpUtil.getContentLength(reading, 0L);
    }
}
