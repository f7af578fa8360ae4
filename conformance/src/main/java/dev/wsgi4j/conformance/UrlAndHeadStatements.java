package dev.wsgi4j.conformance;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.middleware.UrlMap;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** PEP 3333, "URL Reconstruction", and HEAD, 204 and 304 as servers answer them (B51-B53). */
public abstract class UrlAndHeadStatements extends Statements {

    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/";

    /** PEP 3333's algorithm, as written there: each native-string character is one byte to quote. */
    static String reconstruct(Map<String, Object> env) {
        String scheme = (String) env.get("wsgi.url_scheme");
        StringBuilder url = new StringBuilder(scheme).append("://");
        Object host = env.get(Environ.HTTP_HOST);
        if (host != null) {
            url.append(host);
        } else {
            url.append(env.get(Environ.SERVER_NAME));
            String port = (String) env.get(Environ.SERVER_PORT);
            if (scheme.equals("https") ? !port.equals("443") : !port.equals("80")) {
                url.append(':').append(port);
            }
        }
        url.append(quote((String) env.getOrDefault(Environ.SCRIPT_NAME, "")));
        url.append(quote((String) env.getOrDefault(Environ.PATH_INFO, "")));
        String query = (String) env.getOrDefault(Environ.QUERY_STRING, "");
        if (!query.isEmpty()) {
            url.append('?').append(query);
        }
        return url.toString();
    }

    private static String quote(String nativeString) {
        StringBuilder out = new StringBuilder();
        for (char c : nativeString.toCharArray()) {
            if (UNRESERVED.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }

    @Test
    @DisplayName("P3333-URL-01 scheme, HTTP_HOST (or SERVER_NAME and SERVER_PORT), quoted SCRIPT_NAME and "
            + "PATH_INFO and QUERY_STRING rebuild the URL the client requested")
    void theUrlIsRebuiltFromTheEnviron() throws Exception {
        Application rebuilding = KitApps.replying(UrlAndHeadStatements::reconstruct);
        Application mounted = UrlMap.builder().mount("/app", rebuilding).build();

        try (RunningServer running = start(rebuilding); RunningServer mount = start(mounted)) {
            assertThat(running.send(TestRequest.get("/a%20b/c%C3%A9?x=1&y=%20").host("example.org:8080").build())
                    .text()).isEqualTo("http://example.org:8080/a%20b/c%C3%A9?x=1&y=%20");
            assertThat(running.send(TestRequest.get("/").host("example.org").build()).text())
                    .isEqualTo("http://example.org/");
            assertThat(mount.send(TestRequest.get("/app/inner/p?q").host("example.org").build()).text())
                    .isEqualTo("http://example.org/app/inner/p?q");
            URI withoutHost = URI.create(running.send(TestRequest.get("/p?q=1").http10().noHost().build()).text());
            assertThat(withoutHost.getScheme()).isEqualTo("http");
            assertThat(withoutHost.getHost()).isNotEmpty();
            assertThat(withoutHost.getRawPath()).isEqualTo("/p");
            assertThat(withoutHost.getRawQuery()).isEqualTo("q=1");
        }
    }

    private static Application bodyWith(String contentLength) {
        return (environ, start) -> {
            start.start("200 OK", contentLength == null ? List.of(new Header("Content-Type", "text/plain"))
                    : List.of(new Header("Content-Type", "text/plain"), new Header("Content-Length", contentLength)));
            return KitApps.lazy("twelve", " bytes");
        };
    }

    @Test
    @DisplayName("P3333-HEAD-01 A HEAD response carries GET's headers, the application's Content-Length kept, "
            + "and no body bytes, whatever the application yields")
    void headSendsTheHeadersOnly() throws Exception {
        TestResponse get = send(bodyWith("12"), TestRequest.get("/"));
        TestResponse head = send(bodyWith("12"), TestRequest.request("HEAD", "/"));
        TestResponse lazyHead = send(bodyWith(null), TestRequest.request("HEAD", "/"));

        assertThat(get.text()).isEqualTo("twelve bytes");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo("12");
        assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
        assertThat(head.body()).isEmpty();
        assertThat(lazyHead.body()).isEmpty();
    }

    @Test
    @DisplayName("P3333-HEAD-01 (wire) After a HEAD response nothing but the next response follows on the "
            + "connection")
    void nothingFollowsAHeadResponse() throws Exception {
        assumeCapable(Capability.SOCKET, "stray body bytes are seen on a connection only");
        try (RunningServer running = start(bodyWith(null)); RawConnection c = RawConnection.open(running.address())) {
            c.send("HEAD / HTTP/1.1\r\nHost: kit\r\n\r\nGET / HTTP/1.1\r\nHost: kit\r\nConnection: close\r\n\r\n");
            assertThat(c.read(true).body()).isEmpty();
            RawConnection.Response get = c.read(false);
            assertThat(get.head().status()).isEqualTo(200);
            assertThat(new String(get.body(), StandardCharsets.US_ASCII)).isEqualTo("twelve bytes");
        }
    }

    @Test
    @DisplayName("P3333-HEAD-02 204 and 304 responses carry no body; a 204 carries no Content-Length or "
            + "Transfer-Encoding")
    void noContentAndNotModifiedHaveNoBody() throws Exception {
        Application answering = (environ, start) -> {
            String status = environ.get(Environ.PATH_INFO).equals("/204") ? "204 No Content" : "304 Not Modified";
            start.start(status, List.of(new Header("ETag", "\"v1\"")));
            return KitApps.lazy("dropped");
        };

        try (RunningServer running = start(answering)) {
            TestResponse noContent = running.send(TestRequest.get("/204").build());
            TestResponse notModified = running.send(TestRequest.get("/304").build());
            assertThat(noContent.status()).isEqualTo(204);
            assertThat(noContent.body()).isEmpty();
            assertThat(noContent.header("Content-Length")).isNull();
            assertThat(noContent.header("Transfer-Encoding")).isNull();
            assertThat(notModified.status()).isEqualTo(304);
            assertThat(notModified.body()).isEmpty();
            assertThat(notModified.header("ETag")).isEqualTo("\"v1\"");
        }
    }

    @Test
    @DisplayName("P3333-HEAD-02 (wire) Nothing follows a 204 or a 304 on the connection but the next response")
    void nothingFollowsABodilessResponse() throws Exception {
        assumeCapable(Capability.SOCKET, "stray body bytes are seen on a connection only");
        Application answering = (environ, start) -> {
            String path = (String) environ.get(Environ.PATH_INFO);
            start.start(path.equals("/204") ? "204 No Content" : path.equals("/304") ? "304 Not Modified" : "200 OK",
                    List.of(new Header("Content-Type", "text/plain")));
            return KitApps.lazy("body of " + path);
        };

        try (RunningServer running = start(answering); RawConnection c = RawConnection.open(running.address())) {
            c.send("GET /204 HTTP/1.1\r\nHost: kit\r\n\r\nGET /304 HTTP/1.1\r\nHost: kit\r\n\r\n"
                    + "GET /200 HTTP/1.1\r\nHost: kit\r\nConnection: close\r\n\r\n");
            RawConnection.Response noContent = c.read(false);
            assertThat(noContent.head().status()).isEqualTo(204);
            assertThat(noContent.head().header("Transfer-Encoding")).isNull();
            assertThat(c.read(false).head().status()).isEqualTo(304);
            RawConnection.Response ok = c.read(false);
            assertThat(ok.head().status()).isEqualTo(200);
            assertThat(new String(ok.body(), StandardCharsets.US_ASCII)).isEqualTo("body of /200");
        }
    }
}
