package dev.wsgi4j.gateway;

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

    public static StatusLine parse(String status) {
        if (status == null) {
            throw new IllegalArgumentException("[S-4.1] status must not be null");
        }
        if (status.length() < 4 || status.charAt(3) != ' ' || !isDigits(status, 3)) {
            throw new IllegalArgumentException("[S-4.1] status must be \"NNN reason\": " + HeaderRules.quote(status));
        }
        return new StatusLine(Integer.parseInt(status.substring(0, 3)), status.substring(4));
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
        return code + " " + reason;
    }
}
