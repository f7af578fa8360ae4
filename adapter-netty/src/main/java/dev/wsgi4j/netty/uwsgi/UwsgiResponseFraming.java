package dev.wsgi4j.netty.uwsgi;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.util.ReferenceCountUtil;

/**
 * Frames a uwsgi answer as nginx reads it: nginx copies an upstream's body as it is, never decoding chunks, so a
 * response without a Content-Length goes out unframed and ends when the connection closes (every uwsgi connection
 * closes after its one answer). An informational answer (a {@code 103 Early Hints}, a {@code 100 Continue}) is
 * dropped: nginx would take its status line for the answer's own. Placed before the response encoder, which then
 * writes the body bytes raw.
 */
@ChannelHandler.Sharable
final class UwsgiResponseFraming extends ChannelOutboundHandlerAdapter {

    static final UwsgiResponseFraming INSTANCE = new UwsgiResponseFraming();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                ReferenceCountUtil.release(msg);
                promise.trySuccess();
                return;
            }
            response.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.write(msg, promise);
    }
}
