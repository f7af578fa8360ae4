package dev.wsgi4j.samples;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns a redirect target taken from a query into a percent-encoded path on this host, or refuses it. Browsers read
 * {@code \} as {@code /} and drop tabs and newlines, so {@code /\evil} or {@code /\t/evil} would mean {@code //evil},
 * another host: any backslash or control character is refused, as is anything not starting with exactly one "/".
 */
final class LocalPath {

    /** Characters kept as they are: RFC 3986 unreserved, sub-delims, ':', '@', '/' and '?'. */
    private static final String KEPT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private LocalPath() {
    }

    /**
     * @param target decoded text, e.g. {@code /hello/wörld?x=1}
     * @return its URL form ({@code /hello/w%C3%B6rld?x=1}; a valid {@code %XX} stays), or empty when it is not local
     */
    static Optional<String> encode(String target) {
        if (!target.startsWith("/") || target.startsWith("//")) {
            return Optional.empty();
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7F) {
                return Optional.empty();
            }
        }
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            boolean escape = b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            if (escape || (b < 0x80 && KEPT.indexOf(b) >= 0)) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return Optional.of(out.toString());
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
