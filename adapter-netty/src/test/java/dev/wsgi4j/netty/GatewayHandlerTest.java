package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.wsgi4j.netty.EmbeddedHttp.files;
import static org.assertj.core.api.Assertions.assertThat;

/** Connection semantics of the handler: order, keep-alive, limits, 503, rejections, 100-continue. */
class GatewayHandlerTest {

    @TempDir
    Path spoolDir;

    private GatewayHarness harness;
    private final List<String> calls = new ArrayList<>();

    /** Answers with the method, path and body it was sent. */
    private final Application echo = (env, sr) -> {
        calls.add(Environ.pathInfo(env));
        byte[] body = Environ.input(env).readAllBytes();
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        return List.of((Environ.method(env) + " " + Environ.pathInfo(env) + " ").getBytes(StandardCharsets.ISO_8859_1),
                body);
    };

    private GatewayHarness serve(Application app) {
        return serve(GatewayHarness.inline().spoolDirectory(spoolDir).build(), app);
    }

    private GatewayHarness serve(ServerConfig config, Application app) {
        harness = new GatewayHarness(config, app);
        return harness;
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n";
    }

    @Test
    void pipelinedRequestsAreAnsweredInArrivalOrder() {
        serve(echo).send(get("/1") + "POST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc" + get("/3"));

        List<RawHttp.Response> rs = harness.responses();

        assertThat(rs).extracting(RawHttp.Response::text).containsExactly("GET /1 ", "POST /2 abc", "GET /3 ");
        assertThat(calls).containsExactly("/1", "/2", "/3");
        assertThat(harness.channel.isOpen()).isTrue();
    }

    @Test
    void aSpooledBodyReachesTheApplicationAndItsFileIsDeletedAfterwards() {
        String body = "0123456789".repeat(10);
        ServerConfig config = GatewayHarness.inline().spoolDirectory(spoolDir).inMemoryBodySize(16).build();

        serve(config, echo).send("PUT /big HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n" + body);

        assertThat(harness.only().text()).isEqualTo("PUT /big " + body);
        harness.channel.runPendingTasks();
        assertThat(files(spoolDir)).isEmpty();
    }

    @Test
    void aBodyThatCannotBeSpooledIsAnswered503AndLeavesNoFileBehind() throws Exception {
        Path gone = spoolDir.resolve("gone");
        ServerConfig config = GatewayHarness.inline().spoolDirectory(gone).inMemoryBodySize(16).build();

        serve(config, echo).send("PUT /big HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n" + "x".repeat(100));

        RawHttp.Response response = harness.only();
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(calls).as("the application never ran").isEmpty();
        harness.channel.runPendingTasks();
        assertThat(java.nio.file.Files.exists(gone)).isFalse();
        assertThat(files(spoolDir)).isEmpty();
    }

    @Test
    void theEnvironNamesTheConnectionsAddresses() {
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        serve((env, sr) -> {
            seen.set(Map.copyOf(env));
            sr.start("204 No Content", List.of());
            return List.of();
        }).send("GET /x HTTP/1.0\r\n\r\n");

        assertThat(seen.get()).containsEntry("REMOTE_ADDR", "192.0.2.7").containsEntry("REMOTE_PORT", "54321")
                .containsEntry("SERVER_NAME", "10.0.0.1").containsEntry("SERVER_PORT", "8080");
    }

    @Test
    void aChannelWithoutIpAddressesIsStillServed() {
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        ServerConfig config = GatewayHarness.inline().build();
        harness = new GatewayHarness(config, (env, sr) -> {
            seen.set(Map.copyOf(env));
            sr.start("200 OK", List.of());
            return List.of("ok".getBytes(StandardCharsets.US_ASCII));
        }, AppExecutor.create(config), false);

        harness.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");

        assertThat(harness.only().text()).isEqualTo("ok");
        assertThat(seen.get()).containsEntry("SERVER_NAME", "localhost").doesNotContainKey("REMOTE_ADDR");
        assertThat(harness.channel.isOpen()).isTrue();
    }

    @Test
    void connectionCloseIsHonouredAndLaterPipelinedRequestsAreNotServed() {
        serve(echo).send("GET /1 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n" + get("/2"));

        RawHttp.Response r = harness.only();

        assertThat(r.header("connection")).isEqualTo("close");
        assertThat(r.text()).isEqualTo("GET /1 ");
        assertThat(calls).containsExactly("/1");
        assertThat(harness.channel.isOpen()).isFalse();
    }

    @Test
    void anHttp10KeepAliveRequestIsAnsweredWithConnectionKeepAlive() {
        serve(echo).send("GET /1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");

        RawHttp.Response r = harness.only();

        assertThat(r.statusLine()).startsWith("HTTP/1.0 200");
        assertThat(r.header("connection")).isEqualTo("keep-alive");
        assertThat(r.header("content-length")).isEqualTo("7");
        assertThat(harness.channel.isOpen()).isTrue();
    }

    @Test
    void aPlainHttp10RequestIsAnsweredAndClosed() {
        serve(echo).send("GET /1 HTTP/1.0\r\n\r\n");

        assertThat(harness.only().header("connection")).isEqualTo("close");
        assertThat(harness.channel.isOpen()).isFalse();
    }

    @Test
    void theLastRequestAllowedOnAConnectionIsAnsweredWithConnectionClose() {
        ServerConfig config = GatewayHarness.inline().maxRequestsPerConnection(2).build();
        serve(config, echo).send(get("/1") + get("/2") + get("/3"));

        List<RawHttp.Response> rs = harness.responses();

        assertThat(rs).hasSize(2);
        assertThat(rs.get(0).header("connection")).isNull();
        assertThat(rs.get(1).header("connection")).isEqualTo("close");
        assertThat(calls).containsExactly("/1", "/2");
        assertThat(harness.channel.isOpen()).isFalse();
    }

    @Test
    void aFullExecutorIsAnswered503WithoutCallingTheApplication() throws Exception {
        ServerConfig config = ServerConfig.builder().executor(ExecutorKind.POOL).workerThreads(1).workerQueue(0)
                .build();
        AppExecutor executor = AppExecutor.create(config);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger appCalls = new AtomicInteger();
        try {
            assertThat(executor.execute(() -> {
                running.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            })).isTrue();
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(executor.execute(() -> { })).as("pool and queue are full").isFalse();
            harness = new GatewayHarness(config, (env, sr) -> {
                appCalls.incrementAndGet();
                sr.start("200 OK", List.of());
                return List.of();
            }, executor, true);

            harness.send(get("/a")).send("HEAD /b HTTP/1.1\r\nHost: h\r\n\r\n");

            List<RawHttp.Response> rs = harness.responses("GET", "HEAD");
            assertThat(rs).extracting(RawHttp.Response::status).containsExactly(503, 503);
            assertThat(rs.get(0).text()).isEqualTo("503 Service Unavailable\n");
            assertThat(rs.get(1).body()).isEmpty();
            assertThat(appCalls).hasValue(0);
            assertThat(harness.channel.isOpen()).isTrue();
        } finally {
            release.countDown();
            executor.shutdown(5_000);
        }
    }

    @Test
    void aRejectionIsAnsweredAfterTheEarlierResponseThenTheConnectionCloses() {
        serve(echo).send(get("/ok") + "GET /no-host HTTP/1.1\r\n\r\n" + get("/never"));

        List<RawHttp.Response> rs = harness.responses();

        assertThat(rs).extracting(RawHttp.Response::status).containsExactly(200, 400);
        assertThat(rs.get(0).text()).isEqualTo("GET /ok ");
        assertThat(rs.get(1).header("connection")).isEqualTo("close");
        assertThat(rs.get(1).text()).isEqualTo("400 Bad Request\n");
        assertThat(calls).containsExactly("/ok");
        assertThat(harness.channel.isOpen()).isFalse();
    }

    @Test
    void anOversizedBodyIsAnswered413FromItsHeaders() {
        ServerConfig config = GatewayHarness.inline().maxBodySize(10).build();
        serve(config, echo).send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n");

        RawHttp.Response r = harness.only();

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.statusLine()).isEqualTo("HTTP/1.1 413 Content Too Large");
        assertThat(r.header("connection")).isEqualTo("close");
        assertThat(calls).isEmpty();
        assertThat(harness.channel.isOpen()).isFalse();
    }

    @Test
    void anUnsupportedMajorVersionIsAnswered505InHttp11() {
        serve(echo).send("GET / HTTP/2.0\r\nHost: h\r\n\r\n");

        RawHttp.Response r = harness.only();

        assertThat(r.status()).isEqualTo(505);
        assertThat(r.statusLine()).startsWith("HTTP/1.1 505");
        assertThat(harness.channel.isOpen()).isFalse();
    }

    @Test
    void aMalformedPathEscapeIsRefusedWith400BeforeTheAppAndTheConnectionCloses() {
        serve(echo).send(get("/a%zz") + get("/b"));

        List<RawHttp.Response> rs = harness.responses();

        assertThat(rs).extracting(RawHttp.Response::status).containsExactly(400);
        assertThat(rs.get(0).header("connection")).isEqualTo("close");
        assertThat(calls).isEmpty();
    }

    @Test
    void expect100ContinueSendsAnInterimResponseBeforeTheBodyIsRead() {
        serve(echo).send("POST /up HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");

        assertThat(harness.wire()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        assertThat(calls).isEmpty();

        harness.send("data");
        List<RawHttp.Response> rs = harness.responses();

        assertThat(rs).extracting(RawHttp.Response::status).containsExactly(100, 200);
        assertThat(rs.get(1).text()).isEqualTo("POST /up data");
    }

    @Test
    void aHeadRequestWithExpectContinueStillGetsABodylessResponse() {
        serve(echo).send("HEAD /h HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n" + get("/n"));

        List<RawHttp.Response> rs = harness.responses("HEAD", "GET");

        assertThat(rs).extracting(RawHttp.Response::status).containsExactly(100, 200, 200);
        assertThat(rs.get(1).body()).isEmpty();
        assertThat(rs.get(2).text()).isEqualTo("GET /n ");
    }
}
