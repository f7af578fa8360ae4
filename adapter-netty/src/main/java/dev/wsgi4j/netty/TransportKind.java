package dev.wsgi4j.netty;

import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerDomainSocketChannel;
import io.netty.channel.uring.IoUringServerSocketChannel;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;

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

    /** The listener class for a Unix domain socket (NIO's needs JDK 16+, which the Java 17 baseline gives). */
    Class<? extends ServerChannel> serverDomainChannel() {
        return switch (requireAvailable()) {
            case EPOLL -> EpollServerDomainSocketChannel.class;
            case IO_URING -> IoUringServerDomainSocketChannel.class;
            default -> NioServerDomainSocketChannel.class;
        };
    }

    /** The address a domain-socket listener of this transport binds: Netty's own for native ones, the JDK's for NIO. */
    SocketAddress domainAddress(Path path) {
        return requireAvailable() == NIO ? UnixDomainSocketAddress.of(path) : new DomainSocketAddress(path.toFile());
    }

    /**
     * The option that sets SO_REUSEPORT on this transport's TCP listener.
     *
     * @throws IllegalStateException when the transport cannot set it here (NIO on a JDK or system without it)
     */
    ChannelOption<Boolean> reusePortOption() {
        TransportKind kind = requireAvailable();
        if (kind != NIO) {
            return UnixChannelOption.SO_REUSEPORT;
        }
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            if (probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                return NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a socket to look for SO_REUSEPORT: " + e, e);
        }
        throw new IllegalStateException("reuse-port: the nio transport has no SO_REUSEPORT on this system");
    }

    /** Whether this transport (available here) can set SO_REUSEPORT on a TCP listener. */
    public boolean supportsReusePort() {
        try {
            reusePortOption();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Why this transport cannot run here, in one line; null when it can. */
    public String unavailabilityReason() {
        if (isAvailable()) {
            return null;
        }
        Throwable cause = this == EPOLL ? Epoll.unavailabilityCause() : IoUring.unavailabilityCause();
        String why = cause == null ? "unknown reason" : cause.getMessage() != null ? cause.getMessage()
                : cause.getClass().getSimpleName();
        return "transport " + name().toLowerCase(java.util.Locale.ROOT) + " is not available here: " + why;
    }

    private TransportKind requireAvailable() {
        TransportKind kind = resolve();
        if (!kind.isAvailable()) {
            Throwable cause = kind == EPOLL ? Epoll.unavailabilityCause() : IoUring.unavailabilityCause();
            throw new IllegalStateException(kind.unavailabilityReason(), cause);
        }
        return kind;
    }
}
