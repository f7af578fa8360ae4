package dev.wsgi4j.netty.http2;

import dev.wsgi4j.Header;
import dev.wsgi4j.netty.AccessLogSettings;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared path after the stream: an HTTP/2 request is access-logged like any, with its own protocol. */
class Http2AccessLogTest {

    @Test
    void aStreamsLineNamesHttp2AndItsRequest(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.log");
        GatewayServer server = new GatewayServer((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of("hi".getBytes(StandardCharsets.US_ASCII));
        }, ServerConfig.builder().port(0).accessLog(new AccessLogSettings(log.toString(), "%(r)s %(H)s %(s)s %(b)s"))
                .http2(Http2Settings.DEFAULTS.withCleartext(Http2Settings.Cleartext.PRIOR_KNOWLEDGE)).build()).start();
        try (H2TestClient client = new H2TestClient(server.port())) {
            assertThat(client.fetch(H2TestClient.get("/x?y=1")).status()).isEqualTo(200);
        } finally {
            server.stop(Duration.ofSeconds(2)); // writes and flushes the log
        }

        assertThat(Files.readAllLines(log)).containsExactly("GET /x?y=1 HTTP/2.0 HTTP/2.0 200 2");
    }
}
