package dev.wsgi4j.http;

import dev.wsgi4j.Environ;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed Content-Type (RFC 9110 §8.3.1): {@code type/subtype} in lower case and its parameters, names in lower
 * case, values unquoted. An immutable value; parsing client input never throws: a value without a
 * {@code type/subtype} made of tokens is absent, and a malformed parameter is skipped (the first of a repeated name
 * wins).
 *
 * <pre>{@code
 * ContentType.of(environ).filter(t -> t.is("application/json")).isPresent()
 * }</pre>
 */
public final class ContentType {

    private static final String TCHARS = "!#$%&'*+-.^_`|~";

    private final String type;
    private final String subtype;
    private final Map<String, String> parameters;

    private ContentType(String type, String subtype, Map<String, String> parameters) {
        this.type = type;
        this.subtype = subtype;
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    /** The request's Content-Type (CONTENT_TYPE), or empty when it has none or it cannot be read. */
    public static Optional<ContentType> of(Map<String, Object> environ) {
        return parse(Environ.contentType(environ));
    }

    /** {@code value} parsed, or empty for null or junk. */
    public static Optional<ContentType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int semi = value.indexOf(';');
        String media = (semi < 0 ? value : value.substring(0, semi)).trim();
        int slash = media.indexOf('/');
        if (slash < 0 || !isToken(media.substring(0, slash)) || !isToken(media.substring(slash + 1))) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = semi;
        while (i >= 0 && i < value.length()) {
            int eq = value.indexOf('=', i + 1);
            int nextSemi = value.indexOf(';', i + 1);
            if (eq < 0 || (nextSemi >= 0 && nextSemi < eq)) {
                i = nextSemi; // no '=' in this parameter: skip it
                continue;
            }
            String name = value.substring(i + 1, eq).trim().toLowerCase(Locale.ROOT);
            int end;
            String parameterValue;
            if (eq + 1 < value.length() && value.charAt(eq + 1) == '"') {
                StringBuilder quoted = new StringBuilder();
                end = eq + 2;
                while (end < value.length() && value.charAt(end) != '"') {
                    char c = value.charAt(end);
                    if (c == '\\' && end + 1 < value.length()) {
                        c = value.charAt(++end);
                    }
                    quoted.append(c);
                    end++;
                }
                parameterValue = quoted.toString();
                end = value.indexOf(';', end);
            } else {
                end = value.indexOf(';', eq);
                parameterValue = (end < 0 ? value.substring(eq + 1) : value.substring(eq + 1, end)).trim();
            }
            if (isToken(name)) {
                parameters.putIfAbsent(name, parameterValue);
            }
            i = end;
        }
        return Optional.of(new ContentType(media.substring(0, slash).toLowerCase(Locale.ROOT),
                media.substring(slash + 1).toLowerCase(Locale.ROOT), parameters));
    }

    /** {@code type/subtype} in lower case, e.g. {@code text/html}. */
    public String mediaType() {
        return type + "/" + subtype;
    }

    public String type() {
        return type;
    }

    public String subtype() {
        return subtype;
    }

    /** True when the media type is {@code mediaType} (any case; parameters are not compared). */
    public boolean is(String mediaType) {
        return mediaType().equalsIgnoreCase(mediaType.trim());
    }

    /** Parameters in the order sent, names in lower case. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** The value of parameter {@code name} (any case). */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The {@code charset} parameter as a Charset; empty when absent or not one this JVM knows. */
    public Optional<Charset> charset() {
        return parameter("charset").flatMap(name -> {
            try {
                return Optional.of(Charset.forName(name));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The charset a form parser reads {@code contentType}'s body in: its {@code charset} parameter, UTF-8 when
     * absent; 415 when the client names one this JVM does not know.
     */
    static Charset requestCharset(String contentType) {
        Optional<ContentType> parsed = parse(contentType);
        Optional<String> name = parsed.flatMap(t -> t.parameter("charset")).filter(n -> !n.isEmpty());
        if (name.isEmpty()) {
            return StandardCharsets.UTF_8;
        }
        return parsed.get().charset().orElseThrow(() ->
                new GatewayException(415, "unsupported charset in Content-Type: " + name.get()));
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TCHARS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The media type and parameters in a canonical form, e.g. {@code text/plain; charset="utf-8"}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(mediaType());
        parameters.forEach((k, v) -> out.append("; ").append(k).append("=\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContentType t && type.equals(t.type) && subtype.equals(t.subtype)
                && parameters.equals(t.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, subtype, parameters);
    }
}
