package dev.wsgi4j.netty;

import java.util.Objects;

/**
 * Where the access log goes and how its lines look; {@link ServerConfig#accessLog()} is null when there is none.
 *
 * @param target a file path, or {@code -} for standard output
 * @param format a line format of gunicorn's atoms ({@link AccessLogFormat}), or a preset name: {@code common}
 *               (Apache Common Log Format, the default), {@code combined} (that plus referer and user agent) or
 *               {@code json} (one JSON object per response, {@link JsonAccessLine}; it turns request ids on)
 */
public record AccessLogSettings(String target, String format) {

    /** Apache Common Log Format. */
    public static final String COMMON = "%(h)s %(l)s %(u)s %(t)s \"%(r)s\" %(s)s %(b)s";
    /** Apache Combined Log Format. */
    public static final String COMBINED = COMMON + " \"%(f)s\" \"%(a)s\"";

    public AccessLogSettings {
        Objects.requireNonNull(target, "target");
        if (target.isEmpty()) {
            throw new IllegalArgumentException("accessLog target must be a file or -");
        }
        format = format == null ? COMMON : format;
        AccessLogFormat.parse(expand(format)); // refuses an unknown atom here, once
    }

    /** Common Log Format into {@code target}. */
    public static AccessLogSettings common(String target) {
        return new AccessLogSettings(target, COMMON);
    }

    /** Whether the lines are JSON objects: each request then gets an id (SPEC.md §3.12) that the line carries. */
    public boolean json() {
        return format.equals(JsonAccessLine.NAME);
    }

    /** The format with a preset name replaced by the format it stands for. */
    public String pattern() {
        return expand(format);
    }

    private static String expand(String format) {
        return switch (format) {
            case "common" -> COMMON;
            case "combined" -> COMBINED;
            default -> format;
        };
    }
}
