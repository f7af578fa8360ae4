package dev.wsgi4j.netty.http2;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

import java.util.function.Consumer;

/**
 * Where a connection becomes HTTP/2 (SPEC.md "HTTP/2"), from Netty's blocks: after the TLS handshake by ALPN, or on
 * a plain listener at the client's connection preface or at its {@code Upgrade: h2c} first request
 * ({@link UpgradeSwitch}). An HTTP/2 connection runs Netty's frame codec and multiplexer; each stream gets a child
 * channel whose pipeline is a {@link StreamRequestCodec} followed by what {@link Hooks#stream} adds (the same body
 * stage and gateway handler as HTTP/1.1), so a stream's request meets the same environ builder, executor, response
 * state machine, access log and metrics. Streams run concurrently, each an application call of its own, up to
 * {@link Http2Settings#maxConcurrentStreams()}.
 */
public final class Http2Stack {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Http2Stack.class);

    /** The version a stream's request carries, so that {@code SERVER_PROTOCOL} says {@code HTTP/2.0}. */
    public static final HttpVersion HTTP_2_0 = new HttpVersion("HTTP", 2, 0, false);

    /**
     * RST_STREAM frames a client may send per window before the connection is closed (CVE-2023-44487, rapid reset),
     * and the same bound on those the server sends (CVE-2025-55163). Netty's defaults, set here so they hold.
     */
    static final int MAX_RST_FRAMES = 200;
    static final int RST_WINDOW_SECONDS = 30;
    /** DATA frames with no payload and no END_STREAM in a row before the connection is closed. */
    static final int MAX_EMPTY_DATA_FRAMES = 2;
    /** Control frames (PING and SETTINGS acks, RST_STREAM) queued for a peer that does not read. */
    static final int MAX_QUEUED_CONTROL_FRAMES = 10_000;
    /** The names of what {@link #afterFrameCodec} returns, in order. */
    private static final String[] AFTER_FRAME_CODEC = {"h2-drain", "h2-mux", "h2-errors"};

    /** What the server's pipeline adds around the HTTP/2 blocks; {@code GatewayInitializer} implements it. */
    public interface Hooks {
        /**
         * Adds the HTTP/1.1 handlers at the end of {@code connection}: the client chose HTTP/1.1. {@code upgrade},
         * when not null, goes right after the codec (and its follower), where it sees the decoded requests.
         */
        void http1(ChannelPipeline connection, ChannelHandler upgrade);

        /** Removes what {@link #http1} added, except {@code upgrade}: the connection leaves HTTP/1.1. */
        void leaveHttp1(ChannelPipeline connection);

        /** Whether the HTTP/1.1 rules accept {@code head} as it is (else the HTTP/1.1 path answers it). */
        boolean http1Accepts(HttpRequest head);

        /** Adds the request handlers at the end of a stream's pipeline, after its {@link StreamRequestCodec}. */
        void stream(ChannelPipeline stream);

        /** The connection has streams open ({@code true}), or none any more: its idle clock runs only then. */
        void streamsOpen(Channel connection, boolean open);

        /** How long a stream's request body may stall between frames before it is answered 408. */
        long bodyReadTimeoutNanos();

        /** The event that makes the body stage answer a stalled body with 408. */
        Object bodyStalledEvent();

        /** Whether {@code event} is the server's drain: the graceful stop began. */
        boolean isDrain(Object event);

        /** Streams one connection serves before it says GOAWAY, as HTTP/1.1's {@code maxRequestsPerConnection}. */
        int maxRequestsPerConnection();
    }

    private Http2Stack() {
    }

    /** The ALPN offer of a TLS listener that speaks HTTP/2: {@code h2}, then {@code http/1.1}. */
    public static ApplicationProtocolConfig alpn() {
        return new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1);
    }

    /** After the TLS handlers: HTTP/2 or HTTP/1.1 as ALPN chose (HTTP/1.1 for a client that offered neither). */
    public static void addAfterTls(ChannelPipeline p, Http2Settings settings, Hooks hooks) {
        p.addLast("alpn", new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
            @Override
            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                    addConnection(ctx.pipeline(), settings, hooks);
                } else {
                    hooks.http1(ctx.pipeline(), null); // never h2c Upgrade over TLS (RFC 7540 §3.2)
                }
            }

            @Override
            protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
                // A client's failed handshake is the client's business (TlsSessionStage logs it at debug).
                ctx.close();
            }
        });
    }

    /**
     * On a plain listener with h2c: with prior knowledge, HTTP/2 if the client opens with the preface; with
     * Upgrade, HTTP/1.1 whose first request may switch to HTTP/2 ({@link UpgradeSwitch}); with both, either.
     */
    public static void addCleartext(ChannelPipeline p, Http2Settings settings, Hooks hooks) {
        Consumer<ChannelPipeline> http1 = settings.cleartext().upgrade()
                ? pipeline -> hooks.http1(pipeline, new UpgradeSwitch(settings, hooks))
                : pipeline -> hooks.http1(pipeline, null);
        if (settings.cleartext().priorKnowledge()) {
            p.addLast("h2c", new PrefaceSwitch(pipeline -> addConnection(pipeline, settings, hooks), http1));
        } else {
            http1.accept(p);
        }
    }

    /** The handlers of an HTTP/2 connection, at the end of {@code p}. */
    static void addConnection(ChannelPipeline p, Http2Settings settings, Hooks hooks) {
        p.addLast("h2", frameCodec(settings));
        ChannelHandler[] rest = afterFrameCodec(settings, hooks);
        for (int i = 0; i < rest.length; i++) {
            p.addLast(AFTER_FRAME_CODEC[i], rest[i]);
        }
    }

    /**
     * What follows the frame codec on a connection, whichever way it became HTTP/2 (ALPN, prior knowledge, or
     * {@link UpgradeSwitch}): the drain and connection-window stage, the multiplexer with its streams, the errors.
     */
    static ChannelHandler[] afterFrameCodec(Http2Settings settings, Hooks hooks) {
        StreamInitializer streams = new StreamInitializer(hooks);
        return new ChannelHandler[] {new GoAwayOnDrain(hooks, streams, settings.initialWindowSize()),
                new Http2MultiplexHandler(streams), new ConnectionErrors()};
    }

    /**
     * Makes the connection's receive window twice a stream's (SPEC.md "HTTP/2", flow control). Every DATA frame
     * counts against both windows (RFC 9113 §6.9), and a stream that is not taking its body in (its spool file
     * behind) holds up to a stream window of it unread; were the connection's window no larger, that one stream
     * would stop every other stream's body. Netty widens the connection window only for stream windows over the
     * 65,535 default; this tops it up to twice the stream window in every case, with one WINDOW_UPDATE after the
     * server's SETTINGS.
     */
    private static void widenConnectionWindow(ChannelHandlerContext ctx, int streamWindow) {
        Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
        Http2Connection connection = codec.connection();
        int now = connection.local().flowController().initialWindowSize(connection.connectionStream());
        long wanted = Math.min(Integer.MAX_VALUE, 2L * streamWindow);
        if (wanted > now) {
            ctx.writeAndFlush(new DefaultHttp2WindowUpdateFrame((int) (wanted - now)));
        }
    }

    /** Netty's frame codec with every limit set explicitly, so that no system property or default moves one. */
    static Http2FrameCodec frameCodec(Http2Settings settings) {
        io.netty.handler.codec.http2.Http2Settings initial = new io.netty.handler.codec.http2.Http2Settings()
                .maxConcurrentStreams(settings.maxConcurrentStreams())
                .initialWindowSize(settings.initialWindowSize())
                .maxFrameSize(settings.maxFrameSize())
                .maxHeaderListSize(settings.maxHeaderListSize());
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(initial)
                .validateHeaders(true)
                .validateRequiredPseudoHeaders(true)
                .decoderEnforceMaxRstFramesPerWindow(MAX_RST_FRAMES, RST_WINDOW_SECONDS)
                .encoderEnforceMaxRstFramesPerWindow(MAX_RST_FRAMES, RST_WINDOW_SECONDS)
                .decoderEnforceMaxConsecutiveEmptyDataFrames(MAX_EMPTY_DATA_FRAMES)
                .encoderEnforceMaxQueuedControlFrames(MAX_QUEUED_CONTROL_FRAMES)
                .build();
    }

    /**
     * Sets up each stream's channel; counts the connection's open streams for its idle clock; and ends the
     * connection gracefully (RFC 9113 §6.8) at the server's drain event (SPEC.md §6.6) or once it has taken
     * {@link Hooks#maxRequestsPerConnection()} streams: it sends GOAWAY, so the client opens no more streams (and
     * retries any it opened meanwhile elsewhere: GOAWAY names the last one taken), and closes the connection once
     * the streams already open are done.
     */
    private static final class StreamInitializer extends ChannelInitializer<Http2StreamChannel> {
        private final Hooks hooks;
        private final int maxStreams;
        /** Set by {@link GoAwayOnDrain} as it joins the connection's pipeline, before any stream opens. */
        private Channel connection;
        private int open;
        private int taken;
        private boolean draining;

        StreamInitializer(Hooks hooks) {
            this.hooks = hooks;
            this.maxStreams = hooks.maxRequestsPerConnection();
        }

        @Override
        protected void initChannel(Http2StreamChannel stream) {
            if (open++ == 0) {
                hooks.streamsOpen(connection, true);
            }
            if (++taken == maxStreams) {
                // Now, before another frame is read: the GOAWAY's last stream id is this stream's (the codec takes
                // the last one created), and streams the client opens after it are ignored.
                goAway();
            }
            stream.closeFuture().addListener(f -> {
                if (--open == 0) {
                    hooks.streamsOpen(connection, false);
                    if (draining) {
                        connection.close();
                    }
                }
            });
            stream.pipeline().addLast("h2-request", new StreamRequestCodec(hooks.bodyReadTimeoutNanos(),
                    hooks.bodyStalledEvent()));
            hooks.stream(stream.pipeline());
        }

        /** The connection takes no more streams (on its event loop): the drain reached it, or its quota is used. */
        void goAway() {
            if (draining || !connection.isActive()) {
                return;
            }
            draining = true;
            connection.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
            if (open == 0) {
                connection.close();
            }
        }
    }

    /**
     * After the frame codec: tells the {@link StreamInitializer} its connection and widens the connection window as
     * it joins the pipeline, then hands it the server's drain event.
     */
    private static final class GoAwayOnDrain extends ChannelInboundHandlerAdapter {
        private final Hooks hooks;
        private final StreamInitializer streams;
        private final int streamWindow;

        GoAwayOnDrain(Hooks hooks, StreamInitializer streams, int streamWindow) {
            this.hooks = hooks;
            this.streams = streams;
            this.streamWindow = streamWindow;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            streams.connection = ctx.channel();
            widenConnectionWindow(ctx, streamWindow);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (hooks.isDrain(evt)) {
                streams.goAway();
            }
            ctx.fireUserEventTriggered(evt);
        }
    }

    /**
     * The connection pipeline's last handler, where the HTTP/1.1 pipeline has its gateway handler: what reaches it
     * (a peer that reset the connection) closes it; the frame codec's own errors it leaves to the codec.
     */
    private static final class ConnectionErrors extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof io.netty.handler.codec.http2.Http2Exception) {
                // The frame codec answers its own errors (GOAWAY with the error's code, then close); closing here
                // first would send GOAWAY NO_ERROR instead.
                LOG.debug("HTTP/2 connection {}: {}", ctx.channel(), cause.toString());
                return;
            }
            if (cause instanceof java.io.IOException) {
                LOG.debug("HTTP/2 connection {} failed: {}", ctx.channel(), cause.toString());
            } else {
                LOG.warn("unexpected error on HTTP/2 connection {}", ctx.channel(), cause);
            }
            ctx.close();
        }
    }
}
