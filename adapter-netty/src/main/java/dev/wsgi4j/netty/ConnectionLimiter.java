package dev.wsgi4j.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps open connections (SPEC.md §6.5): at the maximum the server stops accepting, leaving new clients in the
 * kernel's backlog rather than refusing them, and resumes below 90 % so that accepting does not flap.
 * A transport may accept one more connection after accepting was switched off (native epoll finishes the read it
 * has pending); such a connection is held unread until there is room, so it is served late, never refused.
 */
@ChannelHandler.Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private final int max;
    private final int resumeBelow;
    private final AtomicInteger open = new AtomicInteger();
    private final Queue<Channel> waiting = new ConcurrentLinkedQueue<>();
    private volatile List<Channel> serverChannels = List.of();

    ConnectionLimiter(int max) {
        this.max = max;
        this.resumeBelow = Math.max(1, max * 9 / 10);
    }

    /** Connections open now, served or waiting for room. */
    int open() {
        return open.get();
    }

    /** The listeners whose accepting this limiter pauses and resumes, all together. */
    void serverChannels(List<Channel> channels) {
        this.serverChannels = List.copyOf(channels);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        int now = open.incrementAndGet();
        if (now >= max) {
            setAccepting(false);
        }
        if (now > max) {
            // Paused before the pipeline's first read, which follows this callback.
            ReadPauses.of(ctx.channel()).pause(ctx.channel(), ReadPauses.LIMIT);
            waiting.add(ctx.channel());
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        waiting.remove(ctx.channel());
        if (served() < resumeBelow) {
            admitWaiting();
            setAccepting(open.get() < max);
        }
        ctx.fireChannelInactive();
    }

    private int served() {
        return open.get() - waiting.size();
    }

    private void admitWaiting() {
        while (served() < max) {
            Channel next = waiting.poll();
            if (next == null) {
                return;
            }
            next.eventLoop().execute(() -> ReadPauses.of(next).resume(next, ReadPauses.LIMIT));
        }
    }

    private void setAccepting(boolean accept) {
        for (Channel server : serverChannels) {
            if (server.config().isAutoRead() != accept) {
                server.config().setAutoRead(accept);
            }
        }
    }
}
