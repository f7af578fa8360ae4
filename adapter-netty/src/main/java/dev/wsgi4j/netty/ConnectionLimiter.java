package dev.wsgi4j.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps open connections (SPEC.md §6.5): at the maximum the server stops accepting, leaving new clients in the
 * kernel's backlog rather than refusing them, and resumes below 90 % so that accepting does not flap.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private final int max;
    private final int resumeBelow;
    private final AtomicInteger open = new AtomicInteger();
    private volatile Channel serverChannel;

    ConnectionLimiter(int max) {
        this.max = max;
        this.resumeBelow = Math.max(1, max * 9 / 10);
    }

    void serverChannel(Channel channel) {
        this.serverChannel = channel;
    }

    int open() {
        return open.get();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() >= max) {
            setAccepting(false);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (open.decrementAndGet() < resumeBelow) {
            setAccepting(true);
        }
        ctx.fireChannelInactive();
    }

    private void setAccepting(boolean accept) {
        Channel server = serverChannel;
        if (server != null && server.config().isAutoRead() != accept) {
            server.config().setAutoRead(accept);
        }
    }
}
