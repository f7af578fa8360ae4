package dev.wsgi4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironTest {

    private final Map<String, Object> environ = new HashMap<>();

    @Test
    void accessorsFallBackToCgiDefaultsWhenKeysAreAbsent() {
        assertThat(Environ.method(environ)).isEqualTo("GET");
        assertThat(Environ.scriptName(environ)).isEmpty();
        assertThat(Environ.pathInfo(environ)).isEmpty();
        assertThat(Environ.queryString(environ)).isEmpty();
        assertThat(Environ.contentType(environ)).isEmpty();
        assertThat(Environ.contentLength(environ)).isEqualTo(-1);
        assertThat(Environ.urlScheme(environ)).isEqualTo("http");
        assertThat(Environ.errors(environ)).isNull();
    }

    @Test
    void accessorsReturnThePresentValues() {
        environ.putAll(Map.of(Environ.REQUEST_METHOD, "PATCH", Environ.SCRIPT_NAME, "/app", Environ.PATH_INFO, "/x",
                Environ.QUERY_STRING, "a=1", Environ.CONTENT_TYPE, "text/plain", Environ.WSGI_URL_SCHEME, "https"));

        assertThat(Environ.method(environ)).isEqualTo("PATCH");
        assertThat(Environ.scriptName(environ)).isEqualTo("/app");
        assertThat(Environ.pathInfo(environ)).isEqualTo("/x");
        assertThat(Environ.queryString(environ)).isEqualTo("a=1");
        assertThat(Environ.contentType(environ)).isEqualTo("text/plain");
        assertThat(Environ.urlScheme(environ)).isEqualTo("https");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0|0", "42|42", "' 7 '|7", "''|-1", "abc|-1", "-5|-1", "+5|-1", "12x|-1", "\u0665|-1",
            "99999999999999999999|-1", "9223372036854775807|9223372036854775807"})
    void contentLengthParsesDigitsAndTreatsAnythingElseAsUnknown(String value, long expected) {
        environ.put(Environ.CONTENT_LENGTH, value);

        assertThat(Environ.contentLength(environ)).isEqualTo(expected);
    }

    @Test
    void headerLooksUpHttpKeysInAnySpelling() {
        environ.put("HTTP_X_REQUEST_ID", "abc");
        environ.put("HTTP_HOST", "example.org");

        assertThat(Environ.header(environ, "X-Request-Id")).isEqualTo("abc");
        assertThat(Environ.header(environ, "x_request_id")).isEqualTo("abc");
        assertThat(Environ.header(environ, "host")).isEqualTo("example.org");
        assertThat(Environ.header(environ, "X-Missing")).isNull();
    }

    @Test
    void contentTypeAndContentLengthHeadersLiveWithoutTheHttpPrefix() {
        environ.put(Environ.CONTENT_TYPE, "application/json");
        environ.put(Environ.CONTENT_LENGTH, "12");
        environ.put("HTTP_CONTENT_TYPE", "must not be read");

        assertThat(Environ.header(environ, "Content-Type")).isEqualTo("application/json");
        assertThat(Environ.header(environ, "content-length")).isEqualTo("12");
    }

    @Test
    void inputDefaultsToAnEmptyStream() throws IOException {
        assertThat(Environ.input(environ).read()).isEqualTo(-1);

        WsgiInput body = WsgiInput.of(new byte[] {5});
        environ.put(Environ.WSGI_INPUT, body);
        assertThat(Environ.input(environ)).isSameAs(body);
    }

    @Test
    void errorsAndFileWrapperComeFromEnvironWhenPresent() throws IOException {
        PrintWriter errors = new PrintWriter(new StringWriter());
        FileWrapper.Factory factory = (in, size) -> FileWrapper.of(in, 1);
        environ.put(Environ.WSGI_ERRORS, errors);
        environ.put(Environ.WSGI_FILE_WRAPPER, factory);

        assertThat(Environ.errors(environ)).isSameAs(errors);
        assertThat(Environ.fileWrapper(environ)).isSameAs(factory);
        assertThat(Environ.fileWrapper(new HashMap<>()).wrap(new ByteArrayInputStream(new byte[2]), 7).blockSize())
                .isEqualTo(7);
    }

    @Test
    void decodeReadsCgiBytesAsUtf8AndEncodeIsItsInverse() {
        String cgi = "/caf\u00c3\u00a9/\u00e2\u0082\u00ac";

        assertThat(Environ.decode(cgi)).isEqualTo("/caf\u00e9/\u20ac");
        assertThat(Environ.encode("/caf\u00e9/\u20ac")).isEqualTo(cgi);
    }

    @Test
    void versionIsOneZero() {
        assertThat(Environ.VERSION).containsExactly(1, 0);
    }
}
