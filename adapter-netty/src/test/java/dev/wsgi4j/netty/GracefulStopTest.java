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

/**
 * stop(grace): no new connections, idle keep-alive connections closed at once, running applications finish and
 * their answers arrive with {@code Connection: close}, and stop returns when the last has (SPEC.md §6.6).
 */
class GracefulStopTest {

    /** Long enough that nothing in these tests ends by a timeout: only the drain closes connections. */
    private static final Duration LONG = Duration.ofMinutes(5);

    private final CountDownLatch inside = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** /slow waits for {@link #release}; anything else answers at once. */
    private GatewayServer slowAndQuick() throws InterruptedException {
        return new GatewayServer((env, sr) -> {
            boolean slow = env.get("PATH_INFO").equals("/slow");
            if (slow) {
                inside.countDown();
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            }
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of((slow ? "slow" : "quick").getBytes(StandardCharsets.US_ASCII));
        }, ServerConfig.builder().port(0).idleTimeout(LONG).build()).start();
    }

    @Test
    void idleConnectionsCloseAtOnceAndTheRunningAnswerSaysConnectionCloseAndStopReturnsWhenItIsOut()
            throws Exception {
        GatewayServer server = slowAndQuick();
        try (RawHttp idle = new RawHttp(server.port()); RawHttp busy = new RawHttp(server.port())) {
            idle.send("GET /quick HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(idle.read().header("Connection")).isNull();
            busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(LONG));

            assertThat(idle.next()).as("the idle connection, while /slow still runs").isEqualTo(RawHttp.After.EOF);
            assertThat(stopping).isNotDone();
            release.countDown();
            RawHttp.Response slow = busy.read();
            assertThat(slow.status()).isEqualTo(200);
            assertThat(slow.text()).isEqualTo("slow");
            assertThat(slow.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(busy.closedByServer()).isTrue();
            // The grace is minutes: returning now means stop did not wait it out.
            stopping.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aRequestPipelinedBehindTheRunningOneIsAnsweredWithConnectionCloseAndTheConnectionEnds() throws Exception {
        GatewayServer server = slowAndQuick();
        try (RawHttp idle = new RawHttp(server.port()); RawHttp busy = new RawHttp(server.port())) {
            busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(LONG));
            assertThat(idle.next()).as("the drain has begun").isEqualTo(RawHttp.After.EOF);
            release.countDown();

            RawHttp.Response first = busy.read();
            RawHttp.Response second = busy.read();

            assertThat(first.text()).isEqualTo("slow");
            assertThat(first.header("Connection")).as("another answer follows on this connection").isNull();
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.text()).isEqualTo("quick");
            assertThat(second.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(busy.closedByServer()).isTrue();
            stopping.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
        }
    }

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
