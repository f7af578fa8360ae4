package dev.wsgi4j.samples;

import dev.wsgi4j.Header;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request the differential test sends to both servers, described by value so it can be sent twice.
 *
 * @param streamed send the body without a Content-Length (chunked), as a client streaming it would
 */
record Exchange(String method, String target, List<Header> headers, byte[] body, boolean streamed) {

    static Exchange get(String target) {
        return new Exchange("GET", target, List.of(), new byte[0], false);
    }

    static Exchange post(String target, String contentType, String body) {
        return post(target, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static Exchange post(String target, String contentType, byte[] body) {
        return new Exchange("POST", target, List.of(Header.of("Content-Type", contentType)), body, false);
    }

    Exchange method(String name) {
        return new Exchange(name, target, headers, body, streamed);
    }

    Exchange header(String name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(Header.of(name, value));
        return new Exchange(method, target, List.copyOf(more), body, streamed);
    }

    Exchange chunked() {
        return new Exchange(method, target, headers, body, true);
    }

    @Override
    public String toString() {
        StringBuilder shown = new StringBuilder(method).append(' ').append(target);
        headers.forEach(h -> shown.append(" [").append(h.name()).append(": ")
                .append(h.value().length() > 40 ? h.value().substring(0, 40) + "…" : h.value()).append(']'));
        if (body.length > 0) {
            shown.append(" (").append(body.length).append(" bytes").append(streamed ? ", chunked)" : ")");
        }
        return shown.toString();
    }
}
