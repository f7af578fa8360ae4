package dev.wsgi4j.netty;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;

/**
 * The socket implementation under the server. Native transports cut system calls and allow options NIO lacks
 * (SO_REUSEPORT); NIO runs everywhere. Chosen once, at start: asking for a native one that cannot load is an error,
 * not a silent fallback.
 */
public enum TransportKind {
    /** Native epoll where it loads, else NIO. The default. */
    AUTO,
    NIO,
    EPOLL,
    IO_URING;

    /** What {@link #AUTO} means on this machine; any other value is returned as it is. */
    public TransportKind resolve() {
        if (this == AUTO) {
            return Epoll.isAvailable() ? EPOLL : NIO;
        }
        return this;
    }

    /** Whether this transport can run here. */
    public boolean isAvailable() {
        return switch (this) {
            case AUTO, NIO -> true;
            case EPOLL -> Epoll.isAvailable();
            case IO_URING -> IoUring.isAvailable();
        };
    }

    IoHandlerFactory ioHandlerFactory() {
        return switch (requireAvailable()) {
            case EPOLL -> EpollIoHandler.newFactory();
            case IO_URING -> IoUringIoHandler.newFactory();
            default -> NioIoHandler.newFactory();
        };
    }

    Class<? extends ServerChannel> serverChannel() {
        return switch (requireAvailable()) {
            case EPOLL -> EpollServerSocketChannel.class;
            case IO_URING -> IoUringServerSocketChannel.class;
            default -> NioServerSocketChannel.class;
        };
    }

    private TransportKind requireAvailable() {
        TransportKind kind = resolve();
        if (!kind.isAvailable()) {
            Throwable cause = kind == EPOLL ? Epoll.unavailabilityCause() : IoUring.unavailabilityCause();
            throw new IllegalStateException("transport " + kind + " is not available here", cause);
        }
        return kind;
    }
}
