package dev.wsgi4j.gateway;

import dev.wsgi4j.http.Reasons;

/**
 * A parsed response status such as {@code "404 Not Found"} (SPEC.md §4.1): three digits from 200 to 599 (1xx
 * answers are the server's business), one space, and a reason of printable ISO-8859-1 characters.
 */
public record StatusLine(int code, String reason) {

    public StatusLine {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("[S-4.1] status code must be 200..599: " + code);
        }
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            if (c > 0xFF || (c < 0x20 && c != '\t') || c == 0x7F) {
                throw new IllegalArgumentException("[S-4.1] status reason has a control or non-Latin-1 character at "
                        + i + ": " + HeaderRules.quote(reason));
            }
        }
    }

    /** The status line for {@code code} with its standard reason phrase. */
    public static StatusLine of(int code) {
        StatusLine common = code >= 200 && code < 600 ? COMMON[code - 200] : null;
        return common != null ? common : new StatusLine(code, Reasons.of(code));
    }

    public static StatusLine parse(String status) {
        if (status == null) {
            throw new IllegalArgumentException("[S-4.1] status must not be null");
        }
        if (status.length() < 4 || status.charAt(3) != ' ' || !isDigits(status, 3)) {
            throw new IllegalArgumentException("[S-4.1] status must be \"NNN reason\": " + HeaderRules.quote(status));
        }
        int code = (status.charAt(0) - '0') * 100 + (status.charAt(1) - '0') * 10 + (status.charAt(2) - '0');
        // Most applications send the standard phrase: share its parsed form instead of building one per response.
        StatusLine common = code >= 200 && code < 600 ? COMMON[code - 200] : null;
        if (common != null && status.length() - 4 == common.reason.length() && status.endsWith(common.reason)) {
            return common;
        }
        return new StatusLine(code, status.substring(4));
    }

    /** What {@link Reasons#of} says for codes it does not know: not a phrase worth sharing. */
    private static final java.util.Set<String> GENERIC = java.util.Set.of("Success", "Redirection", "Client Error",
            "Server Error");

    /** The standard lines, indexed by code - 200. */
    private static final StatusLine[] COMMON = new StatusLine[400];

    /** Their text, so that helpers that send a standard line do not format it per response. */
    private static final String[] COMMON_TEXT = new String[400];

    static {
        for (int code = 200; code < 600; code++) {
            String reason = Reasons.of(code);
            if (!GENERIC.contains(reason)) {
                COMMON[code - 200] = new StatusLine(code, reason);
                COMMON_TEXT[code - 200] = code + " " + reason;
            }
        }
    }

    /** True for statuses whose responses never carry a body or framing headers (RFC 9110 §6.4.1). */
    public boolean forbidsBody() {
        return code == 204 || code == 304;
    }

    private static boolean isDigits(String s, int n) {
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return this == COMMON[code - 200] ? COMMON_TEXT[code - 200] : code + " " + reason;
    }
}
