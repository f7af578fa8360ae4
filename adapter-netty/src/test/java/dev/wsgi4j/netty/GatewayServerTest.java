package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The server end to end on an ephemeral port: connection semantics a client sees. */
class GatewayServerTest {

    private GatewayServer server;

    private int start(Application app) throws InterruptedException {
        return start(app, ServerConfig.builder().port(0).build());
    }

    private int start(Application app, ServerConfig config) throws InterruptedException {
        server = new GatewayServer(app, config).start();
        return server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    static final Application ECHO_PATH = (env, sr) -> {
        byte[] body = ("path=" + Environ.pathInfo(env)).getBytes(StandardCharsets.ISO_8859_1);
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        return List.of(body);
    };

    @Test
    void servesAHelloWorldToJavaHttpClient() throws Exception {
        int port = start(ECHO_PATH);
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hi"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("path=/hi");
        assertThat(r.headers().firstValue("content-length")).hasValue("8");
        assertThat(r.headers().firstValue("server")).hasValue("wsgi4j");
        assertThat(r.headers().firstValue("date")).isPresent();
    }

    @Test
    void keepsTheConnectionAliveBetweenRequests() throws Exception {
        int port = start(ECHO_PATH);
        try (RawHttp http = new RawHttp(port)) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Response r = http.send("GET /n" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
                assertThat(r.text()).isEqualTo("path=/n" + i);
                assertThat(r.header("connection")).isNull();
            }
        }
    }

    @Test
    void answersThreePipelinedRequestsInOrder() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        int port = start((env, sr) -> {
            // The first request is the slowest: a server that answered out of order would show it.
            if (Environ.pathInfo(env).equals("/1")) {
                Thread.sleep(200);
            }
            calls.incrementAndGet();
            return ECHO_PATH.call(env, sr);
        });
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(http.read().text()).isEqualTo("path=/1");
            assertThat(http.read().text()).isEqualTo("path=/2");
            RawHttp.Response last = http.read();
            assertThat(last.text()).isEqualTo("path=/3");
            assertThat(last.header("connection")).isEqualTo("close");
            assertThat(http.closedByServer()).isTrue();
        }
        assertThat(calls).hasValue(3);
    }

    @Test
    void sendsOneHundredContinueBeforeTheBodyIsRead() throws Exception {
        int port = start((env, sr) -> {
            byte[] body = Environ.input(env).readAllBytes();
            sr.start("200 OK", List.of());
            return List.of(body);
        });
        try (RawHttp http = new RawHttp(port)) {
            http.send("POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            RawHttp.Response interim = http.read();
            assertThat(interim.status()).isEqualTo(100);
            RawHttp.Response r = http.send("hello").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("hello");
        }
    }

    @Test
    void streamsALazyBodyChunkedOnHttp11AndCloseDelimitedOnHttp10() throws Exception {
        int port = start((env, sr) -> {
            sr.start("200 OK", List.of());
            return () -> List.of("a".getBytes(), "b".getBytes(), "c".getBytes()).iterator();
        });
        try (RawHttp http = new RawHttp(port)) {
            RawHttp.Response r = http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(r.header("transfer-encoding")).isEqualTo("chunked");
            assertThat(r.text()).isEqualTo("abc");
            assertThat(r.complete()).isTrue();
        }
        try (RawHttp http = new RawHttp(port)) {
            RawHttp.Response r = http.send("GET / HTTP/1.0\r\n\r\n").read();
            assertThat(r.header("transfer-encoding")).isNull();
            assertThat(r.header("content-length")).isNull();
            assertThat(r.text()).isEqualTo("abc");
        }
    }

    @Test
    void headGetsTheHeadersOfGetWithoutABody() throws Exception {
        int port = start(ECHO_PATH);
        try (RawHttp http = new RawHttp(port)) {
            RawHttp.Response head = http.send("HEAD /x HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
            RawHttp.Response get = http.send("GET /x HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo(get.header("content-length"));
            assertThat(get.text()).isEqualTo("path=/x");
        }
    }

    @Test
    void anApplicationErrorBeforeTheHeadGives500AndTheConnectionStaysUsable() throws Exception {
        int port = start((env, sr) -> {
            if (Environ.pathInfo(env).equals("/boom")) {
                throw new IllegalStateException("secret detail");
            }
            return ECHO_PATH.call(env, sr);
        });
        try (RawHttp http = new RawHttp(port)) {
            RawHttp.Response r = http.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).doesNotContain("secret detail").doesNotContain("Exception");
            assertThat(http.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n").read().text()).isEqualTo("path=/ok");
        }
    }

    @Test
    void anErrorAfterTheHeadCutsTheResponseAndClosesTheConnection() throws Exception {
        int port = start((env, sr) -> {
            if (!Environ.pathInfo(env).equals("/late")) {
                return ECHO_PATH.call(env, sr);
            }
            sr.start("200 OK", List.of());
            return () -> new Iterator<>() {
                int n;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public byte[] next() {
                    if (n++ == 1) {
                        throw new IllegalStateException("late failure");
                    }
                    return "first".getBytes();
                }
            };
        });
        try (RawHttp http = new RawHttp(port)) {
            RawHttp.Response r = http.send("GET /late HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.complete()).isFalse();
            assertThat(r.text()).isEqualTo("first");
        }
        HttpResponse<String> after = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(200);
    }

    @Test
    void runsTwoHundredBlockingApplicationsAtOnceWithTheDefaultPool() throws Exception {
        int n = 200;
        CountDownLatch allInside = new CountDownLatch(n);
        int port = start((env, sr) -> {
            allInside.countDown();
            // Each call waits until all 200 are running at the same time: only a pool of 200 gets there.
            boolean together = allInside.await(20, TimeUnit.SECONDS);
            sr.start("200 OK", List.of());
            return List.of(Boolean.toString(together).getBytes());
        });
        HttpClient client = HttpClient.newBuilder().build();
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/s" + i))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : all) {
            assertThat(f.get(30, TimeUnit.SECONDS).body()).isEqualTo("true");
        }
    }

    @Test
    void applicationsRunOnWorkerThreadsNeverOnAnEventLoop() throws Exception {
        List<Thread> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        int port = start((env, sr) -> {
            seen.add(Thread.currentThread());
            return ECHO_PATH.call(env, sr);
        });
        try (RawHttp http = new RawHttp(port)) {
            for (int i = 0; i < 3; i++) {
                assertThat(http.send("GET /w HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);
            }
        }
        assertThat(seen).hasSize(3).allSatisfy(t -> {
            assertThat(t).isNotInstanceOf(io.netty.util.concurrent.FastThreadLocalThread.class);
            assertThat(t.getName()).startsWith("wsgi4j-app-");
        });
    }

    @Test
    void answers503AtOnceWhenThePoolAndItsQueueAreFull() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        int port = start((env, sr) -> {
            running.countDown();
            release.await(10, TimeUnit.SECONDS);
            return ECHO_PATH.call(env, sr);
        }, ServerConfig.builder().port(0).workerThreads(1).workerQueue(0).build());
        try (RawHttp first = new RawHttp(port); RawHttp second = new RawHttp(port)) {
            first.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
            // The only worker is now busy with /a, and the queue holds nothing.
            assertThat(running.await(10, TimeUnit.SECONDS)).as("/a reached the application").isTrue();
            RawHttp.Response r = second.send("GET /b HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(503);
            release.countDown();
            assertThat(first.read().text()).isEqualTo("path=/a");
        } catch (IOException e) {
            release.countDown();
            throw e;
        }
    }
}
