package dev.wsgi4j.netty;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The file of a Unix domain socket listener. A server that died without stopping leaves its socket file behind, and
 * binding fails while the file exists; as gunicorn does, such a stale file is removed before binding, but only when
 * it is a socket and nothing listens on it, so that neither a live server nor an unrelated file is ever deleted.
 */
final class UnixSocketFile {

    /** The file type bits of {@code st_mode}, and the value that means a socket (POSIX {@code S_IFSOCK}). */
    private static final int TYPE_MASK = 0170000;
    private static final int SOCKET = 0140000;

    private UnixSocketFile() {
    }

    /**
     * Makes room to bind {@code path}: nothing to do when no file is there; a stale socket is deleted.
     *
     * @return null when the path may be bound, or why not (a live socket, or a file that is not a socket)
     */
    static String clearStale(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!isSocket(path)) {
            return "the file exists and is not a socket";
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            return "another process is listening on it";
        } catch (java.net.ConnectException stale) {
            Files.deleteIfExists(path);
            return null;
        }
    }

    /** Removes the file of a listener this server bound and has closed. */
    static void delete(Path path) {
        try {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && isSocket(path)) {
                Files.delete(path);
            }
        } catch (IOException ignored) {
            // Already gone, or its directory is no longer writable: a stale file the next start removes.
        }
    }

    private static boolean isSocket(Path path) throws IOException {
        Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return ((Integer) mode & TYPE_MASK) == SOCKET;
    }
}
