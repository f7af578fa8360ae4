package dev.wsgi4j.gateway;

/**
 * A parsed {@code Host} value (RFC 9110 §7.2: {@code uri-host [ ":" port ]}), or the authority of an absolute-form
 * request-target. {@link #parse} returns null for anything that is not a reg-name, IPv4 address or bracketed IPv6
 * literal with an optional decimal port; {@link #isValid} answers the same question without allocating, for the
 * server's head checks, which run before the environ is built.
 */
public record HostHeader(String name, int port) {

    /** {@link #scan}'s answer for a value that is no Host. */
    private static final long INVALID = -1L;

    /** The name and port (-1 when absent or empty) of {@code value}, or null when it is no valid Host. */
    public static HostHeader parse(String value) {
        long scanned = scan(value);
        if (scanned == INVALID) {
            return null;
        }
        int nameEnd = (int) (scanned >>> 32);
        int port = (int) scanned;
        return new HostHeader(nameEnd == value.length() ? value : value.substring(0, nameEnd), port);
    }

    /** True when {@link #parse} would return a value (an empty value included). */
    public static boolean isValid(String value) {
        return scan(value) != INVALID;
    }

    /** The end of the name in the high half and the port (-1 when none) in the low half, or {@link #INVALID}. */
    private static long scan(String value) {
        int nameEnd;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 2) {
                return INVALID; // no closing bracket, or "[]"
            }
            nameEnd = close + 1;
            for (int i = 1; i < close; i++) {
                char c = value.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return INVALID;
                }
            }
        } else {
            int colon = value.indexOf(':');
            nameEnd = colon < 0 ? value.length() : colon;
            for (int i = 0; i < nameEnd; i++) {
                if (!isRegNameChar(value.charAt(i))) {
                    return INVALID;
                }
            }
        }
        int restLength = value.length() - nameEnd;
        if (restLength == 0) {
            return pack(nameEnd, -1);
        }
        if (value.charAt(nameEnd) != ':' || restLength > 6) {
            return INVALID;
        }
        int port = 0;
        for (int i = nameEnd + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return INVALID;
            }
            port = port * 10 + (c - '0');
        }
        return restLength == 1 ? pack(nameEnd, -1) : port <= 65535 ? pack(nameEnd, port) : INVALID;
    }

    private static long pack(int nameEnd, int port) {
        return (long) nameEnd << 32 | (port & 0xFFFFFFFFL);
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
