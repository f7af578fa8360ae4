package dev.wsgi4j.netty.uwsgi;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Reads one uwsgi request packet: {@code u8 modifier1} (0, a WSGI request; nothing else is served),
 * {@code u16 LE datasize}, {@code u8 modifier2}, the vars block of {@code datasize} bytes (at most 65,535, so the
 * only thing ever held whole), then the body, sized by CONTENT_LENGTH and passed on in the slices it arrives in.
 * Emits what the HTTP/1.1 codec would: an {@code HttpRequest} (see {@link UwsgiRequest}), then {@code HttpContent}s
 * ending with a {@code LastHttpContent}, for the same body stage. One request per connection, as nginx sends:
 * anything after the body is discarded. The head meets HTTP/1.1's size limits ({@link UwsgiRequest#checkSizes}); one
 * over them is refused the way Netty's HTTP/1.1 decoder refuses it, by its decoder result, for the body stage to
 * answer.
 * <p>A packet that cannot be a request (another modifier1, broken vars, no method, a bad CONTENT_LENGTH or header)
 * closes the connection without an answer: the proxy logs its upstream's failure and answers its client itself.
 */
final class UwsgiDecoder extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(UwsgiDecoder.class);
    private static final int HEADER_SIZE = 4;

    private enum State { HEADER, VARS, BODY, DONE }

    private final int maxRequestLineLength;
    private final int maxHeaderBlockSize;
    private State state = State.HEADER;
    private int varsSize;
    private long remaining;

    /**
     * @param maxRequestLineLength the longest request line the vars may make (method, REQUEST_URI, protocol), as
     *                             over HTTP/1.1; longer is answered 414
     * @param maxHeaderBlockSize   the most bytes their header lines may take together, as over HTTP/1.1; more is
     *                             answered 431
     */
    UwsgiDecoder(int maxRequestLineLength, int maxHeaderBlockSize) {
        this.maxRequestLineLength = maxRequestLineLength;
        this.maxHeaderBlockSize = maxHeaderBlockSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            switch (state) {
                case HEADER -> header(in);
                case VARS -> vars(ctx, in, out);
                case BODY -> body(in, out);
                case DONE -> in.skipBytes(in.readableBytes());
                default -> throw new IllegalStateException(state.name());
            }
        } catch (UwsgiFormatException e) {
            LOG.debug("uwsgi packet from {} refused, closing: {}", ctx.channel().remoteAddress(), e.getMessage());
            state = State.DONE;
            in.skipBytes(in.readableBytes());
            ctx.close();
        }
    }

    private void header(ByteBuf in) {
        if (in.readableBytes() < HEADER_SIZE) {
            return;
        }
        int modifier1 = in.readUnsignedByte();
        varsSize = in.readUnsignedShortLE();
        in.skipBytes(1); // modifier2: no meaning for modifier1 0
        if (modifier1 != 0) {
            throw new UwsgiFormatException("modifier1 " + modifier1 + " (only 0, a WSGI request, is served)");
        }
        state = State.VARS;
    }

    private void vars(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < varsSize) {
            return;
        }
        UwsgiRequest request = UwsgiRequest.of(UwsgiVars.parse(in.readSlice(varsSize)));
        request.checkSizes(maxRequestLineLength, maxHeaderBlockSize);
        request.origin().attachTo(ctx.channel());
        out.add(request.head());
        remaining = request.bodyLength();
        if (remaining == 0) {
            out.add(LastHttpContent.EMPTY_LAST_CONTENT);
            state = State.DONE;
        } else {
            state = State.BODY;
        }
    }

    private void body(ByteBuf in, List<Object> out) {
        int n = (int) Math.min(in.readableBytes(), remaining);
        if (n == 0) {
            return;
        }
        ByteBuf slice = in.readRetainedSlice(n);
        remaining -= n;
        if (remaining == 0) {
            out.add(new DefaultLastHttpContent(slice));
            state = State.DONE;
        } else {
            out.add(new DefaultHttpContent(slice));
        }
    }
}
