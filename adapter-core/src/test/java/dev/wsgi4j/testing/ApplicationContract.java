package dev.wsgi4j.testing;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.Header;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.http.BadRequestException;
import dev.wsgi4j.middleware.UrlMap;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static dev.wsgi4j.testing.ContractApps.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user of any wsgi4j server sees, as one suite every server runs: subclass it, return a runner for the
 * server, and the server must answer exactly as the in-process {@link TestClient} does (http4k's ServerContract).
 * Runners must not enable debug mode: 500 answers are checked to be generic. The body-path cases live in
 * {@link ResponseBodyContract}, split off only to keep each file readable; subclass this class to run both.
 */
public abstract class ApplicationContract extends ResponseBodyContract {

    @Test
    void helloWorldAnswers200WithItsBodyAndContentLength() throws Exception {
        TestResponse r = send(ok("Hello, world!"), TestRequest.get("/"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("Hello, world!");
        assertThat(r.header("Content-Length")).isEqualTo("13");
        assertThat(r.header("content-type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void headGetsTheSameHeadersAsGetAndNoBody() throws Exception {
        TestResponse get = send(ok("Hello, world!"), TestRequest.get("/"));
        TestResponse head = send(ok("Hello, world!"), TestRequest.request("HEAD", "/"));

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length")).isEqualTo("13");
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
        assertThat(head.body()).isEmpty();
        assertThat(head.truncated()).isFalse();
    }

    @Test
    void urlMapAnswers404ForAPathNothingIsMountedAt() throws Exception {
        Application site = UrlMap.builder().mount("/app", ok("app")).build();

        TestResponse r = send(site, TestRequest.get("/apple"));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.text()).contains("/apple");
    }

    @Test
    void postedMebibyteIsEchoedThroughWsgiInput() throws Exception {
        byte[] payload = new byte[1024 * 1024];
        new Random(42).nextBytes(payload);
        Application echo = (environ, start) -> {
            byte[] body = Environ.input(environ).readAllBytes();
            start.start("200 OK", List.of(new Header("Content-Type", "application/octet-stream")));
            return List.of(body);
        };

        TestResponse r = send(echo, TestRequest.post("/echo", payload));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(payload.length));
        assertThat(r.body()).isEqualTo(payload);
    }

    @Test
    void environHoldsTheCgiAndWsgiKeysWithTheirTypes() throws Exception {
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        Application probe = (environ, start) -> {
            seen.set(new HashMap<>(environ));
            return ok("probed").call(environ, start);
        };

        send(probe, TestRequest.get("/a%20b%C3%A9?x=%20&y=1").header("X-Custom", "yes"));

        Map<String, Object> env = seen.get();
        assertThat(env).containsEntry("REQUEST_METHOD", "GET")
                .containsEntry("SCRIPT_NAME", "")
                .containsEntry("PATH_INFO", "/a b\u00C3\u00A9")
                .containsEntry("QUERY_STRING", "x=%20&y=1")
                .containsEntry("SERVER_PROTOCOL", "HTTP/1.1")
                .containsEntry("HTTP_X_CUSTOM", "yes")
                .containsEntry("wsgi.version", List.of(1, 0))
                .containsEntry("wsgi.url_scheme", "http")
                .containsEntry("wsgi.run_once", false)
                .doesNotContainKeys("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH");
        assertThat(env.get("SERVER_NAME")).isInstanceOf(String.class).asString().isNotEmpty();
        assertThat(env.get("SERVER_PORT")).isInstanceOf(String.class).asString().containsOnlyDigits();
        assertThat(env.get("wsgi.input")).isInstanceOf(WsgiInput.class);
        assertThat(env.get("wsgi.errors")).isInstanceOf(PrintWriter.class);
        assertThat(env.get("wsgi.multithread")).isInstanceOf(Boolean.class);
        assertThat(env.get("wsgi.multiprocess")).isInstanceOf(Boolean.class);
        assertThat(env.get("wsgi.file_wrapper")).isInstanceOf(FileWrapper.Factory.class);
    }

    @Test
    void appThrowingBeforeStartResponseGetsAGeneric500() throws Exception {
        Application broken = (environ, start) -> {
            throw new IllegalStateException("secret internals");
        };

        TestResponse r = send(broken, TestRequest.get("/"));

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).contains("500").doesNotContain("secret").doesNotContain("at dev.wsgi4j");
    }

    @Test
    void gatewayExceptionAnswersWithItsOwnStatus() throws Exception {
        Application picky = (environ, start) -> {
            throw new BadRequestException("the form is malformed");
        };

        TestResponse r = send(picky, TestRequest.get("/"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("the form is malformed");
    }

    @Test
    void gatewayExceptionServesAsAbortWithItsHeaders() throws Exception {
        Application guarded = (environ, start) -> {
            throw new dev.wsgi4j.http.GatewayException(401, "log in first",
                    List.of(Header.of("WWW-Authenticate", "Basic realm=\"wsgi4j\"")));
        };

        TestResponse r = send(guarded, TestRequest.get("/"));

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"wsgi4j\"");
        assertThat(r.text()).contains("log in first");
    }

    @Test
    void excInfoBeforeTheHeadersWentOutReplacesTheStatus() throws Exception {
        Application recovering = (environ, start) -> {
            start.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
            try {
                throw new IllegalStateException("render failed");
            } catch (IllegalStateException e) {
                start.start("503 Service Unavailable", List.of(new Header("Content-Type", "text/plain")), e);
                return List.of("try later".getBytes(StandardCharsets.UTF_8));
            }
        };

        TestResponse r = send(recovering, TestRequest.get("/"));

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.text()).isEqualTo("try later");
    }

    @Test
    void urlMapShiftsThePrefixFromPathInfoToScriptName() throws Exception {
        Application echoPaths = (environ, start) ->
                ok(Environ.scriptName(environ) + "|" + Environ.pathInfo(environ)).call(environ, start);
        Application site = UrlMap.builder().mount("/app", echoPaths).build();

        assertThat(send(site, TestRequest.get("/app/x/y")).text()).isEqualTo("/app|/x/y");
        assertThat(send(site, TestRequest.get("/app")).text()).isEqualTo("/app|");
    }

    @Test
    void latin1HeaderValuesRoundTrip() throws Exception {
        Application echoHeader = (environ, start) -> {
            start.start("200 OK", List.of(new Header("Content-Type", "text/plain"),
                    new Header("X-Echo", Environ.header(environ, "X-Name"))));
            return List.of();
        };

        TestResponse r = send(echoHeader, TestRequest.get("/").header("X-Name", "caf\u00E9"));

        assertThat(r.header("X-Echo")).isEqualTo("caf\u00E9");
    }

    @Test
    void headerValueWithCrLfFromTheAppGets500() throws Exception {
        Application injecting = (environ, start) -> {
            start.start("200 OK", List.of(new Header("X-Injected", "a\r\nSet-Cookie: evil=1")));
            return List.of("never".getBytes(StandardCharsets.UTF_8));
        };

        TestResponse r = send(injecting, TestRequest.get("/"));

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.header("Set-Cookie")).isNull();
        assertThat(r.header("X-Injected")).isNull();
        assertThat(r.text()).doesNotContain("never");
    }
}
