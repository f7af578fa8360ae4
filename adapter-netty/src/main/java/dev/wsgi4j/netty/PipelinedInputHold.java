package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Where pipelined input waits while reading is paused. When {@code autoRead} is off ({@link ReadPauses}) and a read
 * held more than one request, {@link RequestHeadGuard} hands the bytes after the complete request {@link #keep here}
 * instead of to the codec; they are replayed, in an event-loop task of their own, when the pipeline asks to read
 * again. So a client that pipelines hundreds of requests in one write costs one buffer, not a queue of decoded
 * requests, and never trips the codec's pipeline-depth limit (SPEC.md §6.5, {@code maxPipelinedRequests}). Bytes
 * that still arrive while something is held (a read already under way) are appended to it.
 */
final class PipelinedInputHold extends ChannelDuplexHandler {

    private ChannelHandlerContext ctx;
    /** Input held back while reading is paused; owned here. */
    private ByteBuf held;
    private boolean replayScheduled;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Takes ownership of {@code rest}, whose readable bytes start a new request, and holds it until a read. */
    void keep(ByteBuf rest) {
        if (held != null) {
            rest.release();
            throw new IllegalStateException("input scanned while earlier input was held");
        }
        held = rest;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (held != null && msg instanceof ByteBuf in) {
            held = ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), held, in);
            return;
        }
        ctx.fireChannelRead(msg);
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
            ctx.executor().execute(this::replay);
        }
    }

    private void replay() {
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
        ctx.fireChannelRead(buf);
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
}
