package dev.wsgi4j;

import java.util.Objects;

/**
 * One response header, as passed to {@link StartResponse}. The record only refuses nulls; the rules of SPEC.md
 * §4.2 (token names, no CR/LF/NUL, ISO-8859-1, no hop-by-hop) are checked by the response state machine so that
 * every server applies them identically.
 */
public record Header(String name, String value) {

    public Header {
        Objects.requireNonNull(name, "header name");
        Objects.requireNonNull(value, "header value");
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
