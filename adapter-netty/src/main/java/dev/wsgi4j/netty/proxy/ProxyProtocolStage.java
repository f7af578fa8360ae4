package dev.wsgi4j.netty.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.ProtocolDetectionResult;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The first handler of a connection when {@code --proxy-protocol} is on: it looks at the first bytes for an HAProxy
 * PROXY header (v1 text or v2 binary) and then leaves the pipeline.
 * <ul>
 * <li>A trusted peer that sends one: Netty's {@link HAProxyMessageDecoder} takes its place, followed by a
 *     {@link ProxiedSource} that records the client it names; the bytes after the header (TLS or HTTP) go on.</li>
 * <li>A peer that is not trusted and sends one: the connection is closed, as it claims an address it may not.</li>
 * <li>No header: the bytes go on untouched, from a trusted peer too. A trusted peer could name any client
 *     anyway, and accepting both lets a health check on the proxy's host call the server without one
 *     (SECURITY.md, "Behind a proxy").</li>
 * </ul>
 * Before TLS, since a proxy that passes TLS through writes the header ahead of the handshake.
 */
public final class ProxyProtocolStage extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyProtocolStage.class);

    private final TrustedProxies trusted;

    public ProxyProtocolStage(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        ProtocolDetectionResult<HAProxyProtocolVersion> detected = HAProxyMessageDecoder.detectProtocol(in);
        switch (detected.state()) {
            case NEEDS_MORE_DATA:
                return;
            case INVALID:
                ctx.pipeline().remove(this); // no PROXY header: what was read goes on as it is
                return;
            default:
                if (!trusted.trusts(ctx.channel().remoteAddress())) {
                    LOG.debug("PROXY {} header from {}, which is not in --forwarded-allow-ips; closing",
                            detected.detectedProtocol(), ctx.channel().remoteAddress());
                    in.skipBytes(in.readableBytes());
                    ctx.close();
                    return;
                }
                ctx.pipeline().addAfter(ctx.name(), "proxy-decoder", new HAProxyMessageDecoder());
                ctx.pipeline().addAfter("proxy-decoder", "proxy-source", new ProxiedSource());
                ctx.pipeline().remove(this);
        }
    }
}
