package dev.wsgi4j.netty.http2;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** h2c by Upgrade end to end, with curl and the JDK's HttpClient: what real clients that upgrade see. */
class H2cUpgradeTest {

    /** The environ as the application sees it: the protocol, the request, every HTTP_* key; and the body read. */
    private static final Application APP = (env, sr) -> {
        byte[] body = Environ.input(env).readAllBytes();
        Map<String, Object> shown = new TreeMap<>();
        for (Map.Entry<String, Object> e : env.entrySet()) {
            if (e.getKey().startsWith("HTTP_") || e.getKey().startsWith("CONTENT_")) {
                shown.put(e.getKey(), e.getValue());
            }
        }
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        String text = env.get("SERVER_PROTOCOL") + " " + env.get(Environ.WSGI_URL_SCHEME) + " "
                + env.get("REQUEST_METHOD") + " " + env.get("PATH_INFO") + "?" + env.get("QUERY_STRING") + " "
                + shown + " read=" + body.length;
        return List.of(text.getBytes(StandardCharsets.UTF_8));
    };

    private GatewayServer server;

    private int start(Http2Settings.Cleartext mode) throws Exception {
        server = new GatewayServer(APP, ServerConfig.builder().port(0)
                .http2(Http2Settings.DEFAULTS.withCleartext(mode)).build()).start();
        return server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void curlUpgradesAndItsRequestIsAnsweredOverHttp2WithThePriorKnowledgeEnviron() throws Exception {
        String url = "http://127.0.0.1:" + start(Http2Settings.Cleartext.BOTH) + "/c?q=1";
        String upgraded = curl("--http2", url);
        assertThat(upgraded).containsSubsequence("HTTP/1.1 101 Switching Protocols", "HTTP/2 200");
        String body = upgraded.substring(upgraded.lastIndexOf("\r\n\r\n") + 4);
        assertThat(body).startsWith("HTTP/2.0 http GET /c?q=1 {").endsWith(" read=0")
                .doesNotContain("HTTP_UPGRADE", "HTTP2_SETTINGS", "HTTP_CONNECTION", "CONTENT_LENGTH");
        String prior = curl("--http2-prior-knowledge", url);
        assertThat(prior).startsWith("HTTP/2 200");
        assertThat(prior.substring(prior.lastIndexOf("\r\n\r\n") + 4)).isEqualTo(body);
    }

    @Test
    void theJdkClientUpgradesAndKeepsTheHttp2Connection() throws Exception {
        int port = start(Http2Settings.Cleartext.UPGRADE);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(10)).build();
        for (String path : List.of("/first", "/second")) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.version()).as(path).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).startsWith("HTTP/2.0 http GET " + path + "?");
        }
    }

    @Test
    void anUpgradeWithABodyIsServedOverHttp11() throws Exception {
        String out = curl("--http2", "--data-binary", "hello",
                "http://127.0.0.1:" + start(Http2Settings.Cleartext.BOTH) + "/post");
        assertThat(out).startsWith("HTTP/1.1 200").doesNotContain("101").endsWith(" read=5")
                .contains("HTTP/1.1 http POST /post?", "HTTP_UPGRADE=h2c");
    }

    @ParameterizedTest
    @EnumSource(value = Http2Settings.Cleartext.class, names = {"OFF", "PRIOR_KNOWLEDGE"})
    void withoutUpgradeCurlsUpgradeRequestIsServedOverHttp11(Http2Settings.Cleartext mode) throws Exception {
        String out = curl("--http2", "http://127.0.0.1:" + start(mode) + "/u");
        assertThat(out).startsWith("HTTP/1.1 200").doesNotContain("101")
                .contains("HTTP/1.1 http GET /u?", "HTTP_UPGRADE=h2c");
    }

    /** curl -sS -i with {@code args}: what it printed (the 101's head too, when there is one). */
    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-i", "--max-time", "20"));
        command.addAll(List.of(args));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as(out).isZero();
        return out;
    }
}
