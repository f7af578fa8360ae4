package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Runs {@link RequestHeadScanner} over every request head before the codec decodes it, and refuses a head the scanner
 * refuses: the failed {@code HttpRequest} it sends on in the head's place (cause {@link RequestHeadViolation}) is
 * answered in order by {@link RequestBodyStage} like any decoder failure, and everything after it is discarded.
 * <p>To know where each head starts it must know where each body ends, and it takes the body's framing from the
 * codec itself: it hands the codec each head on its own, reads from the {@link CodecFollower} (placed right after the
 * codec) how the body is framed, and counts the body with a {@link BodyEndScanner}. Where the codec failed a request
 * or disagrees (it did not decode exactly one request from a head, or a body is framed in a way the scanner cannot
 * follow), the guard stands aside and passes everything through unchecked: the codec's answer stands.
 * <p>At the end of each request, if reading is paused and more input follows, that input goes to the
 * {@link PipelinedInputHold} instead of the codec.
 * <p>A read that is all one request part (the usual case: a whole bodiless request) is handed on as it came; only a
 * read holding a head and more is sliced.
 *
 * <pre>{@code
 * PipelinedInputHold hold = new PipelinedInputHold();
 * RequestHeadGuard guard = new RequestHeadGuard(config.allowObsFold(), hold);
 * p.addLast("hold", hold);
 * p.addLast("guard", guard);
 * p.addLast("codec", codec);
 * p.addLast("follower", guard.follower());
 * }</pre>
 * ({@link GatewayInitializer#installHandlers} is where this is written.)
 */
final class RequestHeadGuard extends ChannelInboundHandlerAdapter {

    private enum Phase { HEAD, BODY, STANDING_ASIDE, REFUSED }

    private final RequestHeadScanner heads;
    private final BodyEndScanner bodies = new BodyEndScanner();
    private final CodecFollower follower = new CodecFollower();
    private final PipelinedInputHold hold;
    private Phase phase = Phase.HEAD;

    RequestHeadGuard(boolean allowObsFold, PipelinedInputHold hold) {
        this.heads = new RequestHeadScanner(allowObsFold);
        this.hold = hold;
    }

    /** The handler to place right after the codec. */
    CodecFollower follower() {
        return follower;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        switch (phase) {
            case REFUSED -> in.release();
            case STANDING_ASIDE -> ctx.fireChannelRead(in);
            default -> scan(ctx, in);
        }
    }

    /** Consumes {@code in}: every byte is handed on, held, or (after a refusal) released. */
    private void scan(ChannelHandlerContext ctx, ByteBuf in) {
        int end = in.writerIndex();
        int start = in.readerIndex();
        while (start < end && phase != Phase.STANDING_ASIDE) {
            boolean head = phase == Phase.HEAD;
            int next = head ? heads.scan(in, start, end) : bodies.scan(in, start, end);
            if (next == RequestHeadScanner.NEED_MORE) { // the same value as BodyEndScanner.NEED_MORE
                break;
            }
            if (head && next == RequestHeadScanner.VIOLATION) {
                refuse(ctx, heads.violation());
                in.release();
                return;
            }
            if (!head && next == BodyEndScanner.UNFRAMED) {
                phase = Phase.STANDING_ASIDE;
                break;
            }
            long decoded = follower.requests();
            boolean last = next == end;
            handOn(ctx, in, start, next, last);
            if (ctx.isRemoved()) {
                // The request switched the connection to another protocol (h2c Upgrade, SPEC.md "HTTP/2"), which
                // removed the HTTP/1.1 handlers: what follows it is the new protocol's, for the handlers now there.
                if (!last) {
                    in.readerIndex(next);
                    ctx.fireChannelRead(in);
                }
                return;
            }
            phase = head ? afterHead(decoded) : afterBody();
            if (last) {
                return;
            }
            start = next;
            if (phase == Phase.HEAD && !ctx.channel().config().isAutoRead()) {
                in.readerIndex(start);
                hold.keep(in);
                return;
            }
        }
        if (start < end) {
            handOn(ctx, in, start, end, true);
        } else {
            in.release();
        }
    }

    /** Where the codec stands after a head: expecting the next head, a body we can follow, or unknown. */
    private Phase afterHead(long decodedBefore) {
        if (follower.failed() || follower.requests() != decodedBefore + 1) {
            return Phase.STANDING_ASIDE;
        }
        if (follower.awaitingHead()) {
            return Phase.HEAD;
        }
        if (follower.chunked()) {
            bodies.expectChunked();
            return Phase.BODY;
        }
        long length = follower.contentLength();
        if (length > 0) {
            bodies.expectFixed(length);
            return Phase.BODY;
        }
        return Phase.STANDING_ASIDE;
    }

    private Phase afterBody() {
        return !follower.failed() && follower.awaitingHead() ? Phase.HEAD : Phase.STANDING_ASIDE;
    }

    /** Hands {@code in[from, to)} to the codec: {@code in} itself when it is the last piece, else a slice. */
    private static void handOn(ChannelHandlerContext ctx, ByteBuf in, int from, int to, boolean last) {
        if (last) {
            in.readerIndex(from);
            ctx.fireChannelRead(in);
        } else {
            ctx.fireChannelRead(in.retainedSlice(from, to - from));
        }
    }

    private void refuse(ChannelHandlerContext ctx, RequestHeadViolation violation) {
        phase = Phase.REFUSED;
        DefaultHttpRequest failed = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bad-request");
        failed.setDecoderResult(DecoderResult.failure(violation));
        ctx.fireChannelRead(failed);
    }
}
