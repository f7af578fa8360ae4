package dev.wsgi4j.netty.uwsgi;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.gateway.EnvironBuilder;
import dev.wsgi4j.netty.AccessLogSettings;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ListenAddress;
import dev.wsgi4j.netty.UnixHttp;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.proxy.TrustedProxies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.wsgi4j.netty.uwsgi.UwsgiPackets.getVars;
import static dev.wsgi4j.netty.uwsgi.UwsgiPackets.packet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server with {@code --protocol uwsgi}, end to end on an ephemeral port with a raw socket playing nginx from
 * 127.0.0.1: the environ the vars build, the answer's framing (a status line, Content-Length or nothing, never
 * chunked, then the close), a spooled body, and who may connect.
 */
class UwsgiServerTest {

    private static final List<String> SHOWN = List.of("REQUEST_METHOD", "PATH_INFO", "QUERY_STRING",
            "SERVER_PROTOCOL", "REMOTE_ADDR", "REMOTE_PORT", "wsgi.url_scheme", "SERVER_NAME", "SERVER_PORT",
            "HTTP_HOST", "HTTP_USER_AGENT", "HTTP_X_FORWARDED_FOR", EnvironBuilder.PEER_ADDR);

    /** {@code /stream}: three chunks, no length; {@code /upload}: the body's size and SHA-256; else {@link #SHOWN}. */
    private static final Application APP = (env, sr) -> {
        if (env.get("PATH_INFO").equals("/stream")) {
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return () -> List.of("one,".getBytes(), "two,".getBytes(), "three".getBytes()).iterator();
        }
        if (env.get("PATH_INFO").equals("/upload")) {
            String summary = digest((WsgiInput) env.get("wsgi.input"));
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of(summary.getBytes(StandardCharsets.US_ASCII));
        }
        StringBuilder body = new StringBuilder();
        for (String key : SHOWN) {
            body.append(key).append('=').append(env.get(key)).append('\n');
        }
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        return List.of(body.toString().getBytes(StandardCharsets.ISO_8859_1));
    };

    @TempDir
    Path spool;
    private GatewayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private int start(TrustedProxies allowFrom) throws InterruptedException {
        server = new GatewayServer(APP, ServerConfig.builder().host("127.0.0.1").port(0).spoolDirectory(spool)
                .inMemoryBodySize(4096).maxBodySize(8 << 20).uwsgi(UwsgiSettings.on(allowFrom)).build()).start();
        return server.port();
    }

    /** Sends {@code packet} and reads until the server closes. */
    private static String exchange(int port, byte[] packet) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(packet);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void theEnvironComesFromTheVarsAndTheAnswerEndsTheConnection() throws Exception {
        int port = start(TrustedProxies.LOOPBACK);
        Map<String, String> vars = getVars();
        vars.put("SERVER_PROTOCOL", "HTTP/2.0");
        vars.put("HTTPS", "on");
        vars.put("HTTP_X_FORWARDED_FOR", "203.0.113.66");

        String answer = exchange(port, packet(vars, new byte[0]));

        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").containsIgnoringCase("\r\nconnection: close\r\n")
                .containsIgnoringCase("\r\ncontent-length: ").doesNotContainIgnoringCase("transfer-encoding");
        assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4)).isEqualTo("""
                REQUEST_METHOD=GET
                PATH_INFO=/path
                QUERY_STRING=q=1
                SERVER_PROTOCOL=HTTP/2.0
                REMOTE_ADDR=192.0.2.7
                REMOTE_PORT=51234
                wsgi.url_scheme=https
                SERVER_NAME=localhost
                SERVER_PORT=443
                HTTP_HOST=localhost
                HTTP_USER_AGENT=curl/7.88.1
                HTTP_X_FORWARDED_FOR=203.0.113.66
                wsgi4j.peer_addr=127.0.0.1
                """);
    }

    @Test
    void aStreamedAnswerIsSentUnframedAndEndedByTheClose() throws Exception {
        int port = start(TrustedProxies.LOOPBACK);
        Map<String, String> vars = getVars();
        vars.put("REQUEST_URI", "/stream");

        String answer = exchange(port, packet(vars, new byte[0]));

        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").doesNotContainIgnoringCase("transfer-encoding")
                .doesNotContainIgnoringCase("content-length").endsWith("\r\n\r\none,two,three");
    }

    @Test
    void aBodyOverTheInMemoryLimitIsSpooledAndReadWhole() throws Exception {
        int port = start(TrustedProxies.LOOPBACK);
        byte[] body = new byte[3 << 20];
        new Random(7).nextBytes(body);
        Map<String, String> vars = getVars();
        vars.put("REQUEST_METHOD", "POST");
        vars.put("REQUEST_URI", "/upload");
        vars.put("CONTENT_TYPE", "application/octet-stream");
        vars.put("CONTENT_LENGTH", Integer.toString(body.length));

        String answer = exchange(port, packet(vars, body));

        assertThat(answer).endsWith("\r\n\r\n" + body.length + " " + sha256(body));
    }

    @Test
    void aHeadAnswerHasNoBodyAndNoChunkingAndAnExpectVarGetsNoInterimAnswer() throws Exception {
        int port = start(TrustedProxies.LOOPBACK);
        Map<String, String> head = getVars();
        head.put("REQUEST_METHOD", "HEAD");
        head.put("REQUEST_URI", "/stream");
        assertThat(exchange(port, packet(head, new byte[0]))).startsWith("HTTP/1.1 200 OK\r\n")
                .doesNotContainIgnoringCase("transfer-encoding").endsWith("\r\n\r\n");

        Map<String, String> expect = getVars();
        expect.put("REQUEST_METHOD", "POST");
        expect.put("REQUEST_URI", "/upload");
        expect.put("CONTENT_LENGTH", "3");
        expect.put("HTTP_EXPECT", "100-continue");
        String answer = exchange(port, packet(expect, "abc".getBytes(StandardCharsets.US_ASCII)));
        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").doesNotContain("100 Continue")
                .endsWith("\r\n\r\n3 " + sha256("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void theAccessLogNamesTheClientFromTheVars() throws Exception {
        Path log = spool.resolve("access.log");
        server = new GatewayServer(APP, ServerConfig.builder().host("127.0.0.1").port(0)
                .accessLog(new AccessLogSettings(log.toString(), "%(h)s %(r)s %(s)s"))
                .uwsgi(UwsgiSettings.on(TrustedProxies.LOOPBACK)).build()).start();
        assertThat(exchange(server.port(), packet(getVars(), new byte[0]))).startsWith("HTTP/1.1 200 OK\r\n");
        server.stop(Duration.ofSeconds(1));
        server = null;

        assertThat(Files.readAllLines(log, StandardCharsets.UTF_8))
                .containsExactly("192.0.2.7 GET /path?q=1 HTTP/1.1 200");
    }

    @Test
    void aDeclaredBodyOverTheMaximumIsRefusedWith413() throws Exception {
        int port = start(TrustedProxies.LOOPBACK);
        Map<String, String> vars = getVars();
        vars.put("REQUEST_METHOD", "POST");
        vars.put("CONTENT_LENGTH", Long.toString(9 << 20));

        assertThat(exchange(port, packet(vars, new byte[100]))).startsWith("HTTP/1.1 413 ");
    }

    @Test
    void aPeerNotAllowedIsClosedWithoutAnAnswer() throws Exception {
        int port = start(TrustedProxies.parse("192.0.2.0/24"));

        // Closed before it sends anything (a packet sent into the closing socket would only turn the close into a
        // reset), so nothing it could send is ever read.
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aUnixSocketPeerMayConnectWhateverTheListAndIsNotTakenForATrustedProxy() throws Exception {
        Path socket = spool.resolve("uwsgi.sock");
        server = new GatewayServer(APP, ServerConfig.builder().binds(List.of(ListenAddress.unix(socket)))
                .uwsgi(UwsgiSettings.on(TrustedProxies.NOBODY)).build()).start();
        Map<String, String> vars = getVars();
        vars.put("HTTP_X_FORWARDED_FOR", "203.0.113.66");

        String answer = UnixHttp.exchange(socket, new String(packet(vars, new byte[0]), StandardCharsets.ISO_8859_1));

        // The client at REMOTE_ADDR is no trusted proxy, so its X-Forwarded-For stays a header; the socket peer
        // (nginx) has no address to show.
        assertThat(UnixHttp.body(answer)).contains("REMOTE_ADDR=192.0.2.7\n", "HTTP_X_FORWARDED_FOR=203.0.113.66\n",
                "wsgi4j.peer_addr=null\n");
    }

    @Test
    void uwsgiIsRefusedWithTheProxyProtocol() {
        assertThatThrownBy(() -> ServerConfig.builder().uwsgi(UwsgiSettings.on(TrustedProxies.LOOPBACK))
                .proxy(new dev.wsgi4j.netty.proxy.ProxySettings(TrustedProxies.LOOPBACK, true)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uwsgi");
    }

    private static String digest(WsgiInput input) {
        try (InputStream in = input) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            long size = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
                size += n;
            }
            return size + " " + HexFormat.of().formatHex(sha.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }
}
