package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A request body on its way to a temporary file. The event loop only queues buffers; a blocking-I/O thread
 * writes them, and the event loop is told when the queue has drained so it can resume reading (waitress's
 * disk-paced reading). Deleted on every path by {@link #delete()}.
 */
final class SpoolFile {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolFile.class);

    static final long HIGH_WATER = 1 << 20;
    static final long LOW_WATER = 256 << 10;

    private final Path directory;
    private final Executor io;
    private final EventExecutor eventLoop;
    private final Runnable onDrained;
    private final ConcurrentLinkedQueue<ByteBuf> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean deleted = new AtomicBoolean();
    private final AtomicReference<Consumer<Throwable>> onFinished = new AtomicReference<>();
    private volatile Path path;
    private FileChannel file;
    private volatile Throwable failure;
    private long size;

    /** @param onDrained run on the event loop when the queue fell below {@link #LOW_WATER} after being high */
    SpoolFile(Path directory, Executor io, EventExecutor eventLoop, Runnable onDrained) {
        this.directory = directory;
        this.io = io;
        this.eventLoop = eventLoop;
        this.onDrained = onDrained;
    }

    /** Queues {@code buf} (ownership passes here); true when the caller should pause reading. */
    boolean append(ByteBuf buf) {
        if (deleted.get()) {
            buf.release();
            return false;
        }
        long now = pending.addAndGet(buf.readableBytes());
        queue.add(buf);
        scheduleDrain();
        return now > HIGH_WATER;
    }

    /** Calls {@code callback} on the event loop once every queued byte is on disk, with the failure if any. */
    void finish(Consumer<Throwable> callback) {
        onFinished.set(callback);
        scheduleDrain();
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    /**
     * Releases queued buffers, closes and deletes the file; safe from any thread, more than once. Off the event
     * loop (an application thread) the file is gone when this returns; on it, the deletion is handed to an I/O
     * thread.
     */
    void delete() {
        if (!deleted.compareAndSet(false, true)) {
            return;
        }
        releaseQueued();
        if (!eventLoop.inEventLoop()) {
            closeAndDelete();
            return;
        }
        try {
            io.execute(this::closeAndDelete);
        } catch (RuntimeException rejected) {
            closeAndDelete();
        }
    }

    private void scheduleDrain() {
        if (writing.compareAndSet(false, true)) {
            io.execute(this::drain);
        }
    }

    private void drain() {
        try {
            for (ByteBuf buf = queue.poll(); buf != null; buf = queue.poll()) {
                int n = buf.readableBytes();
                long before;
                try {
                    write(buf);
                } finally {
                    // Released even when the write failed: it has already left the queue.
                    before = pending.getAndAdd(-n);
                    buf.release();
                }
                if (before >= LOW_WATER && before - n < LOW_WATER) {
                    eventLoop.execute(onDrained);
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
            releaseQueued();
            // Reading may be paused on this spool; resume it so the body can end and be answered with the failure.
            eventLoop.execute(onDrained);
        } finally {
            writing.set(false);
        }
        if (!queue.isEmpty() && !deleted.get()) {
            scheduleDrain();
        } else if (queue.isEmpty()) {
            Consumer<Throwable> callback = onFinished.getAndSet(null);
            if (callback != null) {
                closeFile();
                Throwable error = failure;
                eventLoop.execute(() -> callback.accept(error));
            }
        }
    }

    private synchronized void write(ByteBuf buf) throws IOException {
        if (failure != null || deleted.get()) {
            return;
        }
        if (file == null) {
            path = Files.createTempFile(directory, "wsgi4j-body-", ".tmp");
            file = FileChannel.open(path, StandardOpenOption.WRITE);
        }
        for (ByteBuffer nio : buf.nioBuffers()) {
            while (nio.hasRemaining()) {
                size += file.write(nio);
            }
        }
    }

    private void releaseQueued() {
        for (ByteBuf buf = queue.poll(); buf != null; buf = queue.poll()) {
            pending.addAndGet(-buf.readableBytes());
            ReferenceCountUtil.safeRelease(buf);
        }
    }

    private synchronized void closeFile() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                LOG.warn("closing spool file {} failed", path, e);
            }
            file = null;
        }
    }

    private synchronized void closeAndDelete() {
        closeFile();
        Path p = path;
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("deleting spool file {} failed", p, e);
            }
        }
    }
}
