package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.proxy.ProxySettings;
import dev.wsgi4j.netty.proxy.TrustedProxies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --access-log-format json} end to end (SPEC.md §3.12, §6.7): one object per response, and the request id
 * the application saw is the one the client got back and the one the log line carries.
 */
class JsonAccessLogServerTest {

    private static final Pattern ID = Pattern.compile("\"request_id\":\"([^\"]+)\"");

    /** Answers with the id it saw in its body; /own sets its own X-Request-Id; /boom throws. */
    private static final Application APP = (env, sr) -> {
        String path = Environ.pathInfo(env);
        if (path.equals("/boom")) {
            throw new IllegalStateException("boom");
        }
        List<Header> headers = path.equals("/own")
                ? List.of(Header.of("Content-Type", "text/plain"), Header.of("X-Request-Id", "app-chosen"))
                : List.of(Header.of("Content-Type", "text/plain"));
        sr.start("200 OK", headers);
        return List.of(String.valueOf(env.get("wsgi4j.request_id")).getBytes(StandardCharsets.US_ASCII));
    };

    private GatewayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private int start(Path log, String trusted) throws InterruptedException {
        server = new GatewayServer(APP, ServerConfig.builder().port(0)
                .accessLog(new AccessLogSettings(log.toString(), "json"))
                .proxy(new ProxySettings(TrustedProxies.parse(trusted), false)).build()).start();
        return server.port();
    }

    private List<String> stopAndRead(Path log) throws Exception {
        server.stop(Duration.ofSeconds(1));
        server = null;
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    private static String id(String line) {
        Matcher m = ID.matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return m.group(1);
    }

    @Test
    void aTrustedProxysIdGoesToTheApplicationTheClientAndTheLogLine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.json");
        int port = start(log, "127.0.0.1");
        RawHttp.Response r;
        try (RawHttp http = new RawHttp(port)) {
            r = http.send("GET /a?b=1 HTTP/1.1\r\nHost: x\r\nX-Request-Id: edge-42\r\nUser-Agent: t\"q\r\n\r\n")
                    .read();
        }
        List<String> lines = stopAndRead(log);

        assertThat(r.text()).isEqualTo("edge-42");
        assertThat(r.header("X-Request-Id")).isEqualTo("edge-42");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches("\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\","
                + "\"request_id\":\"edge-42\",\"method\":\"GET\",\"target\":\"/a\\?b=1\",\"protocol\":\"HTTP/1.1\","
                + "\"status\":200,\"bytes\":7,\"duration_us\":\\d+,\"peer\":\"127.0.0.1\","
                + "\"user_agent\":\"t\\\\\"q\",\"referer\":null}");
    }

    @Test
    void anUntrustedClientGetsAFreshIdEverywhereAndAnErrorAnswerCarriesItToo(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.json");
        int port = start(log, "");
        RawHttp.Response first;
        RawHttp.Response second;
        RawHttp.Response failed;
        try (RawHttp http = new RawHttp(port)) {
            first = http.send("GET /a HTTP/1.1\r\nHost: x\r\nX-Request-Id: chosen\r\n\r\n").read();
            second = http.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n").read();
            failed = http.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n").read();
        }
        List<String> lines = stopAndRead(log);

        assertThat(first.text()).matches("[0-9a-f]{32}").isNotEqualTo(second.text());
        assertThat(first.header("X-Request-Id")).isEqualTo(first.text());
        assertThat(second.header("X-Request-Id")).isEqualTo(second.text());
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.header("X-Request-Id")).matches("[0-9a-f]{32}");
        assertThat(lines).extracting(JsonAccessLogServerTest::id)
                .containsExactly(first.text(), second.text(), failed.header("X-Request-Id"));
    }

    @Test
    void anApplicationsOwnIdIsNotDoubledAndARefusedRequestStillGetsALineWithAnId(@TempDir Path dir)
            throws Exception {
        Path log = dir.resolve("access.json");
        int port = start(log, "127.0.0.1");
        RawHttp.Response own;
        RawHttp.Response refused;
        try (RawHttp http = new RawHttp(port)) {
            own = http.send("GET /own HTTP/1.1\r\nHost: x\r\n\r\n").read();
        }
        try (RawHttp http = new RawHttp(port)) {
            refused = http.send("GET /a HTTP/1.1\r\nHost: x\r\nBad Name: y\r\n\r\n").read();
        }
        List<String> lines = stopAndRead(log);

        assertThat(own.fields()).filteredOn(f -> f.getKey().equalsIgnoreCase("X-Request-Id"))
                .extracting(java.util.Map.Entry::getValue).containsExactly("app-chosen");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(lines).hasSize(2);
        assertThat(id(lines.get(0))).isEqualTo("app-chosen");
        assertThat(lines.get(1)).contains("\"method\":null", "\"status\":400");
        assertThat(id(lines.get(1))).matches("[0-9a-f]{32}");
    }
}
