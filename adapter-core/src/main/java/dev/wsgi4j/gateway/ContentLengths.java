package dev.wsgi4j.gateway;

import dev.wsgi4j.Header;

import java.util.List;

/** Reads the Content-Length an application declares; one header of plain digits, or none (SPEC.md §4.2). */
final class ContentLengths {

    private ContentLengths() {
    }

    static long declared(List<Header> headers) {
        long length = -1;
        for (Header h : headers) {
            if (!h.is("Content-Length")) {
                continue;
            }
            if (length >= 0) {
                throw new IllegalArgumentException("[S-4.2] more than one Content-Length header");
            }
            length = parse(h.value());
        }
        return length;
    }

    private static long parse(String value) {
        if (value.isEmpty() || value.length() > 18) {
            throw new IllegalArgumentException("[S-4.2] Content-Length must be 1 to 18 digits: \"" + value + "\"");
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                throw new IllegalArgumentException("[S-4.2] Content-Length must be digits only: \"" + value + "\"");
            }
        }
        return Long.parseLong(value);
    }
}
