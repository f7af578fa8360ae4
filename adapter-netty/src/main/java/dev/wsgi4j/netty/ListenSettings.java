package dev.wsgi4j.netty;

import java.util.List;
import java.util.Objects;

/**
 * Where and how a {@link GatewayServer} listens, beyond {@link ServerConfig#host()} and {@link ServerConfig#port()}.
 *
 * @param binds     every address to listen on, in order; empty (the default) means {@code host:port} alone
 * @param backlog   connections the kernel may queue per listener before the server accepts them (SO_BACKLOG;
 *                  Linux caps it at {@code net.core.somaxconn})
 * @param reusePort set SO_REUSEPORT on the TCP listeners, so that several processes (or servers) may bind one port
 *                  and the kernel spreads new connections among them (Linux); Unix sockets ignore it
 */
public record ListenSettings(List<ListenAddress> binds, int backlog, boolean reusePort) {

    public static final int DEFAULT_BACKLOG = 1024;

    public ListenSettings {
        binds = List.copyOf(Objects.requireNonNull(binds, "binds"));
        if (backlog < 1 || backlog > 65535) {
            throw new IllegalArgumentException("backlog must be in 1..65535: " + backlog);
        }
    }

    /** Listen on {@code host:port} alone, with a backlog of {@value #DEFAULT_BACKLOG}, without SO_REUSEPORT. */
    public static ListenSettings defaults() {
        return new ListenSettings(List.of(), DEFAULT_BACKLOG, false);
    }
}
