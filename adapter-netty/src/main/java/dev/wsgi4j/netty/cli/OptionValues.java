package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.ExecutorKind;
import dev.wsgi4j.netty.TransportKind;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the command line spells durations, byte sizes and executors, both ways: each parser names what it expected
 * in its message, which the command prints as the one line a bad value gets.
 */
final class OptionValues {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,18})([kmg])?", Pattern.CASE_INSENSITIVE);

    private OptionValues() {
    }

    /** {@code 500ms}, {@code 1s}, {@code 2m}, {@code 1h}; a bare number means seconds (gunicorn's convention). */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (like 500ms, 30s, 2m, 1h; "
                    + "a bare number means seconds)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** The shortest spelling {@link #duration} reads back to the same value. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s != 0 && s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** Bytes, or with a binary suffix: {@code 512k}, {@code 100m}, {@code 1g} (KiB, MiB, GiB). */
    static long byteSize(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size in bytes (like 1048576, 512k, 100m, 1g)");
        }
        long n = Long.parseLong(m.group(1));
        int shift = m.group(2) == null ? 0 : switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            default -> 30;
        };
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return n << shift;
    }

    /** {@code pool}, {@code virtual}, {@code inline} or {@code single}, in any case. */
    static ExecutorKind executor(String text) {
        for (ExecutorKind kind : ExecutorKind.values()) {
            if (kind.name().equalsIgnoreCase(text.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an executor (pool, virtual, inline or single)");
    }

    static String name(ExecutorKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** {@code auto}, {@code nio}, {@code epoll} or {@code io_uring}, in any case. */
    static TransportKind transport(String text) {
        for (TransportKind kind : TransportKind.values()) {
            if (kind.name().equalsIgnoreCase(text.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a transport (auto, nio, epoll or io_uring)");
    }

    static String name(TransportKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
