package dev.wsgi4j.netty;

import java.util.Iterator;
import java.util.concurrent.CountDownLatch;

/** A response body with {@code close()}, counting {@code closed} down when the server closes it. */
public record ClosingBody(Iterable<byte[]> blocks, CountDownLatch closed) implements Iterable<byte[]>, AutoCloseable {

    @Override
    public Iterator<byte[]> iterator() {
        return blocks.iterator();
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
