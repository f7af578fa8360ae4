package dev.wsgi4j.netty;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One address a {@link GatewayServer} listens on: a TCP {@code host:port}, or a Unix domain socket's file. Written and
 * read in gunicorn's {@code --bind} forms: {@code HOST:PORT}, {@code [IPV6]:PORT} (the bracket form of RFC 3986
 * §3.2.2) and {@code unix:PATH}.
 *
 * @param host the host to bind, as written (without brackets), for Netty to resolve; null for a Unix socket
 * @param port the TCP port, 0 for a free one; -1 for a Unix socket
 * @param path the socket file of a Unix socket; null for TCP
 */
public record ListenAddress(String host, int port, Path path) {

    public ListenAddress {
        if (path == null) {
            Objects.requireNonNull(host, "host");
            if (host.isEmpty() || port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a TCP address: " + host + ":" + port);
            }
        } else if (host != null || port != -1) {
            throw new IllegalArgumentException("a Unix socket has a path only: " + path);
        }
    }

    public static ListenAddress tcp(String host, int port) {
        return new ListenAddress(host, port, null);
    }

    public static ListenAddress unix(Path path) {
        return new ListenAddress(null, -1, Objects.requireNonNull(path, "path"));
    }

    public boolean isUnix() {
        return path != null;
    }

    /**
     * Reads {@code HOST:PORT}, {@code [IPV6]:PORT} or {@code unix:PATH}.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public static ListenAddress parse(String text) {
        String t = text.trim();
        if (t.startsWith("unix:")) {
            String file = t.substring("unix:".length());
            if (file.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' names no socket file (like unix:/run/app.sock)");
            }
            return unix(Path.of(file));
        }
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf("]:");
            if (close < 0) {
                throw malformed(text);
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else {
            int colon = t.lastIndexOf(':');
            if (colon < 0 || t.indexOf(':') != colon) {
                throw malformed(text);
            }
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
        }
        if (host.isEmpty() || !port.matches("\\d{1,5}")) {
            throw malformed(text);
        }
        int p = Integer.parseInt(port);
        if (p > 65535) {
            throw new IllegalArgumentException("port " + p + " in '" + text + "' is not in 0..65535");
        }
        return tcp(host, p);
    }

    private static IllegalArgumentException malformed(String text) {
        return new IllegalArgumentException("'" + text + "' is not HOST:PORT or unix:PATH (like 127.0.0.1:8000, "
                + "0.0.0.0:80, [::1]:8000 or unix:/run/app.sock)");
    }

    /** The {@code --bind} spelling, which {@link #parse} reads back: an IPv6 host in brackets. */
    @Override
    public String toString() {
        return isUnix() ? "unix:" + path : (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
