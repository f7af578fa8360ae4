package dev.wsgi4j.samples;

import dev.wsgi4j.graalpy.PythonApplication;
import dev.wsgi4j.graalpy.PythonOptions;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample Flask application ({@code sample-apps/python/flask_app.py}, Debian's Flask) under gunicorn on CPython
 * and under wsgi4j through GraalPy, sent the same requests and compared as {@link PythonDemoDifferentialTest}
 * compares the demo: status, the headers the application sets, and the body. Flask answers every one of them itself
 * (its routing, form decoding, redirects, 404 and 405 pages), so they must match whole, but for the order of the
 * methods in Allow.
 *
 * <p>Needs Debian's gunicorn and python3-flask (.ci/run installs both): missing, the test fails under CI and is
 * skipped elsewhere.
 */
class PythonFlaskAppDifferentialTest {

    private static final Path DIST_PACKAGES = Path.of("/usr/lib/python3/dist-packages");

    @TempDir
    static Path temp;

    private static GunicornProcess gunicorn;
    private static PythonApplication python;
    private static GatewayServer wsgi4j;
    private static final ExchangeClient CLIENT = new ExchangeClient();

    /** Importing Flask in GraalPy takes seconds, more on a loaded 2-core machine: more than the default timeout. */
    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    static void start() throws Exception {
        Installed.require(Files.isDirectory(DIST_PACKAGES.resolve("flask")),
                "Flask is not installed: apt-get install python3-flask (.ci/run installs it)");
        gunicorn = GunicornProcess.start(PythonDemo.sources(), "flask_app:app", Map.of(), temp.resolve("gunicorn.log"));
        python = PythonApplication.load("flask_app:app", PythonOptions.defaults()
                .withPythonPath(PythonDemo.sources(), DIST_PACKAGES).withPoolSize(1));
        wsgi4j = new GatewayServer(python, ServerConfig.builder().host("127.0.0.1").port(0).build()).start();
    }

    @AfterAll
    static void stop() {
        if (gunicorn != null) {
            gunicorn.close();
        }
        if (wsgi4j != null) {
            wsgi4j.stop(Duration.ofSeconds(2));
        }
        if (python != null) {
            python.close();
        }
    }

    static Stream<Exchange> requests() {
        return Stream.of(
                Exchange.get("/"),
                Exchange.get("/").method("HEAD"),
                Exchange.get("/hello/Zo%C3%AB%20%3Cb%3E"),
                Exchange.get("/greet"),
                Exchange.post("/greet", "application/x-www-form-urlencoded", "name=Zo%C3%AB+%3Cb%3E"),
                Exchange.post("/greet", "application/x-www-form-urlencoded", "other=x"),
                Exchange.get("/old"),
                Exchange.get("/nowhere"),
                Exchange.get("/").method("DELETE"),
                Exchange.get("/greet").method("OPTIONS"));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void bothServersGiveTheSameAnswer(Exchange exchange) throws Exception {
        ExchangeClient.Seen fromGunicorn = CLIENT.send(gunicorn.origin(), exchange);
        ExchangeClient.Seen fromWsgi4j = CLIENT.send("http://127.0.0.1:" + wsgi4j.port(), exchange);

        assertThat(fromWsgi4j.status()).as("status").isEqualTo(fromGunicorn.status());
        assertThat(withAllowAsASet(fromWsgi4j)).as("headers").isEqualTo(withAllowAsASet(fromGunicorn));
        assertThat(fromWsgi4j.body()).as("body").isEqualTo(fromGunicorn.body());
    }

    /**
     * The headers with Allow's methods sorted: Werkzeug lists them in the order of a Python set, which follows the
     * strings' hashes, and those differ between CPython runs (hash randomization) and GraalPy. Allow's order carries
     * no meaning (RFC 9110 §10.2.1), so the methods, not their order, are compared.
     */
    private static Map<String, List<String>> withAllowAsASet(ExchangeClient.Seen seen) {
        Map<String, List<String>> headers = new TreeMap<>(seen.headers());
        headers.computeIfPresent("allow", (name, values) -> values.stream()
                .flatMap(v -> Arrays.stream(v.split(",")).map(String::trim)).sorted().toList());
        return headers;
    }
}
