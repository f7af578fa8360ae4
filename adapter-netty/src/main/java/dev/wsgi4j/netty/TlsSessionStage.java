package dev.wsgi4j.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.Principal;
import java.util.Map;

/**
 * Sits right after the {@code SslHandler}. A handshake that fails (no client certificate where one is required, an
 * old protocol, plain HTTP sent to the HTTPS port) is the client's doing: the {@code SslHandler} has already
 * answered with an alert and closes the connection, so it is logged at debug here instead of reaching the gateway's
 * error log as a server fault. A handshake that succeeds with a verified client certificate leaves the certificate's
 * subject on the channel, for the environ ({@link #environKeys}).
 */
final class TlsSessionStage extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TlsSessionStage.class);

    /** The environ key of the verified client certificate's subject, an RFC 2253 name (SPEC.md §3). */
    static final String CLIENT_SUBJECT = "wsgi4j.client_subject";

    private static final AttributeKey<Map<String, Object>> KEYS = AttributeKey.valueOf("wsgi4j.tls.environ");

    /** The {@code wsgi4j.*} environ keys of {@code channel}'s TLS session: empty unless a client was verified. */
    static Map<String, Object> environKeys(Channel channel) {
        Map<String, Object> keys = channel.attr(KEYS).get();
        return keys == null ? Map.of() : keys;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                rememberClient(ctx);
            } else {
                LOG.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), done.cause().toString());
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    private static void rememberClient(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        try {
            // Only a certificate the trust manager verified gets here: the handshake fails on any other.
            Principal subject = ssl.engine().getSession().getPeerPrincipal();
            ctx.channel().attr(KEYS).set(Map.of(CLIENT_SUBJECT, subject.getName()));
        } catch (SSLPeerUnverifiedException e) {
            // no client certificate (--cert-reqs none, or optional and none sent): no key
        }
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
