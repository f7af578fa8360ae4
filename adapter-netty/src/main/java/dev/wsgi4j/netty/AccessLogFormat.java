package dev.wsgi4j.netty;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An access-log line format in gunicorn's spelling ({@code %(name)s}, {@code %%} for a percent sign), compiled
 * once. The atoms, with the meaning gunicorn and Apache give them; a value that is missing or empty is {@code -}:
 * <table><caption>Atoms</caption>
 * <tr><td>h</td><td>remote address</td></tr>
 * <tr><td>l, u</td><td>{@code -} (identd and authenticated user: never known to the server)</td></tr>
 * <tr><td>t</td><td>time the request was taken up, {@code [01/Dec/2026:22:20:00 +0000]}</td></tr>
 * <tr><td>r, m, U, q, H</td><td>request line, method, path, query string (without {@code ?}), protocol</td></tr>
 * <tr><td>s, b, B</td><td>status; body bytes sent, {@code -} for none (b) or {@code 0} (B)</td></tr>
 * <tr><td>f, a</td><td>{@code Referer}, {@code User-Agent}</td></tr>
 * <tr><td>D, M, T, L</td><td>duration in microseconds, milliseconds, whole seconds, decimal seconds</td></tr>
 * <tr><td>{name}i, {name}o</td><td>a request header, a response header</td></tr>
 * </table>
 * The whole pattern {@code json} is not a line of atoms but {@link JsonAccessLine}'s object per response.
 * Values from the request or the application are escaped as Apache does ({@code \"}, {@code \\}, {@code \xhh}
 * for control and non-ASCII bytes), so one response is one line and a quoted field stays one field.
 */
final class AccessLogFormat {

    @FunctionalInterface
    private interface Part {
        void append(StringBuilder out, AccessRecord r);
    }

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'", Locale.ENGLISH);

    private final List<Part> parts;

    private AccessLogFormat(List<Part> parts) {
        this.parts = parts;
    }

    /** @throws IllegalArgumentException naming the first atom it does not know */
    static AccessLogFormat parse(String pattern) {
        return parse(pattern, ZoneId.systemDefault());
    }

    static AccessLogFormat parse(String pattern, ZoneId zone) {
        if (pattern.equals(JsonAccessLine.NAME)) {
            return new AccessLogFormat(List.of(JsonAccessLine::append));
        }
        DateTimeFormatter time = TIME.withZone(zone);
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '%' && pattern.startsWith("%%", i)) {
                literal.append('%');
                i += 2;
            } else if (c == '%' && pattern.startsWith("%(", i)) {
                int close = pattern.indexOf(")s", i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("access log format: unclosed atom at " + pattern.substring(i));
                }
                if (literal.length() > 0) {
                    String text = literal.toString();
                    parts.add((out, r) -> out.append(text));
                    literal.setLength(0);
                }
                parts.add(atom(pattern.substring(i + 2, close), time));
                i = close + 2;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            String text = literal.toString();
            parts.add((out, r) -> out.append(text));
        }
        return new AccessLogFormat(List.copyOf(parts));
    }

    String format(AccessRecord r) {
        StringBuilder out = new StringBuilder(128);
        for (Part p : parts) {
            p.append(out, r);
        }
        return out.toString();
    }

    private static Part atom(String name, DateTimeFormatter time) {
        if (name.length() > 3 && name.startsWith("{") && (name.endsWith("}i") || name.endsWith("}o"))) {
            String header = name.substring(1, name.length() - 2);
            return name.endsWith("}i") ? (out, r) -> escaped(out, r.requestHeader(header))
                    : (out, r) -> escaped(out, r.responseHeader(header));
        }
        return switch (name) {
            case "h" -> (out, r) -> escaped(out, r.host());
            case "l", "u" -> (out, r) -> out.append('-');
            case "t" -> (out, r) -> time.formatTo(Instant.ofEpochMilli(r.startMillis()), out);
            case "r" -> (out, r) -> escaped(out, r.method() == null ? null
                    : r.method() + " " + r.uri() + " " + r.protocol());
            case "m" -> (out, r) -> escaped(out, r.method());
            case "U" -> (out, r) -> escaped(out, path(r.uri()));
            case "q" -> (out, r) -> escaped(out, query(r.uri()));
            case "H" -> (out, r) -> escaped(out, r.protocol());
            case "s" -> (out, r) -> out.append(r.status());
            case "b" -> (out, r) -> {
                if (r.bodyBytes() == 0) {
                    out.append('-');
                } else {
                    out.append(r.bodyBytes());
                }
            };
            case "B" -> (out, r) -> out.append(r.bodyBytes());
            case "f" -> (out, r) -> escaped(out, r.requestHeader("Referer"));
            case "a" -> (out, r) -> escaped(out, r.requestHeader("User-Agent"));
            case "D" -> (out, r) -> out.append(r.durationNanos() / 1_000);
            case "M" -> (out, r) -> out.append(r.durationNanos() / 1_000_000);
            case "T" -> (out, r) -> out.append(r.durationNanos() / 1_000_000_000);
            case "L" -> (out, r) -> out.append(r.durationNanos() / 1_000_000_000).append('.')
                    .append(String.format(Locale.ROOT, "%06d", r.durationNanos() / 1_000 % 1_000_000));
            default -> throw new IllegalArgumentException("access log format: unknown atom %(" + name + ")s");
        };
    }

    private static String path(String uri) {
        if (uri == null) {
            return null;
        }
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    private static String query(String uri) {
        int q = uri == null ? -1 : uri.indexOf('?');
        return q < 0 ? null : uri.substring(q + 1);
    }

    private static void escaped(StringBuilder out, String value) {
        if (value == null || value.isEmpty()) {
            out.append('-');
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) (c & 0xff)));
            } else {
                out.append(c);
            }
        }
    }
}
