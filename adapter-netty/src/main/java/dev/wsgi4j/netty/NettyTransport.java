package dev.wsgi4j.netty;

import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.Header;
import dev.wsgi4j.gateway.ErrorOutput;
import dev.wsgi4j.gateway.ResponseHead;
import dev.wsgi4j.gateway.ResponseTransport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import dev.wsgi4j.netty.http2.Http2Stack;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AsciiString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Writes one response to a Netty channel for {@link dev.wsgi4j.gateway.ResponseDriver} (SPEC.md §6.4): a known
 * body as one {@code FullHttpResponse}, a lazy one as chunks paced by the client (chunked on HTTP/1.1,
 * close-delimited on 1.0), a file as a zero-copy {@code FileRegion} where the channel allows. Called from the
 * application's thread; Netty hands each write to the event loop.
 * <p>Off the event loop, the response's last write (a whole response, or a streamed body's end) is kept instead of
 * written, and {@link GatewayHandler} writes it with {@link #writeKept()} in the same event-loop task that takes the
 * next request: one task per response instead of two.
 * <p>On the event loop (executor {@code inline}) nothing may wait for the client, so a streamed body that fills the
 * write buffer past its high-water mark is refused: the response is cut and the connection closed, instead of
 * the buffer growing without bound.
 */
final class NettyTransport implements ResponseTransport {

    private static final Logger LOG = LoggerFactory.getLogger(NettyTransport.class);

    /**
     * Largest slice written at once: a slice is written only while the channel is writable (queued bytes at most
     * the high-water mark). Netty counts a write made off the event loop as queued from the moment it is submitted,
     * but for a moment while the loop moves it into the outbound buffer the channel reads as writable again, so one
     * more slice can slip in: with slices of a quarter of the mark the queue still stays under 1.5 times it
     * ({@code GigabyteBodyTest} measured a little over twice the mark with slices of half).
     */
    private final int maxSlice;
    // Conventional capitalisation on the wire; Netty's HttpHeaderNames are lower case.
    private static final AsciiString DATE = AsciiString.cached("Date");
    private static final AsciiString SERVER = AsciiString.cached("Server");
    private static final AsciiString CONNECTION = AsciiString.cached("Connection");
    private static final AsciiString TRANSFER_ENCODING = AsciiString.cached("Transfer-Encoding");
    /**
     * On the server's 503 when a request timed out: a retry in a second is a fair hint, as the next call may well be
     * quick (a stuck backend recovered, a request that was unlucky); SPEC.md §6.6 names it.
     */
    static final Header RETRY_AFTER = new Header("Retry-After", "1");
    /**
     * Response headers without Netty's validation: every name and value was already checked where it was made
     * ({@code HeaderRules} for the application's, {@code ServerConfig} for the Server header, constants here), so
     * checking again per response would only repeat the work.
     */
    private static final DefaultHttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
            .withValidation(false);

    private final Channel channel;
    private final HttpVersion version;
    private final WritabilityGate gate;
    private final boolean mayWait;
    private final String serverHeader;
    /** Asked when the head is written: true when the server is draining and nothing else will be answered here. */
    private final BooleanSupplier lastOnConnection;
    private boolean keepAlive;
    private ChannelFuture lastWrite;
    /** The last message, kept for {@link #writeKept()} when this response is written off the event loop. */
    private Object kept;
    /** What the access log reports: the head sent and the body bytes written (plain field stores, no allocation). */
    private ResponseHead head;
    private long bodyBytes;

    NettyTransport(Channel channel, HttpVersion version, boolean keepAlive, WritabilityGate gate, boolean mayWait,
            String serverHeader, BooleanSupplier lastOnConnection) {
        this.channel = channel;
        this.lastOnConnection = lastOnConnection;
        this.version = version;
        this.keepAlive = keepAlive;
        this.gate = gate;
        this.mayWait = mayWait;
        this.serverHeader = serverHeader;
        this.maxSlice = Math.max(512, channel.config().getWriteBufferHighWaterMark() / 4);
    }

    /** Whether the connection may serve another request once this response is out. */
    boolean keepAlive() {
        return keepAlive;
    }

    /** The response head sent, or null when none was. */
    ResponseHead head() {
        return head;
    }

    /** Body bytes written so far (head and chunk framing not counted). */
    long bodyBytes() {
        return bodyBytes;
    }

    /** The future of the last write this response made, or null when it wrote nothing. */
    ChannelFuture lastWrite() {
        return lastWrite;
    }

    /** Writes and flushes the message kept for the end, if any. On the event loop, after the application returned. */
    void writeKept() {
        if (kept != null) {
            Object message = kept;
            kept = null;
            lastWrite = channel.writeAndFlush(message);
        }
    }

    /** A response's final message: kept for {@link #writeKept()} off the event loop, written at once on it. */
    private void writeLast(Object message) {
        if (mayWait) {
            kept = message;
        } else {
            lastWrite = channel.writeAndFlush(message);
        }
    }

    /**
     * A {@code 103 Early Hints} ahead of the response (RFC 8297), written and flushed at once (on an HTTP/2 stream,
     * the stream codec makes it a HEADERS frame without END_STREAM); nothing on HTTP/1.0, which has no
     * informational responses. The codec pairs it with no request: the final response still answers
     * the request's method (a HEAD's stays bodiless).
     */
    @Override
    public void sendEarlyHints(List<Header> headers) {
        if (!HttpVersion.HTTP_1_1.equals(version) && version != Http2Stack.HTTP_2_0) {
            return;
        }
        HttpHeaders out = HEADERS.newHeaders();
        for (Header h : headers) {
            out.add(h.name(), h.value());
        }
        channel.writeAndFlush(new DefaultFullHttpResponse(version, HttpResponseStatus.EARLY_HINTS,
                Unpooled.EMPTY_BUFFER, out, HEADERS.newEmptyHeaders()));
    }

    @Override
    public void sendFull(ResponseHead head, List<byte[]> chunks) {
        writeLast(fullResponse(head, chunks));
    }

    /**
     * The server's own {@code 503} in the application's place, when its request timeout passed before its head went
     * out (SPEC.md §6.6): with {@code Retry-After} and {@code Connection: close}, written at once. On the event loop.
     */
    void sendTimeoutAnswer(boolean headRequest) {
        keepAlive = false;
        kept = null;
        ResponseHead error = ErrorOutput.status(503, headRequest).head();
        List<Header> headers = new ArrayList<>(error.headers());
        headers.add(RETRY_AFTER);
        ResponseHead head = new ResponseHead(error.status(), headers, error.contentLength(), error.omitBody());
        lastWrite = channel.writeAndFlush(fullResponse(head, ErrorOutput.status(503, headRequest).chunks()));
    }

    /** The client has gone: the channel (an HTTP/1.1 connection, or an HTTP/2 stream) is closed. */
    @Override
    public boolean clientGone() {
        return !channel.isActive();
    }

    private DefaultFullHttpResponse fullResponse(ResponseHead head, List<byte[]> chunks) {
        ByteBuf content = chunks.isEmpty() ? Unpooled.EMPTY_BUFFER
                : chunks.size() == 1 ? Unpooled.wrappedBuffer(chunks.get(0))
                : Unpooled.wrappedBuffer(chunks.toArray(new byte[0][]));
        this.head = head;
        bodyBytes += content.readableBytes();
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(version, status(head), content,
                HEADERS.newHeaders(), EmptyHttpHeaders.INSTANCE);
        addHeaders(response.headers(), head);
        if (head.omitBody() && head.contentLength() < 0 && version.minorVersion() >= 1
                && !head.status().forbidsBody()) {
            // HEAD of a streamed body: announce the framing GET would use (RFC 9110 §9.3.2).
            response.headers().set(TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        return response;
    }

    @Override
    public void sendHead(ResponseHead head) {
        this.head = head;
        DefaultHttpResponse response = new DefaultHttpResponse(version, status(head), HEADERS);
        HttpHeaders headers = response.headers();
        addHeaders(headers, head);
        if (head.contentLength() < 0 && !head.status().forbidsBody()) {
            if (version.minorVersion() >= 1) {
                headers.set(TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            } else {
                keepAlive = false;
                headers.set(CONNECTION, HttpHeaderValues.CLOSE);
            }
        }
        lastWrite = channel.write(response);
    }

    @Override
    public void sendChunk(byte[] chunk) throws IOException {
        for (int offset = 0; offset < chunk.length; offset += maxSlice) {
            if (mayWait) {
                gate.awaitWritable();
            } else if (!channel.isActive()) {
                throw new ClosedChannelException();
            } else if (!channel.isWritable()) {
                LOG.warn("a streamed body outgrew the write buffer on the inline executor (the client reads slower "
                        + "than the application writes); closing. Serve streaming applications with executor=pool");
                throw new IOException("streamed body refused on the inline executor: client not reading");
            }
            int length = Math.min(maxSlice, chunk.length - offset);
            bodyBytes += length;
            lastWrite = channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk, offset, length)));
        }
    }

    @Override
    public void sendFile(ResponseHead head, FileWrapper file, long count, Runnable onDone) throws IOException {
        sendHead(head);
        // Not through TLS, and not on an HTTP/2 stream, whose codec frames bytes and cannot send a file region.
        boolean zeroCopy = file.channel().isPresent() && channel.pipeline().get(SslHandler.class) == null
                && !(channel instanceof Http2StreamChannel);
        if (count > 0 && zeroCopy) {
            bodyBytes += count;
            channel.write(new DefaultFileRegion(file.channel().get(), file.position(), count));
        } else if (count > 0) {
            long left = count;
            for (byte[] block : file) {
                int n = (int) Math.min(block.length, left);
                sendChunk(n == block.length ? block : java.util.Arrays.copyOf(block, n));
                left -= n;
                if (left == 0) {
                    break;
                }
            }
        }
        lastWrite = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        lastWrite.addListener(f -> onDone.run());
    }

    @Override
    public void finish() {
        writeLast(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    @Override
    public void abort(Throwable cause) {
        keepAlive = false;
        if (kept != null) {
            channel.write(kept);
            kept = null;
        }
        if (channel instanceof Http2StreamChannel) {
            // HTTP/2: that stream only ends, as a server error (RFC 9113 §8.1: RST_STREAM INTERNAL_ERROR); closing the
            // stream's channel alone would say CANCEL.
            channel.write(new DefaultHttp2ResetFrame(Http2Error.INTERNAL_ERROR));
        }
        channel.flush();
        lastWrite = channel.close();
    }

    private void addHeaders(HttpHeaders headers, ResponseHead head) {
        for (Header h : head.headers()) {
            headers.add(h.name(), h.value());
        }
        if (!headers.contains(DATE)) {
            headers.set(DATE, HttpDate.now());
        }
        if (!serverHeader.isEmpty() && !headers.contains(SERVER)) {
            headers.set(SERVER, serverHeader);
        }
        if (keepAlive && lastOnConnection.getAsBoolean()) {
            keepAlive = false; // the server is stopping: this answer ends the connection (SPEC.md §6.6)
        }
        if (!keepAlive) {
            headers.set(CONNECTION, HttpHeaderValues.CLOSE);
        } else if (version.minorVersion() == 0) {
            headers.set(CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    private static HttpResponseStatus status(ResponseHead head) {
        return HttpResponseStatus.valueOf(head.status().code(), head.status().reason());
    }
}
