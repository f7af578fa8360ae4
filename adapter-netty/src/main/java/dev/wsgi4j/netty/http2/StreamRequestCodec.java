package dev.wsgi4j.netty.http2;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpConversionUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The first handler of a stream's channel: Netty's stream-to-HTTP/1 objects codec, with {@link Http2HeadRules} run
 * on each header block before it is converted. A refused block resets its stream ({@code RST_STREAM
 * PROTOCOL_ERROR}) and nothing of it reaches the application; the connection and its other streams go on. An
 * accepted request leaves marked {@link Http2Stack#HTTP_2_0} and without the {@code x-http2-*} headers the
 * conversion adds, so the environ sees neither (its scheme comes from the transport, never from {@code :scheme}).
 * One per stream: it remembers whether the request head was seen.
 */
final class StreamRequestCodec extends Http2StreamFrameToHttpObjectCodec {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRequestCodec.class);

    private boolean headSeen;
    private boolean refused;

    StreamRequestCodec() {
        super(true);
    }

    @Override
    public boolean isSharable() {
        return false;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Http2StreamFrame frame, List<Object> out) throws Exception {
        if (refused) {
            return; // what still arrives on a reset stream; MessageToMessageDecoder releases it
        }
        if (frame instanceof Http2HeadersFrame headers) {
            String refusal = headSeen ? Http2HeadRules.checkTrailers(headers.headers())
                    : Http2HeadRules.checkHead(headers.headers());
            headSeen = true;
            if (refusal != null) {
                refuse(ctx, refusal);
                return;
            }
        }
        int from = out.size();
        super.decode(ctx, frame, out);
        for (int i = from; i < out.size(); i++) {
            if (out.get(i) instanceof HttpRequest request) {
                for (HttpConversionUtil.ExtensionHeaderNames name : HttpConversionUtil.ExtensionHeaderNames.values()) {
                    request.headers().remove(name.text());
                }
                request.setProtocolVersion(Http2Stack.HTTP_2_0);
            }
        }
    }

    /** A stream error Netty's codec raised (it has reset the stream already): the client's fault, not the server's. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof Http2Exception) {
            LOG.debug("stream {} failed: {}", ctx.channel(), cause.toString());
            ctx.close();
            return;
        }
        super.exceptionCaught(ctx, cause);
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        refused = true;
        LOG.debug("resetting stream {}: {}", ctx.channel(), why);
        ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.PROTOCOL_ERROR))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
