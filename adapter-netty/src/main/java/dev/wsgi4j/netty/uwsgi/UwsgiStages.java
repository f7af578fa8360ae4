package dev.wsgi4j.netty.uwsgi;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseEncoder;

/**
 * The uwsgi protocol's stages of a connection's pipeline, which stand where the HTTP/1.1 codec stands: the peer
 * filter ({@code uwsgi-peer}), the packet decoder ({@code uwsgi}), the response encoder ({@code uwsgi-encoder}) and
 * the framing that keeps chunked coding out of it ({@code uwsgi-framing}). The body stage and the gateway follow
 * unchanged. One filter per server: it logs its first refusal at WARN.
 */
public final class UwsgiStages {

    private final UwsgiPeerFilter filter;
    private final int maxRequestLineLength;
    private final int maxHeaderBlockSize;

    /**
     * @param maxRequestLineLength HTTP/1.1's request-line limit, which the vars' method, REQUEST_URI and protocol meet
     * @param maxHeaderBlockSize   HTTP/1.1's header-block limit, which the header lines the vars make meet
     */
    public UwsgiStages(UwsgiSettings settings, int maxRequestLineLength, int maxHeaderBlockSize) {
        this.filter = new UwsgiPeerFilter(settings.allowFrom());
        this.maxRequestLineLength = maxRequestLineLength;
        this.maxHeaderBlockSize = maxHeaderBlockSize;
    }

    /** Adds the stages to {@code p}, in order, at its end. */
    public void install(ChannelPipeline p) {
        p.addLast("uwsgi-peer", filter);
        p.addLast("uwsgi", new UwsgiDecoder(maxRequestLineLength, maxHeaderBlockSize));
        p.addLast("uwsgi-encoder", new HttpResponseEncoder());
        p.addLast("uwsgi-framing", UwsgiResponseFraming.INSTANCE);
    }
}
