package dev.wsgi4j.testing;

import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.Header;
import dev.wsgi4j.gateway.ResponseHead;
import dev.wsgi4j.gateway.ResponseTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The test client's "wire": receives what {@link dev.wsgi4j.gateway.ResponseDriver} sends and keeps what a client
 * would see. Like a client, it trusts the head's length: a body that ends short of it, or an abort after the head,
 * is reported as truncated.
 */
final class CollectingTransport implements ResponseTransport {

    private static final Logger LOG = LoggerFactory.getLogger(CollectingTransport.class);

    private final BodySpool body;
    private ResponseHead head;
    private boolean truncated;
    private boolean ended;
    private Throwable abortCause;
    private final List<List<Header>> earlyHints = new ArrayList<>(0);

    CollectingTransport(int memoryLimit) {
        this.body = new BodySpool(memoryLimit);
    }

    /** Kept, in order, for {@link TestResponse#earlyHints()}: a test sees what a browser would have been sent. */
    @Override
    public void sendEarlyHints(List<Header> headers) {
        earlyHints.add(headers);
    }

    @Override
    public void sendFull(ResponseHead responseHead, List<byte[]> chunks) throws IOException {
        sendHead(responseHead);
        for (byte[] chunk : chunks) {
            sendChunk(chunk);
        }
        finish();
    }

    @Override
    public void sendFile(ResponseHead responseHead, FileWrapper file, long count, Runnable onDone) throws IOException {
        try {
            sendHead(responseHead);
            long copied = file.channel().isPresent()
                    ? copyRegion(file.channel().get(), file.position(), count)
                    : copyBlocks(file.iterator(), count);
            if (copied < count) {
                abort(new IOException("file ended after " + copied + " of " + count + " bytes"));
                return;
            }
            finish();
        } finally {
            onDone.run();
        }
    }

    @Override
    public void sendHead(ResponseHead responseHead) {
        if (head != null) {
            throw new IllegalStateException("a second response head: " + responseHead.status());
        }
        head = responseHead;
    }

    @Override
    public void sendChunk(byte[] chunk) throws IOException {
        if (head == null || ended) {
            throw new IllegalStateException("a body chunk " + (head == null ? "before the head" : "after the end"));
        }
        if (!head.omitBody()) {
            body.write(chunk);
        }
    }

    @Override
    public void finish() {
        ended = true;
        long declared = head.contentLength();
        if (!head.omitBody() && declared >= 0 && body.size() != declared) {
            // The driver keeps the Content-Length promise; if it did not, a client would see a cut response.
            LOG.warn("{}: finished with {} body bytes but the head declared {}", head.status(), body.size(), declared);
            truncated = body.size() < declared;
        }
    }

    @Override
    public void abort(Throwable cause) {
        ended = true;
        truncated = true;
        abortCause = cause;
    }

    /** What the client received; throws as a client would when the connection closed before any head. */
    TestResponse response() throws IOException {
        if (head == null) {
            body.discard();
            throw new IOException("the server closed the connection without a response", abortCause);
        }
        return TestResponse.of(head.status().code(), head.status().reason(), head.headers(), body, truncated)
                .withEarlyHints(earlyHints);
    }

    private long copyRegion(FileChannel channel, long position, long count) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long copied = 0;
        while (copied < count) {
            buf.clear().limit((int) Math.min(buf.capacity(), count - copied));
            int n = channel.read(buf, position + copied);
            if (n < 0) {
                break;
            }
            sendChunk(java.util.Arrays.copyOf(buf.array(), n));
            copied += n;
        }
        return copied;
    }

    private long copyBlocks(Iterator<byte[]> blocks, long count) throws IOException {
        long copied = 0;
        while (copied < count && blocks.hasNext()) {
            byte[] block = blocks.next();
            int n = (int) Math.min(block.length, count - copied);
            sendChunk(n == block.length ? block : java.util.Arrays.copyOf(block, n));
            copied += n;
        }
        return copied;
    }
}
