package dev.wsgi4j.http;

import dev.wsgi4j.gateway.PathDecoder;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Parses {@code application/x-www-form-urlencoded} text (a QUERY_STRING or a form body) strictly.
 *
 * <p>{@link java.net.URLDecoder} does not fit: it works on characters, not on the bytes a CGI string stands for,
 * accepts {@code %e} silently in some positions and replaces invalid UTF-8 with U+FFFD. A client that sends
 * broken escapes gets a 400 here instead of data that silently differs from what it sent.
 */
public final class QueryString {

    /** How many fields a query or form may carry before it is refused: bounds the work a client can cause. */
    public static final int DEFAULT_MAX_FIELDS = 1000;

    private QueryString() {
    }

    /** Parses a raw QUERY_STRING (a CGI string) as UTF-8 with {@link #DEFAULT_MAX_FIELDS}. */
    public static FormFields parse(String rawQuery) {
        return parse(rawQuery, StandardCharsets.UTF_8, DEFAULT_MAX_FIELDS);
    }

    /**
     * Splits on {@code &}, skips empty pairs, keeps blank values ({@code a} and {@code a=} both give "").
     *
     * @throws BadRequestException       for a malformed escape or bytes invalid in {@code charset}
     * @throws PayloadTooLargeException  for more than {@code maxFields} fields
     */
    public static FormFields parse(String rawQuery, Charset charset, int maxFields) {
        FormFields.Builder fields = FormFields.builder();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return fields.build();
        }
        int start = 0;
        while (start <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            if (end > start) {
                if (fields.size() >= maxFields) {
                    throw new PayloadTooLargeException("more than " + maxFields + " form fields");
                }
                int eq = rawQuery.indexOf('=', start);
                boolean hasValue = eq >= 0 && eq < end;
                String name = decode(rawQuery.substring(start, hasValue ? eq : end), charset);
                String value = hasValue ? decode(rawQuery.substring(eq + 1, end), charset) : "";
                fields.add(name, value);
            }
            start = end + 1;
        }
        return fields.build();
    }

    /**
     * Decodes one form-encoded component: {@code +} is a space, {@code %XX} a byte, every other character the
     * byte it stands for in a CGI string; the bytes are then read strictly in {@code charset}.
     *
     * @throws BadRequestException for {@code %} not followed by two hex digits, or bytes invalid in the charset
     */
    public static String decode(String component, Charset charset) {
        byte[] bytes = new byte[component.length()];
        int n = 0;
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '+') {
                bytes[n++] = ' ';
            } else if (c == '%') {
                int hi = i + 1 < component.length() ? PathDecoder.hexDigit(component.charAt(i + 1)) : -1;
                int lo = i + 2 < component.length() ? PathDecoder.hexDigit(component.charAt(i + 2)) : -1;
                if (hi < 0 || lo < 0) {
                    throw new BadRequestException("malformed percent-escape at index " + i + " in form data: "
                            + excerpt(component, i));
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c > 0xFF) {
                throw new IllegalArgumentException("not a CGI string (one byte per character): U+"
                        + Integer.toHexString(c) + " at index " + i);
            } else {
                bytes[n++] = (byte) c;
            }
        }
        return StrictText.decode(bytes, n, charset, "form data " + excerpt(component, 0));
    }

    private static String excerpt(String s, int from) {
        String tail = s.substring(from, Math.min(s.length(), from + 20));
        StringBuilder out = new StringBuilder("\"");
        for (char c : tail.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return out.append(s.length() > from + 20 ? "...\"" : "\"").toString();
    }
}
