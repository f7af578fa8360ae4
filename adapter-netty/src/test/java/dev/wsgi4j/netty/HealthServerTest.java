package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The health check end to end: a server on an ephemeral port, through a graceful stop (SPEC.md §6.8). */
class HealthServerTest {

    @Test
    void healthIsOkWhileServingAndStoppingWhileARunningRequestHoldsTheGracePeriod(@TempDir Path dir)
            throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Application app = (env, sr) -> {
            calls.incrementAndGet();
            inside.countDown();
            release.await(10, TimeUnit.SECONDS);
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of("done".getBytes(StandardCharsets.US_ASCII));
        };
        Path log = dir.resolve("access.log");
        GatewayServer server = new GatewayServer(app, ServerConfig.builder().port(0)
                .accessLog(new AccessLogSettings(log.toString(), "%(r)s %(s)s"))
                .ops(OpsSettings.health("/healthz")).build()).start();
        int port = server.port();
        try (RawHttp slow = new RawHttp(port); RawHttp probe = new RawHttp(port)) {
            RawHttp.Response serving = probe.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(serving.status()).isEqualTo(200);
            assertThat(serving.text()).isEqualTo("ok\n");

            // A health check pipelined behind a running request: still queued when the stop begins, answered after
            // it (idle keep-alive connections, like the probe's, are closed at once by the drain: SPEC.md §6.6).
            slow.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(10)));
            awaitRefused(port); // the listening socket closes after the drain began

            release.countDown();
            assertThat(slow.read().text()).isEqualTo("done");
            RawHttp.Response draining = slow.read();
            assertThat(draining.status()).isEqualTo(503);
            assertThat(draining.text()).isEqualTo("stopping\n");
            assertThat(draining.header("Connection")).isEqualToIgnoringCase("close");
            stopping.get(15, TimeUnit.SECONDS);
        }
        assertThat(calls).hasValue(1);
        assertThat(Files.readAllLines(log)).contains("GET /healthz HTTP/1.1 200", "GET /healthz HTTP/1.1 503",
                "GET /slow HTTP/1.1 200");
    }

    private static void awaitRefused(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                Thread.sleep(20);
            } catch (ConnectException refused) {
                return;
            } catch (SocketException resetWhileTheListenerCloses) {
                // A connection still in the accept queue when the listener closes is reset, not refused: look again.
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the server kept accepting connections after stop began");
    }
}
