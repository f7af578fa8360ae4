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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The access log: event loops {@link #offer} one {@link AccessRecord} per response into a bounded queue and return
 * at once; one daemon thread formats and writes them, in the order offered, through a buffered writer. The writer
 * is never woken per record: it sleeps {@value #BUSY_PARK_MILLIS} ms (while lines come, {@value #IDLE_PARK_MILLIS}
 * ms when none came), then drains what queued meanwhile in one go and flushes once, so that a busy server pays
 * neither a thread wake-up nor a write system call per response (a wake-up and a flush per line cost about 17 µs of
 * CPU a request: BENCHMARKS.md). A line is thus on disk within about a tenth of a second. When the queue is full (the
 * disk is slower than the traffic) the record is dropped and counted, never waited for: the count is logged as a
 * warning at most once a second, and in total at {@link #stop}. {@link #stop} writes and flushes everything queued
 * before it returns.
 * <p>A dedicated writer, not SLF4J: the line must be exactly the configured format (no logger layout around it),
 * lines must stay in response order, the log must work whatever binding (or none) the embedding application ships,
 * and a file of our own can be {@link #reopen reopened} on SIGUSR1 for logrotate. SLF4J's appenders block or drop by their own
 * configuration, which the server could not promise anything about.
 */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    static final int DEFAULT_CAPACITY = 64 * 1024;
    private static final long REPORT_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final int BUSY_PARK_MILLIS = 10;
    static final int IDLE_PARK_MILLIS = 100;
    /** Records written between two looks at the clock and the stop flag. */
    private static final int BATCH = 4096;
    /** Queued by {@link #reopen}: the writer reopens the file when it reaches it, after every line queued before. */
    private static final AccessRecord REOPEN = new AccessRecord(null, 0, null, null, null, null, 0,
            List.of(), 0, 0);

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
        LockSupport.unpark(thread);
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
        LockSupport.unpark(thread);
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
        List<AccessRecord> batch = new ArrayList<>(BATCH);
        long reported = 0;
        long lastReport = System.nanoTime() - REPORT_NANOS;
        while (true) {
            boolean finishing = stopping; // read first: what was offered before stop() is drained below
            batch.clear();
            queue.drainTo(batch, BATCH);
            boolean dirty = false;
            for (AccessRecord record : batch) {
                if (record == REOPEN) {
                    reopenFile();
                    dirty = false;
                } else {
                    dirty |= write(format.format(record));
                }
            }
            if (reopenRequested) {
                reopenRequested = false;
                reopenFile();
                dirty = false;
            }
            if (dirty) {
                flush();
            }
            long lost = dropped.get();
            long now = System.nanoTime();
            if (lost != reported && now - lastReport >= REPORT_NANOS) {
                LOG.warn("access log: {} lines dropped because writing could not keep up ({} in all)",
                        lost - reported, lost);
                reported = lost;
                lastReport = now;
            }
            if (batch.size() == BATCH) {
                continue; // more is waiting
            }
            if (finishing) {
                break;
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(batch.isEmpty() ? IDLE_PARK_MILLIS
                    : BUSY_PARK_MILLIS));
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
