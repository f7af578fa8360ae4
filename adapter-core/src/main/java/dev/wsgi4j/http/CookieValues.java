package dev.wsgi4j.http;

import dev.wsgi4j.gateway.PathDecoder;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How a cookie value is written and read so that any string survives the trip: its UTF-8 bytes, each byte outside
 * RFC 6265 §4.1.1's cookie-octet set (controls, space, {@code " , ; \}, non-ASCII) and {@code %} itself as
 * {@code %XX}. What a browser sends back is then plain cookie-octets, which every client and proxy keeps as is.
 */
final class CookieValues {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CookieValues() {
    }

    /**
     * @throws IllegalArgumentException for a string that is not well-formed UTF-16 (a lone surrogate), which has
     *                                  no UTF-8 form and so could not come back as it was
     */
    static String encode(String value) {
        ByteBuffer bytes;
        try {
            bytes = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("cookie value is not well-formed UTF-16 (a lone surrogate?)", e);
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        while (bytes.hasRemaining()) {
            int b = bytes.get() & 0xFF;
            if (isCookieOctet(b) && b != '%') {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * Undoes {@link #encode}: {@code %XX} are bytes, other characters the byte they stand for in a CGI string, the
     * bytes read as UTF-8. A value some other software set that does not decode that way (a bare {@code %},
     * invalid UTF-8) is returned as it was sent rather than dropped.
     */
    static String decode(String raw) {
        byte[] bytes = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? PathDecoder.hexDigit(raw.charAt(i + 1)) : -1;
                int lo = i + 2 < raw.length() ? PathDecoder.hexDigit(raw.charAt(i + 2)) : -1;
                if (hi < 0 || lo < 0) {
                    return raw;
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c > 0xFF) {
                return raw;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            return raw;
        }
    }

    /** RFC 6265 §4.1.1: {@code %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E}. */
    static boolean isCookieOctet(int b) {
        return b >= 0x21 && b <= 0x7E && b != '"' && b != ',' && b != ';' && b != '\\';
    }
}
