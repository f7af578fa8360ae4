package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;

/**
 * Counts the bytes a connection reads and is given to write, for {@link ServerMetrics}. First in the pipeline after
 * the connection limiter, so it sees what the socket sees (TLS records, not their content); installed only when
 * metrics are on. Written bytes are counted when handed to the channel, not when the kernel took them.
 */
@ChannelHandler.Sharable
final class ByteCounter extends ChannelDuplexHandler {

    private final ServerMetrics metrics;

    ByteCounter(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            metrics.bytesReceived(buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        long bytes = msg instanceof ByteBuf buf ? buf.readableBytes()
                : msg instanceof ByteBufHolder holder ? holder.content().readableBytes()
                : msg instanceof FileRegion region ? region.count() - region.transferred()
                : 0;
        if (bytes > 0) {
            metrics.bytesSent(bytes);
        }
        ctx.write(msg, promise);
    }
}
