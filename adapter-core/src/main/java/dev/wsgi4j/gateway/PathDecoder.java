package dev.wsgi4j.gateway;

import dev.wsgi4j.http.BadRequestException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns the still-encoded request path into PATH_INFO (SPEC.md §3.5): each {@code %XX} becomes the byte it names,
 * and every byte one char (ISO-8859-1); {@code +} stays {@code +}. One implementation for every server and the
 * test client, so PATH_INFO means the same thing on all of them.
 */
public final class PathDecoder {

    private PathDecoder() {
    }

    /** @throws BadRequestException when a {@code %} is not followed by two hex digits */
    public static String decode(String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            return rawPath;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            int hi = i + 2 < rawPath.length() ? hexDigit(rawPath.charAt(i + 1)) : -1;
            int lo = hi >= 0 ? hexDigit(rawPath.charAt(i + 2)) : -1;
            if (lo < 0) {
                throw new BadRequestException("malformed percent-escape in the request path at index " + i);
            }
            bytes.write(hi << 4 | lo);
            i += 2;
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** The value of an ASCII hex digit, or -1; {@link Character#digit} would also take other scripts' digits. */
    public static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
