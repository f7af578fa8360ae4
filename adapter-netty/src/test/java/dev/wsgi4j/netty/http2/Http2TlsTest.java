package dev.wsgi4j.netty.http2;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.TestPki;
import dev.wsgi4j.netty.TlsConfig;
import dev.wsgi4j.netty.TlsProvider;
import io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** HTTP/2 over TLS chosen by ALPN, with real clients; HTTP/1.1 still served to clients that do not offer h2. */
class Http2TlsTest {

    private static final Application PROTOCOL = (env, sr) -> {
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        String body = env.get("SERVER_PROTOCOL") + " " + env.get(Environ.WSGI_URL_SCHEME);
        return List.of(body.getBytes(StandardCharsets.UTF_8));
    };

    private static TestPki pki;
    @TempDir
    Path dir;
    private GatewayServer server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = new TestPki();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private int start(TlsProvider provider, boolean h2) throws Exception {
        TestPki.Issued leaf = pki.leaf("CN=localhost", TestPki.KeyKind.EC);
        Path cert = TestPki.writePem(dir.resolve("cert.pem"), leaf.certificate(), pki.intermediate.certificate());
        Path key = TestPki.writeKey(dir.resolve("key.pem"), leaf.keys(), TestPki.KeyFormat.PKCS8);
        server = new GatewayServer(PROTOCOL, ServerConfig.builder().port(0)
                .tls(TlsConfig.of(cert, key).withProvider(provider))
                .http2(Http2Settings.DEFAULTS.withAlpn(h2)).build()).start();
        return server.port();
    }

    private static HttpResponse<String> get(int port, HttpClient.Version version) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(pki.clientContext(null)).version(version)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"OPENSSL", "JDK"})
    void theJdkClientGetsHttp2ByAlpnAndHttp11WhenItAsksForIt(TlsProvider provider) throws Exception {
        assumeThat(provider != TlsProvider.OPENSSL || OpenSsl.isAvailable()).as("OpenSSL loads here").isTrue();
        int port = start(provider, true);
        HttpResponse<String> h2 = get(port, HttpClient.Version.HTTP_2);
        assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(h2.body()).isEqualTo("HTTP/2.0 https");
        HttpResponse<String> h1 = get(port, HttpClient.Version.HTTP_1_1);
        assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(h1.body()).isEqualTo("HTTP/1.1 https");
    }

    /** RFC 7540 §3.2: h2c is for cleartext only; over TLS, a client that did not choose h2 by ALPN stays HTTP/1.1. */
    @Test
    void anUpgradeH2cRequestOverTlsIsServedOverHttp11() throws Exception {
        int port = start(TlsProvider.JDK, true);
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) pki.clientContext(null).getSocketFactory()
                .createSocket("localhost", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: Upgrade, HTTP2-Settings, close\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABk\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").endsWith("HTTP/1.1 https");
        }
    }

    @Test
    void withoutTheOptionTlsStaysHttp11() throws Exception {
        int port = start(TlsProvider.AUTO, false);
        HttpResponse<String> response = get(port, HttpClient.Version.HTTP_2);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.body()).isEqualTo("HTTP/1.1 https");
    }

    @Test
    void curlOverTls() throws Exception {
        int port = start(TlsProvider.AUTO, true);
        Process curl = new ProcessBuilder("curl", "-sS", "-k", "-i", "--http2", "https://localhost:" + port + "/")
                .redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).startsWith("HTTP/2 200").endsWith("HTTP/2.0 https");
    }

    @Test
    void h2NeedsTlsH2cNeedsAPlainListenerAndNeitherGoesWithUwsgi() {
        assertThatThrownBy(() -> ServerConfig.builder().http2(Http2Settings.DEFAULTS.withAlpn(true)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs TLS");
        assertThatThrownBy(() -> ServerConfig.builder()
                .tls(TlsConfig.of(dir.resolve("c.pem"), dir.resolve("k.pem")))
                .http2(Http2Settings.DEFAULTS.withCleartext(Http2Settings.Cleartext.PRIOR_KNOWLEDGE)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain listener");
        assertThatThrownBy(() -> ServerConfig.builder()
                .uwsgi(dev.wsgi4j.netty.uwsgi.UwsgiSettings.on(dev.wsgi4j.netty.proxy.TrustedProxies.LOOPBACK))
                .http2(Http2Settings.DEFAULTS.withCleartext(Http2Settings.Cleartext.PRIOR_KNOWLEDGE)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uwsgi protocol is served without HTTP/2");
    }
}
