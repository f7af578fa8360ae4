package dev.wsgi4j.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The listening channels of one server, one per {@link ServerConfig#listenAddresses()} entry: TCP listeners with
 * SO_BACKLOG (and SO_REUSEPORT when asked), Unix domain socket listeners whose files are cleared when stale before
 * binding and deleted after closing ({@link UnixSocketFile}).
 */
final class Listeners {

    private final List<ListenAddress> requested = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();

    private Listeners() {
    }

    /**
     * Binds every address of {@code config} with {@code base} (its groups, child handler and child options set).
     *
     * @throws BindFailedException naming the address that failed; the listeners bound before it are closed
     */
    static Listeners bind(ServerBootstrap base, ServerConfig config, TransportKind transport) {
        ListenSettings listen = config.listen();
        Listeners listeners = new Listeners();
        try {
            for (ListenAddress address : config.listenAddresses()) {
                listeners.channels.add(listeners.bindOne(base, address, listen, transport));
                listeners.requested.add(address);
            }
        } catch (RuntimeException e) {
            listeners.close();
            throw e;
        }
        return listeners;
    }

    private Channel bindOne(ServerBootstrap base, ListenAddress address, ListenSettings listen,
                            TransportKind transport) {
        ServerBootstrap b = base.clone().option(ChannelOption.SO_BACKLOG, listen.backlog());
        try {
            if (address.isUnix()) {
                String busy = UnixSocketFile.clearStale(address.path());
                if (busy != null) {
                    throw new BindFailedException(address, busy, null);
                }
                // Not TCP: Netty would warn about an option a domain socket does not have.
                b.channel(transport.serverDomainChannel()).childOption(ChannelOption.TCP_NODELAY, null);
                Channel channel = b.bind(transport.domainAddress(address.path())).sync().channel();
                if (listen.socketMode() != null) {
                    try {
                        Files.setPosixFilePermissions(address.path(), listen.socketMode());
                    } catch (IOException | RuntimeException e) {
                        channel.close();
                        throw new BindFailedException(address, "cannot set the socket file's mode: " + e, e);
                    }
                }
                return channel;
            }
            b.channel(transport.serverChannel());
            if (listen.reusePort()) {
                b.option(transport.reusePortOption(), true);
            }
            return b.bind(address.host(), address.port()).sync().channel();
        } catch (BindFailedException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BindFailedException(address, "interrupted", e);
        } catch (Exception e) { // Netty rethrows the bind's checked exceptions unchecked
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new BindFailedException(address, why, e);
        }
    }

    List<Channel> channels() {
        return channels;
    }

    /** Each listener's address as bound: a TCP port 0 replaced by the port the system chose. */
    List<ListenAddress> boundAddresses() {
        List<ListenAddress> bound = new ArrayList<>(channels.size());
        for (int i = 0; i < channels.size(); i++) {
            ListenAddress asked = requested.get(i);
            bound.add(asked.isUnix() ? asked : ListenAddress.tcp(asked.host(),
                    ((InetSocketAddress) channels.get(i).localAddress()).getPort()));
        }
        return bound;
    }

    /** Closes every listener and deletes the socket files of the Unix ones. */
    void close() {
        for (Channel channel : channels) {
            channel.close().syncUninterruptibly();
        }
        for (ListenAddress address : requested) {
            if (address.isUnix()) {
                UnixSocketFile.delete(address.path());
            }
        }
        channels.clear();
    }
}
