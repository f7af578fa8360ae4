package dev.wsgi4j.bench;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;

/**
 * Helidon 4 SE (Java 21+): its own blocking HTTP/1.1 server with a virtual thread per connection, answering from
 * a routing handler. Compiled only by the Maven profile {@code helidon} (JDK 21+); {@link BenchServer} loads it by
 * name.
 */
public final class HelidonHello {

    private static final Header CONTENT_TYPE = HeaderValues.create(HeaderNames.CONTENT_TYPE, Hello.CONTENT_TYPE);

    private HelidonHello() {
    }

    public static WebServer start(int port) {
        return WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(routing -> routing.any((request, response) -> {
                    response.header(CONTENT_TYPE);
                    response.send(Hello.BODY);
                }))
                .build()
                .start();
    }
}
