package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Byte-level checks on the request head that Netty's decoder cannot express, because it normalises before we see
 * the result (RFC 9112 §2.2, §2.3, §5.2):
 * <ul>
 * <li>obs-fold ({@code CRLF} then SP/HTAB inside the header block): Netty joins the lines silently; we answer 400
 * unless {@link ServerConfig#allowObsFold()};</li>
 * <li>whitespace before the request line (Netty skips it);</li>
 * <li>an HTTP-version whose name is not exactly {@code HTTP} ({@code http/1.1}; Netty upper-cases it);</li>
 * <li>more than one {@code Content-Length} line, or a list-form value ({@code 3, 3}): Netty refuses these on
 * HTTP/1.1 but on HTTP/1.0 silently keeps the first value (RFC 9112 §6.3 item 5).</li>
 * </ul>
 * It must know where each head starts, so it tracks the framing of every request body, and checks with its
 * {@link Follower} (placed right after the codec) that the codec agrees: after each head and each body it hands the
 * codec exactly those bytes, and the follower tells whether the codec is now waiting for a new request. On any
 * disagreement, or once the codec failed a request (it then discards everything), the guard stands aside and passes
 * bytes through unchecked.
 * <p>Because it knows where requests end, it is also where pipelined input waits: when reading is paused
 * ({@code autoRead} off, see {@link ReadPauses}) at the end of a request, the rest of the buffer is held here
 * instead of being decoded, and handed on once reading resumes. So a client that pipelines hundreds of requests
 * in one write costs a bounded queue, and never trips the codec's pipeline-depth limit (reference T-51).
 * <p>A violation travels on as a failed {@link HttpRequest} whose cause is a
 * {@link HeadViolation}, so {@link RequestBodyStage} answers it in order like any decoder failure.
 *
 * <pre>{@code
 * RawRequestGuard guard = new RawRequestGuard(config.allowObsFold());
 * p.addLast("guard", guard); p.addLast("codec", codec); p.addLast("follower", guard.follower()); ...
 * }</pre>
 */
final class RawRequestGuard extends ChannelDuplexHandler {

    /** A request refused before the codec could see the offending bytes; carries the status to answer. */
    static final class HeadViolation extends IllegalArgumentException {
        private final int status;

        HeadViolation(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private enum Mode {
        /** Before the request line: CR and LF are skipped (RFC 9112 §2.2). */
        LEADING,
        REQUEST_LINE,
        LINE_START,
        /** In a field name (captured, lower-cased, up to {@link #MAX_NAME} chars). */
        IN_NAME,
        /** In a field value, up to its LF. */
        IN_FIELD,
        /** A CR at the start of a line: the head ends at the LF after it. */
        EMPTY_CR,
        FIXED_BODY,
        CHUNK_SIZE,
        CHUNK_LINE_REST,
        CHUNK_DATA,
        CHUNK_DATA_END,
        TRAILER_LINE_START,
        TRAILER_LINE,
        TRAILER_CR,
        /** The codec failed or disagreed with us: pass everything through unchecked. */
        OFF,
        /** We refused a request: discard everything that follows. */
        REJECTED
    }

    private static final int MAX_VERSION_TOKEN = 32;
    private static final int MAX_NAME = 16;

    private final boolean allowObsFold;
    private final Follower follower = new Follower();
    private Mode mode = Mode.LEADING;
    private final StringBuilder lastToken = new StringBuilder();
    private final StringBuilder name = new StringBuilder();
    private int contentLengths;
    private boolean inContentLength;
    private long remaining;
    private int sizeDigits;
    /** Input held back while reading is paused; owned here. */
    private ByteBuf held;
    private boolean replayScheduled;

    RawRequestGuard(boolean allowObsFold) {
        this.allowObsFold = allowObsFold;
    }

    /** The handler to place right after the codec. */
    ChannelInboundHandlerAdapter follower() {
        return follower;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (mode == Mode.REJECTED) {
            in.release();
            return;
        }
        if (held != null) {
            held.writeBytes(in);
            in.release();
            return;
        }
        if (mode == Mode.OFF) {
            ctx.fireChannelRead(in);
            return;
        }
        try {
            scan(ctx, in);
        } finally {
            in.release();
        }
    }

    private void scan(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int i = start;
        while (i < end) {
            if (mode == Mode.OFF) {
                forward(ctx, in, start, end);
                return;
            }
            if (mode == Mode.FIXED_BODY || mode == Mode.CHUNK_DATA) {
                int n = (int) Math.min(remaining, end - i);
                i += n;
                remaining -= n;
                if (remaining > 0) {
                    break;
                }
                if (mode == Mode.FIXED_BODY) {
                    boolean held = bodyDone(ctx, in, start, i, end);
                    start = i;
                    if (held) {
                        return;
                    }
                } else {
                    mode = Mode.CHUNK_DATA_END;
                }
                continue;
            }
            byte b = in.getByte(i++);
            switch (mode) {
                case LEADING -> {
                    if (b == ' ' || b == '\t') {
                        reject(ctx, 400, "whitespace before the request line");
                        return;
                    }
                    if (b != '\r' && b != '\n') {
                        mode = Mode.REQUEST_LINE;
                        lastToken.setLength(0);
                        lastToken.append((char) (b & 0xff));
                    }
                }
                case REQUEST_LINE -> {
                    if (b == '\n') {
                        if (!versionNameOk()) {
                            reject(ctx, 400, "HTTP-version name is case-sensitive");
                            return;
                        }
                        mode = Mode.LINE_START;
                        contentLengths = 0;
                    } else if (b == ' ' || b == '\t') {
                        lastToken.setLength(0);
                    } else if (b != '\r' && lastToken.length() < MAX_VERSION_TOKEN) {
                        lastToken.append((char) (b & 0xff));
                    }
                }
                case LINE_START -> {
                    if (b == '\r') {
                        mode = Mode.EMPTY_CR;
                    } else if (b == '\n') {
                        i = endOfHead(ctx, in, start, i);
                        start = i;
                        if (holdIfPaused(ctx, in, i, end)) {
                            return;
                        }
                    } else if ((b == ' ' || b == '\t') && !allowObsFold) {
                        reject(ctx, 400, "obsolete line folding (obs-fold) in the header block");
                        return;
                    } else {
                        mode = Mode.IN_NAME;
                        name.setLength(0);
                        name.append(Character.toLowerCase((char) (b & 0xff)));
                    }
                }
                case IN_NAME -> {
                    if (b == ':') {
                        inContentLength = name.toString().equals("content-length");
                        if (inContentLength && ++contentLengths > 1) {
                            reject(ctx, 400, "more than one Content-Length");
                            return;
                        }
                        mode = Mode.IN_FIELD;
                    } else if (b == '\n') {
                        mode = Mode.LINE_START; // no colon: the codec refuses it
                    } else if (name.length() <= MAX_NAME) {
                        name.append(Character.toLowerCase((char) (b & 0xff)));
                    }
                }
                case IN_FIELD -> {
                    if (b == '\n') {
                        mode = Mode.LINE_START;
                        inContentLength = false;
                    } else if (b == ',' && inContentLength) {
                        reject(ctx, 400, "list-form Content-Length");
                        return;
                    }
                }
                case EMPTY_CR -> {
                    if (b == '\n') {
                        i = endOfHead(ctx, in, start, i);
                        start = i;
                        if (holdIfPaused(ctx, in, i, end)) {
                            return;
                        }
                    } else {
                        mode = Mode.IN_FIELD; // bare CR: the codec refuses it
                    }
                }
                case CHUNK_SIZE -> {
                    int digit = Character.digit(b, 16);
                    if (digit >= 0 && sizeDigits < 16) {
                        remaining = remaining * 16 + digit;
                        sizeDigits++;
                    } else if (b == '\n') {
                        chunkLineDone();
                    } else {
                        mode = Mode.CHUNK_LINE_REST;
                    }
                }
                case CHUNK_LINE_REST -> {
                    if (b == '\n') {
                        chunkLineDone();
                    }
                }
                case CHUNK_DATA_END -> {
                    if (b == '\n') {
                        startChunkLine();
                    }
                }
                case TRAILER_LINE_START -> {
                    if (b == '\r') {
                        mode = Mode.TRAILER_CR;
                    } else if (b == '\n') {
                        boolean held = bodyDone(ctx, in, start, i, end);
                        start = i;
                        if (held) {
                            return;
                        }
                    } else {
                        mode = Mode.TRAILER_LINE;
                    }
                }
                case TRAILER_LINE -> {
                    if (b == '\n') {
                        mode = Mode.TRAILER_LINE_START;
                    }
                }
                case TRAILER_CR -> {
                    if (b == '\n') {
                        boolean held = bodyDone(ctx, in, start, i, end);
                        start = i;
                        if (held) {
                            return;
                        }
                    } else {
                        mode = Mode.TRAILER_LINE;
                    }
                }
                default -> throw new IllegalStateException(mode.name());
            }
        }
        if (mode == Mode.REJECTED) {
            return;
        }
        forward(ctx, in, start, end);
    }

    /**
     * At the end of a request, with reading paused: keeps {@code [from, end)} for later and returns true. The
     * caller has forwarded everything before {@code from}.
     */
    private boolean holdIfPaused(ChannelHandlerContext ctx, ByteBuf in, int from, int end) {
        if (mode != Mode.LEADING || ctx.channel().config().isAutoRead() || from >= end) {
            return false;
        }
        held = ctx.alloc().buffer(end - from);
        held.writeBytes(in, from, end - from);
        return true;
    }

    /** Reading resumes: first hand on what was held (in a task of its own, never inside a caller's loop). */
    @Override
    public void read(ChannelHandlerContext ctx) {
        if (held == null) {
            ctx.read();
            return;
        }
        if (!replayScheduled) {
            replayScheduled = true;
            ctx.executor().execute(() -> replay(ctx));
        }
    }

    private void replay(ChannelHandlerContext ctx) {
        replayScheduled = false;
        ByteBuf buf = held;
        held = null;
        if (buf == null) {
            return;
        }
        if (!ctx.channel().isActive()) {
            buf.release();
            return;
        }
        channelRead(ctx, buf);
        if (held == null && ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseHeld();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseHeld();
        ctx.fireChannelInactive();
    }

    private void releaseHeld() {
        if (held != null) {
            held.release();
            held = null;
        }
    }

    /** Hands the whole head to the codec and reads, from the follower, how the body (if any) is framed. */
    private int endOfHead(ChannelHandlerContext ctx, ByteBuf in, int start, int i) {
        long before = follower.requests;
        forward(ctx, in, start, i);
        if (follower.failed || follower.requests != before + 1) {
            mode = Mode.OFF;
        } else if (follower.awaitingHead) {
            mode = Mode.LEADING;
        } else if (follower.chunked) {
            startChunkLine();
        } else if (follower.contentLength > 0) {
            mode = Mode.FIXED_BODY;
            remaining = follower.contentLength;
        } else {
            mode = Mode.OFF;
        }
        return i;
    }

    private void startChunkLine() {
        mode = Mode.CHUNK_SIZE;
        remaining = 0;
        sizeDigits = 0;
    }

    private void chunkLineDone() {
        if (sizeDigits == 0) {
            mode = Mode.OFF; // the codec refuses this; nothing more to check
        } else if (remaining == 0) {
            mode = Mode.TRAILER_LINE_START;
        } else {
            mode = Mode.CHUNK_DATA;
        }
    }

    /** A body ended at {@code to}: hand the codec its bytes, expect a head next, hold the rest if paused. */
    private boolean bodyDone(ChannelHandlerContext ctx, ByteBuf in, int from, int to, int end) {
        forward(ctx, in, from, to);
        mode = !follower.failed && follower.awaitingHead ? Mode.LEADING : Mode.OFF;
        return holdIfPaused(ctx, in, to, end);
    }

    private boolean versionNameOk() {
        // Only the name's case is ours to check: Netty validates the rest and upper-cases "http/".
        if (lastToken.length() < 5) {
            return true;
        }
        String name = lastToken.substring(0, 5);
        return !name.equalsIgnoreCase("HTTP/") || name.equals("HTTP/");
    }

    private void reject(ChannelHandlerContext ctx, int status, String why) {
        mode = Mode.REJECTED;
        DefaultHttpRequest failed = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bad-request");
        failed.setDecoderResult(DecoderResult.failure(new HeadViolation(status, why)));
        ctx.fireChannelRead(failed);
    }

    private static void forward(ChannelHandlerContext ctx, ByteBuf in, int from, int to) {
        if (to > from) {
            ctx.fireChannelRead(in.retainedSlice(from, to - from));
        }
    }

    /** Watches what the codec emits, for the guard: requests, failures, and where a message ends. */
    final class Follower extends ChannelInboundHandlerAdapter {
        long requests;
        boolean awaitingHead = true;
        boolean failed;
        boolean chunked;
        long contentLength;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                if (request.decoderResult().isFailure()) {
                    failed = true;
                } else {
                    requests++;
                    awaitingHead = false;
                    chunked = HttpUtil.isTransferEncodingChunked(request);
                    contentLength = chunked ? -1 : HttpUtil.getContentLength(request, 0L);
                }
            }
            if (msg instanceof HttpContent content) {
                if (content.decoderResult().isFailure()) {
                    failed = true;
                } else if (content instanceof LastHttpContent) {
                    awaitingHead = true;
                }
            }
            ctx.fireChannelRead(msg);
        }
    }
}
