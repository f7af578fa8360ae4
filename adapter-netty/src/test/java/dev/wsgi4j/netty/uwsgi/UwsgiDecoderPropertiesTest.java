package dev.wsgi4j.netty.uwsgi;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Whatever bytes arrive, the decoder throws nothing, releases every buffer it was given, and either closes the
 * connection or emits well-formed messages: at most one request, first, then only content.
 */
class UwsgiDecoderPropertiesTest {

    @Test
    void junkNeverThrowsAndNeverLeaks() {
        qt().withExamples(1500).forAll(
                lists().of(integers().between(0, 255)).ofSizeBetween(0, 400),
                booleans().all(),
                integers().between(1, 64)).checkAssert((junk, wellHeaded, step) -> {
            byte[] bytes = bytes(junk, wellHeaded);
            EmbeddedChannel ch = new EmbeddedChannel(new UwsgiDecoder(8190, 16 * 1024));
            List<ByteBuf> fed = new ArrayList<>();
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < bytes.length && ch.isOpen(); i += step) {
                ByteBuf piece = Unpooled.copiedBuffer(bytes, i, Math.min(step, bytes.length - i));
                fed.add(piece);
                ch.writeInbound(piece);
                for (Object msg = ch.readInbound(); msg != null; msg = ch.readInbound()) {
                    out.add(msg);
                }
            }
            try {
                for (int i = 0; i < out.size(); i++) {
                    Object msg = out.get(i);
                    assertThat(msg instanceof HttpRequest).isEqualTo(i == 0);
                    assertThat(i == 0 || msg instanceof HttpContent).isTrue();
                }
            } finally {
                out.forEach(ReferenceCountUtil::release);
                ch.finishAndReleaseAll();
            }
            for (ByteBuf piece : fed) {
                assertThat(piece.refCnt()).isZero();
            }
        });
    }

    @Test
    void aValidRequestWithAnyBodyAndTrailingBytesIsPassedOnWholeAndReleased() {
        qt().withExamples(500).forAll(
                integers().between(0, 3000),
                integers().between(-200, 200),
                integers().between(1, 700)).checkAssert((declared, extra, step) -> {
            java.util.Map<String, String> vars = UwsgiPackets.getVars();
            vars.put("REQUEST_METHOD", "POST");
            vars.put("CONTENT_LENGTH", Integer.toString(declared));
            byte[] body = new byte[Math.max(0, declared + extra)];
            java.util.Arrays.fill(body, (byte) 'b');
            byte[] bytes = UwsgiPackets.packet(vars, body);
            EmbeddedChannel ch = new EmbeddedChannel(new UwsgiDecoder(8190, 16 * 1024));
            List<ByteBuf> fed = new ArrayList<>();
            long content = 0;
            boolean last = false;
            for (int i = 0; i < bytes.length; i += step) {
                ByteBuf piece = Unpooled.copiedBuffer(bytes, i, Math.min(step, bytes.length - i));
                fed.add(piece);
                ch.writeInbound(piece);
                for (Object msg = ch.readInbound(); msg != null; msg = ch.readInbound()) {
                    if (msg instanceof HttpContent c) {
                        content += c.content().readableBytes();
                        last |= msg instanceof io.netty.handler.codec.http.LastHttpContent;
                    }
                    ReferenceCountUtil.release(msg);
                }
            }
            ch.finishAndReleaseAll();
            // A body cut short is never complete; a longer stream's surplus is never passed on.
            assertThat(content).isEqualTo(Math.min(declared, body.length));
            assertThat(last).isEqualTo(body.length >= declared);
            for (ByteBuf piece : fed) {
                assertThat(piece.refCnt()).isZero();
            }
        });
    }

    /** Raw junk, or junk behind a valid header (modifier1 0, a vars size that fits), to reach the vars parser. */
    private static byte[] bytes(List<Integer> junk, boolean wellHeaded) {
        int offset = wellHeaded ? 4 : 0;
        byte[] bytes = new byte[junk.size() + offset];
        for (int i = 0; i < junk.size(); i++) {
            bytes[i + offset] = (byte) (int) junk.get(i);
        }
        if (wellHeaded) {
            int size = junk.isEmpty() ? 0 : junk.get(0) % (junk.size() + 1);
            bytes[1] = (byte) size;
            bytes[2] = 0;
        }
        return bytes;
    }
}
