package dev.wsgi4j.http;

import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponsesTest {

    private static byte[] concat(Iterable<byte[]> body) {
        List<byte[]> chunks = new ArrayList<>();
        body.forEach(chunks::add);
        return chunks.stream().reduce(new byte[0], (a, b) -> {
            byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        });
    }

    @Test
    void textSendsUtf8WithTheByteCountAsContentLength() {
        TestEnviron.Recorder sr = new TestEnviron.Recorder();
        byte[] body = concat(Responses.text("héllo ✓").send(sr));
        assertThat(sr.status).isEqualTo("200 OK");
        assertThat(sr.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(sr.header("Content-Length")).isEqualTo("10");
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("héllo ✓");
        assertThat(sr.calls).isEqualTo(1);
    }

    @Test
    void htmlJsonAndBytesCarryTheirContentTypes() {
        assertThat(Responses.html("<p>").header("content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(Responses.json("{}").header("Content-Type")).isEqualTo("application/json");
        Response png = Responses.bytes(new byte[] {1, 2, 3}, "image/png");
        assertThat(png.header("Content-Type")).isEqualTo("image/png");
        assertThat(png.body()).containsExactly(1, 2, 3);
    }

    @Test
    void isImmutableWhateverTheCallerDoesWithArrays() {
        byte[] data = {1, 2};
        Response r = Responses.bytes(data, "application/octet-stream");
        data[0] = 9;
        r.body()[1] = 9;
        assertThat(r.body()).containsExactly(1, 2);
        Response withHeader = r.withHeader("X-A", "1");
        assertThat(r.headers()).hasSize(1);
        assertThat(withHeader.headers()).hasSize(2);
    }

    @Test
    void withHeaderKeepsRepeatedHeadersInOrder() {
        TestEnviron.Recorder sr = new TestEnviron.Recorder();
        Responses.text("x").withHeader("Set-Cookie", "a=1").withHeader("Set-Cookie", "b=2").send(sr);
        assertThat(sr.headers).extracting(Header::toString)
                .containsExactly("Content-Type: text/plain; charset=utf-8", "Set-Cookie: a=1", "Set-Cookie: b=2",
                        "Content-Length: 1");
    }

    @Test
    void refusesACallerSuppliedContentLength() {
        assertThatThrownBy(() -> Responses.text("x").withHeader("content-length", "5"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusAloneGivesAShortTextBodyWithTheReason() {
        TestEnviron.Recorder sr = new TestEnviron.Recorder();
        byte[] body = concat(Responses.status(503).send(sr));
        assertThat(sr.status).isEqualTo("503 Service Unavailable");
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("503 Service Unavailable\n");
        assertThat(Responses.status(418, "teapot").status()).isEqualTo("418 Client Error");
    }

    @ParameterizedTest
    @ValueSource(ints = {204, 304})
    void bodilessStatusesSendNeitherBodyNorContentLength(int code) {
        TestEnviron.Recorder sr = new TestEnviron.Recorder();
        Iterable<byte[]> body = Responses.status(code).send(sr);
        assertThat(body).isEmpty();
        assertThat(sr.headers).isEmpty();
        assertThatThrownBy(() -> Responses.text("x").withStatus(code)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesStatusCodesOutsideTheApplicationRange() {
        assertThatThrownBy(() -> Responses.status(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Responses.status(600)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void notFoundNamesTheDecodedPathEscaped() {
        Map<String, Object> env = TestEnviron.get("/app", "/<script>caf\u00c3\u00a9", "");
        TestEnviron.Recorder sr = new TestEnviron.Recorder();
        String page = new String(concat(Responses.notFound(env).send(sr)), StandardCharsets.UTF_8);
        assertThat(sr.status).isEqualTo("404 Not Found");
        assertThat(sr.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page).contains("/app/&lt;script&gt;café").doesNotContain("<script>");
        assertThat(sr.header("Content-Length")).isEqualTo(Integer.toString(page.getBytes(StandardCharsets.UTF_8).length));
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void redirectsToAnAbsoluteLocation(int code) {
        Map<String, Object> env = TestEnviron.get("/app", "/users/7/edit", "");
        env.put(Environ.HTTP_HOST, "shop.test:8443");
        env.put(Environ.WSGI_URL_SCHEME, "https");
        TestEnviron.Recorder sr = new TestEnviron.Recorder();
        String page = new String(concat(Responses.redirect(env, "../8?tab=a&b", code).send(sr)),
                StandardCharsets.UTF_8);
        assertThat(sr.status).startsWith(code + " ");
        assertThat(sr.header("Location")).isEqualTo("https://shop.test:8443/app/users/8?tab=a&b");
        assertThat(page).contains("href=\"https://shop.test:8443/app/users/8?tab=a&amp;b\"");
    }

    @Test
    void redirectQuotesARelativeLocationsUnsafeCharactersAndKeepsItsEscapes() {
        Map<String, Object> env = TestEnviron.get("", "/form", "");
        TestEnviron.Recorder sr = new TestEnviron.Recorder();
        Responses.redirect(env, "/search?q=caf\u00e9 au lait&x=50%25#top", 303).send(sr);
        assertThat(sr.header("Location")).isEqualTo("http://example.org/search?q=caf%C3%A9%20au%20lait&x=50%25#top");
        assertThat(Responses.redirect(env, "r\u00e9sum\u00e9 100%.pdf", 302).header("Location"))
                .isEqualTo("http://example.org/r%C3%A9sum%C3%A9%20100%25.pdf");
        assertThat(Responses.redirect(env, "a<b>{c}|d\"e\\f^g`h[i]#j#k", 302).header("Location"))
                .isEqualTo("http://example.org/a%3Cb%3E%7Bc%7D%7Cd%22e%5Cf%5Eg%60h%5Bi%5D#j%23k");
    }

    @Test
    void redirectUsesAnAbsoluteLocationOnTheRequestsOwnHostAsGivenAndRefusesAnInvalidOne() {
        Map<String, Object> env = TestEnviron.get("", "/", "");
        assertThat(Responses.redirect(env, "https://example.org/a%20b?q=1", 302).header("Location"))
                .as("another scheme on the same host").isEqualTo("https://example.org/a%20b?q=1");
        assertThat(Responses.redirect(env, "//EXAMPLE.org:8443/x", 302).header("Location"))
                .isEqualTo("http://EXAMPLE.org:8443/x");
        assertThatThrownBy(() -> Responses.redirect(env, "https://example.org/a b", 302))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** An open redirect: {@code ?next=https://evil.example/} must not send the client elsewhere unasked. */
    @Test
    void redirectRefusesAnotherHostAndExternalRedirectIsForTheOnesMeant() {
        Map<String, Object> env = TestEnviron.get("", "/", "");
        for (String elsewhere : List.of("https://other.test/a", "//other.test/a", "http://example.org.evil.test/",
                "mailto:a@example.org")) {
            assertThatThrownBy(() -> Responses.redirect(env, elsewhere, 302)).as(elsewhere)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("externalRedirect");
        }
        assertThat(Responses.externalRedirect("https://other.test/a%20b?q=1", 303).header("Location"))
                .isEqualTo("https://other.test/a%20b?q=1");
        assertThatThrownBy(() -> Responses.externalRedirect("/local", 302))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Responses.externalRedirect("https://other.test/a", 200))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 300, 304, 305, 404})
    void refusesCodesThatAreNotRedirects(int code) {
        Map<String, Object> env = TestEnviron.get("", "/", "");
        assertThatThrownBy(() -> Responses.redirect(env, "/x", code)).isInstanceOf(IllegalArgumentException.class);
    }
}
