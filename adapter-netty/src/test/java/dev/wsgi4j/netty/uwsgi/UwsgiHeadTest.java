package dev.wsgi4j.netty.uwsgi;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.AccessLogSettings;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.proxy.TrustedProxies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.wsgi4j.netty.uwsgi.UwsgiPackets.getVars;
import static dev.wsgi4j.netty.uwsgi.UwsgiPackets.packet;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a uwsgi request's vars make of its head, end to end: the mount prefix nginx names in SCRIPT_NAME, the
 * request line the access log shows, and HTTP/1.1's size limits applied to the vars.
 */
class UwsgiHeadTest {

    /** Shows where the request landed: SCRIPT_NAME, PATH_INFO and RAW_URI. */
    private static final Application APP = (env, sr) -> {
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        String body = "SCRIPT_NAME=" + env.get("SCRIPT_NAME") + " PATH_INFO=" + env.get("PATH_INFO") + " RAW_URI="
                + env.get("RAW_URI");
        return List.of(body.getBytes(StandardCharsets.ISO_8859_1));
    };

    @TempDir
    Path dir;
    private GatewayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private int start(ServerConfig.Builder config) throws InterruptedException {
        server = new GatewayServer(APP, config.host("127.0.0.1").port(0)
                .uwsgi(UwsgiSettings.on(TrustedProxies.LOOPBACK)).build()).start();
        return server.port();
    }

    private static String exchange(int port, byte[] packet) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(packet);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String body(String answer) {
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }

    @ParameterizedTest(name = "SCRIPT_NAME {0}, REQUEST_URI {1}")
    @CsvSource(delimiter = '|', value = {
            "/app     | /app/users?x=1 | SCRIPT_NAME=/app PATH_INFO=/users RAW_URI=/app/users?x=1",
            "/app/    | /app/users     | SCRIPT_NAME=/app PATH_INFO=/users RAW_URI=/app/users",
            "/app     | /app           | SCRIPT_NAME=/app PATH_INFO= RAW_URI=/app",
            "/a%20b   | /a%2520b/x     | SCRIPT_NAME=/a%20b PATH_INFO=/x RAW_URI=/a%2520b/x",
            "/app     | /application   | SCRIPT_NAME= PATH_INFO=/application RAW_URI=/application",
            "/app     | /other/app     | SCRIPT_NAME= PATH_INFO=/other/app RAW_URI=/other/app",
            "/        | /app/users     | SCRIPT_NAME= PATH_INFO=/app/users RAW_URI=/app/users",
            "''       | /app/users     | SCRIPT_NAME= PATH_INFO=/app/users RAW_URI=/app/users",
            "app      | /app/users     | SCRIPT_NAME= PATH_INFO=/app/users RAW_URI=/app/users",
            "/a/../b  | /a/../b/c      | SCRIPT_NAME= PATH_INFO=/a/../b/c RAW_URI=/a/../b/c"})
    void scriptNameIsTheMountPrefixWhenThePathIsUnderIt(String scriptName, String uri, String expected)
            throws Exception {
        int port = start(ServerConfig.builder());
        Map<String, String> vars = getVars();
        vars.put("SCRIPT_NAME", scriptName);
        vars.put("REQUEST_URI", uri);

        assertThat(body(exchange(port, packet(vars, new byte[0])))).isEqualTo(expected);
    }

    @Test
    void theAccessLogShowsTheRequestLineNginxWasSent() throws Exception {
        Path log = dir.resolve("access.log");
        int port = start(ServerConfig.builder().accessLog(new AccessLogSettings(log.toString(), "%(r)s %(s)s")));
        Map<String, String> h2 = getVars();
        h2.put("SERVER_PROTOCOL", "HTTP/2.0");
        h2.put("REQUEST_URI", "/app/a%20b?q=1");
        h2.put("SCRIPT_NAME", "/app");
        Map<String, String> h10 = getVars();
        h10.put("SERVER_PROTOCOL", "HTTP/1.0");
        h10.put("REQUEST_METHOD", "HEAD");
        Map<String, String> longUri = getVars();
        longUri.put("REQUEST_URI", "/" + "x".repeat(9000));
        exchange(port, packet(h2, new byte[0]));
        exchange(port, packet(h10, new byte[0]));
        exchange(port, packet(longUri, new byte[0]));
        server.stop(Duration.ofSeconds(1));
        server = null;

        assertThat(Files.readAllLines(log, StandardCharsets.UTF_8)).containsExactly(
                "GET /app/a%20b?q=1 HTTP/2.0 200", "HEAD /path?q=1 HTTP/1.0 200", "- 414");
    }

    @Test
    void aRequestUriOverTheRequestLineLimitIs414AsOverHttp() throws Exception {
        int port = start(ServerConfig.builder().maxRequestLineLength(200));
        Map<String, String> vars = getVars();
        // "GET " + REQUEST_URI + " HTTP/1.1" is the line it stands for: 4 + 187 + 9 = 200 fits, one more does not.
        vars.put("REQUEST_URI", "/" + "x".repeat(186));
        assertThat(exchange(port, packet(vars, new byte[0]))).startsWith("HTTP/1.1 200 ");
        vars.put("REQUEST_URI", "/" + "x".repeat(187));
        assertThat(exchange(port, packet(vars, new byte[0]))).startsWith("HTTP/1.1 414 ");
    }

    @Test
    void anHttpVarOverTheFieldLimitIs431AsOverHttp() throws Exception {
        int port = start(ServerConfig.builder().maxHeaderFieldSize(200));
        Map<String, String> vars = getVars();
        // "X-Long: " + value is the field line it stands for: 8 + 192 = 200 fits, one more does not.
        vars.put("HTTP_X_LONG", "v".repeat(192));
        assertThat(exchange(port, packet(vars, new byte[0]))).startsWith("HTTP/1.1 200 ");
        vars.put("HTTP_X_LONG", "v".repeat(193));
        assertThat(exchange(port, packet(vars, new byte[0]))).startsWith("HTTP/1.1 431 ");
    }

    @Test
    void httpVarsOverTheHeaderBlockOrCountLimitAre431AsOverHttp() throws Exception {
        int port = start(ServerConfig.builder().maxHeaderFieldSize(1024).maxHeaderBlockSize(4096)
                .maxHeaderCount(50));
        Map<String, String> big = getVars();
        for (int i = 0; i < 10; i++) { // ten fields of 511 bytes, each within the field limit: over 4 KiB together
            big.put("HTTP_X_F" + i, "v".repeat(500));
        }
        assertThat(exchange(port, packet(big, new byte[0]))).startsWith("HTTP/1.1 431 ");

        Map<String, String> many = getVars();
        for (int i = 0; i < 50; i++) { // 52 fields with Host and User-Agent
            many.put("HTTP_X_N" + i, "v");
        }
        assertThat(exchange(port, packet(many, new byte[0]))).startsWith("HTTP/1.1 431 ");
        many.remove("HTTP_X_N0");
        many.remove("HTTP_X_N1");
        assertThat(exchange(port, packet(many, new byte[0]))).startsWith("HTTP/1.1 200 ");
    }
}
