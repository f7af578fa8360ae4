package dev.wsgi4j.netty.uwsgi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What the uwsgi stages put on the wire for the responses the transport writes. */
class UwsgiResponseFramingTest {

    private static String written(EmbeddedChannel ch) {
        StringBuilder out = new StringBuilder();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            out.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return out.toString();
    }

    @Test
    void aChunkedAnswerGoesOutUnframedWithConnectionClose() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder(), UwsgiResponseFraming.INSTANCE);
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        ch.writeOutbound(head, new DefaultHttpContent(Unpooled.copiedBuffer("abc", StandardCharsets.US_ASCII)),
                new DefaultHttpContent(Unpooled.copiedBuffer("def", StandardCharsets.US_ASCII)),
                LastHttpContent.EMPTY_LAST_CONTENT);

        assertThat(written(ch)).isEqualTo("HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nabcdef");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void anInformationalAnswerIsDroppedAndReleased() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder(), UwsgiResponseFraming.INSTANCE);
        ByteBuf body = Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII);
        DefaultFullHttpResponse hints = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(103), body);
        hints.headers().set("Link", "</style.css>; rel=preload; as=style");

        assertThat(ch.writeOneOutbound(hints).isSuccess()).isTrue();
        ch.flushOutbound();

        assertThat(written(ch)).isEmpty();
        assertThat(body.refCnt()).isZero();
        ch.finishAndReleaseAll();
    }
}
