package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The access log end to end: a server on an ephemeral port writes one line per response, in order. */
class AccessLogServerTest {

    private static final String FORMAT = "%(h)s \"%(r)s\" %(s)s %(b)s %(D)s %({X-Tag}o)s";
    private static final Pattern LINE = Pattern.compile("127\\.0\\.0\\.1 \"(.*)\" (\\d{3}) (\\S+) (\\d+) (\\S+)");

    private static final Application APP = (env, sr) -> {
        String path = Environ.pathInfo(env);
        if (path.equals("/missing")) {
            sr.start("404 Not Found", List.of(Header.of("Content-Type", "text/plain")));
            return List.of("nope".getBytes(StandardCharsets.US_ASCII));
        }
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain"), Header.of("X-Tag", "t" + path)));
        return List.of(("path=" + path).getBytes(StandardCharsets.US_ASCII));
    };

    private GatewayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void oneLinePerResponseInOrderWithStatusesAndBodyBytes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("access.log");
        server = new GatewayServer(APP, ServerConfig.builder().port(0)
                .accessLog(new AccessLogSettings(file.toString(), FORMAT)).build()).start();
        List<RawHttp.Response> answers = new ArrayList<>();
        try (RawHttp http = new RawHttp(server.port())) {
            answers.add(http.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n").read());
            answers.add(http.send("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n").read());
            answers.add(http.send("HEAD /a HTTP/1.1\r\nHost: x\r\n\r\n").read(true));
            http.send("GET /p1 HTTP/1.1\r\nHost: x\r\n\r\nGET /p2?q=1 HTTP/1.1\r\nHost: x\r\n\r\n");
            answers.add(http.read());
            answers.add(http.read());
        }
        try (RawHttp http = new RawHttp(server.port())) {
            answers.add(http.send("GET /bad HTTP/1.1\r\nHost: x\r\nBad Name: y\r\n\r\n").read());
        }
        assertThat(answers).extracting(RawHttp.Response::status).containsExactly(200, 404, 200, 200, 200, 400);
        server.stop(Duration.ofSeconds(1));
        server = null;

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(6);
        String[][] expected = {
            {"GET /a HTTP/1.1", "200", "7", "t/a"},
            {"GET /missing HTTP/1.1", "404", "4", "-"},
            {"HEAD /a HTTP/1.1", "200", "-", "t/a"},
            {"GET /p1 HTTP/1.1", "200", "8", "t/p1"},
            {"GET /p2?q=1 HTTP/1.1", "200", "8", "t/p2"},
            {"-", "400", String.valueOf(answers.get(5).body().length), "-"},
        };
        for (int i = 0; i < expected.length; i++) {
            Matcher m = LINE.matcher(lines.get(i));
            assertThat(m.matches()).as(lines.get(i)).isTrue();
            assertThat(List.of(m.group(1), m.group(2), m.group(3), m.group(5))).as(lines.get(i))
                    .containsExactly(expected[i]);
        }
        assertThat(answers.get(5).body()).isNotEmpty();
    }

    @Test
    void theServersOwn503And413AndAStreamedBodyAreLoggedWithTheirBytes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("access.log");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Application app = (env, sr) -> {
            if (Environ.pathInfo(env).equals("/slow")) {
                running.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return () -> List.of("a".getBytes(), "bb".getBytes(), "ccc".getBytes()).iterator();
        };
        server = new GatewayServer(app, ServerConfig.builder().port(0).workerThreads(1).workerQueue(0)
                .maxBodySize(10).accessLog(new AccessLogSettings(file.toString(), "%(r)s|%(s)s|%(B)s")).build())
                .start();
        List<RawHttp.Response> answers = new ArrayList<>();
        try (RawHttp first = new RawHttp(server.port()); RawHttp second = new RawHttp(server.port())) {
            first.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            answers.add(second.send("GET /busy HTTP/1.1\r\nHost: x\r\n\r\n").read());
            release.countDown();
            answers.add(first.read());
        } finally {
            release.countDown();
        }
        try (RawHttp http = new RawHttp(server.port())) {
            answers.add(http.send("POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n").read());
        }
        assertThat(answers).extracting(RawHttp.Response::status).containsExactly(503, 200, 413);
        server.stop(Duration.ofSeconds(1));
        server = null;

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(
                "GET /busy HTTP/1.1|503|" + answers.get(0).body().length,
                "GET /slow HTTP/1.1|200|6",
                "POST /up HTTP/1.1|413|" + answers.get(2).body().length);
    }

    @Test
    void theDurationCountsFromTheHeadsArrivalSoAWaitBehindAPipelinedRequestIsIncluded(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("access.log");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Application app = (env, sr) -> {
            if (Environ.pathInfo(env).equals("/slow")) {
                running.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            return APP.call(env, sr);
        };
        server = new GatewayServer(app, ServerConfig.builder().port(0)
                .accessLog(new AccessLogSettings(file.toString(), "%(U)s %(D)s")).build()).start();
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(300); // a lower bound only: both heads were read together, /slow holds the connection
            release.countDown();
            assertThat(http.read().status()).isEqualTo(200);
            assertThat(http.read().status()).isEqualTo(200);
        } finally {
            release.countDown();
        }
        server.stop(Duration.ofSeconds(1));
        server = null;

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("/next ");
        assertThat(Long.parseLong(lines.get(1).substring("/next ".length()))).as("microseconds")
                .isGreaterThanOrEqualTo(250_000);
    }
}
