package dev.wsgi4j.netty.http2;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A cleartext HTTP/2 client from Netty's own client codec, with header validation off so that tests can send what a
 * real client refuses to (NUL in a value, a forged {@code x-http2-*}, a missing pseudo-header). One connection;
 * each {@link #send} opens a stream on it.
 */
final class H2TestClient implements AutoCloseable {

    /** What came back on one stream: a status and body, or the error code of the RST_STREAM that ended it. */
    record Reply(int status, Http2Headers headers, String body, long resetCode, int dataFrames) {
        boolean reset() {
            return resetCode >= 0;
        }
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel connection;
    /** The server's SETTINGS frame, once it arrived. */
    final CompletableFuture<io.netty.handler.codec.http2.Http2Settings> serverSettings = new CompletableFuture<>();

    /** The error code of the server's GOAWAY, once one arrived. */
    final CompletableFuture<Long> goAwayCode = new CompletableFuture<>();

    H2TestClient(int port) throws InterruptedException {
        connection = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().validateHeaders(false).build());
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof Http2SettingsFrame settings) {
                                    serverSettings.complete(settings.settings());
                                } else if (msg instanceof Http2GoAwayFrame goAway) {
                                    goAwayCode.complete(goAway.errorCode());
                                }
                                ctx.fireChannelRead(msg);
                            }
                        });
                        ch.pipeline().addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                }).connect("127.0.0.1", port).sync().channel();
    }

    /** Request headers with the pseudo-headers every valid request has. */
    static Http2Headers get(String path) {
        return new DefaultHttp2Headers(false).method("GET").scheme("http").authority("localhost").path(path);
    }

    /** Sends {@code headers} (and {@code body} when not null) on a new stream; completes with what came back. */
    CompletableFuture<Reply> send(Http2Headers headers, byte[] body) throws InterruptedException {
        return send(headers, body, true);
    }

    /** As {@link #send(Http2Headers, byte[])}; without {@code end}, the request stays open after {@code body}. */
    CompletableFuture<Reply> send(Http2Headers headers, byte[] body, boolean end) throws InterruptedException {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                .handler(new Collector(reply)).open().sync().getNow();
        stream.write(new DefaultHttp2HeadersFrame(headers, body == null && end));
        if (body != null) {
            stream.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), end));
        }
        stream.flush();
        return reply;
    }

    /** Opens a stream with {@code headers} (no END_STREAM) and resets it at once: RST_STREAM CANCEL. */
    void openAndReset(Http2Headers headers) throws InterruptedException {
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                .handler(new ChannelInboundHandlerAdapter()).open().sync().getNow();
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, false)).sync();
        stream.close().sync();
    }

    /** Sends a complete request on a new stream and hands the stream back, for a test to reset it (close) later. */
    Http2StreamChannel open(Http2Headers headers) throws InterruptedException {
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg);
                    }
                }).open().sync().getNow();
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true)).sync();
        return stream;
    }

    Reply fetch(Http2Headers headers) throws Exception {
        return send(headers, null).get(20, TimeUnit.SECONDS);
    }

    boolean isOpen() {
        return connection.isActive();
    }

    @Override
    public void close() throws InterruptedException {
        connection.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private static final class Collector extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<Reply> reply;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private Http2Headers head;
        private int dataFrames;

        Collector(CompletableFuture<Reply> reply) {
            this.reply = reply;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame frame) {
                    if (head == null || head.status() != null && head.status().charAt(0) == '1') {
                        head = frame.headers();
                    }
                    if (frame.isEndStream()) {
                        done();
                    }
                } else if (msg instanceof Http2DataFrame data) {
                    dataFrames++;
                    ByteBuf content = data.content();
                    byte[] bytes = new byte[content.readableBytes()];
                    content.readBytes(bytes);
                    body.writeBytes(bytes);
                    if (data.isEndStream()) {
                        done();
                    }
                } else if (msg instanceof Http2ResetFrame rst) {
                    reply.complete(new Reply(-1, head, null, rst.errorCode(), dataFrames));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof Http2ResetFrame rst) {
                reply.complete(new Reply(-1, head, null, rst.errorCode(), dataFrames));
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            reply.completeExceptionally(new IllegalStateException("stream closed without an answer"));
        }

        private void done() {
            reply.complete(new Reply(Integer.parseInt(head.status().toString()), head,
                    body.toString(StandardCharsets.ISO_8859_1), -1, dataFrames));
        }
    }
}
