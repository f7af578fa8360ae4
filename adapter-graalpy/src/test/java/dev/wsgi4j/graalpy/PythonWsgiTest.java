package dev.wsgi4j.graalpy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.testing.TestClient;
import dev.wsgi4j.testing.TestResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain WSGI application in Python (test resources' probe_app.py), unmodified, served through GraalPy: through
 * the TestClient and through the Netty server. One interpreter serves both, so what one request leaves in Python
 * (a body's close()) the next can report.
 */
class PythonWsgiTest {

    @TempDir
    static Path cache;

    static PythonApplication app;

    /** Starting GraalPy and importing take minutes on a loaded 2-core machine: more than the default timeout. */
    @BeforeAll
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    static void load() throws Exception {
        Path dir = TestModules.directory();
        app = PythonApplication.load("probe_app:application",
                PythonOptions.defaults().withPythonPath(dir).withPoolSize(1).withBytecodeCache(cache));
    }

    @AfterAll
    static void close() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theBytecodeCacheKeepsTheCompiledApplication() throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("probe_app.")
                    && n.endsWith(".pyc"));
        }
    }

    @Test
    void aPythonExceptionCarriesPythonsTraceback() {
        Map<String, Object> environ = environ("/fail");
        assertThatThrownBy(() -> app.call(environ, (status, headers, excInfo) -> data -> { }))
                .isInstanceOf(PythonException.class)
                .hasMessageContaining("Traceback (most recent call last)")
                .hasMessageContaining("probe_app.py")
                .hasMessageContaining("RuntimeError: the application broke on purpose");
    }

    @Test
    void aRegularFileInTheFileWrapperBecomesAZeroCopyRegion(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "skip: the rest of the file");
        Map<String, Object> environ = environ("/file");
        environ.put(Environ.QUERY_STRING, file.toString());
        Iterable<byte[]> body = app.call(environ, (status, headers, excInfo) -> data -> { });
        assertThat(body).isInstanceOf(FileWrapper.class);
        try (FileWrapper wrapper = (FileWrapper) body) {
            assertThat(wrapper.channel()).isPresent();
            assertThat(wrapper.position()).isEqualTo(6);
            assertThat(wrapper.count()).isEqualTo(Files.size(file) - 6);
        }
    }

    private static Map<String, Object> environ(String path) {
        Map<String, Object> environ = new HashMap<>();
        environ.put(Environ.REQUEST_METHOD, "GET");
        environ.put(Environ.PATH_INFO, path);
        environ.put(Environ.QUERY_STRING, "");
        environ.put(Environ.WSGI_INPUT, WsgiInput.empty());
        return environ;
    }

    @Nested
    class ThroughTheTestClient {

        private final TestClient client = new TestClient(app);

        @Test
        void hello() throws IOException {
            TestResponse response = client.get("/hello");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).startsWith("Hello from Python 3.");
            assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(response.body().length));
        }

        @Test
        void theEnvironHoldsNativeStringsOfTheRequestsBytes() throws IOException {
            TestResponse response = client.get("/cgi/caf%C3%A9/%E9?q=%C3%A9&x=1");
            String[] lines = new String(response.body(), StandardCharsets.ISO_8859_1).split("\n");
            assertThat(lines[0].getBytes(StandardCharsets.ISO_8859_1))
                    .isEqualTo(bytes("/cgi/caf", 0xC3, 0xA9, "/", 0xE9));
            assertThat(lines[1]).isEqualTo("q=%C3%A9&x=1");
            assertThat(lines[2]).isEqualTo("GET");
            assertThat(lines[3]).isEqualTo("native=True");
            assertThat(lines[4]).isEqualTo("version=(1, 0)");
            assertThat(lines[5]).isEqualTo("multithread=False multiprocess=False run_once=False");
            assertThat(lines[6]).isEqualTo("scheme=http");
            assertThat(lines[7]).isEqualTo("disconnected=False"); // wsgi4j.client_disconnected, a Python callable
        }

        @Test
        void wsgiInputIsReadInThePiecesTheApplicationAsks() throws IOException {
            byte[] body = new byte[100_000];
            TestResponse response = client.post("/pieces?3,0,70000", body);
            assertThat(response.text()).isEqualTo("3 0 70000 29997 end=0");
        }

        @Test
        void readlineHonoursItsSizeAndReadlinesReturnsTheRest() throws IOException {
            byte[] body = "first line\nsecond\nthird\n\nlast without newline".getBytes(StandardCharsets.US_ASCII);
            String expected = "[b'first line\\n', b'seco', b'nd\\n', b'third\\n', b'\\n', b'last without newline']";
            assertThat(client.post("/lines", body).text()).isEqualTo(expected);
            assertThat(client.post("/lines?iterate", body).text()).isEqualTo(expected);
        }

        @Test
        void startResponseWithExcInfoBeforeTheHeadWentOutReplacesTheHead() throws IOException {
            TestResponse response = client.get("/replaced");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.header("Retry-After")).isEqualTo("5");
            assertThat(response.text()).isEqualTo("try later\n");
        }

        @Test
        void startResponseWithExcInfoAfterTheHeadWentOutReRaisesAndCutsTheResponse() throws IOException {
            TestResponse response = client.get("/late-error");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("first part\n");
            assertThat(response.truncated()).isTrue();
        }

        @Test
        void aGeneratedBodyIsSentInOrderAndItsCloseIsCalled() throws IOException {
            assertThat(client.get("/stream?4").text()).isEqualTo("chunk 0\nchunk 1\nchunk 2\nchunk 3\n");
            assertThat(client.get("/closed").text()).endsWith("4]");
            client.head("/stream?7");
            assertThat(client.get("/closed").text()).endsWith("7]");
        }

        @Test
        void theWriteCallableGoesOutBeforeTheReturnedBody() throws IOException {
            assertThat(client.get("/write").text()).isEqualTo("written, then returned\n");
        }

        @Test
        void aBodyOfTextInsteadOfBytesIsTheServers500() throws IOException {
            assertThat(client.get("/bad-chunk").status()).isEqualTo(500);
        }

        @Test
        void theFileWrapperSendsTheFileFromWhereTheApplicationLeftIt(@TempDir Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("f.txt"), "skip: served part\n");
            assertThat(client.get("/file?" + file).text()).isEqualTo("served part\n");
        }

        @Test
        void anExceptionIsA500AndTheNextRequestIsServed() throws IOException {
            TestResponse failed = client.get("/fail");
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.text()).doesNotContain("RuntimeError");
            assertThat(client.get("/hello").status()).isEqualTo(200);
        }
    }

    @Nested
    class ThroughTheServer {

        @Test
        void servesOnAnEphemeralPortAndKeepsServingAfterAnException() throws Exception {
            try (GatewayServer server = new GatewayServer(app,
                    ServerConfig.builder().host("127.0.0.1").port(0).build()).start()) {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
                String base = "http://127.0.0.1:" + server.port();

                HttpResponse<String> hello = http.send(HttpRequest.newBuilder(URI.create(base + "/hello")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(hello.statusCode()).isEqualTo(200);
                assertThat(hello.body()).startsWith("Hello from Python 3.");

                HttpResponse<byte[]> cgi = http.send(HttpRequest.newBuilder(URI.create(base + "/cgi/%E9t%C3%A9?a=b"))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                String[] lines = new String(cgi.body(), StandardCharsets.ISO_8859_1).split("\n");
                assertThat(lines[0].getBytes(StandardCharsets.ISO_8859_1))
                        .isEqualTo(bytes("/cgi/", 0xE9, "t", 0xC3, 0xA9));
                assertThat(lines[1]).isEqualTo("a=b");

                HttpResponse<String> pieces = http.send(HttpRequest.newBuilder(URI.create(base + "/pieces?10"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[50_000])).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(pieces.body()).isEqualTo("10 49990 end=0");

                HttpResponse<String> failed = http.send(HttpRequest.newBuilder(URI.create(base + "/fail")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(failed.statusCode()).isEqualTo(500);

                HttpResponse<String> stream = http.send(HttpRequest.newBuilder(URI.create(base + "/stream?2"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(stream.body()).isEqualTo("chunk 0\nchunk 1\n");
                HttpResponse<String> closes = http.send(HttpRequest.newBuilder(URI.create(base + "/closed"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(closes.body()).endsWith("2]");
            }
        }
    }

    /** Bytes from strings (ASCII) and single byte values. */
    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }
}
