package dev.wsgi4j.graalpy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wsgi4j.testing.TestClient;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Debian's Flask (pure Python, package python3-flask, which .ci/run installs) serving an unmodified Flask
 * application through GraalPy: routing, form decoding, redirects and Flask's own 404.
 */
class FlaskTest {

    private static final Path DIST_PACKAGES = Path.of("/usr/lib/python3/dist-packages");

    static PythonApplication app;
    static TestClient client;

    /** Starting GraalPy and importing take minutes on a loaded 2-core machine: more than the default timeout. */
    @BeforeAll
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    static void load() throws Exception {
        assumeTrue(Files.isDirectory(DIST_PACKAGES.resolve("flask")),
                "Flask is not installed: apt-get install python3-flask (CI installs it)");
        Path dir = TestModules.directory();
        app = PythonApplication.load("flask_probe:app",
                PythonOptions.defaults().withPythonPath(dir, DIST_PACKAGES).withPoolSize(1));
        client = new TestClient(app);
    }

    @AfterAll
    static void close() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void hello() throws IOException {
        TestResponse response = client.get("/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(response.text()).isEqualTo("Hello from Flask");
    }

    @Test
    void aFormPostIsDecodedByFlask() throws IOException {
        TestResponse response = client.send(TestRequest.post("/greet").form(Map.of("name", "Zoë")));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("Hello, Zoë (13 bytes of form)");
    }

    @Test
    void aRedirectPointsAtTheRoute() throws IOException {
        TestResponse response = client.followRedirects(false).get("/old");
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/");
    }

    @Test
    void anUnknownPathIsFlasksOwn404() throws IOException {
        TestResponse response = client.get("/nowhere");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text()).contains("Not Found");
    }
}
