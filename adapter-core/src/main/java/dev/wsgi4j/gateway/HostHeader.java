package dev.wsgi4j.netty;

/**
 * A parsed {@code Host} value (RFC 9110 §7.2: {@code uri-host [ ":" port ]}). {@link #parse} returns null for
 * anything that is not a reg-name, IPv4 address or bracketed IPv6 literal with an optional decimal port.
 */
record HostHeader(String name, int port) {

    static HostHeader parse(String value) {
        if (value.isEmpty()) {
            return new HostHeader("", -1);
        }
        String name;
        String rest;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 2) {
                return null; // no closing bracket, or "[]"
            }
            name = value.substring(0, close + 1);
            rest = value.substring(close + 1);
            for (int i = 1; i < close; i++) {
                char c = value.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return null;
                }
            }
        } else {
            int colon = value.indexOf(':');
            name = colon < 0 ? value : value.substring(0, colon);
            rest = colon < 0 ? "" : value.substring(colon);
            for (int i = 0; i < name.length(); i++) {
                if (!isRegNameChar(name.charAt(i))) {
                    return null;
                }
            }
        }
        if (rest.isEmpty()) {
            return new HostHeader(name, -1);
        }
        if (rest.charAt(0) != ':' || rest.length() > 6) {
            return null;
        }
        int port = 0;
        for (int i = 1; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            port = port * 10 + (c - '0');
        }
        return rest.length() == 1 ? new HostHeader(name, -1) : port <= 65535 ? new HostHeader(name, port) : null;
    }

    /** unreserved / pct-encoded / sub-delims (RFC 3986 §3.2.2), as a table: this runs on every request. */
    private static final boolean[] REG_NAME = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            REG_NAME[c] = true;
            REG_NAME[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            REG_NAME[c] = true;
        }
        for (char c : "-._~%!$&'()*+,;=".toCharArray()) {
            REG_NAME[c] = true;
        }
    }

    private static boolean isRegNameChar(char c) {
        return c < 128 && REG_NAME[c];
    }
}
