package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP/2 client (Netty's client codec and multiplexer) wired to the server's whole connection pipeline, both on
 * EmbeddedChannels: {@link #pump} carries the bytes each way until neither has more to say. Nothing runs unless the
 * test runs it, so flow control (how many bytes a client may send before the server returns credit) is observable
 * exactly. {@link #received} counts the bytes that reached the server.
 */
final class Http2EmbeddedPair implements AutoCloseable {

    final EmbeddedChannel server;
    final EmbeddedChannel client;
    final MockTicker ticker = Ticker.newMockTicker();
    /** Bytes the server was given so far (frames of every kind, as on the wire). */
    long received;
    /** The error code of a GOAWAY the client received, or -1. */
    long goAway = -1;

    Http2EmbeddedPair(ServerContext context) {
        server = EmbeddedHttp.serverChannel(context, ticker, true);
        client = new EmbeddedChannel(Http2FrameCodecBuilder.forClient().build(), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof Http2GoAwayFrame frame) {
                    goAway = frame.errorCode();
                }
                ctx.fireChannelRead(msg);
            }
        }, new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
        pump();
    }

    /** A request on a new stream: its headers, then {@code body} (if any) in frames of {@code frame} bytes. */
    Reply send(Http2Headers headers, byte[] body, int frame) {
        return send(headers, body, frame, true);
    }

    /** As {@link #send(Http2Headers, byte[], int)}; without {@code end}, the request stays open after the body. */
    Reply send(Http2Headers headers, byte[] body, int frame, boolean end) {
        Reply reply = new Reply();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(client).handler(reply).open().syncUninterruptibly()
                .getNow();
        stream.write(new DefaultHttp2HeadersFrame(headers, body == null && end));
        for (int at = 0; body != null && at < body.length; at += frame) {
            int n = Math.min(frame, body.length - at);
            stream.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body, at, n), end && at + n == body.length));
        }
        stream.flush();
        reply.stream = stream;
        pump();
        return reply;
    }

    /** Carries bytes both ways, running each side's tasks, until no side has anything to send. */
    void pump() {
        boolean moved = true;
        while (moved) {
            moved = false;
            client.runPendingTasks();
            for (Object out = client.readOutbound(); out != null; out = client.readOutbound()) {
                moved = true;
                received += ((ByteBuf) out).readableBytes();
                server.writeInbound(out);
            }
            server.runPendingTasks();
            for (Object out = server.readOutbound(); out != null; out = server.readOutbound()) {
                moved = true;
                client.writeInbound(out);
            }
        }
    }

    @Override
    public void close() {
        client.finishAndReleaseAll();
        server.finishAndReleaseAll();
    }

    /** What came back on one stream. */
    static final class Reply extends ChannelInboundHandlerAdapter {
        final List<String> statuses = new ArrayList<>();
        /** The client's end of the stream, to send more of the request on. */
        Http2StreamChannel stream;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean ended;
        long resetCode = -1;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame headers) {
                    if (headers.headers().status() != null) {
                        statuses.add(headers.headers().status().toString());
                    }
                    ended |= headers.isEndStream();
                } else if (msg instanceof Http2DataFrame data) {
                    body.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(data.content()));
                    ended |= data.isEndStream();
                } else if (msg instanceof Http2ResetFrame rst) {
                    resetCode = rst.errorCode();
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof Http2ResetFrame rst) {
                resetCode = rst.errorCode();
            }
            ctx.fireUserEventTriggered(evt);
        }

        String body() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }
}
