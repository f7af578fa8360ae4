package dev.wsgi4j.netty;

import dev.wsgi4j.Environ;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.gateway.EnvironBuilder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A decoded Netty request read as the shared builder's {@code RequestHead} (the builder itself is tested in core). */
class NettyRequestHeadTest {

    private final EnvironBuilder builder = new EnvironBuilder(LoggerFactory.getLogger(NettyRequestHeadTest.class));
    private final EmbeddedChannel channel = new EmbeddedChannel();

    private Map<String, Object> build(HttpRequest request, long bodyLength) {
        return builder.build(new NettyRequestHead(request, bodyLength, channel.localAddress(),
                channel.remoteAddress(), "http"), WsgiInput.empty());
    }

    @Test
    void contentLengthIsTheBodyTheStageReadNotTheHeader() {
        // The body stage replaces a chunked body's framing with Content-Length: the bytes it counted.
        HttpRequest declared = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
        declared.headers().add("Host", "h").add("Content-Length", "12");
        HttpRequest bare = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
        bare.headers().add("Host", "h");
        HttpRequest empty = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
        empty.headers().add("Host", "h").add("Content-Length", "0");

        assertThat(build(declared, 12)).containsEntry("CONTENT_LENGTH", "12");
        assertThat(build(bare, 7)).containsEntry("CONTENT_LENGTH", "7");
        assertThat(build(bare, 0)).doesNotContainKey("CONTENT_LENGTH");
        assertThat(build(empty, 0)).containsEntry("CONTENT_LENGTH", "0");
    }

    @Test
    void rawUtf8BytesInAHeaderArriveAsLatin1CharsAndEveryCgiValueStaysBelow0x100() {
        EmbeddedChannel decoder = new EmbeddedChannel(new HttpRequestDecoder());
        byte[] raw = ("GET /caf%C3%A9?q=%E2%82%AC HTTP/1.1\r\nHost: h\r\nX-Name: caf\u00c3\u00a9 \u00e2\u0082\u00ac\r\n"
                + "Cookie: a=\u00ff\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(decoder.writeInbound(Unpooled.wrappedBuffer(raw))).isTrue();
        HttpRequest request = decoder.readInbound();
        LastHttpContent last = decoder.readInbound();
        last.release();
        assertThat(decoder.finish()).isFalse();

        Map<String, Object> env = build(request, 0);

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

    @Test
    void aChannelWithoutIpAddressesLeavesThemToTheBuilder() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/");

        assertThat(build(request, 0)).containsEntry("SERVER_NAME", "localhost").containsEntry("SERVER_PORT", "80")
                .doesNotContainKeys("REMOTE_ADDR", "REMOTE_PORT", "HTTP_HOST");
    }
}
