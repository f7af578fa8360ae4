package dev.wsgi4j.netty;

import io.netty.channel.Channel;
import dev.wsgi4j.netty.http2.Http2Settings;
import dev.wsgi4j.netty.http2.Http2Stack;
import dev.wsgi4j.netty.proxy.ProxyProtocolStage;
import dev.wsgi4j.netty.uwsgi.UwsgiStages;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.DuplexChannelConfig;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;

/**
 * The pipeline of one connection, and nothing else (Netty's {@code *Initializer} role). In order:
 * {@link ConnectionLimiter}, {@link ByteCounter} (metrics only), {@link ConnectionTimeouts}, {@link ProxyProtocolStage}
 * (with {@code --proxy-protocol}), {@code SslHandler} and {@link TlsSessionStage} (HTTPS only), {@link PipelinedInputHold},
 * {@link RequestHeadGuard},
 * {@code HttpServerCodec}, {@link CodecFollower}, {@link RequestBodyStage}, {@link GatewayHandler}. With
 * {@code --protocol uwsgi} the {@link UwsgiStages} stand where hold, guard, codec and follower stand (no proxy
 * header, no TLS: {@link ServerConfig} refuses those with uwsgi). With HTTP/2 ({@link Http2Stack}), what follows
 * TLS is decided per connection: ALPN's or the h2c preface's choice installs the HTTP/1.1 handlers from
 * {@link PipelinedInputHold} on, or Netty's HTTP/2 codec and multiplexer, whose streams each get
 * {@link RequestBodyStage} and {@link GatewayHandler}. With h2c by Upgrade, an upgrade handler stands between
 * {@link CodecFollower} and {@link RequestBodyStage} until the first request; if that request switches, the HTTP/1.1
 * handlers are removed and the HTTP/2 ones take their place.
 * {@link #installHandlers} is the one place that order is written; the tests build their channels with it too.
 */
final class GatewayInitializer extends ChannelInitializer<Channel> {

    /** What {@link #installHttp1} added (but the upgrade), last first; removed when the connection leaves HTTP/1.1. */
    private static final String[] HTTP1_HANDLERS = {"gateway", "body", "follower", "codec", "guard", "hold"};

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
        this.uwsgi = server.config().uwsgi().enabled() ? new UwsgiStages(server.config().uwsgi(),
                server.config().maxRequestLineLength(), server.config().maxHeaderBlockSize()) : null;
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
        Http2Settings http2 = server.config().http2();
        if (uwsgi != null) {
            uwsgi.install(p);
            installRequestStages(p);
        } else if (server.sslContext() != null && http2.alpn()) {
            Http2Stack.addAfterTls(p, http2, http2Hooks);
        } else if (server.sslContext() == null && http2.cleartext() != Http2Settings.Cleartext.OFF) {
            Http2Stack.addCleartext(p, http2, http2Hooks);
        } else {
            installHttp1(p, null);
        }
    }

    /**
     * An HTTP/1.1 connection's handlers, after the connection-level ones {@link #installHandlers} adds first;
     * {@code upgrade} (h2c by Upgrade, or null) right after the codec's follower, where it sees decoded requests.
     */
    private void installHttp1(ChannelPipeline p, ChannelHandler upgrade) {
        PipelinedInputHold hold = new PipelinedInputHold();
        RequestHeadGuard guard = new RequestHeadGuard(server.config().allowObsFold(), hold);
        p.addLast("hold", hold);
        p.addLast("guard", guard);
        p.addLast("codec", new HttpServerCodec(decoderConfig));
        p.addLast("follower", guard.follower());
        if (upgrade != null) {
            p.addLast("h2c-upgrade", upgrade);
        }
        installRequestStages(p);
    }

    /** What turns a request into an application call: on an HTTP/1.1 connection, and on each HTTP/2 stream. */
    private void installRequestStages(ChannelPipeline p) {
        p.addLast("body", new RequestBodyStage(server.config(), server.spoolExecutor(),
                server.accessLog() != null || server.metrics() != null));
        p.addLast("gateway", new GatewayHandler(server));
    }

    /**
     * How an HTTP/2 connection plugs into this pipeline: HTTP/1.1 when the client chose it; the same request stages
     * on every stream; the connection's clock stopped while streams are open, and the drain event.
     */
    private final Http2Stack.Hooks http2Hooks = new Http2Stack.Hooks() {
        @Override
        public void http1(ChannelPipeline connection, ChannelHandler upgrade) {
            installHttp1(connection, upgrade);
        }

        @Override
        public void leaveHttp1(ChannelPipeline connection) {
            for (String name : HTTP1_HANDLERS) {
                connection.remove(name);
            }
        }

        @Override
        public boolean http1Accepts(HttpRequest head) {
            return RequestHeadRules.check(head, server.config()) == 0;
        }

        @Override
        public void stream(ChannelPipeline stream) {
            installRequestStages(stream);
        }

        @Override
        public void streamsOpen(Channel connection, boolean open) {
            ConnectionTimeouts timeouts = connection.pipeline().get(ConnectionTimeouts.class);
            if (timeouts != null && open) {
                timeouts.requestReceived();
            } else if (timeouts != null) {
                timeouts.responsesDone();
            }
        }

        @Override
        public long bodyReadTimeoutNanos() {
            return server.config().bodyReadTimeout().toNanos();
        }

        @Override
        public Object bodyStalledEvent() {
            return ConnectionTimeouts.BodyStalled.INSTANCE;
        }

        @Override
        public boolean isDrain(Object event) {
            return event == ConnectionTimeouts.DrainStarted.INSTANCE;
        }

        @Override
        public int maxRequestsPerConnection() {
            return server.config().maxRequestsPerConnection();
        }
    };
}
