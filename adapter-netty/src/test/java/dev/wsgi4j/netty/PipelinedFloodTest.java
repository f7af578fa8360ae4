package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pipelining end to end (SPEC.md §6.5, §6.6): a client that pipelines 200 requests in one write, more than the
 * codec's pipeline depth (128) and far more than {@code maxPipelinedRequests}, gets every answer in order on a
 * connection that stays open. The requests beyond the gateway's queue wait as bytes in {@link PipelinedInputHold}
 * while reading is paused.
 */
class PipelinedFloodTest {

    private static final Application ECHO = (env, sr) -> {
        byte[] body = Environ.input(env).readAllBytes();
        String text = Environ.pathInfo(env) + ":" + new String(body, StandardCharsets.ISO_8859_1);
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        return List.of(text.getBytes(StandardCharsets.ISO_8859_1));
    };

    @Test
    void twoHundredPipelinedRequestsInOneWriteAreAllAnsweredInOrder() throws Exception {
        ServerConfig config = ServerConfig.builder().port(0).maxPipelinedRequests(4).build();
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            if (i % 10 == 3) {
                flood.append("POST /").append(i).append(" HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nb").append(i % 10);
            } else if (i % 10 == 7) {
                flood.append("POST /").append(i).append(" HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .append("1\r\nc\r\n0\r\n\r\n");
            } else {
                flood.append("GET /").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
        }
        GatewayServer server = new GatewayServer(ECHO, config).start();
        try (RawHttp http = new RawHttp(server.port())) {
            http.send(flood.toString());
            for (int i = 0; i < 200; i++) {
                String body = i % 10 == 3 ? "b3" : i % 10 == 7 ? "c" : "";
                RawHttp.Response r = http.read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.text()).isEqualTo("/" + i + ":" + body);
            }
            assertThat(http.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n").read().text())
                    .as("the connection is still served").isEqualTo("/after:");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }
}
