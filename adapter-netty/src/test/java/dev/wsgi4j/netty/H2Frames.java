package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/2 frames as bytes, for the EmbeddedChannel tests of a connection that switches to HTTP/2: a client's preface
 * and HEADERS to write in, and the server's frames read back (header blocks decoded with one HPACK decoder, as a
 * client keeps one per connection). Netty's HPACK coder; the 9-byte frame header (RFC 9113 §4.1) by hand.
 */
final class H2Frames {

    static final int DATA = 0;
    static final int HEADERS = 1;
    static final int SETTINGS = 4;
    static final int GOAWAY = 7;

    /** One frame the server sent; {@code headers} for HEADERS, {@code payload} (as Latin-1 text) for the others. */
    record Frame(int type, int flags, int stream, Http2Headers headers, String payload) {
    }

    private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);
    private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();

    /** The client's connection preface and an empty SETTINGS frame (RFC 9113 §3.4). */
    static byte[] clientPreface() {
        ByteBuf out = Unpooled.buffer();
        ByteBuf preface = Http2CodecUtil.connectionPrefaceBuf();
        out.writeBytes(preface);
        preface.release();
        frameHeader(out, 0, SETTINGS, 0, 0);
        return bytes(out);
    }

    /** A HEADERS frame that ends its stream (a bodiless request). */
    byte[] request(int stream, Http2Headers headers) throws Http2Exception {
        ByteBuf block = Unpooled.buffer();
        encoder.encodeHeaders(stream, headers, block);
        ByteBuf out = Unpooled.buffer();
        frameHeader(out, block.readableBytes(), HEADERS, 0x4 | 0x1, stream); // END_HEADERS | END_STREAM
        out.writeBytes(block);
        block.release();
        return bytes(out);
    }

    /** Every whole frame in {@code wire}; header blocks go through this connection's decoder, in order. */
    List<Frame> read(byte[] wire) throws Http2Exception {
        List<Frame> frames = new ArrayList<>();
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        while (in.readableBytes() >= 9) {
            int length = in.readUnsignedMedium();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & Integer.MAX_VALUE;
            ByteBuf payload = in.readSlice(length);
            if (type == HEADERS) {
                frames.add(new Frame(type, flags, stream, decoder.decodeHeaders(stream, payload), ""));
            } else {
                frames.add(new Frame(type, flags, stream, null, payload.toString(StandardCharsets.ISO_8859_1)));
            }
        }
        return frames;
    }

    private static void frameHeader(ByteBuf out, int length, int type, int flags, int stream) {
        out.writeMedium(length).writeByte(type).writeByte(flags).writeInt(stream);
    }

    private static byte[] bytes(ByteBuf buf) {
        byte[] b = new byte[buf.readableBytes()];
        buf.readBytes(b).release();
        return b;
    }
}
