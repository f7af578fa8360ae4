package dev.wsgi4j;

import java.util.Objects;

/**
 * One response header, as passed to {@link StartResponse}. The record refuses nulls and a value with a character
 * outside ISO-8859-1 (SPEC.md §4.2), which no encoding of the header can carry: that mistake (a download name with
 * {@code €}) shows where the header is built, naming it, rather than as a 500 at {@code start()}. The other rules
 * (token names, no CR/LF/NUL, no hop-by-hop) are checked by the response state machine so that every server applies
 * them identically.
 */
public record Header(String name, String value) {

    public Header {
        Objects.requireNonNull(name, "header name");
        Objects.requireNonNull(value, "header value");
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0xFF) {
                throw new IllegalArgumentException("[S-4.2] header " + name.replace('\r', ' ').replace('\n', ' ')
                        + " has a character outside ISO-8859-1 at " + i + " (U+"
                        + String.format("%04X", (int) value.charAt(i)) + "); encode it first (RFC 8187 for a file"
                        + " name, percent-encoding for a URL)");
            }
        }
    }

    public static Header of(String name, String value) {
        return new Header(name, value);
    }

    public boolean is(String otherName) {
        return name.equalsIgnoreCase(otherName);
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
