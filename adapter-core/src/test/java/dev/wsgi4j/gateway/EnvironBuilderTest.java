package dev.wsgi4j.gateway;

import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.http.BadRequestException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The environ built from a request head and the connection's two addresses (SPEC.md §3), without a channel. */
class EnvironBuilderTest {

    private static final InetSocketAddress LOCAL = address("10.0.0.1", 8080);
    private static final InetSocketAddress REMOTE = address("192.0.2.7", 54321);

    private final EnvironBuilder builder = new EnvironBuilder(LoggerFactory.getLogger(EnvironBuilderTest.class));
    private final WsgiInput input = WsgiInput.of("hello".getBytes(StandardCharsets.US_ASCII));

    /** A request head as a server holds it after its body stage; {@code with...} derive variants. */
    record Head(String method, String target, String protocol, List<Map.Entry<CharSequence, CharSequence>> lines,
            InetSocketAddress localAddress, InetSocketAddress remoteAddress, String urlScheme, long contentLength)
            implements RequestHead {

        @Override
        public int headerCount() {
            return lines.size();
        }

        @Override
        public Iterator<Map.Entry<CharSequence, CharSequence>> headerLines() {
            return lines.iterator();
        }

        Head withAddresses(InetSocketAddress local, InetSocketAddress remote) {
            return new Head(method, target, protocol, lines, local, remote, urlScheme, contentLength);
        }

        Head withScheme(String scheme) {
            return new Head(method, target, protocol, lines, localAddress, remoteAddress, scheme, contentLength);
        }

        Head withContentLength(long length) {
            return new Head(method, target, protocol, lines, localAddress, remoteAddress, urlScheme, length);
        }
    }

    private static InetSocketAddress address(String literal, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(literal), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static Head request(String method, String uri, String... headers) {
        return requestIn("HTTP/1.1", method, uri, headers);
    }

    private static Head requestIn(String version, String method, String uri, String... headers) {
        List<Map.Entry<CharSequence, CharSequence>> lines = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            lines.add(new AbstractMap.SimpleImmutableEntry<>(headers[i], headers[i + 1]));
        }
        return new Head(method, uri, version, lines, LOCAL, REMOTE, "http", -1);
    }

    private Map<String, Object> build(Head request) {
        return builder.build(request, input);
    }

    /** {@code head} with server keys: the default method is what every other test exercises. */
    private static RequestHead withServerKeys(Head head, Map<String, Object> keys) {
        return (RequestHead) java.lang.reflect.Proxy.newProxyInstance(RequestHead.class.getClassLoader(),
                new Class<?>[] {RequestHead.class}, (proxy, method, args) -> method.getName().equals("serverKeys")
                        ? keys : method.invoke(head, args));
    }

    @Test
    void serverKeysAreAddedUnderTheServersPrefixOnly() {
        Head head = request("GET", "/", "Host", "h");
        assertThat(build(head)).doesNotContainKey("wsgi4j.client_subject");
        assertThat(builder.build(withServerKeys(head, Map.of("wsgi4j.client_subject", "CN=alice")), input))
                .containsEntry("wsgi4j.client_subject", "CN=alice")
                .containsEntry("PATH_INFO", "/");
        assertThatThrownBy(() -> builder.build(withServerKeys(head, Map.of("REMOTE_USER", "root")), input))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("REMOTE_USER");
    }

    @Test
    void fillsTheCgiKeysOfAPlainGet() {
        Map<String, Object> env = build(request("GET", "/app/x?a=1&b=%20", "Host", "example.com:9000"));

        assertThat(env).containsEntry("REQUEST_METHOD", "GET")
                .containsEntry("SCRIPT_NAME", "")
                .containsEntry("PATH_INFO", "/app/x")
                .containsEntry("QUERY_STRING", "a=1&b=%20")
                .containsEntry("RAW_URI", "/app/x?a=1&b=%20")
                .containsEntry("SERVER_NAME", "example.com")
                .containsEntry("SERVER_PORT", "9000")
                .containsEntry("SERVER_PROTOCOL", "HTTP/1.1")
                .containsEntry("REMOTE_ADDR", "192.0.2.7")
                .containsEntry("REMOTE_PORT", "54321")
                .containsEntry("HTTP_HOST", "example.com:9000")
                .doesNotContainKeys("CONTENT_TYPE", "CONTENT_LENGTH");
    }

    @Test
    void passesTheMethodThrough() {
        assertThat(build(request("PROPFIND", "/", "Host", "h"))).containsEntry("REQUEST_METHOD",
                "PROPFIND");
        assertThat(build(request("HEAD", "/", "Host", "h"))).containsEntry("REQUEST_METHOD", "HEAD");
    }

    @Test
    void decodesPathInfoAsOneLatin1CharPerByteAndKeepsPlus() {
        Map<String, Object> env = build(request("GET", "/a%20b%C3%A9+c?x=%C3%A9+y", "Host", "h"));

        assertThat(env.get("PATH_INFO")).isEqualTo("/a b\u00C3\u00A9+c");
        assertThat(Environ.decode((String) env.get("PATH_INFO"))).isEqualTo("/a b\u00E9+c");
        assertThat(env.get("QUERY_STRING")).isEqualTo("x=%C3%A9+y");
        assertThat(env.get("RAW_URI")).isEqualTo("/a%20b%C3%A9+c?x=%C3%A9+y");
    }

    @Test
    void aMalformedEscapeInThePathIsABadRequest() {
        assertThatThrownBy(() -> build(request("GET", "/a%zz", "Host", "h")))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void contentTypeAndLengthHaveNoHttpCopies() {
        Head request = request("POST", "/", "Host", "h", "Content-Type", "text/plain; charset=utf-8",
                "Content-Length", "5");

        Map<String, Object> env = build(request.withContentLength(5));

        assertThat(env).containsEntry("CONTENT_TYPE", "text/plain; charset=utf-8")
                .containsEntry("CONTENT_LENGTH", "5")
                .doesNotContainKeys("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH", "HTTP_TRANSFER_ENCODING");
    }

    @Test
    void contentLengthIsTheBodyTheStageReadNotTheHeader() {
        // The body stage replaces a chunked body's framing with the bytes it counted.
        Head request = request("POST", "/", "Host", "h", "Content-Length", "12");

        assertThat(build(request.withContentLength(12))).containsEntry("CONTENT_LENGTH", "12");
        assertThat(build(request("POST", "/", "Host", "h").withContentLength(7)))
                .containsEntry("CONTENT_LENGTH", "7");
    }

    @Test
    void serverPortDefaultsToTheSchemesPortWhenHostHasNone() {
        assertThat(build(request("GET", "/", "Host", "example.com")))
                .containsEntry("SERVER_NAME", "example.com").containsEntry("SERVER_PORT", "80");
        Map<String, Object> https = build(request("GET", "/", "Host", "example.com").withScheme("https"));
        assertThat(https).containsEntry("SERVER_PORT", "443").containsEntry("wsgi.url_scheme", "https");
    }

    @Test
    void anIpv6HostKeepsItsBracketsInServerName() {
        assertThat(build(request("GET", "/", "Host", "[2001:db8::1]:8443")))
                .containsEntry("SERVER_NAME", "[2001:db8::1]").containsEntry("SERVER_PORT", "8443");
        assertThat(build(request("GET", "/", "Host", "[::1]")))
                .containsEntry("SERVER_NAME", "[::1]").containsEntry("SERVER_PORT", "80");
    }

    @Test
    void anAbsoluteFormTargetsAuthorityWinsOverTheHostHeader() {
        Map<String, Object> env = build(request("GET", "http://origin.example:8081/p%20q?x=1", "Host",
                "other.example"));

        assertThat(env).containsEntry("SERVER_NAME", "origin.example")
                .containsEntry("SERVER_PORT", "8081")
                .containsEntry("HTTP_HOST", "origin.example:8081")
                .containsEntry("PATH_INFO", "/p q")
                .containsEntry("QUERY_STRING", "x=1")
                .containsEntry("RAW_URI", "http://origin.example:8081/p%20q?x=1");
    }

    @Test
    void withoutHostAnHttp10RequestNamesTheLocalAddress() {
        Map<String, Object> env = build(requestIn("HTTP/1.0", "GET", "/"));

        assertThat(env).containsEntry("SERVER_NAME", "10.0.0.1")
                .containsEntry("SERVER_PORT", "8080")
                .containsEntry("SERVER_PROTOCOL", "HTTP/1.0")
                .doesNotContainKey("HTTP_HOST");
    }

    @Test
    void withoutHostAnIpv6LocalAddressIsBracketedLikeAHostHeader() {
        Map<String, Object> env = build(requestIn("HTTP/1.0", "GET", "/").withAddresses(address("::1", 8080), REMOTE));

        assertThat(env).containsEntry("SERVER_NAME", "[0:0:0:0:0:0:0:1]").containsEntry("SERVER_PORT", "8080");
    }

    @Test
    void withNeitherHostNorAddressesServerNameIsLocalhost() {
        Map<String, Object> env = build(requestIn("HTTP/1.0", "GET", "/").withAddresses(null, null));

        assertThat(env).containsEntry("SERVER_NAME", "localhost").containsEntry("SERVER_PORT", "80")
                .doesNotContainKeys("REMOTE_ADDR", "REMOTE_PORT");
    }

    @Test
    void repeatedHeadersAreJoinedWithCommaSpaceInArrivalOrder() {
        Map<String, Object> env = build(request("GET", "/", "Host", "h", "Accept", "text/html",
                "X-Forwarded-For", "1.1.1.1", "accept", "application/json", "X-Forwarded-For", "2.2.2.2"));

        assertThat(env).containsEntry("HTTP_ACCEPT", "text/html, application/json")
                .containsEntry("HTTP_X_FORWARDED_FOR", "1.1.1.1, 2.2.2.2");
    }

    @Test
    void headerNamesWithUnderscoreAreDropped() {
        Map<String, Object> env = build(request("GET", "/", "Host", "h", "X_Forwarded_For", "6.6.6.6",
                "X-Real-Ip", "1.2.3.4", "Content_Type", "evil/type"));

        assertThat(env).containsEntry("HTTP_X_REAL_IP", "1.2.3.4")
                .doesNotContainKeys("HTTP_X_FORWARDED_FOR", "CONTENT_TYPE", "HTTP_CONTENT_TYPE");
        assertThat(env.keySet()).noneMatch(k -> k.contains("X_FORWARDED"));
    }

    @Test
    void wsgiKeysHaveTheirValuesAndTypes() {
        Map<String, Object> env = build(request("GET", "/", "Host", "h"));

        assertThat(env.get("wsgi.version")).isEqualTo(List.of(1, 0));
        assertThat(env.get("wsgi.url_scheme")).isEqualTo("http");
        assertThat(env.get("wsgi.input")).isSameAs(input);
        assertThat(env.get("wsgi.errors")).isInstanceOf(PrintWriter.class);
        assertThat(env.get("wsgi.multithread")).isEqualTo(Boolean.TRUE);
        assertThat(env.get("wsgi.multiprocess")).isEqualTo(Boolean.FALSE);
        assertThat(env.get("wsgi.run_once")).isEqualTo(Boolean.FALSE);
        assertThat(env.get("wsgi.input_terminated")).isEqualTo(Boolean.TRUE);
        assertThat(env.get("wsgi.file_wrapper")).isInstanceOf(FileWrapper.Factory.class);
    }

    @Test
    void theEnvironIsFreshAndMutableForEachRequest() {
        Head request = request("GET", "/", "Host", "h");
        Map<String, Object> first = build(request);
        first.put("PATH_INFO", "/changed");
        first.put("my.key", 1);

        Map<String, Object> second = build(request);

        assertThat(second).containsEntry("PATH_INFO", "/").doesNotContainKey("my.key");
        assertThat(second.get("wsgi.errors")).isNotSameAs(first.get("wsgi.errors"));
    }

    @Test
    void latin1HeaderCharsArriveAsTheyAreAndEveryCgiValueStaysBelow0x100() {
        // A server hands over each received byte as one char (the Netty test feeds real bytes through its decoder).
        Map<String, Object> env = build(request("GET", "/caf%C3%A9?q=%E2%82%AC", "Host", "h",
                "X-Name", "caf\u00c3\u00a9 \u00e2\u0082\u00ac", "Cookie", "a=\u00ff"));

        assertThat(env.get("HTTP_X_NAME")).isEqualTo("caf\u00c3\u00a9 \u00e2\u0082\u00ac");
        assertThat(Environ.decode((String) env.get("HTTP_X_NAME"))).isEqualTo("caf\u00e9 \u20ac");
        assertThat(env.get("HTTP_COOKIE")).isEqualTo("a=\u00ff");
        assertThat(env.get("PATH_INFO")).isEqualTo("/caf\u00c3\u00a9");
        env.forEach((key, value) -> {
            if (value instanceof String s && !key.startsWith("wsgi.")) {
                assertThat(s.chars()).as(key).allMatch(c -> c <= 0xFF);
            }
        });
    }
}
