package dev.wsgi4j.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;

import java.util.concurrent.TimeUnit;

/**
 * Closes a connection after an error answer without destroying that answer (RFC 9112 §9.6; nginx's
 * {@code lingering_close}): once the answer is written, the server stops sending, keeps reading and discarding for a
 * short while, then closes. Closing at once while the client still sends would make the kernel reset the
 * connection, and the client could lose the 400/413 it was sent.
 */
final class LingeringClose {

    static final long LINGER_MILLIS = 2000;

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
            duplex.shutdownOutput().addListener(s -> {
                channel.config().setAutoRead(true);
                channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
            });
        });
    }
}
