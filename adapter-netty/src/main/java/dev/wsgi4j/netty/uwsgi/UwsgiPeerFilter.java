package dev.wsgi4j.netty.uwsgi;

import dev.wsgi4j.netty.proxy.TrustedProxies;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a uwsgi connection from a peer not in {@code --uwsgi-allow-from} before it sends anything: a uwsgi peer
 * names the client, the scheme and the host (its vars are believed), so only the proxy may connect. A Unix-socket
 * peer is always allowed, the socket file's permissions having let it in. Logged at WARN once per server (a
 * misconfigured proxy shows at once; a scan does not flood the log), then at DEBUG.
 */
@ChannelHandler.Sharable
final class UwsgiPeerFilter extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(UwsgiPeerFilter.class);

    private final TrustedProxies allowed;
    private final AtomicBoolean warned = new AtomicBoolean();

    UwsgiPeerFilter(TrustedProxies allowed) {
        this.allowed = allowed;
    }

    static boolean allows(TrustedProxies allowed, SocketAddress peer) {
        // Unix-socket peers always may (the socket file's permissions chose them), whatever the list says.
        return TrustedProxies.isLocalSocket(peer)
                || allowed.trustsPeer(peer instanceof InetSocketAddress inet ? inet : null, false);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        SocketAddress peer = ctx.channel().remoteAddress();
        if (allows(allowed, peer)) {
            ctx.pipeline().remove(this);
            ctx.fireChannelActive();
            return;
        }
        if (warned.compareAndSet(false, true)) {
            LOG.warn("uwsgi connection from {} closed: not in --uwsgi-allow-from {} (further ones are logged at DEBUG)",
                    peer, allowed);
        } else {
            LOG.debug("uwsgi connection from {} closed: not in --uwsgi-allow-from", peer);
        }
        ctx.close();
    }
}
