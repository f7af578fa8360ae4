package dev.wsgi4j.netty;

import io.netty.channel.Channel;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;

/**
 * Where an application thread waits while its client is not reading (SPEC.md §6.4, backpressure): it blocks until
 * the channel is writable again, closed, or the send timeout passes. The event loop wakes it on every
 * writability change and on close.
 */
final class WritabilityGate {

    private final Channel channel;
    private final long sendTimeoutNanos;

    WritabilityGate(Channel channel, long sendTimeoutNanos) {
        this.channel = channel;
        this.sendTimeoutNanos = sendTimeoutNanos;
    }

    /** Returns once the channel can take more; throws when it closed or stayed full past the send timeout. */
    synchronized void awaitWritable() throws IOException {
        long deadline = System.nanoTime() + sendTimeoutNanos;
        while (channel.isActive() && !channel.isWritable()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                channel.close();
                throw new IOException("client did not read for " + TimeUnit.NANOSECONDS.toSeconds(sendTimeoutNanos)
                        + " s; connection closed");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the client", e);
            }
        }
        if (!channel.isActive()) {
            throw new ClosedChannelException();
        }
    }

    /** Called on the event loop when writability changed or the channel closed. */
    synchronized void signal() {
        notifyAll();
    }
}
