package dev.wsgi4j.gateway;

import dev.wsgi4j.Header;

import java.util.ArrayList;
import java.util.List;

/**
 * What a server puts on the wire before the body: the validated status and headers, the body's length when it is
 * known ({@code -1} otherwise: the server then chunks on HTTP/1.1 or closes on HTTP/1.0), and whether body bytes
 * must be left out (HEAD, 204, 304).
 */
public record ResponseHead(StatusLine status, List<Header> headers, long contentLength, boolean omitBody) {

    public ResponseHead {
        headers = List.copyOf(headers);
    }

    /** This head with {@code name: value} added, unless a header of that name is already there. */
    public ResponseHead withDefault(String name, String value) {
        if (header(name) != null) {
            return this;
        }
        List<Header> more = new ArrayList<>(headers.size() + 1);
        more.addAll(headers);
        more.add(new Header(name, value));
        return new ResponseHead(status, more, contentLength, omitBody);
    }

    /** The first value of {@code name}, or null. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.is(name)) {
                return h.value();
            }
        }
        return null;
    }
}
