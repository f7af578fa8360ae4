package dev.wsgi4j.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;

/**
 * Sits right after the {@code SslHandler}. A handshake that fails (no client certificate where one is required, an
 * old protocol, plain HTTP sent to the HTTPS port) is the client's doing: the {@code SslHandler} has already
 * answered with an alert and closes the connection, so it is logged at debug here instead of reaching the gateway's
 * error log as a server fault.
 */
final class TlsSessionStage extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TlsSessionStage.class);

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            LOG.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), done.cause().toString());
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof SSLException || root instanceof NotSslRecordException) {
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
