package dev.wsgi4j.netty;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how a {@link GatewayServer} listens, beyond {@link ServerConfig#host()} and {@link ServerConfig#port()}.
 *
 * @param binds     every address to listen on, in order; empty (the default) means {@code host:port} alone
 * @param backlog   connections the kernel may queue per listener before the server accepts them (SO_BACKLOG;
 *                  Linux caps it at {@code net.core.somaxconn})
 * @param reusePort set SO_REUSEPORT on the TCP listeners, so that several processes (or servers) may bind one port
 *                  and the kernel spreads new connections among them (Linux); Unix sockets ignore it
 * @param socketMode the permissions a Unix socket file gets once bound, or null to keep what the process's umask
 *                  gave it; a client needs write permission to connect, so a proxy running as another user (nginx's
 *                  {@code www-data}) needs the group's or others' write bit (gunicorn's {@code --umask}, uWSGI's
 *                  {@code chmod-socket})
 */
public record ListenSettings(List<ListenAddress> binds, int backlog, boolean reusePort,
                             Set<PosixFilePermission> socketMode) {

    public static final int DEFAULT_BACKLOG = 1024;

    public ListenSettings {
        binds = List.copyOf(Objects.requireNonNull(binds, "binds"));
        if (backlog < 1 || backlog > 65535) {
            throw new IllegalArgumentException("backlog must be in 1..65535: " + backlog);
        }
        socketMode = socketMode == null ? null : Set.copyOf(socketMode);
    }

    public ListenSettings(List<ListenAddress> binds, int backlog, boolean reusePort) {
        this(binds, backlog, reusePort, null);
    }

    /** Listen on {@code host:port} alone, with a backlog of {@value #DEFAULT_BACKLOG}, without SO_REUSEPORT. */
    public static ListenSettings defaults() {
        return new ListenSettings(List.of(), DEFAULT_BACKLOG, false);
    }

    /**
     * The permissions an octal mode such as {@code 660} or {@code 0666} gives (read and write bits only; a socket
     * has no use for execute).
     *
     * @throws IllegalArgumentException when {@code octal} is not such a mode
     */
    public static Set<PosixFilePermission> parseMode(String octal) {
        String digits = octal.trim();
        if (!digits.matches("0?[0-7]{3}")) {
            throw new IllegalArgumentException("'" + octal + "' is not an octal file mode such as 660");
        }
        int mode = Integer.parseInt(digits, 8);
        StringBuilder rwx = new StringBuilder(9);
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            rwx.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-')
                    .append((bits & 1) != 0 ? 'x' : '-');
        }
        return PosixFilePermissions.fromString(rwx.toString());
    }
}
