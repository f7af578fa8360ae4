package dev.wsgi4j.netty.http2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;

import java.util.List;
import java.util.function.Consumer;

/**
 * h2c by prior knowledge (RFC 9113 §3.3) on a plain listener: reads until the first bytes either are the HTTP/2
 * connection preface, and the connection becomes HTTP/2, or are not, and it becomes HTTP/1.1; then steps aside and
 * hands on what it read. Netty's {@code CleartextHttp2ServerUpgradeHandler} does the same detection but puts
 * {@code HttpServerCodec} directly behind itself, ahead of the server's byte-level HTTP/1.1 handlers
 * ({@code PipelinedInputHold}, {@code RequestHeadGuard}), which must see the bytes before the codec.
 */
final class PrefaceSwitch extends ByteToMessageDecoder {

    private final Consumer<ChannelPipeline> http2;
    private final Consumer<ChannelPipeline> http1;

    PrefaceSwitch(Consumer<ChannelPipeline> http2, Consumer<ChannelPipeline> http1) {
        this.http2 = http2;
        this.http1 = http1;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ByteBuf preface = Http2CodecUtil.connectionPrefaceBuf();
        try {
            int n = Math.min(in.readableBytes(), preface.readableBytes());
            boolean matches = ByteBufUtil.equals(in, in.readerIndex(), preface, preface.readerIndex(), n);
            if (matches && n < preface.readableBytes()) {
                return; // not enough yet to tell
            }
            // Added at the end, behind this handler, which hands them what it holds as it is removed.
            (matches ? http2 : http1).accept(ctx.pipeline());
            ctx.pipeline().remove(this);
        } finally {
            preface.release();
        }
    }
}
