package dev.wsgi4j.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Content-Disposition values (RFC 6266) that carry any file name safely: an ASCII {@code filename="..."} for old
 * clients, with every character that is not printable ASCII, and {@code " \ % / }, replaced by {@code _} (RFC 6266
 * Appendix D: no quotes to escape, no percent sequences a client might decode, no path), followed by
 * {@code filename*=UTF-8''...} with the exact name percent-encoded (RFC 8187), which current clients prefer.
 */
public final class ContentDisposition {

    private static final String ATTR_CHAR_EXTRAS = "!#$&+-.^_`|~";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ContentDisposition() {
    }

    /** {@code attachment; filename="..."; filename*=UTF-8''...}: the browser saves the body as {@code fileName}. */
    public static String attachment(String fileName) {
        return "attachment" + parameters(fileName);
    }

    /** {@code inline; filename="..."; filename*=UTF-8''...}: shown in the browser, saved under that name. */
    public static String inline(String fileName) {
        return "inline" + parameters(fileName);
    }

    private static String parameters(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        return "; filename=\"" + asciiFallback(fileName) + "\"; filename*=UTF-8''" + encode(fileName);
    }

    /** The name with every unsafe character (one per code point) replaced by {@code _}. */
    static String asciiFallback(String fileName) {
        StringBuilder out = new StringBuilder(fileName.length());
        fileName.codePoints().forEach(c -> {
            boolean safe = c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%' && c != '/';
            out.append(safe ? (char) c : '_');
        });
        return out.toString();
    }

    /** RFC 8187 value-chars: attr-char kept, every other UTF-8 byte as {@code %XX}. */
    static String encode(String fileName) {
        StringBuilder out = new StringBuilder(fileName.length() + 16);
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean attrChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || (c < 0x80 && ATTR_CHAR_EXTRAS.indexOf(c) >= 0);
            if (attrChar) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
