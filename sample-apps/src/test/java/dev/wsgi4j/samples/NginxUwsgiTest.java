package dev.wsgi4j.samples;

import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.proxy.TrustedProxies;
import dev.wsgi4j.netty.uwsgi.UwsgiSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.wsgi4j.samples.DemoContract.awaitEmpty;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo served over the uwsgi protocol behind a real nginx running deploy/nginx-wsgi4j-uwsgi.conf (Debian's
 * uwsgi_params included), only its placeholders filled: a form POST, a 10 MiB upload, a streamed response and a
 * redirect pass through nginx's {@code uwsgi_pass}, and the environ names the client from the vars, not nginx. nginx
 * may connect because it does so from 127.0.0.1, in --uwsgi-allow-from by default. Without nginx the test is
 * skipped, unless {@code CI=true}: there a missing nginx is a failure.
 */
class NginxUwsgiTest {

    private static final Path SITE = Path.of("deploy", "nginx-wsgi4j-uwsgi.conf");
    private static final long UPLOAD_SIZE = 10L << 20;
    private static final int STREAM_CHUNKS = 32;
    private static final int STREAM_CHUNK_SIZE = 256 << 10;
    /** The client's own address, distinct from nginx's 127.0.0.1 (the whole of 127/8 is loopback on Linux). */
    private static final String CLIENT_ADDRESS = "127.0.0.2";

    @TempDir
    static Path nginxPrefix;
    @TempDir
    static Path demoTemp;

    private static GatewayServer server;
    private static NginxProcess nginx;
    private static HttpClient client;
    private static int port;

    @BeforeAll
    static void startDemoAndNginx() throws Exception {
        Path executable = NginxProcess.executableOrSkip();
        server = new GatewayServer(new DemoApp(demoTemp), ServerConfig.builder().host("127.0.0.1").port(0)
                .uwsgi(UwsgiSettings.on(TrustedProxies.LOOPBACK)).build()).start();
        port = NginxProcess.freeLoopbackPort();
        nginx = NginxProcess.start(executable, nginxPrefix, SITE, Map.of(
                "UPSTREAM", "127.0.0.1:" + server.port(),
                "LISTEN_ADDRESS", "127.0.0.1",
                "HTTP_PORT", String.valueOf(port),
                "SERVER_NAME", "localhost"), port);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stopNginxAndDemo() throws InterruptedException {
        NginxProcess.stop(nginx, server);
    }

    @Test
    void aFormPostReachesTheApplication() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url("/process_form")))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("name=Ada&message=%3Cb%3Ehi%3C%2Fb%3E")).build(),
                BodyHandlers.ofString());

        assertThat(r.statusCode()).withFailMessage(() -> r.body() + logs()).isEqualTo(200);
        assertThat(r.body()).contains("<li>name = Ada</li>\n<li>message = &lt;b&gt;hi&lt;/b&gt;</li>");
    }

    @Test
    void aTenMebibyteUploadArrivesWhole() throws Exception {
        HttpResponse<String> r = client.send(StreamedUpload.request(URI.create(url("/upload")), UPLOAD_SIZE),
                BodyHandlers.ofString());

        assertThat(r.statusCode()).withFailMessage(() -> r.body() + logs()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(StreamedUpload.answer(UPLOAD_SIZE));
        awaitEmpty(demoTemp);
    }

    @Test
    void aChunkedUploadArrivesWholeWithTheLengthNginxCounted() throws Exception {
        String head = MultipartPieces.field("note", "chunked")
                + MultipartPieces.fileHead("file", "c.bin", "application/octet-stream");
        String tail = "\r\n" + MultipartPieces.end();
        long size = 1L << 20;
        HttpRequest upload = HttpRequest.newBuilder(URI.create(url("/upload")))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", MultipartPieces.CONTENT_TYPE)
                .POST(BodyPublishers.ofInputStream(() -> PatternStream.between(head, size, tail))) // no length
                .build();

        HttpResponse<String> r = client.send(upload, BodyHandlers.ofString());

        assertThat(r.statusCode()).withFailMessage(() -> r.body() + logs()).isEqualTo(200);
        assertThat(r.body()).contains("\"size\":" + size + ",\"sha256\":\"" + PatternStream.sha256(size) + "\"");
        awaitEmpty(demoTemp);
    }

    @Test
    void aStreamedResponseArrivesWhole() throws Exception {
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(url(
                        "/stream?chunks=" + STREAM_CHUNKS + "&size=" + STREAM_CHUNK_SIZE)))
                .timeout(Duration.ofSeconds(60)).build(), BodyHandlers.ofInputStream());

        assertThat(r.statusCode()).isEqualTo(200);
        try (InputStream body = r.body()) {
            assertThat(PatternStream.matchingPrefixLength(body)).isEqualTo((long) STREAM_CHUNKS * STREAM_CHUNK_SIZE);
        }
    }

    @Test
    void aRedirectPointsAtNginxsHostAndPort() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url("/redirect")))
                .timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofString());

        assertThat(r.statusCode()).withFailMessage(() -> r.body() + logs()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue(url("/"));
    }

    @Test
    void earlyHintsAreANoOpAndThePageIsTheFirstAnswer() throws Exception {
        String answer;
        // Raw bytes: an HTTP client skips a 103 nginx passed on, and would then parse the 200 it carried as body.
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /hints HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        assertThat(answer).withFailMessage(() -> answer + logs()).startsWith("HTTP/1.1 200 OK\r\n")
                .doesNotContain("HTTP/1.1 103").contains("A 103 response named /style.css");
    }

    @Test
    void theEnvironNamesTheClientFromTheVarsAndNotItsForwardedHeaders() throws Exception {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(CLIENT_ADDRESS, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        } catch (Exception e) {
            socket.close();
            throw e;
        }
        String environ;
        try (WireClient wire = new WireClient(socket)) {
            WireClient.Response r = wire.send("GET /environ HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "X-Forwarded-For: 203.0.113.9\r\n"
                    + "X-Forwarded-Proto: https\r\n"
                    + "Connection: close\r\n\r\n").read(false);
            assertThat(r.status()).isEqualTo(200);
            environ = r.text();
        }

        assertThat(environ).contains(
                "\"REMOTE_ADDR\":\"" + CLIENT_ADDRESS + "\"",
                "\"wsgi.url_scheme\":\"http\"",
                "\"SERVER_PROTOCOL\":\"HTTP/1.1\"",
                "\"SERVER_NAME\":\"127.0.0.1\"",
                "\"SERVER_PORT\":\"" + port + "\"",
                "\"HTTP_HOST\":\"127.0.0.1:" + port + "\"",
                "\"HTTP_X_FORWARDED_FOR\":\"203.0.113.9\"",
                "\"wsgi4j.peer_addr\":\"127.0.0.1\"");
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static String logs() {
        try {
            return "\n" + nginx.logs();
        } catch (Exception e) {
            return "\n(no nginx logs: " + e + ")";
        }
    }
}
