package dev.wsgi4j.netty;

import dev.wsgi4j.Header;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** stop(grace): no new connections, running applications finish and their answers arrive (SPEC.md §6.6). */
class GracefulStopTest {

    @Test
    void aRequestRunningWhenStopIsCalledStillGetsItsWholeAnswer() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        byte[] body = new byte[256 * 1024];
        GatewayServer server = new GatewayServer((env, sr) -> {
            inside.countDown();
            Thread.sleep(500);
            sr.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
            return List.of(body);
        }, ServerConfig.builder().port(0).build()).start();
        int port = server.port();
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(5)));

            RawHttp.Response r = http.read();

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).hasSize(body.length);
            assertThat(r.complete()).isTrue();
            stopping.get(10, TimeUnit.SECONDS);
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void anApplicationThatOutlivesTheGraceIsCutAndStopReturns() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        GatewayServer server = new GatewayServer((env, sr) -> {
            inside.countDown();
            Thread.sleep(30_000);
            sr.start("200 OK", List.of());
            return List.of();
        }, ServerConfig.builder().port(0).build()).start();
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

            CompletableFuture.runAsync(() -> server.stop(Duration.ofMillis(300))).get(10, TimeUnit.SECONDS);

            // The interrupted application may still get its 500 out before the connection closes; either way the
            // connection ends (a server that kept it open would make this read time out).
            String rest = new String(http.socket().getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(rest).satisfiesAnyOf(
                    r -> assertThat(r).isEmpty(),
                    r -> assertThat(r).startsWith("HTTP/1.1 500 "));
        }
    }
}
