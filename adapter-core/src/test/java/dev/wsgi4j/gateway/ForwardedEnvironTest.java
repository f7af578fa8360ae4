package dev.wsgi4j.gateway;

import dev.wsgi4j.Environ;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.http.Responses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a trusted proxy's forwarding headers do to the environ, and that an untrusted peer's do nothing (SPEC.md
 * §3.9). The peer is 127.0.0.1; 10.0.0.2 is a second trusted proxy in the chains.
 */
class ForwardedEnvironTest {

    private static final InetSocketAddress LOCAL = address("127.0.0.1", 8000);
    private static final InetSocketAddress PEER = address("127.0.0.1", 40000);
    private static final ProxyTrust LOOPBACK = new LiteralTrust("127.0.0.1", "::1", "10.0.0.2");
    private static final ProxyTrust OTHERS = new LiteralTrust("10.9.9.9");

    /** A request from {@code remote} (peer {@code peer}) with header name/value pairs. */
    record Head(List<Map.Entry<CharSequence, CharSequence>> lines, InetSocketAddress remoteAddress,
            InetSocketAddress peerAddress, String target) implements RequestHead {

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String protocol() {
            return "HTTP/1.1";
        }

        @Override
        public int headerCount() {
            return lines.size();
        }

        @Override
        public Iterator<Map.Entry<CharSequence, CharSequence>> headerLines() {
            return lines.iterator();
        }

        @Override
        public InetSocketAddress localAddress() {
            return LOCAL;
        }

        @Override
        public String urlScheme() {
            return "http";
        }

        @Override
        public long contentLength() {
            return -1;
        }
    }

    static InetSocketAddress address(String literal, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(literal), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static Head head(String... headers) {
        List<Map.Entry<CharSequence, CharSequence>> lines = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            lines.add(new AbstractMap.SimpleImmutableEntry<>(headers[i], headers[i + 1]));
        }
        return new Head(lines, PEER, PEER, "/path");
    }

    static Map<String, Object> build(ProxyTrust trust, RequestHead head) {
        return new EnvironBuilder(LoggerFactory.getLogger(ForwardedEnvironTest.class), trust)
                .build(head, WsgiInput.of(new byte[0]));
    }

    /** The environ less wsgi.input and wsgi.errors, which are new objects in every environ. */
    private static Map<String, Object> withoutStreams(Map<String, Object> env) {
        Map<String, Object> copy = new java.util.HashMap<>(env);
        copy.remove("wsgi.input");
        copy.remove("wsgi.errors");
        return copy;
    }

    private static Map<String, Object> trusted(String... headers) {
        return build(LOOPBACK, head(headers));
    }

    @Test
    void fromAnUntrustedPeerEveryForwardingHeaderIsPassedThroughAndChangesNothing() {
        String[] headers = {"Host", "internal:8000", "X-Forwarded-For", "203.0.113.5",
            "X-Forwarded-Proto", "https", "X-Forwarded-Host", "public.example", "X-Forwarded-Port", "443",
            "X-Forwarded-Prefix", "/app", "Forwarded", "for=198.51.100.1;proto=https;host=other.example"};

        Map<String, Object> env = build(OTHERS, head(headers));

        assertThat(env).containsEntry("REMOTE_ADDR", "127.0.0.1").containsEntry("REMOTE_PORT", "40000")
                .containsEntry("wsgi.url_scheme", "http").containsEntry("HTTP_HOST", "internal:8000")
                .containsEntry("SERVER_NAME", "internal").containsEntry("SERVER_PORT", "8000")
                .containsEntry("SCRIPT_NAME", "").containsEntry("PATH_INFO", "/path")
                .containsEntry("HTTP_X_FORWARDED_FOR", "203.0.113.5")
                .containsEntry("HTTP_X_FORWARDED_PROTO", "https")
                .containsEntry("HTTP_X_FORWARDED_HOST", "public.example")
                .containsEntry("HTTP_X_FORWARDED_PORT", "443")
                .containsEntry("HTTP_X_FORWARDED_PREFIX", "/app")
                .containsEntry("HTTP_FORWARDED", "for=198.51.100.1;proto=https;host=other.example")
                .doesNotContainKey(EnvironBuilder.PEER_ADDR);
        assertThat(withoutStreams(env)).isEqualTo(withoutStreams(build(ProxyTrust.NOBODY, head(headers))));
    }

    @Test
    void aTrustedProxysHeadersSetTheClientSchemeHostAndPrefixAndARedirectCarriesThem() {
        Map<String, Object> env = trusted("Host", "internal:8000", "X-Forwarded-For", "203.0.113.5",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "public.example", "X-Forwarded-Prefix", "/app");

        assertThat(env).containsEntry("REMOTE_ADDR", "203.0.113.5").doesNotContainKey("REMOTE_PORT")
                .containsEntry(EnvironBuilder.PEER_ADDR, "127.0.0.1")
                .containsEntry("wsgi.url_scheme", "https").containsEntry("HTTP_HOST", "public.example")
                .containsEntry("SERVER_NAME", "public.example").containsEntry("SERVER_PORT", "443")
                .containsEntry("SCRIPT_NAME", "/app").containsEntry("PATH_INFO", "/path")
                .containsEntry("HTTP_X_FORWARDED_FOR", "203.0.113.5");
        assertThat(Responses.redirect(env, "login", 302).headers())
                .anySatisfy(h -> assertThat(h.name() + ": " + h.value())
                        .isEqualTo("Location: https://public.example/app/login"));
    }

    @Test
    void xForwardedForIsWalkedFromTheRightSkippingTrustedProxies() {
        assertThat(trusted("X-Forwarded-For", "198.51.100.1, 203.0.113.5, 10.0.0.2"))
                .containsEntry("REMOTE_ADDR", "203.0.113.5");
        assertThat(trusted("X-Forwarded-For", "198.51.100.1", "X-Forwarded-For", "203.0.113.5,10.0.0.2"))
                .as("repeated lines are one list").containsEntry("REMOTE_ADDR", "203.0.113.5");
        assertThat(trusted("X-Forwarded-For", "10.0.0.2, 127.0.0.1")).as("all trusted: the leftmost")
                .containsEntry("REMOTE_ADDR", "10.0.0.2");
        assertThat(trusted("X-Forwarded-For", "not-an-ip, 10.0.0.2")).as("a non-address ends the walk")
                .containsEntry("REMOTE_ADDR", "10.0.0.2");
        assertThat(trusted("X-Forwarded-For", "203.0.113.5, not-an-ip")).as("nothing usable: the peer stays")
                .containsEntry("REMOTE_ADDR", "127.0.0.1").containsEntry("REMOTE_PORT", "40000")
                .doesNotContainKey(EnvironBuilder.PEER_ADDR);
        assertThat(trusted("X-Forwarded-For", "203.0.113.5:5555")).as("IPv4 with a port")
                .containsEntry("REMOTE_ADDR", "203.0.113.5").containsEntry("REMOTE_PORT", "5555");
        assertThat(trusted("X-Forwarded-For", "2001:db8::5")).as("bare IPv6")
                .containsEntry("REMOTE_ADDR", "2001:db8:0:0:0:0:0:5");
        assertThat(trusted("X-Forwarded-For", "[2001:db8::5]:443")).as("bracketed IPv6 with a port")
                .containsEntry("REMOTE_ADDR", "2001:db8:0:0:0:0:0:5").containsEntry("REMOTE_PORT", "443");
    }

    @Test
    void forwardedWithAQuotedIpv6NodeSetsTheClientAndItsHopsSchemeAndHost() {
        Map<String, Object> env = trusted("Forwarded",
                "for=\"[2001:db8:cafe::17]:4711\";proto=https;host=\"public.example:8443\"");

        assertThat(env).containsEntry("REMOTE_ADDR", "2001:db8:cafe:0:0:0:0:17").containsEntry("REMOTE_PORT", "4711")
                .containsEntry("wsgi.url_scheme", "https").containsEntry("HTTP_HOST", "public.example:8443")
                .containsEntry("SERVER_NAME", "public.example").containsEntry("SERVER_PORT", "8443");
    }

    @Test
    void forwardedIsWalkedLikeXForwardedForAndTakesSchemeAndHostFromTheClientsHop() {
        Map<String, Object> env = trusted("Forwarded", "for=198.51.100.1;proto=http;host=forged.example, "
                + "for=203.0.113.5;proto=https;host=public.example, for=10.0.0.2;proto=http;host=internal");

        assertThat(env).containsEntry("REMOTE_ADDR", "203.0.113.5").containsEntry("wsgi.url_scheme", "https")
                .containsEntry("HTTP_HOST", "public.example");
    }

    @Test
    void obfuscatedAndUnknownNodesNeverBecomeRemoteAddr() {
        assertThat(trusted("Forwarded", "for=_hidden;proto=https")).containsEntry("REMOTE_ADDR", "127.0.0.1")
                .containsEntry("wsgi.url_scheme", "https");
        assertThat(trusted("Forwarded", "for=unknown")).containsEntry("REMOTE_ADDR", "127.0.0.1");
        assertThat(trusted("Forwarded", "for=unknown, for=10.0.0.2")).as("the nearest known hop stands")
                .containsEntry("REMOTE_ADDR", "10.0.0.2");
        assertThat(trusted("Forwarded", "for=\"[2001:db8::1]:_port\"")).as("an obfuscated port is no port")
                .containsEntry("REMOTE_ADDR", "2001:db8:0:0:0:0:0:1").doesNotContainKey("REMOTE_PORT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"for=1.2.3.4;for=5.6.7.8", "for=\"[2001:db8::1]", "for", "for=1.2.3.4;;proto=https x",
        "=1.2.3.4", "for=\"a\u0001b\"", "proto=https;proto=http"})
    void aMalformedForwardedHeaderIsIgnoredWhole(String value) {
        Map<String, Object> env = trusted("Host", "internal", "Forwarded", value);

        assertThat(env).containsEntry("REMOTE_ADDR", "127.0.0.1").containsEntry("wsgi.url_scheme", "http")
                .containsEntry("HTTP_HOST", "internal").containsEntry("HTTP_FORWARDED", value);
    }

    @Test
    void xForwardedHeadersWinOverForwardedWhole() {
        Map<String, Object> env = trusted("Host", "internal", "X-Forwarded-For", "203.0.113.5",
                "Forwarded", "for=198.51.100.1;proto=https;host=forged.example");

        assertThat(env).containsEntry("REMOTE_ADDR", "203.0.113.5").containsEntry("wsgi.url_scheme", "http")
                .containsEntry("HTTP_HOST", "internal");
    }

    @Test
    void theSchemeAloneMovesTheDefaultPortAndAPortInHostStays() {
        assertThat(trusted("Host", "public.example", "X-Forwarded-Proto", "https"))
                .containsEntry("SERVER_PORT", "443").containsEntry("HTTP_HOST", "public.example");
        assertThat(trusted("Host", "public.example:8443", "X-Forwarded-Proto", "HTTPS"))
                .containsEntry("SERVER_PORT", "8443").containsEntry("wsgi.url_scheme", "https");
        assertThat(trusted("X-Forwarded-Proto", "http, https")).as("a list: the rightmost, the peer's own")
                .containsEntry("wsgi.url_scheme", "https");
    }

    @Test
    void xForwardedPortSetsServerPortAndTheHostsPort() {
        assertThat(trusted("Host", "public.example", "X-Forwarded-Port", "8443"))
                .containsEntry("SERVER_PORT", "8443").containsEntry("HTTP_HOST", "public.example:8443");
        assertThat(trusted("Host", "public.example:8000", "X-Forwarded-Proto", "https", "X-Forwarded-Port", "443"))
                .containsEntry("SERVER_PORT", "443").containsEntry("HTTP_HOST", "public.example");
        assertThat(trusted("X-Forwarded-Host", "[2001:db8::1]", "X-Forwarded-Port", "8080"))
                .containsEntry("HTTP_HOST", "[2001:db8::1]:8080").containsEntry("SERVER_NAME", "[2001:db8::1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Forwarded-Proto=ftp", "X-Forwarded-Proto=", "X-Forwarded-Host=bad host",
        "X-Forwarded-Host=a.example:99999",
        "X-Forwarded-Host=a.example:0", "X-Forwarded-Host=", "X-Forwarded-Port=80a", "X-Forwarded-Port=0",
        "X-Forwarded-Port=65536", "X-Forwarded-Port=-1", "X-Forwarded-For=", "X-Forwarded-For=unknown",
        "X-Forwarded-For=999.1.1.1", "X-Forwarded-Prefix=app", "X-Forwarded-Prefix=/app/", "X-Forwarded-Prefix=/",
        "X-Forwarded-Prefix=/a/../b", "X-Forwarded-Prefix=/a/./b", "X-Forwarded-Prefix=/a//b",
        "X-Forwarded-Prefix=/a%0D%0AX: y", "X-Forwarded-Prefix=/a%00", "X-Forwarded-Prefix=/a%2",
        "X-Forwarded-Prefix=/a?b", "X-Forwarded-Prefix=/%2e%2e", "X-Forwarded-Prefix=/app, /other",
        "X-Forwarded-Prefix=/my app"})
    void aValueThatWouldMakeABadEnvironIsIgnored(String header) {
        int eq = header.indexOf('=');
        Map<String, Object> env = trusted("Host", "internal:8000", header.substring(0, eq), header.substring(eq + 1));

        assertThat(env).containsEntry("REMOTE_ADDR", "127.0.0.1").containsEntry("REMOTE_PORT", "40000")
                .containsEntry("wsgi.url_scheme", "http").containsEntry("HTTP_HOST", "internal:8000")
                .containsEntry("SERVER_NAME", "internal").containsEntry("SERVER_PORT", "8000")
                .containsEntry("SCRIPT_NAME", "").doesNotContainKey(EnvironBuilder.PEER_ADDR);
    }

    @Test
    void aPrefixIsPercentDecodedLikePathInfo() {
        assertThat(trusted("X-Forwarded-Prefix", "/my%20app/v1")).containsEntry("SCRIPT_NAME", "/my app/v1");
    }

    @Test
    void aClientNamedByTheServerItselfIsTrustedOnItsOwnAddress() {
        // A PROXY protocol header named 203.0.113.5 as the client: its forwarding headers are its own claims.
        Head fromProxied = new Head(head("X-Forwarded-For", "198.51.100.1").lines(),
                address("203.0.113.5", 5555), PEER, "/");
        Map<String, Object> env = build(LOOPBACK, fromProxied);

        assertThat(env).containsEntry("REMOTE_ADDR", "203.0.113.5").containsEntry("REMOTE_PORT", "5555")
                .containsEntry(EnvironBuilder.PEER_ADDR, "127.0.0.1");
    }

    @Test
    void withoutForwardingHeadersATrustedPeerIsServedAsAlways() {
        Map<String, Object> env = trusted("Host", "internal:8000");

        assertThat(withoutStreams(env))
                .isEqualTo(withoutStreams(build(ProxyTrust.NOBODY, head("Host", "internal:8000"))));
        assertThat(env).containsEntry("REMOTE_ADDR", "127.0.0.1").doesNotContainKey(EnvironBuilder.PEER_ADDR);
        assertThat(Environ.scriptName(env)).isEmpty();
    }
}
