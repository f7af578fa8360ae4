package dev.wsgi4j.netty;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The access log: event loops {@link #offer} one {@link AccessRecord} per response into a bounded queue and return
 * at once; one daemon thread formats and writes them, in the order offered, through a buffered writer, flushing
 * whenever the queue runs dry and at least once a second. When the queue is full (the disk is slower than the
 * traffic) the record is dropped and counted, never waited for: the count is logged as a warning at most once a
 * second, and in total at {@link #stop}. {@link #stop} writes and flushes everything queued before it returns.
 * <p>A dedicated writer, not SLF4J: the line must be exactly the configured format (no logger layout around it),
 * lines must stay in response order, the log must work whatever binding (or none) the embedding application ships,
 * and a file of our own can be {@link #reopen reopened} on SIGUSR1 for logrotate. SLF4J's appenders block or drop by their own
 * configuration, which the server could not promise anything about.
 */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    static final int DEFAULT_CAPACITY = 64 * 1024;
    private static final long FLUSH_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Wakes the writer at stop; never written. */
    private static final AccessRecord WAKE = new AccessRecord(null, 0, null, null, null, null, 0, java.util.List.of(),
            0, 0);
    /** Queued by {@link #reopen}: the writer reopens the file when it reaches it, after every line queued before. */
    private static final AccessRecord REOPEN = new AccessRecord(null, 0, null, null, null, null, 0,
            java.util.List.of(), 0, 0);

    private final BlockingQueue<AccessRecord> queue;
    private final AccessLogFormat format;
    /** Written by the writer thread only, once started; replaced by a {@link #reopen}. */
    private Writer sink;
    private final boolean closeSink;
    /** The file to reopen, or null for standard output or a writer given by a test. */
    private final Path file;
    private volatile boolean reopenRequested;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;

    AccessLog(AccessLogFormat format, Writer sink, boolean closeSink, int capacity) {
        this(format, sink, closeSink, capacity, null);
    }

    private AccessLog(AccessLogFormat format, Writer sink, boolean closeSink, int capacity, Path file) {
        this.file = file;
        this.format = format;
        this.sink = sink;
        this.closeSink = closeSink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "wsgi4j-access-log");
        thread.setDaemon(true);
    }

    /** Opens the settings' target (appending to a file, or standard output for {@code -}) and starts writing. */
    static AccessLog open(AccessLogSettings settings) throws IOException {
        AccessLogFormat format = AccessLogFormat.parse(settings.pattern());
        boolean stdout = settings.target().equals("-");
        Path file = stdout ? null : Path.of(settings.target());
        Writer writer = stdout ? writer(new FileOutputStream(FileDescriptor.out)) : appendingTo(file);
        return new AccessLog(format, writer, !stdout, DEFAULT_CAPACITY, file).start();
    }

    /** Streams, not a FileChannel: an interrupt must not close the log under the writer. */
    private static Writer appendingTo(Path file) throws IOException {
        return writer(new FileOutputStream(file.toFile(), true));
    }

    private static Writer writer(FileOutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    /**
     * Opens the file anew at its path, for logrotate, which renamed the old one (SIGUSR1). The writer thread does it
     * between two lines, after flushing the old file: lines offered before this call go to the old file, later ones
     * to the new (when the queue is full, the reopen happens after the line being written instead); none is lost.
     * Nothing to do for standard output.
     */
    void reopen() {
        if (file != null && !queue.offer(REOPEN)) {
            reopenRequested = true;
        }
    }

    AccessLog start() {
        thread.start();
        return this;
    }

    /** Queues one record; never blocks. Drops and counts it when the queue is full or the log is stopped. */
    void offer(AccessRecord record) {
        if (stopping || !queue.offer(record)) {
            dropped.incrementAndGet();
        }
    }

    /** Records dropped so far. */
    long dropped() {
        return dropped.get();
    }

    /** Writes everything queued, flushes, closes a file (not standard output), and reports drops. */
    void stop() {
        stopping = true;
        queue.offer(WAKE); // when the queue is full the writer is busy, not waiting
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long lost = dropped.get();
        if (lost > 0) {
            LOG.warn("access log: {} lines dropped in all because writing could not keep up", lost);
        }
    }

    private void run() {
        long lastFlush = System.nanoTime();
        long reported = 0;
        long lastReport = lastFlush - FLUSH_NANOS;
        boolean dirty = false;
        while (true) {
            AccessRecord record;
            try {
                record = stopping ? queue.poll() : queue.poll(FLUSH_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                break; // nobody interrupts this thread but the JVM's end
            }
            if (record == null && stopping) {
                break;
            }
            if (record == WAKE) {
                record = null;
            } else if (record != null && record != REOPEN) {
                dirty |= write(format.format(record));
            }
            if (record == REOPEN || reopenRequested) {
                reopenRequested = false;
                reopenFile();
                dirty = false;
            }
            long now = System.nanoTime();
            if (dirty && (record == null || queue.isEmpty() || now - lastFlush >= FLUSH_NANOS)) {
                flush();
                dirty = false;
                lastFlush = now;
            }
            long lost = dropped.get();
            if (lost != reported && now - lastReport >= FLUSH_NANOS) {
                LOG.warn("access log: {} lines dropped because writing could not keep up ({} in all)",
                        lost - reported, lost);
                reported = lost;
                lastReport = now;
            }
        }
        flush();
        if (closeSink) {
            try {
                sink.close();
            } catch (IOException e) {
                LOG.warn("access log: closing failed", e);
            }
        }
    }

    /** On the writer thread: flushes and closes the old file, then opens the path anew (keeping the old on failure). */
    private void reopenFile() {
        flush();
        Writer fresh;
        try {
            fresh = appendingTo(file);
        } catch (IOException e) {
            LOG.warn("access log: cannot reopen {}; still writing to the file open before: {}", file, e.toString());
            return;
        }
        try {
            sink.close();
        } catch (IOException e) {
            LOG.warn("access log: closing the file before reopening failed: {}", e.toString());
        }
        sink = fresh;
        LOG.info("access log reopened: {}", file);
    }

    private boolean write(String line) {
        try {
            sink.write(line);
            sink.write('\n');
            return true;
        } catch (IOException e) {
            dropped.incrementAndGet();
            return false;
        }
    }

    private void flush() {
        try {
            sink.flush();
        } catch (IOException e) {
            LOG.warn("access log: flushing failed: {}", e.toString());
        }
    }
}
