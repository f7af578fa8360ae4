package dev.wsgi4j.http;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/** Reads the media type and parameters of a Content-Type value (RFC 9110 §8.3), for the form parsers. */
final class ContentTypes {

    private ContentTypes() {
    }

    /** The lower-case {@code type/subtype}, without parameters; empty for an absent header. */
    static String mimeType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The value of parameter {@code name} (case-insensitive, quotes removed), or null when absent. */
    static String parameter(String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        int i = contentType.indexOf(';');
        while (i >= 0 && i < contentType.length()) {
            int eq = contentType.indexOf('=', i + 1);
            if (eq < 0) {
                return null;
            }
            String key = contentType.substring(i + 1, eq).trim();
            int end;
            String value;
            if (eq + 1 < contentType.length() && contentType.charAt(eq + 1) == '"') {
                StringBuilder quoted = new StringBuilder();
                end = eq + 2;
                while (end < contentType.length() && contentType.charAt(end) != '"') {
                    char c = contentType.charAt(end);
                    if (c == '\\' && end + 1 < contentType.length()) {
                        c = contentType.charAt(++end);
                    }
                    quoted.append(c);
                    end++;
                }
                value = quoted.toString();
                end = contentType.indexOf(';', end);
            } else {
                end = contentType.indexOf(';', eq);
                value = (end < 0 ? contentType.substring(eq + 1) : contentType.substring(eq + 1, end)).trim();
            }
            if (key.equalsIgnoreCase(name)) {
                return value;
            }
            i = end;
        }
        return null;
    }

    /** The {@code charset} parameter as a Charset, UTF-8 when absent; 415 when the client names an unknown one. */
    static Charset charset(String contentType) {
        String name = parameter(contentType, "charset");
        if (name == null || name.isEmpty()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new GatewayException(415, "unsupported charset in Content-Type: " + name, e);
        }
    }
}
