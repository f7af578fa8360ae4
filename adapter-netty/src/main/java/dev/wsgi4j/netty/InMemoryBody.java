package dev.wsgi4j.netty;

import dev.wsgi4j.WsgiInput;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;

import java.util.concurrent.atomic.AtomicBoolean;

/** A body small enough to keep in memory ({@code inMemoryBodySize}); owns one reference to {@code content}. */
final class InMemoryBody implements RequestBody {

    /** The body of a request that has none; nothing to release. */
    static final InMemoryBody EMPTY = new InMemoryBody(Unpooled.EMPTY_BUFFER);

    private final ByteBuf content;
    private final AtomicBoolean released = new AtomicBoolean();

    InMemoryBody(ByteBuf content) {
        this.content = content;
    }

    ByteBuf content() {
        return content;
    }

    @Override
    public long length() {
        return content.readableBytes();
    }

    @Override
    public WsgiInput open() {
        if (content.readableBytes() == 0) {
            return WsgiInput.empty();
        }
        // A duplicate, so that the body's own indices (and length()) stay as they are while the application reads.
        return new WsgiInput(new ByteBufInputStream(content.duplicate()), content.readableBytes());
    }

    @Override
    public void release() {
        if (this != EMPTY && released.compareAndSet(false, true)) {
            content.release();
        }
    }
}
