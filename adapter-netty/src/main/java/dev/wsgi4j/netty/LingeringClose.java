package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.TimeUnit;

/**
 * Closes a connection after an error answer without destroying that answer (RFC 9112 §9.6; nginx's
 * {@code lingering_close}): once the answer is written, the server stops sending (FIN), keeps reading and
 * discarding for a short while, then closes. Closing at once while the client still sends would make the kernel
 * reset the connection, and the client could lose the 400/413 it was sent. The drain ends at whichever comes first:
 * the client closes, {@link #LINGER_MILLIS} pass, or {@link #LINGER_MAX_BYTES} were discarded. Discarded bytes
 * never reach the codec, so nothing sent after the error is parsed.
 */
final class LingeringClose {

    static final long LINGER_MILLIS = 2000;
    static final long LINGER_MAX_BYTES = 64 * 1024;

    private LingeringClose() {
    }

    static void after(Channel channel, ChannelFuture lastWrite) {
        lastWrite.addListener(f -> {
            if (!channel.isActive()) {
                return;
            }
            if (!f.isSuccess() || !(channel instanceof DuplexChannel duplex)) {
                channel.close();
                return;
            }
            if (channel.pipeline().get(Drain.class) == null) {
                channel.pipeline().addFirst("linger", new Drain());
            }
            duplex.shutdownOutput().addListener(s -> {
                if (duplex.isInputShutdown()) {
                    channel.close(); // the client sends nothing more: nothing to drain
                    return;
                }
                channel.config().setAutoRead(true);
                channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
            });
        });
    }

    /** Reads and discards, first in the pipeline; closes once the cap is reached or the client stops sending. */
    private static final class Drain extends ChannelInboundHandlerAdapter {
        private long discarded;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf) {
                discarded += buf.readableBytes();
            }
            ReferenceCountUtil.release(msg);
            if (discarded > LINGER_MAX_BYTES) {
                ctx.close();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
                ctx.close();
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
