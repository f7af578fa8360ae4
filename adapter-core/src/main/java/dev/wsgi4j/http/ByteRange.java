package dev.wsgi4j.http;

import java.util.Locale;

/**
 * The one byte range a response will carry (RFC 9110 §14.1.2), read from a {@code Range} header against a
 * representation of {@code length} bytes. What is served:
 * <ul>
 * <li>no Range, another unit, a syntax error, or several ranges: the whole representation ({@link #WHOLE}; a
 * server may ignore Range, §14.2, and a single 200 is simpler for every client than multipart/byteranges);</li>
 * <li>one satisfiable range ({@code first-last}, {@code first-}, {@code -suffix}): that slice, the last position
 * clipped to the end (§14.1.1);</li>
 * <li>one unsatisfiable range (first position at or past the end, or a suffix of 0): {@link #UNSATISFIABLE}, 416.
 * On an empty representation a suffix range is not refused but ignored: there is no byte to send either way.</li>
 * </ul>
 */
record ByteRange(long first, long last) {

    /** Serve everything with 200. */
    static final ByteRange WHOLE = new ByteRange(0, -1);
    /** Answer 416. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value for a 206, e.g. {@code bytes 0-9/100}. */
    String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    static ByteRange parse(String header, long length) {
        if (header == null) {
            return WHOLE;
        }
        int eq = header.indexOf('=');
        if (eq < 0 || !header.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("bytes")) {
            return WHOLE;
        }
        String spec = null;
        for (String member : header.substring(eq + 1).split(",", -1)) {
            if (member.isBlank()) {
                continue; // an empty list element (RFC 9110 §5.6.1)
            }
            if (spec != null) {
                return WHOLE; // several ranges: the whole file
            }
            spec = member.trim();
        }
        return spec == null ? WHOLE : single(spec, length);
    }

    private static ByteRange single(String spec, long length) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return WHOLE;
        }
        String from = spec.substring(0, dash);
        String to = spec.substring(dash + 1);
        if (from.isEmpty()) {
            if (!digits(to)) {
                return WHOLE;
            }
            long suffix = number(to);
            if (suffix == 0) {
                return UNSATISFIABLE;
            }
            return length == 0 ? WHOLE : new ByteRange(Math.max(0, length - suffix), length - 1);
        }
        if (!digits(from) || !(to.isEmpty() || digits(to))) {
            return WHOLE;
        }
        long first = number(from);
        long last = to.isEmpty() ? Long.MAX_VALUE : number(to);
        if (last < first) {
            return WHOLE; // an invalid range-spec makes the header invalid, so it is ignored
        }
        if (first >= length) {
            return UNSATISFIABLE;
        }
        return new ByteRange(first, Math.min(last, length - 1));
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The value of a digit string; past Long.MAX_VALUE it is Long.MAX_VALUE, which is past any file's end. */
    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return Long.MAX_VALUE;
        }
    }
}
