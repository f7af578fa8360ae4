package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.proxy.ProxySettings;
import dev.wsgi4j.netty.proxy.TrustedProxies;
import dev.wsgi4j.testing.ApplicationRunner;
import dev.wsgi4j.testing.TestClient;
import dev.wsgi4j.testing.TestRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One request gets one environ everywhere (SPEC.md §3): each request goes through the real server, over a socket,
 * and through the in-process {@link TestClient}, and the two environs an application saw are compared key by key.
 */
class EnvironParityTest {

    /** Keys whose values differ by nature, with the reason; every other key must be equal on both sides. */
    private static final Map<String, String> DIFFER_ALWAYS = Map.of(
            "REMOTE_PORT", "the server reports the client socket's ephemeral port, the TestClient a fixed one",
            "wsgi.input", "a stream per request (both WsgiInput, compared by type)",
            "wsgi.errors", "a writer per request (both PrintWriter, compared by type)",
            "wsgi.early_hints", "a callable per request, bound to its response (both EarlyHints, compared by type)",
            "wsgi4j.client_disconnected", "a signal per request, bound to its client (compared by type)");

    /** Only without Host: the server names its bound socket, the TestClient (no socket) localhost and port 80. */
    private static final Set<String> DIFFER_WITHOUT_HOST = Set.of("SERVER_NAME", "SERVER_PORT");

    private static NettyRunner server;
    private static final TestClient CLIENT = new TestClient();

    @BeforeAll
    static void start() throws InterruptedException {
        // The TestClient trusts no proxy, so neither does the server here: forwarding headers are compared as the
        // plain headers they are from an untrusted peer (ForwardedServerTest covers a trusted one).
        server = new NettyRunner(new ProxySettings(TrustedProxies.NOBODY, false));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> requests() {
        byte[] form = "a=1&b=%C3%A9".getBytes(StandardCharsets.US_ASCII);
        byte[] streamed = "streamed\nbody of unknown length".getBytes(StandardCharsets.US_ASCII);
        return Stream.of(
                Arguments.of("plain GET with query", TestRequest.get("/p/q?a=1&b=%20&c")),
                Arguments.of("percent-escapes in the path", TestRequest.get("/a%20b%C3%A9+c%2Fd%00?x=%C3%A9+y")),
                Arguments.of("repeated headers and Cookie lines", TestRequest.get("/")
                        .header("Accept", "text/html").header("X-Forwarded-For", "1.1.1.1")
                        .header("Cookie", "a=1").header("accept", "*/*").header("X-Forwarded-For", "2.2.2.2")
                        .header("cookie", "b=2").header("X_Forwarded_For", "6.6.6.6")
                        .header("X-Latin1", "caf\u00c3\u00a9")),
                Arguments.of("Host with port", TestRequest.get("/").host("example.com:8080")),
                Arguments.of("IPv6 host with port", TestRequest.get("/").host("[2001:db8::1]:8443")),
                Arguments.of("IPv6 host without port", TestRequest.get("/").host("[::1]")),
                Arguments.of("absolute-form target", TestRequest.get("http://origin.example:8081/p%20q?x=1")
                        .host("other.example")),
                Arguments.of("POST with Content-Length", TestRequest.post("/form", form)
                        .contentType("application/x-www-form-urlencoded")),
                Arguments.of("chunked POST", TestRequest.request("POST", "/up").contentType("text/plain")
                        .body(() -> new ByteArrayInputStream(streamed), -1)),
                Arguments.of("empty chunked POST", TestRequest.request("POST", "/up")
                        .body(java.io.InputStream::nullInputStream, -1)),
                Arguments.of("HEAD", TestRequest.request("HEAD", "/h?x=1")),
                Arguments.of("HTTP/1.0 without Host", TestRequest.get("/old").http10().noHost()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void theServerAndTheTestClientBuildTheSameEnviron(String name, TestRequest.Builder request) throws Exception {
        // Both sides get the same Connection header: the socket runner would otherwise add its own.
        TestRequest sent = request.header("Connection", "close").build();

        Seen onServer = seenThrough(server, sent);
        Seen inProcess = seenThrough(CLIENT, sent);

        Set<String> differ = new TreeSet<>(DIFFER_ALWAYS.keySet());
        if (sent.host() == null) {
            differ.addAll(DIFFER_WITHOUT_HOST);
        }
        assertThat(inProcess.environ.keySet()).as("keys").isEqualTo(onServer.environ.keySet());
        for (String key : onServer.environ.keySet()) {
            Object there = onServer.environ.get(key);
            Object here = inProcess.environ.get(key);
            if (differ.contains(key)) {
                assertThat(here).as(key).isNotNull().hasSameClassAs(there);
            } else {
                assertThat(here).as(key).isEqualTo(there);
            }
        }
        assertThat(inProcess.body).as("body read from wsgi.input").isEqualTo(onServer.body);
    }

    /** What the application saw: a copy of its environ and the body it read. */
    private record Seen(Map<String, Object> environ, String body) {
    }

    private static Seen seenThrough(ApplicationRunner runner, TestRequest request) throws Exception {
        AtomicReference<Seen> seen = new AtomicReference<>();
        Application capture = (environ, start) -> {
            String body = new String(Environ.input(environ).readAllBytes(), StandardCharsets.ISO_8859_1);
            seen.set(new Seen(new HashMap<>(environ), body));
            start.start("200 OK", List.of(new Header("Content-Length", "2")));
            return List.of("ok".getBytes(StandardCharsets.US_ASCII));
        };

        assertThat(runner.send(capture, request).status()).isEqualTo(200);
        assertThat(seen.get()).as("the application was called").isNotNull();
        return seen.get();
    }
}
