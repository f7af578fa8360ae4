package dev.wsgi4j.netty.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.AttributeKey;
import io.netty.util.NetUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Takes the one {@link HAProxyMessage} of a connection, keeps the client address it names on the channel, releases
 * it and leaves the pipeline. A {@code LOCAL} header (the proxy's own health check) and a non-IP one
 * ({@code UNKNOWN}, {@code UNIX}) name no client: the TCP peer stays the remote address. A malformed header closes
 * the connection.
 */
public final class ProxiedSource extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ProxiedSource.class);

    private static final AttributeKey<InetSocketAddress> CLIENT = AttributeKey.valueOf(ProxiedSource.class, "client");

    /** The client a trusted PROXY header named for {@code channel}, else the channel's own remote address. */
    public static SocketAddress remoteAddress(Channel channel) {
        InetSocketAddress client = channel.hasAttr(CLIENT) ? channel.attr(CLIENT).get() : null;
        return client != null ? client : channel.remoteAddress();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            InetSocketAddress client = client(header);
            if (client != null) {
                ctx.channel().attr(CLIENT).set(client);
            }
        } finally {
            header.release();
        }
        ctx.pipeline().remove(this);
    }

    private static InetSocketAddress client(HAProxyMessage header) {
        HAProxyProxiedProtocol.AddressFamily family = header.proxiedProtocol().addressFamily();
        if (header.command() != HAProxyCommand.PROXY || (family != HAProxyProxiedProtocol.AddressFamily.AF_IPv4
                && family != HAProxyProxiedProtocol.AddressFamily.AF_IPv6)) {
            return null;
        }
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(header.sourceAddress());
        return address == null ? null : new InetSocketAddress(address, header.sourcePort());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("bad PROXY header from {}; closing", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
