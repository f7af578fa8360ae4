package dev.wsgi4j.gateway;

import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.http.BadRequestException;
import dev.wsgi4j.http.GatewayException;
import dev.wsgi4j.http.PayloadTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ErrorOutputTest {

    private final ErrorOutput production = new ErrorOutput(false);

    private static String text(ErrorOutput.Response response) {
        StringBuilder out = new StringBuilder();
        response.chunks().forEach(c -> out.append(new String(c, StandardCharsets.UTF_8)));
        return out.toString();
    }

    @Test
    void aClientErrorCarriesItsMessageAndAnAccurateContentLength() {
        ErrorOutput.Response r = production.render(new BadRequestException("bad escape %zz"), false);

        assertThat(r.head().status().code()).isEqualTo(400);
        assertThat(text(r)).contains("400 Bad Request", "bad escape %zz");
        int bytes = r.chunks().stream().mapToInt(c -> c.length).sum();
        assertThat(r.head().header("Content-Length")).isEqualTo(Integer.toString(bytes));
        assertThat(r.head().contentLength()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"401,Unauthorized", "403,Forbidden", "409,Conflict", "410,Gone",
            "422,Unprocessable Content", "429,Too Many Requests", "503,Service Unavailable"})
    void aGatewayExceptionIsAnsweredWithItsStandardReasonPhrase(int code, String reason) {
        ErrorOutput.Response r = production.render(new GatewayException(code, "no"), false);

        assertThat(r.head().status().code()).isEqualTo(code);
        assertThat(r.head().status().reason()).isEqualTo(reason);
        assertThat(text(r)).startsWith(code + " " + reason + "\n");
    }

    @Test
    void aGatewayExceptionsHeadersArePartOfTheAnswerEvenForHead() {
        GatewayException e = new GatewayException(405, "use POST", List.of(Header.of("Allow", "POST, OPTIONS")));
        for (boolean head : new boolean[] {false, true}) {
            ErrorOutput.Response r = production.render(e, head);

            assertThat(r.head().status().toString()).isEqualTo("405 Method Not Allowed");
            assertThat(r.head().header("Allow")).isEqualTo("POST, OPTIONS");
            assertThat(r.head().header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        }
        ErrorOutput.Response busy = production.render(new GatewayException(503, "later",
                List.of(Header.of("Retry-After", "120"))), false);
        assertThat(busy.head().header("Retry-After")).isEqualTo("120");
    }

    @Test
    void aGatewayExceptionRefusesHeadersThatWouldBreakTheAnswer() {
        assertThatIllegalArgumentException().isThrownBy(() -> new GatewayException(401, "x",
                List.of(Header.of("WWW-Authenticate", "Basic\r\nSet-Cookie: a=b"))));
        assertThatIllegalArgumentException().isThrownBy(() -> new GatewayException(401, "x",
                List.of(Header.of("Connection", "close")))).withMessageContaining("hop-by-hop");
        assertThatIllegalArgumentException().isThrownBy(() -> new GatewayException(401, "x",
                List.of(Header.of("Content-Length", "0")))).withMessageContaining("Content-Length");
    }

    @Test
    void theServersOwnAnswerNamesItsStatusInTheBody() {
        ErrorOutput.Response r = ErrorOutput.status(431, false);

        assertThat(r.head().status()).hasToString("431 Request Header Fields Too Large");
        assertThat(text(r)).isEqualTo("431 Request Header Fields Too Large\n");
        assertThat(ErrorOutput.status(431, true).chunks()).isEmpty();
    }

    @Test
    void omittingTheBodyKeepsTheLengthOfTheBodyThatWouldHaveBeenSent() {
        ErrorOutput.Response full = production.render(new PayloadTooLargeException("too big"), false);
        ErrorOutput.Response head = production.render(new PayloadTooLargeException("too big"), true);

        assertThat(head.chunks()).isEmpty();
        assertThat(head.head().omitBody()).isTrue();
        assertThat(head.head().header("Content-Length")).isEqualTo(full.head().header("Content-Length"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 99, 100, 200, 302, 600, -1})
    void aGatewayExceptionWithANonErrorStatusBecomesA500(int status) {
        ErrorOutput.Response r = production.render(new GatewayException(status, "odd"), false);

        assertThat(r.head().status().code()).isEqualTo(500);
    }

    @Test
    void aGatewayExceptionWithNullMessageDoesNotPrintNull() {
        ErrorOutput.Response r = production.render(new GatewayException(404, null), false);

        assertThat(r.head().status().code()).isEqualTo(404);
        assertThat(text(r)).isEqualTo("404 Not Found\n");
    }

    @Test
    void nonAsciiMessagesAreSentAsUtf8() {
        ErrorOutput.Response r = production.render(new BadRequestException("caf\u00e9 \u20ac"), false);

        assertThat(text(r)).contains("caf\u00e9 \u20ac");
        assertThat(r.head().header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void theRequestLinePrefersTheRawUriAndEscapesControlCharacters() {
        assertThat(RequestLine.of(Map.of(Environ.REQUEST_METHOD, "POST", Environ.RAW_URI, "/a%20b?x=1\r\n")).toString())
                .isEqualTo("POST \"/a%20b?x=1\\u000d\\u000a\"");
        assertThat(RequestLine.of(Map.of(Environ.REQUEST_METHOD, "GET", Environ.SCRIPT_NAME, "/app",
                Environ.PATH_INFO, "/x", Environ.QUERY_STRING, "q=1")).toString()).isEqualTo("GET \"/app/x?q=1\"");
        assertThat(RequestLine.of(Map.of()).toString()).isEqualTo("GET \"\"");
    }

    @Test
    void closeQuietlySwallowsFailuresAndIgnoresPlainIterables() {
        int[] closes = {0};
        AutoCloseable failing = () -> {
            closes[0]++;
            throw new Exception("nope");
        };

        GatewayCall.closeQuietly(failing, "GET /");
        GatewayCall.closeQuietly(new Object(), "GET /");
        GatewayCall.closeQuietly(null, "GET /");

        assertThat(closes[0]).isEqualTo(1);
    }
}
