package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wsgi.early_hints} on the wire (SPEC.md §3.8): each call before the head is a {@code 103} ahead of the
 * response, a call after it is nothing, HTTP/1.0 gets none, and a HEAD's final response stays bodiless and the
 * connection in step.
 */
class EarlyHintsServerTest {

    private static final Header PRELOAD = Header.of("Link", "</style.css>; rel=preload; as=style");
    private static final Header FONT = Header.of("Link", "</font.woff2>; rel=preload; as=font; crossorigin");

    /** Two hints before the head, one after the first body block (too late: ignored). */
    private static final Application APP = (environ, startResponse) -> {
        Environ.earlyHints(environ).send(List.of(PRELOAD));
        Environ.earlyHints(environ).send(List.of(FONT));
        startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain"),
                Header.of("Content-Length", "4")));
        return () -> new java.util.Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < 2;
            }

            @Override
            public byte[] next() {
                if (i++ == 1) {
                    try {
                        Environ.earlyHints(environ).send(List.of(Header.of("Link", "</late.js>; rel=preload")));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return "ok".getBytes(StandardCharsets.US_ASCII);
            }
        };
    };

    private GatewayServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server = new GatewayServer(APP, ServerConfig.builder().port(0).build()).start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    void eachHintBeforeTheHeadIsA103AheadOfTheResponseAndALateOneIsNothing() throws Exception {
        try (RawHttp client = new RawHttp(server.port())) {
            client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response first = client.read();
            RawHttp.Response second = client.read();
            RawHttp.Response last = client.read();

            assertThat(first.statusLine()).isEqualTo("HTTP/1.1 103 Early Hints");
            assertThat(first.header("Link")).isEqualTo(PRELOAD.value());
            assertThat(second.status()).isEqualTo(103);
            assertThat(second.header("Link")).isEqualTo(FONT.value());
            assertThat(last.status()).isEqualTo(200);
            assertThat(last.text()).isEqualTo("okok");
            assertThat(last.header("Link")).isNull();

            client.send("GET /again HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(client.read().status()).as("the connection stays in step").isEqualTo(103);
        }
    }

    @Test
    void aHeadRequestGetsItsHintsAndABodilessAnswerAndTheNextRequestIsAnsweredInStep() throws Exception {
        try (RawHttp client = new RawHttp(server.port())) {
            client.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n");

            assertThat(client.read(true).status()).isEqualTo(103);
            assertThat(client.read(true).status()).isEqualTo(103);
            RawHttp.Response head = client.read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo("4");
            assertThat(client.read().status()).isEqualTo(103);
            assertThat(client.read().status()).isEqualTo(103);
            assertThat(client.read().text()).isEqualTo("okok");
        }
    }

    @Test
    void http10GetsNoInformationalResponse() throws Exception {
        try (RawHttp client = new RawHttp(server.port())) {
            RawHttp.Response r = client.send("GET / HTTP/1.0\r\n\r\n").read();

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("okok");
        }
    }
}
