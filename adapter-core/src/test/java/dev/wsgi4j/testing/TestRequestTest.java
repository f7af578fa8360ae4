package dev.wsgi4j.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A TestRequest describes a request any runner can send; framing is derived, never set by hand. */
class TestRequestTest {

    @Test
    void defaultsAreAPlainHttp11GetToLocalhostWithoutBody() {
        TestRequest r = TestRequest.get("/x?y=1").build();

        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.target()).isEqualTo("/x?y=1");
        assertThat(r.scheme()).isEqualTo("http");
        assertThat(r.host()).isEqualTo("localhost");
        assertThat(r.protocol()).isEqualTo("HTTP/1.1");
        assertThat(r.bodyLength()).isZero();
        assertThat(r.headers()).isEmpty();
    }

    @Test
    void bodyCanBeOpenedAgainForEverySend() throws Exception {
        TestRequest r = TestRequest.post("/", "abc".getBytes(StandardCharsets.US_ASCII)).build();

        try (InputStream first = r.openBody(); InputStream second = r.openBody()) {
            assertThat(first.readAllBytes()).isEqualTo(second.readAllBytes()).hasSize(3);
        }
    }

    @Test
    void contentTypeReplacesAnEarlierOne() {
        TestRequest r = TestRequest.get("/").contentType("text/plain").contentType("text/html").build();

        assertThat(r.headers()).singleElement().hasToString("Content-Type: text/html");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Host", "content-length", "Transfer-Encoding"})
    void framingHeadersCannotBeSetByHand(String name) {
        assertThatThrownBy(() -> TestRequest.get("/").header(name, "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "relative", "/with space", "/caf\u00E9", "/frag#ment", "ftp://h/x", "http://u@h/x",
            "http:///x", "http://h/a b", "*", "h:80"})
    void targetMustBeAnEncodedOriginOrAbsoluteForm(String target) {
        assertThatThrownBy(() -> TestRequest.get(target).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"http://h/x?y=1", "https://[::1]:8443/", "HTTP://h"})
    void anAbsoluteFormTargetIsSentAsIs(String target) {
        assertThat(TestRequest.get(target).build().target()).isEqualTo(target);
    }

    @Test
    void onlyAnHttp10RequestMayLeaveHostOut() {
        assertThat(TestRequest.get("/").http10().noHost().build().host()).isNull();
        assertThatThrownBy(() -> TestRequest.get("/").noHost().build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void methodMustBeAToken() {
        assertThatThrownBy(() -> TestRequest.request("GE T", "/").build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
