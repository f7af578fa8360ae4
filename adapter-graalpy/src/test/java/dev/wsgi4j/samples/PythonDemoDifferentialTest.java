package dev.wsgi4j.samples;

import dev.wsgi4j.graalpy.PythonApplication;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.testing.MultipartBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.wsgi4j.samples.DemoContract.awaitEmpty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Python demo ({@code sample-apps/python/demo.py}) served twice, by gunicorn (Debian's 20.1 on CPython, its sync
 * worker) and by wsgi4j through GraalPy, sent the same requests over HTTP and compared, so that whatever the
 * contract does not pin down still answers alike: the status, the headers the application sets (Content-Type,
 * Content-Length when present, Location, Allow, ETag, Last-Modified, Accept-Ranges, Content-Range, Set-Cookie,
 * Cache-Control) and the body, each server's own origin ({@code http://127.0.0.1:port}) read as the same.
 *
 * <p>What comes from the server rather than the application is compared by what the user sees, or not at all:
 * Date, Server, Connection and Transfer-Encoding are not compared (gunicorn closes every connection; chunked or not
 * is each server's choice); a streamed body is compared decoded; an application that raises before its head is
 * compared by status alone (each server has a 500 page of its own), one that raises after its first block by both
 * cutting the response short; /environ by the keys that describe the request, not the server (SERVER_SOFTWARE,
 * REMOTE_PORT, wsgi.multithread); /echo of a chunked request body without the Content-Length it passes on, which
 * only wsgi4j's environ has. After every request neither server's temp directory holds a file.
 *
 * <p>Needs {@code /usr/bin/gunicorn} (Debian's package gunicorn, which .ci/run installs): missing, the test fails
 * under CI (the environment variable CI is set) and is skipped elsewhere.
 */
class PythonDemoDifferentialTest {

    @TempDir
    static Path temp;

    private static GunicornProcess gunicorn;
    private static PythonApplication python;
    private static GatewayServer wsgi4j;
    private static ExchangeClient client;
    private static Path gunicornTemp;
    private static Path wsgi4jTemp;

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    static void start() throws Exception {
        gunicornTemp = Files.createDirectory(temp.resolve("gunicorn"));
        wsgi4jTemp = Files.createDirectory(temp.resolve("wsgi4j"));
        gunicorn = GunicornProcess.start(PythonDemo.sources(), "demo:application",
                Map.of("DEMO_TEMP_DIR", gunicornTemp.toString()), temp.resolve("gunicorn.log"));
        python = PythonDemo.load();
        wsgi4j = new GatewayServer(PythonDemo.keepingTempFilesIn(python, wsgi4jTemp),
                ServerConfig.builder().host("127.0.0.1").port(0).build()).start();
        client = new ExchangeClient();
    }

    @AfterAll
    static void stop() {
        if (gunicorn != null) {
            gunicorn.close();
        }
        if (wsgi4j != null) {
            wsgi4j.stop(java.time.Duration.ofSeconds(2));
        }
        if (python != null) {
            python.close();
        }
    }

    @AfterEach
    void neitherServerKeepsATempFile() throws Exception {
        awaitEmpty(gunicornTemp);
        awaitEmpty(wsgi4jTemp);
    }

    static Stream<Exchange> sameAnswer() {
        byte[] random = new byte[300_001];
        new Random(13).nextBytes(random);
        MultipartBody upload = new MultipartBody("differentialBoundary")
                .field("note", "first & \"quoted\"")
                .file("file", "a.txt", "text/plain", "hello\n".getBytes(StandardCharsets.UTF_8))
                .file("file", "ü.bin", "application/octet-stream", new byte[0]);
        MultipartBody large = new MultipartBody("differentialBoundary").file("file", "x.bin", "text/plain",
                new byte[5000]);
        byte[] cut = java.util.Arrays.copyOf(large.build(), large.build().length - 100);
        return Stream.of(
                Exchange.get("/"),
                Exchange.get("/").method("HEAD"),
                Exchange.get("/").method("DELETE"),
                Exchange.get("/hello/w%C3%B6rld/and%20more"),
                Exchange.get("/hellothere"),
                Exchange.get("/write/x"),
                Exchange.get("/no/%3Cscript%3E"),
                Exchange.get("/process_form?name=Ada&message=%3Cb%3Ehi%3C%2Fb%3E&name=Gr%C3%A2ce"),
                Exchange.get("/process_form?name=%FF"),
                Exchange.get("/stream?chunks=1e3"),
                Exchange.post("/process_form", "application/x-www-form-urlencoded", "name=Zo%C3%AB&message=a%2Bb"),
                Exchange.post("/process_form", "text/plain", "name=ignored"),
                Exchange.get("/process_form").method("PUT"),
                Exchange.get("/echo").method("OPTIONS"),
                Exchange.get("/echo"),
                Exchange.post("/echo", "application/x-demo; v=1", random),
                Exchange.post("/echo", "text/plain", random).chunked(),
                Exchange.post("/flash", "application/x-www-form-urlencoded", "message=Saved+%3Cb%3E+%C3%BC"),
                Exchange.post("/flash", "application/x-www-form-urlencoded", "other=x"),
                Exchange.get("/flash").header("Cookie", "flash=Saved%20%3Cb%3E%20%C3%BC"),
                Exchange.get("/flash").header("Cookie", "other=1"),
                Exchange.post("/upload", upload.contentType(), upload.build()),
                Exchange.post("/upload", large.contentType(), cut),
                Exchange.post("/upload", "application/x-www-form-urlencoded", "a=1"),
                Exchange.get("/upload"),
                Exchange.get("/redirect"),
                Exchange.get("/redirect?to=/hello/w%C3%B6%20rld%3Fa%3D1"),
                Exchange.get("/redirect?to=%2F%2Fevil.example"),
                Exchange.get("/stream?chunks=5&size=1000"),
                Exchange.get("/stream?chunks=3&size=10").method("HEAD"),
                Exchange.get("/stream?size=0"),
                Exchange.get("/stream?chunks=%EF%BC%91"),
                Exchange.get("/file?size=300001"),
                Exchange.get("/file?size=0"),
                Exchange.get("/file?size=10").method("HEAD"),
                Exchange.get("/file?size=1000").header("Range", "bytes=0-9"),
                Exchange.get("/file?size=1000").header("Range", "bytes=990-"),
                Exchange.get("/file?size=1000").header("Range", "bytes=-5"),
                Exchange.get("/file?size=1000").header("Range", "bytes=1000-"),
                Exchange.get("/file?size=1000").header("Range", "bytes=0-1,5-6"),
                Exchange.get("/file?size=500").header("If-None-Match", "\"pattern-500\""),
                Exchange.get("/file?size=500").header("If-Modified-Since", "Wed, 01 Jan 2025 00:00:00 GMT"),
                Exchange.get("/file?size=500").header("If-Match", "\"other\""),
                Exchange.get("/file?size=1073741825"),
                Exchange.get("/write"),
                Exchange.get("/write").method("HEAD"),
                Exchange.get("/hints"),
                Exchange.get("/style.css"),
                Exchange.get("/slow?ms=5"),
                Exchange.get("/slow?ms=soon"));
    }

    @ParameterizedTest
    @MethodSource("sameAnswer")
    void bothServersGiveTheSameAnswer(Exchange exchange) throws Exception {
        ExchangeClient.Seen fromGunicorn = client.send(gunicorn.origin(), exchange);
        ExchangeClient.Seen fromWsgi4j = client.send(origin(), exchange);

        assertThat(fromWsgi4j.status()).as("status").isEqualTo(fromGunicorn.status());
        assertThat(applicationHeaders(fromWsgi4j, exchange)).as("headers")
                .isEqualTo(applicationHeaders(fromGunicorn, exchange));
        assertThat(fromWsgi4j.body()).as("body").isEqualTo(fromGunicorn.body());
    }

    /**
     * The headers to compare. /echo sends back the request's CONTENT_LENGTH; for a chunked request body wsgi4j
     * reads it whole and names its decoded length there (SPEC.md §3.3) and gunicorn leaves it out, so that one
     * Content-Length tells the server apart, not the application.
     */
    private static Map<String, List<String>> applicationHeaders(ExchangeClient.Seen seen, Exchange exchange) {
        Map<String, List<String>> headers = new TreeMap<>(seen.headers());
        if (exchange.streamed()) {
            headers.remove("content-length");
        }
        return headers;
    }

    @ParameterizedTest
    @MethodSource("failing")
    void anApplicationErrorBeforeTheHeadIsA500OnBoth(Exchange exchange) throws Exception {
        assertThat(client.send(gunicorn.origin(), exchange).status()).isEqualTo(500);
        assertThat(client.send(origin(), exchange).status()).isEqualTo(500);
    }

    static Stream<Exchange> failing() {
        return Stream.of(Exchange.get("/error"), Exchange.get("/error").method("HEAD"));
    }

    @ParameterizedTest
    @MethodSource("cut")
    void anApplicationErrorAfterTheFirstBlockCutsTheResponseOnBoth(Exchange exchange) {
        assertThatThrownBy(() -> client.send(gunicorn.origin(), exchange)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> client.send(origin(), exchange)).isInstanceOf(IOException.class);
    }

    static Stream<Exchange> cut() {
        return Stream.of(Exchange.get("/error-late"));
    }

    @ParameterizedTest
    @MethodSource("environ")
    void theEnvironDescribesTheRequestAlike(Exchange exchange) throws Exception {
        ExchangeClient.Seen fromGunicorn = client.send(gunicorn.origin(), exchange);
        ExchangeClient.Seen fromWsgi4j = client.send(origin(), exchange);

        assertThat(fromWsgi4j.status()).isEqualTo(200).isEqualTo(fromGunicorn.status());
        assertThat(fromWsgi4j.headers().get("content-type")).isEqualTo(fromGunicorn.headers().get("content-type"));
        assertThat(EnvironJson.requestKeys(fromWsgi4j.text())).isEqualTo(EnvironJson.requestKeys(fromGunicorn.text()))
                .containsKeys("REQUEST_METHOD", "PATH_INFO", "wsgi.version");
    }

    static Stream<Exchange> environ() {
        return Stream.of(Exchange.get("/environ/a%20b/c?x=1&y=%C3%A9").header("X-Demo", "yes"),
                Exchange.post("/environ", "text/x-demo", "abc"));
    }

    private static String origin() {
        return "http://127.0.0.1:" + wsgi4j.port();
    }
}
