package dev.wsgi4j.netty;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The access-log writer: never blocks the caller, drops and counts when full, flushes on its own and at stop. */
class AccessLogTest {

    private static final AccessLogFormat URI_ONLY = AccessLogFormat.parse("%(U)s", ZoneId.of("UTC"));

    private static AccessRecord get(String path) {
        return new AccessRecord(null, 0, "GET", path, "HTTP/1.1", null, 200, List.of(), 0, 0);
    }

    /** A sink whose first write blocks until released. */
    private static final class BlockedSink extends StringWriter {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void write(String s) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.write(s);
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        BlockedSink sink = new BlockedSink();
        AccessLog log = new AccessLog(URI_ONLY, sink, true, 4).start();
        log.offer(get("/0"));
        assertThat(sink.entered.await(10, TimeUnit.SECONDS)).isTrue(); // the writer holds /0, blocked
        for (int i = 1; i <= 7; i++) {
            log.offer(get("/" + i)); // 4 fit in the queue, 3 do not; none of these calls may block
        }
        assertThat(log.dropped()).isEqualTo(3);
        sink.release.countDown();
        log.stop();
        assertThat(sink.toString()).isEqualTo("/0\n/1\n/2\n/3\n/4\n");
        assertThat(log.dropped()).isEqualTo(3);
    }

    @Test
    void aLineReachesTheFileWithinAboutASecondWithoutStop(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("access.log");
        AccessLog log = AccessLog.open(new AccessLogSettings(file.toString(), "%(U)s"));
        try {
            log.offer(get("/early"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // generous: flushing is at ~1s
            while (!read(file).equals("/early\n") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(read(file)).isEqualTo("/early\n");
        } finally {
            log.stop();
        }
    }

    @Test
    void everyLineOfferedBeforeStopIsOnDiskAfterIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "older\n");
        AccessLog log = AccessLog.open(new AccessLogSettings(file.toString(), "%(U)s"));
        StringBuilder expected = new StringBuilder("older\n");
        for (int i = 0; i < 10_000; i++) {
            log.offer(get("/" + i));
            expected.append('/').append(i).append('\n');
        }
        log.stop();
        assertThat(log.dropped()).isZero();
        assertThat(read(file)).isEqualTo(expected.toString()); // appended, in order, complete
    }

    @Test
    void afterARenameAndReopenLinesGoToANewFileAtThePathAndEarlierOnesStayInTheRenamedOne(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("access.log");
        Path rotated = dir.resolve("access.log.1");
        AccessLog log = AccessLog.open(new AccessLogSettings(file.toString(), "%(U)s"));
        try {
            for (int i = 0; i < 1000; i++) {
                log.offer(get("/before" + i));
            }
            Files.move(file, rotated); // as logrotate does; lines still queued follow the open file
            log.reopen();
            log.offer(get("/after"));
        } finally {
            log.stop();
        }
        assertThat(log.dropped()).isZero();
        assertThat(Files.readAllLines(rotated)).hasSize(1000).startsWith("/before0").endsWith("/before999");
        assertThat(read(file)).isEqualTo("/after\n");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
