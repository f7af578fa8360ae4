package dev.wsgi4j.gateway;

import java.net.InetAddress;

/**
 * One hop's client as a forwarding header names it: an entry of {@code X-Forwarded-For} or the value of a
 * {@code Forwarded} element's {@code for=} (RFC 7239 §6). Accepted: {@code 192.0.2.1}, {@code 192.0.2.1:4711},
 * {@code 2001:db8::1}, {@code [2001:db8::1]} and {@code [2001:db8::1]:4711}. Anything else, including RFC 7239's
 * {@code unknown} and obfuscated identifiers ({@code _hidden}), names no address: {@link #parse} returns null and
 * it never becomes REMOTE_ADDR.
 *
 * @param address the client's address
 * @param port    its port, or -1 when not given or obfuscated
 */
record ForwardedNode(InetAddress address, int port) {

    /** The node {@code text} names (surrounding spaces ignored), or null when it names no IP address. */
    static ForwardedNode parse(String text, ProxyTrust trust) {
        String node = text.strip();
        String literal;
        String port = null;
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            if (close < 0) {
                return null;
            }
            literal = node.substring(1, close);
            if (close + 1 < node.length()) {
                if (node.charAt(close + 1) != ':') {
                    return null;
                }
                port = node.substring(close + 2);
            }
            if (literal.indexOf(':') < 0) {
                return null; // only IPv6 is bracketed
            }
        } else {
            int colon = node.indexOf(':');
            if (colon >= 0 && colon == node.lastIndexOf(':')) {
                literal = node.substring(0, colon); // IPv4 with a port
                port = node.substring(colon + 1);
            } else {
                literal = node;
            }
        }
        if (literal.isEmpty()) {
            return null;
        }
        InetAddress address = trust.literal(literal);
        return address == null ? null : new ForwardedNode(address, port == null ? -1 : port(port));
    }

    /** A decimal port of 1 to 65535, else -1 (an obfuscated port, RFC 7239 §6.3, is valid but unknown). */
    static int port(String text) {
        if (text.isEmpty() || text.length() > 5) {
            return -1;
        }
        int port = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return port >= 1 && port <= 65535 ? port : -1;
    }
}
