package dev.wsgi4j.netty.http2;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** h2c by prior knowledge end to end: one environ and one policy with HTTP/1.1, streams served concurrently. */
class Http2CleartextTest {

    private final CountDownLatch slowMayFinish = new CountDownLatch(1);
    private final CountDownLatch slowStarted = new CountDownLatch(1);

    /** /slow waits for the test; /boom fails before its headers; anything else describes its environ. */
    private final Application app = (env, sr) -> {
        String path = (String) env.get("PATH_INFO");
        if (path.equals("/boom")) {
            throw new IllegalStateException("boom");
        }
        if (path.equals("/echo")) {
            byte[] body = Environ.input(env).readAllBytes();
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of((body.length + " " + java.util.Arrays.hashCode(body)).getBytes(StandardCharsets.UTF_8));
        }
        if (path.equals("/file")) {
            sr.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
            return FileWrapper.of(this.file);
        }
        if (path.equals("/broken")) {
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return () -> new java.util.Iterator<byte[]>() {
                private boolean sent;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public byte[] next() {
                    if (sent) {
                        throw new IllegalStateException("broken after the headers");
                    }
                    sent = true;
                    return "first".getBytes(StandardCharsets.US_ASCII);
                }
            };
        }
        if (path.equals("/hints")) {
            Environ.earlyHints(env).send(List.of(Header.of("Link", "</style.css>; rel=preload; as=style")));
        }
        if (path.equals("/slow")) {
            slowStarted.countDown();
            slowMayFinish.await(30, TimeUnit.SECONDS);
        }
        TreeSet<String> forged = new TreeSet<>();
        for (String key : env.keySet()) {
            if (key.startsWith("HTTP_X_HTTP2")) {
                forged.add(key);
            }
        }
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        String body = env.get("SERVER_PROTOCOL") + " " + env.get("HTTP_HOST") + " " + env.get(Environ.WSGI_URL_SCHEME)
                + " " + env.get("REQUEST_METHOD") + " " + path + "?" + env.get("QUERY_STRING") + " " + forged;
        return List.of(body.getBytes(StandardCharsets.UTF_8));
    };

    @TempDir
    Path dir;
    private Path file;
    private GatewayServer server;
    private H2TestClient client;

    @BeforeEach
    void start() throws Exception {
        file = java.nio.file.Files.writeString(dir.resolve("file.txt"), "x".repeat(100_000) + "end");
        server = new GatewayServer(app, ServerConfig.builder().port(0)
                .http2(Http2Settings.DEFAULTS.withCleartext(Http2Settings.Cleartext.PRIOR_KNOWLEDGE)).build()).start();
        client = new H2TestClient(server.port());
    }

    @AfterEach
    void stop() throws Exception {
        slowMayFinish.countDown();
        client.close();
        server.close();
    }

    @Test
    void aStreamsEnvironSaysHttp2TakesHostFromAuthorityAndSchemeFromTheTransport() throws Exception {
        Http2Headers headers = H2TestClient.get("/a/b?x=1").scheme("https").authority("example.test:8443");
        H2TestClient.Reply reply = client.fetch(headers);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("HTTP/2.0 example.test:8443 http GET /a/b?x=1 []");
        assertThat(reply.headers().contains("connection")).isFalse();
        assertThat(reply.headers().contains("transfer-encoding")).isFalse();
        assertThat(client.serverSettings.get(5, TimeUnit.SECONDS).maxConcurrentStreams()).isEqualTo(100L);
    }

    /** A hostile header set, as HTTP/1.1 bytes and as an HTTP/2 header block. */
    record Hostile(String name, String http1, Function<Http2Headers, Http2Headers> http2) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> bothProtocols() {
        return Stream.of(
                new Hostile("host differs from authority", "GET / HTTP/1.1\r\nHost: a.test\r\nHost: b.test\r\n\r\n",
                        h -> h.authority("a.test").add("host", "b.test")),
                new Hostile("two hosts", "GET / HTTP/1.1\r\nHost: a.test\r\nHost: a.test\r\n\r\n",
                        h -> h.add("host", "a.test").add("host", "a.test")),
                new Hostile("NUL in a value", "GET / HTTP/1.1\r\nHost: a.test\r\nX-A: a\0b\r\n\r\n",
                        h -> h.add("x-a", "a\0b")),
                new Hostile("CR in a value", "GET / HTTP/1.1\r\nHost: a.test\r\nX-A: a\rb\r\n\r\n",
                        h -> h.add("x-a", "a\rb")),
                new Hostile("invalid host", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", h -> h.authority("a b")),
                new Hostile("no host at all", "GET / HTTP/1.1\r\n\r\n", h -> without(h, ":authority")));
    }

    @ParameterizedTest
    @MethodSource("bothProtocols")
    void aHostileHeaderSetIsRefusedOnHttp1AndHttp2Alike(Hostile hostile) throws Exception {
        assertThat(http1Status(hostile.http1())).isEqualTo(400);
        H2TestClient.Reply reply = client.fetch(hostile.http2().apply(H2TestClient.get("/")));
        assertThat(reply.reset()).as("stream reset").isTrue();
        assertThat(reply.resetCode()).isEqualTo(Http2Error.PROTOCOL_ERROR.code());
        // Only that stream: the connection serves the next one.
        assertThat(client.fetch(H2TestClient.get("/next")).status()).isEqualTo(200);
        assertThat(client.isOpen()).isTrue();
    }

    static Stream<Arguments> http2Only() {
        Function<Http2Headers, Http2Headers> forgedScheme = h -> h.add("x-http2-scheme", "https");
        Function<Http2Headers, Http2Headers> forgedStream = h -> h.add("x-http2-stream-id", "7");
        Function<Http2Headers, Http2Headers> lf = h -> h.add("x-a", "a\nb");
        Function<Http2Headers, Http2Headers> connection = h -> h.add("connection", "keep-alive");
        Function<Http2Headers, Http2Headers> te = h -> h.add("te", "gzip");
        Function<Http2Headers, Http2Headers> noPath = h -> without(h, ":path");
        Function<Http2Headers, Http2Headers> noMethod = h -> without(h, ":method");
        Function<Http2Headers, Http2Headers> noScheme = h -> without(h, ":scheme");
        return Stream.of(Arguments.of("x-http2-scheme", forgedScheme), Arguments.of("x-http2-stream-id", forgedStream),
                Arguments.of("LF in a value", lf), Arguments.of("connection", connection), Arguments.of("te", te),
                Arguments.of("no :path", noPath), Arguments.of("no :method", noMethod),
                Arguments.of("no :scheme", noScheme));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("http2Only")
    void aMalformedOrForgedHeaderBlockResetsItsStreamOnly(String name, Function<Http2Headers, Http2Headers> change)
            throws Exception {
        H2TestClient.Reply reply = client.fetch(change.apply(H2TestClient.get("/")));
        assertThat(reply.reset()).as("stream reset").isTrue();
        assertThat(client.fetch(H2TestClient.get("/next")).body()).startsWith("HTTP/2.0 ");
    }

    @Test
    void aSlowStreamDoesNotHoldBackTheOthersOnTheSameConnection() throws Exception {
        CompletableFuture<H2TestClient.Reply> slow = client.send(H2TestClient.get("/slow"), null);
        assertThat(slowStarted.await(20, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(client.fetch(H2TestClient.get("/fast" + i)).body()).contains("/fast" + i);
        }
        assertThat(slow).isNotDone();
        slowMayFinish.countDown();
        assertThat(slow.get(20, TimeUnit.SECONDS).body()).contains("/slow");
    }

    @Test
    void anApplicationErrorBeforeItsHeadersAnswers500OnThatStreamOnly() throws Exception {
        CompletableFuture<H2TestClient.Reply> slow = client.send(H2TestClient.get("/slow"), null);
        assertThat(slowStarted.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(client.fetch(H2TestClient.get("/boom")).status()).isEqualTo(500);
        slowMayFinish.countDown();
        assertThat(slow.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void aGracefulStopSendsGoAwayAndLetsTheOpenStreamFinish() throws Exception {
        CompletableFuture<H2TestClient.Reply> slow = client.send(H2TestClient.get("/slow"), null);
        assertThat(slowStarted.await(20, TimeUnit.SECONDS)).isTrue();
        Thread stopper = new Thread(() -> server.stop(java.time.Duration.ofSeconds(20)));
        stopper.start();
        assertThat(client.goAwayCode.get(20, TimeUnit.SECONDS)).isEqualTo(Http2Error.NO_ERROR.code());
        assertThat(slow).isNotDone();
        slowMayFinish.countDown();
        assertThat(slow.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
        // The connection closes once its last stream is done, well before the 20 s grace would cut it.
        stopper.join(15_000);
        assertThat(stopper.isAlive()).isFalse();
        assertThat(client.closesWithin(10)).as("the client saw the connection close").isTrue();
    }

    @Test
    void anApplicationErrorAfterItsHeadersResetsThatStreamOnly() throws Exception {
        H2TestClient.Reply reply = client.fetch(H2TestClient.get("/broken"));
        assertThat(reply.reset()).isTrue();
        assertThat(reply.resetCode()).isEqualTo(Http2Error.INTERNAL_ERROR.code());
        assertThat(client.fetch(H2TestClient.get("/next")).status()).isEqualTo(200);
    }

    @Test
    void aRapidResetFloodClosesThatConnectionAndOthersAreServed() throws Exception {
        // Each stream is opened (HEADERS without END_STREAM) and reset by the client (RST_STREAM CANCEL).
        for (int i = 0; i <= Http2Stack.MAX_RST_FRAMES && client.isOpen(); i++) {
            client.openAndReset(H2TestClient.get("/upload").method("POST"));
        }
        assertThat(client.goAwayCode.get(20, TimeUnit.SECONDS)).isEqualTo(Http2Error.ENHANCE_YOUR_CALM.code());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (client.isOpen() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(client.isOpen()).as("flooding connection closed").isFalse();
        try (H2TestClient other = new H2TestClient(server.port())) {
            assertThat(other.fetch(H2TestClient.get("/other")).status()).isEqualTo(200);
        }
    }

    @Test
    void headAndNoContentSendNoData() throws Exception {
        H2TestClient.Reply head = client.fetch(H2TestClient.get("/page").method("HEAD"));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.dataFrames()).isZero();
        assertThat(head.headers().get("content-length")).isNotNull();
    }

    @Test
    void anIdleConnectionIsClosedButNotWhileAStreamIsOpen() throws Exception {
        client.close();
        server.close();
        server = new GatewayServer(app, ServerConfig.builder().port(0).idleTimeout(java.time.Duration.ofMillis(200))
                .http2(Http2Settings.DEFAULTS.withCleartext(Http2Settings.Cleartext.PRIOR_KNOWLEDGE)).build()).start();
        client = new H2TestClient(server.port());
        CompletableFuture<H2TestClient.Reply> slow = client.send(H2TestClient.get("/slow"), null);
        assertThat(slowStarted.await(20, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(1000); // five idle timeouts: the open stream keeps the connection
        assertThat(client.isOpen()).isTrue();
        slowMayFinish.countDown();
        assertThat(slow.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (client.isOpen() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(client.isOpen()).as("closed once idle").isFalse();
    }

    @Test
    void aStalledRequestBodyIsAnswered408OnItsStreamOnly() throws Exception {
        client.close();
        server.close();
        server = new GatewayServer(app, ServerConfig.builder().port(0)
                .bodyReadTimeout(java.time.Duration.ofMillis(300))
                .http2(Http2Settings.DEFAULTS.withCleartext(Http2Settings.Cleartext.PRIOR_KNOWLEDGE)).build()).start();
        client = new H2TestClient(server.port());
        CompletableFuture<H2TestClient.Reply> stalled = client.send(H2TestClient.get("/echo").method("POST"),
                "part of a body".getBytes(StandardCharsets.US_ASCII), false);
        assertThat(stalled.get(20, TimeUnit.SECONDS).status()).isEqualTo(408);
        assertThat(client.fetch(H2TestClient.get("/next")).status()).isEqualTo(200);
    }

    @Test
    void aRequestBodyReachesTheApplication() throws Exception {
        Http2Headers post = H2TestClient.get("/post").method("POST");
        H2TestClient.Reply reply = client.send(post, "hello".getBytes(StandardCharsets.US_ASCII))
                .get(20, TimeUnit.SECONDS);
        assertThat(reply.body()).startsWith("HTTP/2.0 localhost http POST /post");
    }

    @Test
    void aLargeRequestBodyIsSpooledAndReadWhole() throws Exception {
        byte[] body = new byte[3 * 1024 * 1024]; // over inMemoryBodySize: RequestBodyStage spools it to a file
        new java.util.Random(7).nextBytes(body);
        H2TestClient.Reply reply = client.send(H2TestClient.get("/echo").method("POST"), body)
                .get(30, TimeUnit.SECONDS);
        assertThat(reply.body()).isEqualTo(body.length + " " + java.util.Arrays.hashCode(body));
    }

    @Test
    void aFileWrapperBodyIsSentAsDataFrames() throws Exception {
        H2TestClient.Reply reply = client.fetch(H2TestClient.get("/file"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).hasSize(100_003).endsWith("end");
    }

    @Test
    void http11StillServedOnTheSameListener() throws Exception {
        assertThat(http1Status("GET / HTTP/1.1\r\nHost: a.test\r\nConnection: close\r\n\r\n")).isEqualTo(200);
    }

    @Test
    void curlWithPriorKnowledge() throws Exception {
        Process curl = new ProcessBuilder("curl", "-sS", "-i", "--http2-prior-knowledge",
                "http://127.0.0.1:" + server.port() + "/curl?q=1").redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).startsWith("HTTP/2 200").endsWith("HTTP/2.0 127.0.0.1:" + server.port()
                + " http GET /curl?q=1 []");
    }

    @Test
    void expectContinueIsAnsweredWith100BeforeTheBodyIsSent() throws Exception {
        Process curl = new ProcessBuilder("curl", "-sS", "-v", "--http2-prior-knowledge", "-H",
                "Expect: 100-continue", "--data-binary", "hello", "http://127.0.0.1:" + server.port() + "/echo")
                .redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).containsSubsequence("< HTTP/2 100", "< HTTP/2 200", "5 " + java.util.Arrays.hashCode(
                "hello".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void earlyHintsAreAn103HeadersFrameBeforeTheResponse() throws Exception {
        Process curl = new ProcessBuilder("curl", "-sS", "-v", "--http2-prior-knowledge",
                "http://127.0.0.1:" + server.port() + "/hints").redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).containsSubsequence("< HTTP/2 103", "< link: </style.css>; rel=preload; as=style",
                "< HTTP/2 200", "HTTP/2.0 127.0.0.1:");
    }

    private static Http2Headers without(Http2Headers headers, String name) {
        headers.remove(name);
        return headers;
    }

    private int http1Status(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] line = new byte[12];
            int n = in.readNBytes(line, 0, 12);
            assertThat(n).isEqualTo(12);
            return Integer.parseInt(new String(line, 9, 3, StandardCharsets.US_ASCII));
        }
    }
}
