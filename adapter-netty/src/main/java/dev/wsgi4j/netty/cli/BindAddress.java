package dev.wsgi4j.netty.cli;

/**
 * One {@code --bind} value: {@code HOST:PORT}, or {@code [IPV6]:PORT} for an IPv6 literal (the bracket form of
 * RFC 3986 §3.2.2, as gunicorn writes it). The host is kept as written, without brackets, for Netty to resolve.
 */
record BindAddress(String host, int port) {

    static BindAddress parse(String text) {
        String t = text.trim();
        if (t.startsWith("unix:")) {
            throw new IllegalArgumentException("unix sockets ('" + text + "') are not supported yet; bind HOST:PORT");
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
        return new BindAddress(host, p);
    }

    private static IllegalArgumentException malformed(String text) {
        return new IllegalArgumentException("'" + text + "' is not HOST:PORT (like 127.0.0.1:8000, 0.0.0.0:80 or "
                + "[::1]:8000)");
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
