package dev.wsgi4j.samples;

import dev.wsgi4j.Header;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends an {@link Exchange} to a server with {@code java.net.http.HttpClient} and keeps what the application decided:
 * the status, the headers it sets and the decoded body, with the server's origin replaced by {@code ORIGIN} so that
 * two servers on two ports compare equal when their applications answered alike.
 */
final class ExchangeClient {

    /** The headers an application sets; the ones a server sets (Date, Server, Connection, framing) are not kept. */
    private static final List<String> COMPARED = List.of("accept-ranges", "allow", "cache-control", "content-length",
            "content-range", "content-type", "etag", "last-modified", "location", "set-cookie");

    /** What a client saw: headers by lower-case name, each with its values in the order sent. */
    record Seen(int status, Map<String, List<String>> headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    /** @throws IOException when the response is cut short (or the server cannot be reached) */
    Seen send(String origin, Exchange exchange) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body;
        if (exchange.body().length == 0) {
            body = BodyPublishers.noBody();
        } else if (exchange.streamed()) {
            body = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(exchange.body()));
        } else {
            body = BodyPublishers.ofByteArray(exchange.body());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + exchange.target()))
                .timeout(Duration.ofSeconds(60)).method(exchange.method(), body);
        for (Header h : exchange.headers()) {
            request.header(h.name(), h.value());
        }
        HttpResponse<byte[]> r = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, List<String>> headers = new TreeMap<>();
        for (String name : COMPARED) {
            List<String> values = r.headers().allValues(name).stream().map(v -> v.replace(origin, "ORIGIN")).toList();
            if (!values.isEmpty()) {
                headers.put(name, values);
            }
        }
        // Latin-1 maps every byte to one char and back, so only the origin's own bytes change.
        byte[] seen = new String(r.body(), StandardCharsets.ISO_8859_1).replace(origin, "ORIGIN")
                .getBytes(StandardCharsets.ISO_8859_1);
        return new Seen(r.statusCode(), headers, seen);
    }
}
