package dev.wsgi4j.testing;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.Write;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test client used the way an application author uses it: small apps, a form, redirects, big bodies. */
class TestClientTest {

    private static final Application HELLO = (environ, start) -> {
        String name = Environ.decode(Environ.pathInfo(environ)).substring(1);
        byte[] body = ("Hello, " + (name.isEmpty() ? "world" : name) + "!").getBytes(StandardCharsets.UTF_8);
        start.start("200 OK", List.of(new Header("Content-Type", "text/plain; charset=utf-8")));
        return List.of(body);
    };

    /** Echoes a urlencoded form back as "key=value;" pairs. */
    private static final Application FORM = (environ, start) -> {
        if (!Environ.method(environ).equals("POST")) {
            start.start("405 Method Not Allowed", List.of(new Header("Allow", "POST")));
            return List.of();
        }
        String form = new String(Environ.input(environ).readAllBytes(), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        parseForm(form).forEach((k, v) -> out.append(k).append('=').append(v).append(';'));
        start.start("200 OK", List.of(new Header("Content-Type", "text/plain; charset=utf-8")));
        return List.of(out.toString().getBytes(StandardCharsets.UTF_8));
    };

    /** /go/NNN redirects with status NNN to /done; /loop redirects to itself; /done echoes the method and body. */
    private static final Application REDIRECTS = (environ, start) -> {
        String path = Environ.pathInfo(environ);
        if (path.startsWith("/go/")) {
            String code = path.substring(4);
            start.start(code + " Redirect", List.of(new Header("Location", "/done?from=" + code)));
            return List.of();
        }
        if (path.equals("/loop")) {
            start.start("302 Found", List.of(new Header("Location", "http://localhost/loop")));
            return List.of();
        }
        String body = Environ.method(environ) + " " + Environ.queryString(environ) + " "
                + new String(Environ.input(environ).readAllBytes(), StandardCharsets.UTF_8);
        start.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
        return List.of(body.getBytes(StandardCharsets.UTF_8));
    };

    private static Map<String, String> parseForm(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Test
    void helloAppGreetsByPath() throws Exception {
        TestClient client = new TestClient(HELLO);

        assertThat(client.get("/").text()).isEqualTo("Hello, world!");
        assertThat(client.get("/J%C3%BCrgen").text()).isEqualTo("Hello, J\u00FCrgen!");
    }

    @Test
    void formAppReadsAPostedUrlencodedForm() throws Exception {
        TestResponse r = new TestClient(FORM).send(TestRequest.post("/form",
                        "name=Ada+Lovelace&city=Z%C3%BCrich".getBytes(StandardCharsets.US_ASCII))
                .contentType("application/x-www-form-urlencoded").build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("name=Ada Lovelace;city=Z\u00FCrich;");
        assertThat(new TestClient(FORM).get("/form").header("Allow")).isEqualTo("POST");
    }

    @Test
    void redirectsAreReturnedAsIsByDefault() throws Exception {
        TestResponse r = new TestClient(REDIRECTS).get("/go/302");

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo("/done?from=302");
    }

    @Test
    void seeOtherTurnsAPostIntoABodilessGet() throws Exception {
        TestClient client = new TestClient(REDIRECTS).followRedirects(true);

        assertThat(client.post("/go/303", "payload".getBytes(StandardCharsets.UTF_8)).text())
                .isEqualTo("GET from=303 ");
        assertThat(client.post("/go/301", "payload".getBytes(StandardCharsets.UTF_8)).text())
                .isEqualTo("GET from=301 ");
    }

    @Test
    void temporaryAndPermanentRedirectsRepeatTheMethodAndBody() throws Exception {
        TestClient client = new TestClient(REDIRECTS).followRedirects(true);

        assertThat(client.post("/go/307", "payload".getBytes(StandardCharsets.UTF_8)).text())
                .isEqualTo("POST from=307 payload");
        assertThat(client.post("/go/308", "payload".getBytes(StandardCharsets.UTF_8)).text())
                .isEqualTo("POST from=308 payload");
    }

    @Test
    void redirectLoopStopsAfterTenHops() {
        TestClient client = new TestClient(REDIRECTS).followRedirects(true);

        assertThatThrownBy(() -> client.get("/loop")).isInstanceOf(IOException.class)
                .hasMessageContaining("more than 10 redirects");
    }

    @Test
    void bodyOverTheSpoolThresholdIsStreamedFromATempFileThatIsThenDeleted() throws Exception {
        byte[] big = new byte[200_000];
        java.util.Arrays.fill(big, (byte) 'x');
        Application app = (environ, start) -> {
            start.start("200 OK", List.of(new Header("Content-Type", "application/octet-stream")));
            return ContractApps.lazy(new String(big, StandardCharsets.US_ASCII));
        };
        long spoolsBefore = TempFiles.count();

        TestResponse r = new TestClient(app).spoolThreshold(1024).get("/");

        assertThat(TempFiles.count()).isEqualTo(spoolsBefore + 1);
        assertThat(r.bodyLength()).isEqualTo(big.length);
        try (InputStream in = r.bodyStream()) {
            assertThat(in.readAllBytes()).isEqualTo(big);
        }
        assertThat(TempFiles.count()).isEqualTo(spoolsBefore);
        assertThatThrownBy(r::body).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void writeCalledAfterTheResponseEndedCannotChangeIt() throws Exception {
        // Works around a gateway gap: GatewayCall forwards write() to ResponseTransport.sendChunk even after
        // sendFull/finish (here from the body's close()). The test client's transport refuses such chunks, so the
        // response a test sees is the one that was completed.
        AtomicReference<Write> kept = new AtomicReference<>();
        final class LateWriter extends ArrayList<byte[]> implements AutoCloseable {
            @Override
            public void close() throws IOException {
                kept.get().write("late".getBytes(StandardCharsets.UTF_8));
            }
        }
        Application app = (environ, start) -> {
            kept.set(start.start("200 OK", List.of(new Header("Content-Type", "text/plain"))));
            LateWriter body = new LateWriter();
            body.add("on time".getBytes(StandardCharsets.UTF_8));
            return body;
        };

        TestResponse r = new TestClient(app).get("/");

        assertThat(r.text()).isEqualTo("on time");
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void debugModeShowsTheStackTraceIn500Answers() throws Exception {
        Application broken = (environ, start) -> {
            throw new IllegalStateException("visible in debug");
        };

        assertThat(new TestClient(broken, true).get("/").text()).contains("visible in debug");
        assertThat(new TestClient(broken).get("/").text()).doesNotContain("visible in debug");
    }

    @Test
    void clientWithoutAnAppRefusesShortcuts() {
        assertThatThrownBy(() -> new TestClient().get("/")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void responseHeadersAreLookedUpInAnyCase() {
        TestResponse r = TestResponse.of(200, "OK", List.of(new Header("Set-Cookie", "a=1"),
                new Header("set-cookie", "b=2")), new byte[0], false);

        assertThat(r.header("SET-COOKIE")).isEqualTo("a=1");
        assertThat(r.headers("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(r.header("X-Missing")).isNull();
    }

    /** The temp files {@link BodySpool} creates, counted in java.io.tmpdir. */
    private static final class TempFiles {
        static long count() throws IOException {
            try (var files = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
                return files.filter(p -> p.getFileName().toString().startsWith("wsgi4j-test-body-")).count();
            }
        }
    }
}
