package dev.wsgi4j.netty.uwsgi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.wsgi4j.netty.uwsgi.UwsgiPackets.getVars;
import static dev.wsgi4j.netty.uwsgi.UwsgiPackets.packet;
import static org.assertj.core.api.Assertions.assertThat;

/** The uwsgi packet decoder alone: what it hands the body stage, and which packets close the connection. */
class UwsgiDecoderTest {

    private static final byte[] BODY = "name=caf%C3%A9&x=1".getBytes(StandardCharsets.US_ASCII);

    private static Map<String, String> postVars() {
        Map<String, String> vars = getVars();
        vars.put("REQUEST_METHOD", "POST");
        vars.put("CONTENT_TYPE", "application/x-www-form-urlencoded");
        vars.put("CONTENT_LENGTH", Integer.toString(BODY.length));
        vars.put("HTTP_CONTENT_LENGTH", Integer.toString(BODY.length));
        vars.put("HTTP_X_FORWARDED_FOR", "203.0.113.1");
        vars.put("HTTPS", "on");
        return vars;
    }

    /** The request and the whole body the channel emitted; releases every message. */
    private static String drain(EmbeddedChannel ch, StringBuilder head) {
        StringBuilder body = new StringBuilder();
        for (Object msg = ch.readInbound(); msg != null; msg = ch.readInbound()) {
            try {
                if (msg instanceof HttpRequest r) {
                    head.append(r.method()).append(' ').append(r.uri()).append(' ').append(r.protocolVersion())
                            .append(' ').append(r.headers().entries());
                }
                if (msg instanceof HttpContent c) {
                    body.append(c.content().toString(StandardCharsets.ISO_8859_1));
                    if (msg instanceof LastHttpContent) {
                        body.append("<end>");
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        return body.toString();
    }

    @Test
    void aPostBecomesARequestWithHeadersFromTheVarsAndItsBody() {
        EmbeddedChannel ch = new EmbeddedChannel(new UwsgiDecoder(8190, 16 * 1024));
        ch.writeInbound(Unpooled.wrappedBuffer(packet(postVars(), BODY)));

        StringBuilder head = new StringBuilder();
        assertThat(drain(ch, head)).isEqualTo(new String(BODY, StandardCharsets.US_ASCII) + "<end>");
        assertThat(head.toString()).isEqualTo("POST /path?q=1 HTTP/1.1 [Host=localhost, User-Agent=curl/7.88.1, "
                + "X-Forwarded-For=203.0.113.1, content-type=application/x-www-form-urlencoded, content-length="
                + BODY.length + "]");
        UwsgiOrigin origin = UwsgiOrigin.of(ch);
        assertThat(origin.client().getAddress().getHostAddress()).isEqualTo("192.0.2.7");
        assertThat(origin.client().getPort()).isEqualTo(51234);
        assertThat(origin.server().getHostString()).isEqualTo("localhost");
        assertThat(origin.server().getPort()).isEqualTo(8080);
        assertThat(origin.scheme()).isEqualTo("https");
        assertThat(origin.protocol()).isEqualTo("HTTP/1.1");
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void aPacketFedOneByteAtATimeGivesTheSameRequestAndBody() {
        EmbeddedChannel whole = new EmbeddedChannel(new UwsgiDecoder(8190, 16 * 1024));
        whole.writeInbound(Unpooled.wrappedBuffer(packet(postVars(), BODY)));
        StringBuilder wholeHead = new StringBuilder();
        String wholeBody = drain(whole, wholeHead);

        EmbeddedChannel split = new EmbeddedChannel(new UwsgiDecoder(8190, 16 * 1024));
        StringBuilder splitHead = new StringBuilder();
        StringBuilder splitBody = new StringBuilder();
        for (byte b : packet(postVars(), BODY)) {
            split.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            splitBody.append(drain(split, splitHead));
        }

        assertThat(splitHead.toString()).isEqualTo(wholeHead.toString());
        assertThat(splitBody.toString()).isEqualTo(wholeBody);
        whole.finishAndReleaseAll();
        split.finishAndReleaseAll();
    }

    @Test
    void anEmptyOrAbsentContentLengthMeansNoBodyAndBytesAfterThePacketAreIgnored() {
        Map<String, String> vars = getVars();
        vars.remove("CONTENT_LENGTH");
        EmbeddedChannel ch = new EmbeddedChannel(new UwsgiDecoder(8190, 16 * 1024));
        ch.writeInbound(Unpooled.wrappedBuffer(packet(vars, "junk".getBytes(StandardCharsets.US_ASCII))));

        assertThat(drain(ch, new StringBuilder())).isEqualTo("<end>");
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void withoutRequestUriTheTargetIsRebuiltFromPathInfoAndQueryString() {
        Map<String, String> vars = getVars();
        vars.remove("REQUEST_URI");
        vars.put("PATH_INFO", "/a b/\u00e9");
        StringBuilder head = new StringBuilder();
        EmbeddedChannel ch = new EmbeddedChannel(new UwsgiDecoder(8190, 16 * 1024));
        ch.writeInbound(Unpooled.wrappedBuffer(packet(vars, new byte[0])));
        drain(ch, head);

        assertThat(head.toString()).startsWith("GET /a%20b/%E9?q=1 HTTP/1.1");
        ch.finishAndReleaseAll();
    }

    @Test
    void anotherModifier1ClosesTheConnectionWithoutARequest() {
        byte[] p = packet(getVars(), new byte[0]);
        p[0] = 5;
        assertClosedWithoutRequest(p);
    }

    @Test
    void malformedVarsCloseTheConnection() {
        ByteArrayOutputStream emptyKey = new ByteArrayOutputStream();
        UwsgiPackets.string(emptyKey, "");
        UwsgiPackets.string(emptyKey, "x");
        assertClosedWithoutRequest(UwsgiPackets.packet(0, emptyKey.toByteArray(), new byte[0]));

        ByteArrayOutputStream truncated = new ByteArrayOutputStream();
        UwsgiPackets.string(truncated, "REQUEST_METHOD");
        truncated.write(3); // a value length of 3 with one byte to follow
        truncated.write(0);
        truncated.write('G');
        assertClosedWithoutRequest(UwsgiPackets.packet(0, truncated.toByteArray(), new byte[0]));

        Map<String, String> noMethod = getVars();
        noMethod.remove("REQUEST_METHOD");
        assertClosedWithoutRequest(packet(noMethod, new byte[0]));

        Map<String, String> badLength = getVars();
        badLength.put("CONTENT_LENGTH", "12x");
        assertClosedWithoutRequest(packet(badLength, new byte[0]));

        Map<String, String> badHeader = getVars();
        badHeader.put("HTTP_X_EVIL", "a\r\nInjected: 1");
        assertClosedWithoutRequest(packet(badHeader, new byte[0]));
        badHeader.put("HTTP_X_EVIL", "a\u0000b");
        assertClosedWithoutRequest(packet(badHeader, new byte[0]));

        Map<String, String> badProtocol = getVars();
        badProtocol.put("SERVER_PROTOCOL", "HTTP/1.1\r\nX: y");
        assertClosedWithoutRequest(packet(badProtocol, new byte[0]));
    }

    @Test
    void aThousandVarsAreReadAndOneMoreClosesTheConnection() {
        Map<String, String> vars = getVars();
        for (int i = vars.size(); i < UwsgiVars.MAX_VARS; i++) {
            vars.put("X" + i, "v");
        }
        EmbeddedChannel ok = new EmbeddedChannel(new UwsgiDecoder(8190, 16 * 1024));
        ok.writeInbound(Unpooled.wrappedBuffer(packet(vars, new byte[0])));
        assertThat(drain(ok, new StringBuilder())).isEqualTo("<end>");
        ok.finishAndReleaseAll();

        vars.put("ONE_TOO_MANY", "v");
        assertClosedWithoutRequest(packet(vars, new byte[0]));
    }

    private static void assertClosedWithoutRequest(byte[] packet) {
        EmbeddedChannel ch = new EmbeddedChannel(new UwsgiDecoder(8190, 16 * 1024));
        ByteBuf in = Unpooled.wrappedBuffer(packet);
        ch.writeInbound(in);

        Object msg = ch.readInbound();
        ReferenceCountUtil.release(msg);
        assertThat(msg).isNull();
        assertThat(ch.isOpen()).isFalse();
        assertThat(in.refCnt()).isZero();
        ch.finishAndReleaseAll();
    }
}
