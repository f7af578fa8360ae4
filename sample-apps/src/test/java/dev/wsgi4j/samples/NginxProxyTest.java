package dev.wsgi4j.samples;

import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
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
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import static dev.wsgi4j.samples.DemoContract.awaitEmpty;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo behind a real nginx running deploy/nginx-wsgi4j.conf, the site file users copy, with only its placeholders
 * filled: nginx terminates TLS on a loopback port and mounts the demo under /app. Every check goes through nginx, as
 * a browser would: the URLs the demo builds name nginx's scheme, host, port and prefix; the environ shows the client,
 * not nginx; a 100 MiB upload and a streamed response pass whole. The demo trusts nginx's forwarded headers because
 * nginx connects from 127.0.0.1, which wsgi4j trusts by default (--forwarded-allow-ips, SECURITY.md).
 * Without nginx the test is skipped, unless {@code CI=true}: there a missing nginx is a failure.
 */
class NginxProxyTest {

    private static final long UPLOAD_SIZE = 100L << 20;
    private static final int STREAM_CHUNKS = 64;
    private static final int STREAM_CHUNK_SIZE = 1 << 20;
    /** The client's own address, distinct from nginx's 127.0.0.1 (the whole of 127/8 is loopback on Linux). */
    private static final String CLIENT_ADDRESS = "127.0.0.2";

    @TempDir
    static Path nginxPrefix;
    @TempDir
    static Path demoTemp;
    @TempDir
    static Path tlsFiles;

    private static GatewayServer server;
    private static NginxProcess nginx;
    private static SelfSignedPem certificate;
    private static HttpClient client;
    private static int httpPort;
    private static int httpsPort;

    @BeforeAll
    static void startDemoAndNginx() throws Exception {
        Path executable = NginxProcess.executableOrSkip();
        server = new GatewayServer(new DemoApp(demoTemp),
                ServerConfig.builder().host("127.0.0.1").port(0).build()).start();
        certificate = new SelfSignedPem(tlsFiles);
        httpPort = NginxProcess.freeLoopbackPort();
        do {
            httpsPort = NginxProcess.freeLoopbackPort();
        } while (httpsPort == httpPort);
        nginx = NginxProcess.start(executable, nginxPrefix, Map.of(
                "UPSTREAM", "127.0.0.1:" + server.port(),
                "LISTEN_ADDRESS", "127.0.0.1",
                "HTTP_PORT", String.valueOf(httpPort),
                "HTTPS_PORT", String.valueOf(httpsPort),
                "SERVER_NAME", "localhost",
                "CERT_FILE", certificate.certificateFile().toString(),
                "KEY_FILE", certificate.keyFile().toString()), httpsPort);
        client = HttpClient.newBuilder().sslContext(certificate.trustingClientContext())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stopNginxAndDemo() throws InterruptedException {
        NginxProcess.stop(nginx, server);
    }

    @Test
    void aRedirectPointsAtNginxsSchemeHostPortAndPrefix() throws Exception {
        HttpResponse<String> r = get(nginxUrl("/app/redirect"));

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue(nginxUrl("/app/"));
    }

    @Test
    void theEnvironShowsTheClientsAddressHttpsAndTheMountPrefix() throws Exception {
        String environ = environAsSeenFrom(CLIENT_ADDRESS);

        assertThat(environ).contains(
                "\"REMOTE_ADDR\":\"" + CLIENT_ADDRESS + "\"",
                "\"wsgi.url_scheme\":\"https\"",
                "\"SCRIPT_NAME\":\"/app/environ\"",
                "\"PATH_INFO\":\"\"",
                "\"SERVER_NAME\":\"127.0.0.1\"",
                "\"SERVER_PORT\":\"" + httpsPort + "\"",
                "\"HTTP_HOST\":\"127.0.0.1:" + httpsPort + "\"");
    }

    @Test
    void nginxReplacesTheClientsForwardedHeadersAndAppendsItsAddress() throws Exception {
        String environ = environAsSeenFrom(CLIENT_ADDRESS);

        assertThat(environ).contains(
                "\"HTTP_X_FORWARDED_FOR\":\"203.0.113.9, " + CLIENT_ADDRESS + "\"",
                "\"HTTP_X_FORWARDED_PROTO\":\"https\"",
                "\"HTTP_X_FORWARDED_HOST\":\"127.0.0.1:" + httpsPort + "\"",
                "\"HTTP_X_FORWARDED_PORT\":\"" + httpsPort + "\"",
                "\"HTTP_X_FORWARDED_PREFIX\":\"/app\"");
        assertThat(environ).doesNotContain("HTTP_FORWARDED\"", "evil.example", "/evil");
    }

    @Test
    void aHundredMebibyteUploadStreamsThroughNginx() throws Exception {
        HttpResponse<String> r = client.send(StreamedUpload.request(URI.create(nginxUrl("/app/upload")), UPLOAD_SIZE),
                BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(StreamedUpload.answer(UPLOAD_SIZE));
        awaitEmpty(demoTemp);
    }

    @Test
    void aStreamedResponseArrivesWholeOverHttp2() throws Exception {
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(nginxUrl(
                        "/app/stream?chunks=" + STREAM_CHUNKS + "&size=" + STREAM_CHUNK_SIZE)))
                .timeout(Duration.ofSeconds(60)).build(), BodyHandlers.ofInputStream());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        try (InputStream body = r.body()) {
            assertThat(PatternStream.matchingPrefixLength(body)).isEqualTo((long) STREAM_CHUNKS * STREAM_CHUNK_SIZE);
        }
    }

    @Test
    void plainHttpIsRedirectedToTheSamePathOverHttps() throws Exception {
        HttpResponse<String> r = get("http://127.0.0.1:" + httpPort + "/app/hello/there?x=1");

        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(r.headers().firstValue("Location")).hasValue(nginxUrl("/app/hello/there?x=1"));
        HttpResponse<String> followed = get(r.headers().firstValue("Location").orElseThrow());
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(followed.body()).isEqualTo("hello, /there");
    }

    @Test
    void theMountPointWithoutItsSlashIsRedirectedToIt() throws Exception {
        HttpResponse<String> r = get(nginxUrl("/app"));

        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(r.headers().firstValue("Location")).hasValue(nginxUrl("/app/"));
    }

    private static String nginxUrl(String path) {
        return "https://127.0.0.1:" + httpsPort + path;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                BodyHandlers.ofString());
    }

    /**
     * /app/environ over HTTPS from {@code localAddress} (the JDK's HttpClient cannot choose it), with forwarded
     * headers of the client's own that nginx must not pass on as they are.
     */
    private static String environAsSeenFrom(String localAddress) throws Exception {
        Socket plain = new Socket();
        try {
            plain.bind(new InetSocketAddress(localAddress, 0));
            plain.connect(new InetSocketAddress("127.0.0.1", httpsPort), 10_000);
        } catch (Exception e) {
            plain.close();
            throw e;
        }
        SSLSocket tls = (SSLSocket) certificate.trustingClientContext().getSocketFactory()
                .createSocket(plain, "127.0.0.1", httpsPort, true);
        try (WireClient wire = new WireClient(tls)) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            WireClient.Response r = wire.send("GET /app/environ HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + httpsPort + "\r\n"
                    + "X-Forwarded-For: 203.0.113.9\r\n"
                    + "X-Forwarded-Proto: http\r\n"
                    + "X-Forwarded-Host: evil.example\r\n"
                    + "X-Forwarded-Prefix: /evil\r\n"
                    + "Forwarded: for=198.51.100.7;proto=http;host=evil.example\r\n"
                    + "Connection: close\r\n\r\n").read(false);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.complete()).isTrue();
            return r.text();
        }
    }
}
