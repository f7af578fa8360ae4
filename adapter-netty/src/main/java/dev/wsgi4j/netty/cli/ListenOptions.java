package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.ListenSettings;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.TransportKind;
import picocli.CommandLine.Option;

import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * How {@code wsgi4j-server} listens, besides {@code --bind}: the socket transport, SO_REUSEPORT, the listen backlog
 * and the cap on open connections; a mixin of {@link ServerOptions}, named as gunicorn names them where it has the
 * same setting ({@code --backlog}, {@code --reuse-port}, {@code --worker-connections}).
 */
public final class ListenOptions {

    /** ServerConfig's names in its validation messages, and the option a user would change instead. */
    static final Map<String, String> OPTION_OF = Map.of(
            "backlog", "--backlog",
            "maxConnections", "--max-connections");

    @Option(names = "--transport", paramLabel = "auto|nio|epoll|io_uring", converter = OptionConverters.Transport.class,
            description = {"The socket implementation (default: ${DEFAULT-VALUE}): auto, native epoll where it "
                    + "loads, else nio; nio, the JDK's, which runs everywhere; epoll and io_uring, Linux's native "
                    + "ones (fewer system calls). Asking for one that cannot load here is an error."})
    TransportKind transport;

    @Option(names = "--reuse-port",
            description = {"Set SO_REUSEPORT on the TCP listeners, so that several processes may bind the same "
                    + "address and the kernel spreads new connections among them (Linux). See README, "
                    + "\"One process or many\"."})
    boolean reusePort;

    @Option(names = "--unix-socket-mode", paramLabel = "MODE",
            description = {"The octal mode of --bind unix: socket files once bound, such as 660 (owner and group "
                    + "may connect) or 666 (everyone); by default what the process's umask gives.",
                    "Connecting needs write permission: a proxy running as another user (nginx as www-data) needs "
                            + "the group's or others' write bit (gunicorn's --umask)."})
    String unixSocketMode;

    @Option(names = "--backlog", paramLabel = "N",
            description = "Connections the kernel may queue on each listener before they are accepted (default: "
                    + "${DEFAULT-VALUE}; Linux caps it at net.core.somaxconn).")
    int backlog;

    @Option(names = {"--max-connections", "--worker-connections"}, paramLabel = "N",
            description = "Most open connections; at the limit the server stops accepting and new clients wait in "
                    + "the backlog (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    /** The built-in defaults of these options, by key, read off {@code d}. */
    static Map<String, String> defaults(ServerConfig d) {
        return Map.of(
                "transport", OptionValues.name(d.transport()),
                "backlog", String.valueOf(d.listen().backlog()),
                "max-connections", String.valueOf(d.maxConnections()));
    }

    /**
     * Sets these options on {@code b}.
     *
     * @throws IllegalArgumentException for a transport that cannot load here, or SO_REUSEPORT it cannot set
     */
    void apply(ServerConfig.Builder b) {
        String unavailable = transport.unavailabilityReason();
        if (unavailable != null) {
            throw new IllegalArgumentException("--transport " + OptionValues.name(transport) + ": " + unavailable);
        }
        if (reusePort && !transport.supportsReusePort()) {
            throw new IllegalArgumentException("--reuse-port: the " + OptionValues.name(transport.resolve())
                    + " transport cannot set SO_REUSEPORT on this system");
        }
        b.transport(transport).reusePort(reusePort).backlog(backlog).maxConnections(maxConnections);
        if (unixSocketMode != null) {
            try {
                b.socketMode(ListenSettings.parseMode(unixSocketMode));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--unix-socket-mode: " + e.getMessage(), e);
            }
        }
    }

    /** What {@code --check-config} prints for these options. */
    static String describe(ServerConfig c) {
        TransportKind resolved = c.transport().resolve();
        return "transport: " + OptionValues.name(resolved)
                + (c.transport() == resolved ? "" : " (" + OptionValues.name(c.transport()) + ")")
                + ", reuse-port: " + (c.listen().reusePort() ? "on" : "off")
                + ", backlog: " + c.listen().backlog()
                + (c.listen().socketMode() == null ? ""
                        : ", unix-socket-mode: " + PosixFilePermissions.toString(c.listen().socketMode()))
                + ", max-connections: " + c.maxConnections();
    }
}
