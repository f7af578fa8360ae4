package dev.wsgi4j.testing;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.WsgiInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The environ the test client builds must be the one a PEP 3333 server builds, key by key. */
class TestClientEnvironTest {

    private final TestClient client = new TestClient();

    /** The environ the app saw, plus the body it read from wsgi.input under the key "body". */
    private Map<String, Object> environFor(TestRequest.Builder request) throws Exception {
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        Application probe = (environ, start) -> {
            Map<String, Object> copy = new HashMap<>(environ);
            copy.put("body", new String(Environ.input(environ).readAllBytes(), StandardCharsets.ISO_8859_1));
            seen.set(copy);
            return ContractApps.ok("").call(environ, start);
        };
        assertThat(client.send(probe, request.build()).status()).isEqualTo(200);
        return seen.get();
    }

    @Test
    void getRequestHasEveryCgiKeyAndNoBodyKeys() throws Exception {
        Map<String, Object> env = environFor(TestRequest.get("/p/q?a=1&b=%20"));

        assertThat(env).containsEntry("REQUEST_METHOD", "GET")
                .containsEntry("SCRIPT_NAME", "")
                .containsEntry("PATH_INFO", "/p/q")
                .containsEntry("QUERY_STRING", "a=1&b=%20")
                .containsEntry("RAW_URI", "/p/q?a=1&b=%20")
                .containsEntry("SERVER_NAME", "localhost")
                .containsEntry("SERVER_PORT", "80")
                .containsEntry("SERVER_PROTOCOL", "HTTP/1.1")
                .containsEntry("HTTP_HOST", "localhost")
                .containsEntry("REMOTE_ADDR", "127.0.0.1")
                .containsEntry("REMOTE_PORT", Integer.toString(TestRequestHead.REMOTE_PORT))
                .containsEntry("body", "")
                .doesNotContainKeys("CONTENT_TYPE", "CONTENT_LENGTH");
    }

    @Test
    void wsgiKeysHaveTheirPep3333Values() throws Exception {
        Map<String, Object> env = environFor(TestRequest.get("/").scheme("https"));

        assertThat(env).containsEntry("wsgi.version", List.of(1, 0))
                .containsEntry("wsgi.url_scheme", "https")
                .containsEntry("wsgi.multithread", true)
                .containsEntry("wsgi.multiprocess", false)
                .containsEntry("wsgi.run_once", false)
                .containsEntry("wsgi.input_terminated", true)
                .containsEntry("SERVER_PORT", "443");
        assertThat(env.get("wsgi.version")).isSameAs(Environ.VERSION);
        assertThat(env.get("wsgi.input")).isInstanceOf(WsgiInput.class);
        assertThat(env.get("wsgi.errors")).isInstanceOf(PrintWriter.class);
        assertThat(env.get("wsgi.file_wrapper")).isInstanceOf(FileWrapper.Factory.class);
    }

    @Test
    void postBodyAndItsTypeAndLengthComeOnlyAsCgiKeys() throws Exception {
        Map<String, Object> env = environFor(TestRequest.post("/form", "a=1".getBytes(StandardCharsets.US_ASCII))
                .contentType("application/x-www-form-urlencoded"));

        assertThat(env).containsEntry("REQUEST_METHOD", "POST")
                .containsEntry("CONTENT_TYPE", "application/x-www-form-urlencoded")
                .containsEntry("CONTENT_LENGTH", "3")
                .containsEntry("body", "a=1")
                .doesNotContainKeys("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH");
    }

    @Test
    void bodyOfUnknownLengthIsReadWholeAndItsLengthIsContentLength() throws Exception {
        // A server de-chunks the body before the call and sets CONTENT_LENGTH to the decoded length (SPEC.md §3.3).
        byte[] bytes = "streamed body".getBytes(StandardCharsets.US_ASCII);
        Map<String, Object> env = environFor(TestRequest.request("PUT", "/up")
                .body(() -> new ByteArrayInputStream(bytes), -1));

        assertThat(env).containsEntry("body", "streamed body").containsEntry("CONTENT_LENGTH", "13");
    }

    @Test
    void anEmptyBodyOfUnknownLengthStillDeclaresABody() throws Exception {
        Map<String, Object> env = environFor(TestRequest.request("PUT", "/up")
                .body(InputStream::nullInputStream, -1));

        assertThat(env).containsEntry("body", "").containsEntry("CONTENT_LENGTH", "0");
    }

    @Test
    void aBodyOfUnknownLengthAboveTheSpoolThresholdGoesThroughATempFile() throws Exception {
        byte[] bytes = "x".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
        AtomicReference<String> seen = new AtomicReference<>();
        Application probe = (environ, start) -> {
            seen.set(environ.get("CONTENT_LENGTH") + ":" + Environ.input(environ).readAllBytes().length);
            return ContractApps.ok("").call(environ, start);
        };

        new TestClient().spoolThreshold(1024).send(probe, TestRequest.request("PUT", "/up")
                .body(() -> new ByteArrayInputStream(bytes), -1).build());

        assertThat(seen.get()).isEqualTo("10000:10000");
    }

    @Test
    void pathIsPercentDecodedToOneCharPerByte() throws Exception {
        Map<String, Object> env = environFor(TestRequest.get("/a%20b%C3%A9?q=%C3%A9"));

        assertThat(env).containsEntry("PATH_INFO", "/a b\u00C3\u00A9").containsEntry("QUERY_STRING", "q=%C3%A9");
        assertThat(Environ.decode((String) env.get("PATH_INFO"))).isEqualTo("/a b\u00E9");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/%", "/a%2", "/%zz", "/a%G0/b", "/%%41"})
    void malformedPercentEscapeGets400WithoutCallingTheApp(String target) throws Exception {
        AtomicBoolean called = new AtomicBoolean();
        Application app = (environ, start) -> {
            called.set(true);
            return ContractApps.ok("").call(environ, start);
        };

        TestResponse r = client.send(app, TestRequest.get(target).build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("percent-escape");
        assertThat(called).isFalse();
    }

    @Test
    void repeatedHeadersAreJoinedWithCommaSpace() throws Exception {
        Map<String, Object> env = environFor(TestRequest.get("/")
                .header("Accept", "text/html").header("X-Trace", "1").header("accept", "*/*"));

        assertThat(env).containsEntry("HTTP_ACCEPT", "text/html, */*").containsEntry("HTTP_X_TRACE", "1");
    }

    @Test
    void headerNamesWithUnderscoresAreDropped() throws Exception {
        Map<String, Object> env = environFor(TestRequest.get("/")
                .header("X-User", "alice").header("X_User", "mallory"));

        assertThat(env).containsEntry("HTTP_X_USER", "alice");
    }

    @Test
    void hostWithPortSetsServerNameAndPort() throws Exception {
        assertThat(environFor(TestRequest.get("/").host("example.com:8080")))
                .containsEntry("SERVER_NAME", "example.com").containsEntry("SERVER_PORT", "8080")
                .containsEntry("HTTP_HOST", "example.com:8080");
        assertThat(environFor(TestRequest.get("/").host("[::1]:9000")))
                .containsEntry("SERVER_NAME", "[::1]").containsEntry("SERVER_PORT", "9000");
        assertThat(environFor(TestRequest.get("/").host("[::1]")))
                .containsEntry("SERVER_NAME", "[::1]").containsEntry("SERVER_PORT", "80");
    }

    @Test
    void http10RequestReportsItsProtocol() throws Exception {
        assertThat(environFor(TestRequest.get("/").http10())).containsEntry("SERVER_PROTOCOL", "HTTP/1.0");
    }

    @Test
    void withoutHostServerNameIsLocalhostAndTheSchemesPort() throws Exception {
        assertThat(environFor(TestRequest.get("/").http10().noHost()))
                .containsEntry("SERVER_NAME", "localhost").containsEntry("SERVER_PORT", "80")
                .doesNotContainKey("HTTP_HOST");
    }

    @Test
    void anAbsoluteFormTargetsAuthorityWinsOverHost() throws Exception {
        assertThat(environFor(TestRequest.get("http://origin.example:8081/p%20q?x=1").host("other.example")))
                .containsEntry("SERVER_NAME", "origin.example").containsEntry("SERVER_PORT", "8081")
                .containsEntry("HTTP_HOST", "origin.example:8081").containsEntry("PATH_INFO", "/p q")
                .containsEntry("QUERY_STRING", "x=1").containsEntry("RAW_URI", "http://origin.example:8081/p%20q?x=1");
    }

    @Test
    void everyRequestGetsAFreshEnvironWhatEverTheLastAppDidToIts() throws Exception {
        List<Object> markersSeen = new java.util.ArrayList<>();
        Application mutating = (environ, start) -> {
            markersSeen.add(environ.get("app.marker"));
            environ.put("app.marker", "left by an earlier request");
            environ.put(Environ.PATH_INFO, "/changed");
            return ContractApps.ok(Environ.pathInfo(environ)).call(environ, start);
        };
        TestClient app = new TestClient(mutating);

        app.get("/first");
        app.get("/second");

        assertThat(markersSeen).containsExactly(null, null);
    }
}
