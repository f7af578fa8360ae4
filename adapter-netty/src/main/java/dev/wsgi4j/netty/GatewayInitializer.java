package dev.wsgi4j.netty;

import io.netty.channel.Channel;
import dev.wsgi4j.netty.proxy.ProxyProtocolStage;
import dev.wsgi4j.netty.uwsgi.UwsgiStages;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.DuplexChannelConfig;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;

/**
 * The pipeline of one connection, and nothing else (Netty's {@code *Initializer} role). In order:
 * {@link ConnectionLimiter}, {@link ByteCounter} (metrics only), {@link ConnectionTimeouts}, {@link ProxyProtocolStage}
 * (with {@code --proxy-protocol}), {@code SslHandler} and {@link TlsSessionStage} (HTTPS only), {@link PipelinedInputHold},
 * {@link RequestHeadGuard},
 * {@code HttpServerCodec}, {@link CodecFollower}, {@link RequestBodyStage}, {@link GatewayHandler}. With
 * {@code --protocol uwsgi} the {@link UwsgiStages} stand where hold, guard, codec and follower stand (no proxy
 * header, no TLS: {@link ServerConfig} refuses those with uwsgi).
 * {@link #installHandlers} is the one place that order is written; the tests build their channels with it too.
 */
final class GatewayInitializer extends ChannelInitializer<Channel> {

    private final ServerContext server;
    private final ConnectionLimiter limiter;
    private final ChannelGroup connections;
    private final HttpDecoderConfig decoderConfig;
    /** Counts bytes for the metrics; null when they are off. */
    private final ByteCounter byteCounter;
    /** The uwsgi stages, or null when connections speak HTTP/1.1. */
    private final UwsgiStages uwsgi;

    GatewayInitializer(ServerContext server, ConnectionLimiter limiter, ChannelGroup connections) {
        this.server = server;
        this.limiter = limiter;
        this.connections = connections;
        this.decoderConfig = decoderConfig(server.config());
        this.byteCounter = server.metrics() == null ? null : new ByteCounter(server.metrics());
        this.uwsgi = server.config().uwsgi().enabled() ? new UwsgiStages(server.config().uwsgi()) : null;
    }

    /** The decoder settings every connection of a server with {@code config} gets. */
    static HttpDecoderConfig decoderConfig(ServerConfig config) {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(config.maxRequestLineLength())
                .setMaxHeaderSize(config.maxHeaderBlockSize())
                .setMaxChunkSize(64 * 1024)
                // Explicit, so that the system properties that turn them off cannot (SPEC.md §6.5, SECURITY.md).
                .setValidateHeaders(true)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setAllowDuplicateContentLengths(false)
                .setChunkedSupported(true);
    }

    @Override
    protected void initChannel(Channel ch) {
        int high = server.config().writeBufferHighWaterMark();
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(high / 2, high));
        // A client that half-closes after its request still gets its answers (SPEC.md §6.6). Through the config's
        // setter: the NIO and io_uring domain-socket configs have it but ignore the option key.
        if (ch.config() instanceof DuplexChannelConfig duplex) {
            duplex.setAllowHalfClosure(true);
        }
        connections.add(ch);
        installHandlers(ch.pipeline());
    }

    /**
     * Adds one connection's handlers to {@code p}, in order. {@link #initChannel} uses it, and so do the tests on
     * {@code EmbeddedChannel}, so that they run the pipeline the server runs.
     */
    void installHandlers(ChannelPipeline p) {
        p.addLast("limiter", limiter);
        if (byteCounter != null) {
            p.addLast("bytes", byteCounter);
        }
        p.addLast("timeouts", new ConnectionTimeouts(server.config()));
        if (server.config().proxy().proxyProtocol()) {
            // Before TLS and HTTP, which come after the header; after the timeouts, so a peer that stalls in the
            // header is closed like one that stalls in a request head.
            p.addLast("proxy", new ProxyProtocolStage(server.config().proxy().trusted()));
        }
        if (server.sslContext() != null) {
            // After the timeouts, which thus see the encrypted bytes: a client that connects and says nothing is
            // closed by the idle timeout, one that starts a handshake and stalls by the request-head timeout (its
            // first byte starts that clock, as a plain request's does). The handshake timeout says the same.
            SslHandler ssl = server.sslContext().newHandler(p.channel().alloc());
            ssl.setHandshakeTimeoutMillis(server.config().requestHeadTimeout().toMillis());
            p.addLast("tls", ssl);
            p.addLast("tls-session", new TlsSessionStage());
        }
        if (uwsgi != null) {
            uwsgi.install(p);
        } else {
            PipelinedInputHold hold = new PipelinedInputHold();
            RequestHeadGuard guard = new RequestHeadGuard(server.config().allowObsFold(), hold);
            p.addLast("hold", hold);
            p.addLast("guard", guard);
            p.addLast("codec", new HttpServerCodec(decoderConfig));
            p.addLast("follower", guard.follower());
        }
        p.addLast("body", new RequestBodyStage(server.config(), server.spoolExecutor(),
                server.accessLog() != null || server.metrics() != null));
        p.addLast("gateway", new GatewayHandler(server));
    }
}
