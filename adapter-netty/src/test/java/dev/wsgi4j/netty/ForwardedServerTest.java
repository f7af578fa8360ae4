package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.gateway.EnvironBuilder;
import dev.wsgi4j.http.Responses;
import dev.wsgi4j.netty.TestPki.KeyFormat;
import dev.wsgi4j.netty.TestPki.KeyKind;
import dev.wsgi4j.netty.proxy.ProxyHeaders;
import dev.wsgi4j.netty.proxy.ProxySettings;
import dev.wsgi4j.netty.proxy.TrustedProxies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a proxy, end to end on an ephemeral port with a raw socket from 127.0.0.1: forwarding headers and PROXY
 * headers change what the application sees when, and only when, 127.0.0.1 is in the trusted list (SPEC.md §3.9).
 */
class ForwardedServerTest {

    private static final List<String> SHOWN = List.of("REMOTE_ADDR", "REMOTE_PORT", "wsgi.url_scheme", "HTTP_HOST",
            "SERVER_NAME", "SERVER_PORT", "SCRIPT_NAME", "PATH_INFO", EnvironBuilder.PEER_ADDR,
            "HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED");

    /** {@code /redirect} redirects to "done" relative to itself; anything else lists {@link #SHOWN}. */
    private static final Application APP = (env, sr) -> {
        if (env.get("PATH_INFO").equals("/redirect")) {
            return Responses.redirect(env, "done", 302).send(sr);
        }
        StringBuilder body = new StringBuilder();
        for (String key : SHOWN) {
            body.append(key).append('=').append(env.get(key)).append('\n');
        }
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        return List.of(body.toString().getBytes(StandardCharsets.ISO_8859_1));
    };

    private static final String NGINX_HEADERS = "Host: internal:8000\r\n"
            + "X-Forwarded-For: 198.51.100.7, 203.0.113.5\r\n"
            + "X-Forwarded-Proto: https\r\n"
            + "X-Forwarded-Host: public.example:8443\r\n"
            + "X-Forwarded-Prefix: /app\r\n";

    @TempDir
    Path dir;
    private GatewayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private int start(String allowIps, boolean proxyProtocol) throws InterruptedException {
        return start(ServerConfig.builder(), allowIps, proxyProtocol);
    }

    private int start(ServerConfig.Builder config, String allowIps, boolean proxyProtocol)
            throws InterruptedException {
        server = new GatewayServer(APP, config.host("127.0.0.1").port(0)
                .proxy(new ProxySettings(TrustedProxies.parse(allowIps), proxyProtocol)).build()).start();
        return server.port();
    }

    private static Map<String, String> environ(RawHttp.Response response) {
        assertThat(response.status()).isEqualTo(200);
        Map<String, String> env = new java.util.HashMap<>();
        for (String line : response.latin1().split("\n")) {
            int eq = line.indexOf('=');
            env.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return env;
    }

    private static RawHttp.Response get(int port, String path, String headers) throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            return http.send("GET " + path + " HTTP/1.1\r\n" + headers + "Connection: close\r\n\r\n").read();
        }
    }

    @Test
    void aTrustedProxysRedirectCarriesItsSchemeHostAndPrefixAndTheClientIsItsClient() throws Exception {
        int port = start("127.0.0.1", false);

        RawHttp.Response redirect = get(port, "/redirect", NGINX_HEADERS);
        Map<String, String> env = environ(get(port, "/page", NGINX_HEADERS));

        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).isEqualTo("https://public.example:8443/app/done");
        assertThat(env).containsEntry("REMOTE_ADDR", "203.0.113.5").containsEntry("wsgi.url_scheme", "https")
                .containsEntry("HTTP_HOST", "public.example:8443").containsEntry("SERVER_NAME", "public.example")
                .containsEntry("SERVER_PORT", "8443").containsEntry("SCRIPT_NAME", "/app")
                .containsEntry("PATH_INFO", "/page").containsEntry(EnvironBuilder.PEER_ADDR, "127.0.0.1")
                .containsEntry("HTTP_X_FORWARDED_FOR", "198.51.100.7, 203.0.113.5");
    }

    @Test
    void fromAPeerNotInTheListTheSameHeadersChangeNothingAndReachTheApplication() throws Exception {
        int port = start("10.9.9.9", false);

        RawHttp.Response redirect = get(port, "/redirect", NGINX_HEADERS);
        Map<String, String> env = environ(get(port, "/page", NGINX_HEADERS));

        assertThat(redirect.header("Location")).isEqualTo("http://internal:8000/done");
        assertThat(env).containsEntry("REMOTE_ADDR", "127.0.0.1").containsEntry("wsgi.url_scheme", "http")
                .containsEntry("HTTP_HOST", "internal:8000").containsEntry("SCRIPT_NAME", "")
                .containsEntry(EnvironBuilder.PEER_ADDR, "null")
                .containsEntry("HTTP_X_FORWARDED_FOR", "198.51.100.7, 203.0.113.5");
    }

    @Test
    void theDefaultListTrustsLoopbackAndAnEmptyOneNobody() throws Exception {
        int port = start(ServerConfig.defaults().proxy().trusted().toString(), false);
        assertThat(environ(get(port, "/", "Host: h\r\nX-Forwarded-For: 203.0.113.5\r\n")))
                .containsEntry("REMOTE_ADDR", "203.0.113.5");
        stop();

        port = start("", false);
        assertThat(environ(get(port, "/", "Host: h\r\nX-Forwarded-For: 203.0.113.5\r\n")))
                .containsEntry("REMOTE_ADDR", "127.0.0.1");
    }

    @Test
    void aForwardedHeaderWithAQuotedIpv6ClientIsHonoured() throws Exception {
        int port = start("127.0.0.1", false);

        Map<String, String> env = environ(get(port, "/", "Host: internal\r\n"
                + "Forwarded: for=\"[2001:db8::17]:4711\";proto=https;host=public.example\r\n"));

        assertThat(env).containsEntry("REMOTE_ADDR", "2001:db8:0:0:0:0:0:17").containsEntry("REMOTE_PORT", "4711")
                .containsEntry("wsgi.url_scheme", "https").containsEntry("HTTP_HOST", "public.example");
    }

    @Test
    void badValuesAreIgnoredAndTheRequestIsServed() throws Exception {
        int port = start("127.0.0.1", false);

        Map<String, String> env = environ(get(port, "/", "Host: internal:8000\r\nX-Forwarded-For: nonsense\r\n"
                + "X-Forwarded-Proto: gopher\r\nX-Forwarded-Host: bad host\r\nX-Forwarded-Port: 80x\r\n"
                + "X-Forwarded-Prefix: /a/../admin\r\n"));

        assertThat(env).containsEntry("REMOTE_ADDR", "127.0.0.1").containsEntry("wsgi.url_scheme", "http")
                .containsEntry("HTTP_HOST", "internal:8000").containsEntry("SERVER_PORT", "8000")
                .containsEntry("SCRIPT_NAME", "");
    }

    @Test
    void aTrustedPeersProxyV1AndV2HeadersNameTheClientForEveryRequestOnTheConnection() throws Exception {
        int port = start("127.0.0.1", true);
        for (byte[] header : new byte[][] {ProxyHeaders.v1("203.0.113.9", 5555, "127.0.0.1", port),
            ProxyHeaders.v2("2001:db8::9", 6666, "::1", port)}) {
            try (RawHttp http = new RawHttp(port)) {
                http.send(header);
                Map<String, String> first = environ(http.send("GET /1 HTTP/1.1\r\nHost: h\r\n\r\n").read());
                Map<String, String> second = environ(http.send("GET /2 HTTP/1.1\r\nHost: h\r\n\r\n").read());

                String client = header[0] == 'P' ? "203.0.113.9" : "2001:db8:0:0:0:0:0:9";
                String clientPort = header[0] == 'P' ? "5555" : "6666";
                for (Map<String, String> env : List.of(first, second)) {
                    assertThat(env).containsEntry("REMOTE_ADDR", client).containsEntry("REMOTE_PORT", clientPort)
                            .containsEntry(EnvironBuilder.PEER_ADDR, "127.0.0.1");
                }
            }
        }
    }

    @Test
    void withTheOptionOnATrustedPeerMayStillSendNoHeader() throws Exception {
        int port = start("127.0.0.1", true);

        assertThat(environ(get(port, "/", "Host: h\r\n"))).containsEntry("REMOTE_ADDR", "127.0.0.1")
                .containsEntry(EnvironBuilder.PEER_ADDR, "null");
    }

    @Test
    void anUntrustedPeerThatSendsAProxyHeaderIsClosedUnansweredButMaySendPlainHttp() throws Exception {
        int port = start("10.9.9.9", true);

        try (RawHttp http = new RawHttp(port)) {
            http.send(ProxyHeaders.concat(ProxyHeaders.v1("203.0.113.9", 5555, "127.0.0.1", port),
                    "GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(http.closedByServer()).isTrue();
        }
        assertThat(environ(get(port, "/", "Host: h\r\n"))).containsEntry("REMOTE_ADDR", "127.0.0.1");
    }

    @Test
    void theProxyHeaderComesBeforeTheTlsHandshake() throws Exception {
        TestPki pki = new TestPki();
        TestPki.Issued leaf = pki.leaf("CN=localhost", KeyKind.EC);
        Path cert = TestPki.writePem(dir.resolve("cert.pem"), leaf.certificate(), pki.intermediate.certificate());
        Path key = TestPki.writeKey(dir.resolve("key.pem"), leaf.keys(), KeyFormat.PKCS8);
        int port = start(ServerConfig.builder().tls(TlsConfig.of(cert, key)), "127.0.0.1", true);

        try (Socket raw = new Socket("127.0.0.1", port)) {
            raw.setSoTimeout(10_000);
            raw.getOutputStream().write(ProxyHeaders.v2("203.0.113.9", 5555, "127.0.0.1", port));
            try (SSLSocket tls = (SSLSocket) pki.clientContext(null).getSocketFactory()
                    .createSocket(raw, "localhost", port, true)) {
                tls.getOutputStream().write("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                tls.getInputStream().transferTo(response);
                String text = response.toString(StandardCharsets.ISO_8859_1);

                assertThat(text).startsWith("HTTP/1.1 200").contains("REMOTE_ADDR=203.0.113.9\n")
                        .contains("wsgi.url_scheme=https\n").contains(EnvironBuilder.PEER_ADDR + "=127.0.0.1\n");
            }
        }
    }
}
