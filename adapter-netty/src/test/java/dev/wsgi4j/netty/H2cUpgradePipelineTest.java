package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.http2.Http2Settings;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * h2c by Upgrade on the server's own pipeline (EmbeddedChannel): the switch, and every request that must be served
 * over HTTP/1.1 exactly as without h2c.
 */
class H2cUpgradePipelineTest {

    /** What curl --http2 sends on http:// (its HTTP2-Settings included). */
    static final String UPGRADE = "GET /x?q=1 HTTP/1.1\r\nHost: a.test\r\nConnection: Upgrade, HTTP2-Settings\r\n"
            + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n";

    private static final Application APP = (env, sr) -> {
        byte[] body = Environ.input(env).readAllBytes();
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        String text = env.get("SERVER_PROTOCOL") + " " + env.get("REQUEST_METHOD") + " " + env.get("PATH_INFO") + "?"
                + env.get("QUERY_STRING") + " " + env.get("HTTP_HOST") + " length=" + env.get("CONTENT_LENGTH")
                + " read=" + body.length + " upgrade=" + env.get("HTTP_UPGRADE");
        return List.of(text.getBytes(StandardCharsets.UTF_8));
    };

    private static GatewayHarness harness(Http2Settings.Cleartext mode) {
        return new GatewayHarness(GatewayHarness.inline().http2(Http2Settings.DEFAULTS.withCleartext(mode)).build(),
                APP);
    }

    @Test
    void anUpgradeRequestIsAnswered101ThenAsStream1OverHttp2ByTheApplication() throws Exception {
        try (GatewayHarness h = harness(Http2Settings.Cleartext.UPGRADE)) {
            h.send(UPGRADE);
            String wire = h.wire();
            int headEnd = wire.indexOf("\r\n\r\n") + 4;
            assertThat(wire.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT))
                    .startsWith("http/1.1 101 switching protocols\r\n").contains("upgrade: h2c\r\n");
            List<H2Frames.Frame> frames = new H2Frames().read(latin1(wire.substring(headEnd)));
            assertThat(frames.get(0).type()).as("the server's SETTINGS first").isEqualTo(H2Frames.SETTINGS);
            H2Frames.Frame headers = frames.stream().filter(f -> f.type() == H2Frames.HEADERS).findFirst()
                    .orElseThrow();
            assertThat(headers.stream()).isEqualTo(1);
            assertThat(headers.headers().status().toString()).isEqualTo("200");
            assertThat(data(frames, 1)).isEqualTo("HTTP/2.0 GET /x?q=1 a.test length=null read=0 upgrade=null");
            assertThat(h.channel.pipeline().names()).contains("h2")
                    .doesNotContain("hold", "guard", "codec", "follower", "h2c-upgrade", "body", "gateway");
            assertThat(h.channel.pipeline().get(Http2MultiplexHandler.class)).isNotNull();
        }
    }

    @Test
    void whatFollowsTheUpgradeRequestInTheSameReadIsHttp2() throws Exception {
        H2Frames client = new H2Frames();
        String rest = new String(H2Frames.clientPreface(), StandardCharsets.ISO_8859_1) + new String(client.request(3,
                new DefaultHttp2Headers().method("GET").scheme("http").path("/second").authority("a.test")),
                StandardCharsets.ISO_8859_1);
        try (GatewayHarness h = harness(Http2Settings.Cleartext.UPGRADE)) {
            h.send(UPGRADE + rest);
            String wire = h.wire();
            List<H2Frames.Frame> frames = new H2Frames().read(latin1(wire.substring(wire.indexOf("\r\n\r\n") + 4)));
            assertThat(data(frames, 1)).startsWith("HTTP/2.0 GET /x?q=1");
            assertThat(data(frames, 3)).startsWith("HTTP/2.0 GET /second?");
            assertThat(frames).noneMatch(f -> f.type() == H2Frames.GOAWAY);
        }
    }

    /**
     * Requests that ask for h2c but may not switch: each gets the answer the server gives without h2c, byte for byte
     * but the Date, and the connection stays HTTP/1.1.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "POST /x HTTP/1.1\r\nHost: a.test\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABk\r\nContent-Length: 5\r\n\r\nhello",
            "POST /x HTTP/1.1\r\nHost: a.test\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABk\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: a.test\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABk\r\nExpect: 100-continue\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: a.test\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: !not base64!\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: a.test\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAQAAAAA\r\nHTTP2-Settings: AAMAAABk\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: a.test\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AASAAAAA\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: a.test\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABk\r\n\r\n",
            "GET /x HTTP/1.0\r\nHost: a.test\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABk\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: a.test\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABk\r\nX-Http2-Scheme: https\r\n\r\n",
            "GET http://a.test/x HTTP/1.1\r\nHost: a.test\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABk\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: a.test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
            "GET /x HTTP/1.1\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABk\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: a.test\r\nHost: b.test\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABk\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: a.test\r\n\r\n" + UPGRADE,
    })
    void aRequestThatMayNotSwitchIsServedOverHttp11AsWithoutH2c(String request) {
        String without;
        try (GatewayHarness off = harness(Http2Settings.Cleartext.OFF)) {
            off.send(request);
            without = comparable(off.responses());
        }
        try (GatewayHarness h = harness(Http2Settings.Cleartext.UPGRADE)) {
            h.send(request);
            assertThat(comparable(h.responses())).startsWith("HTTP/1.").isEqualTo(without);
            if (h.channel.isOpen()) {
                assertThat(h.channel.pipeline().names()).contains("codec", "gateway").doesNotContain("h2c-upgrade");
            }
        }
    }

    @Test
    void withPriorKnowledgeOnlyAnUpgradeRequestIsServedOverHttp11() {
        try (GatewayHarness h = harness(Http2Settings.Cleartext.PRIOR_KNOWLEDGE)) {
            h.send(UPGRADE);
            RawHttp.Response r = h.only();
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(r.text()).isEqualTo("HTTP/1.1 GET /x?q=1 a.test length=null read=0 upgrade=h2c");
        }
    }

    @Test
    void withBothThePrefaceAndTheUpgradeEachSwitch() throws Exception {
        H2Frames client = new H2Frames();
        try (GatewayHarness h = harness(Http2Settings.Cleartext.BOTH)) {
            h.send(new String(H2Frames.clientPreface(), StandardCharsets.ISO_8859_1) + new String(client.request(1,
                    new DefaultHttp2Headers().method("GET").scheme("http").path("/pk").authority("a.test")),
                    StandardCharsets.ISO_8859_1));
            assertThat(data(new H2Frames().read(latin1(h.wire())), 1)).startsWith("HTTP/2.0 GET /pk?");
        }
        try (GatewayHarness h = harness(Http2Settings.Cleartext.BOTH)) {
            h.send(UPGRADE);
            String wire = h.wire();
            assertThat(wire).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
            assertThat(data(new H2Frames().read(latin1(wire.substring(wire.indexOf("\r\n\r\n") + 4))), 1))
                    .startsWith("HTTP/2.0 GET /x?q=1");
        }
    }

    /** The DATA of {@code stream}, joined. */
    private static String data(List<H2Frames.Frame> frames, int stream) {
        return frames.stream().filter(f -> f.type() == H2Frames.DATA && f.stream() == stream)
                .map(H2Frames.Frame::payload).collect(Collectors.joining());
    }

    /** Responses as status line, headers but Date, and body. */
    private static String comparable(List<RawHttp.Response> responses) {
        return responses.stream().map(r -> r.statusLine() + " " + r.headers().entrySet().stream()
                        .filter(e -> !e.getKey().equals("date")).map(Map.Entry::toString)
                        .collect(Collectors.joining(", ")) + " " + r.text())
                .collect(Collectors.joining("\n"));
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
