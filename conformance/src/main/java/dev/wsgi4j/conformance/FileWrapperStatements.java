package dev.wsgi4j.conformance;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.Header;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** PEP 3333, "Optional Platform-Specific File Handling": wsgi.file_wrapper (B47-B50). */
public abstract class FileWrapperStatements extends Statements {

    /** A file stream whose close() is counted. */
    static final class CountedFile extends FileInputStream {
        final AtomicInteger closes;

        CountedFile(Path file, AtomicInteger closes) throws IOException {
            super(file.toFile());
            this.closes = closes;
        }

        @Override
        public void close() throws IOException {
            closes.incrementAndGet();
            super.close();
        }
    }

    private static Application wrapping(InputStream stream, Integer contentLength) {
        return (environ, start) -> {
            start.start("200 OK", contentLength == null ? List.of(new Header("Content-Type", "application/x-kit"))
                    : List.of(new Header("Content-Length", contentLength.toString())));
            return Environ.fileWrapper(environ).wrap(stream);
        };
    }

    @Test
    @DisplayName("P3333-FW-01 wsgi.file_wrapper returns an iterable and sends nothing until the application "
            + "returns it to the server")
    void aWrapperThatIsNotReturnedSendsNothing(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("unsent.txt"), "never sent");
        AtomicInteger closes = new AtomicInteger();
        Application discarding = (environ, start) -> {
            FileWrapper unused = Environ.fileWrapper(environ).wrap(new CountedFile(file, closes));
            unused.close();
            return KitApps.respond(start, "something else");
        };

        assertThat(send(discarding, TestRequest.get("/")).text()).isEqualTo("something else");
        assertThat(closes).hasValue(1);
    }

    @Test
    @DisplayName("P3333-FW-02 The wrapper's close() closes the file-like object it wraps")
    void theWrapperClosesItsFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("closed.txt"), "sent, then closed");
        AtomicInteger fileCloses = new AtomicInteger();
        AtomicInteger streamCloses = new AtomicInteger();
        InputStream stream = new ByteArrayInputStream(KitApps.utf8("a stream, then closed")) {
            @Override
            public void close() {
                streamCloses.incrementAndGet();
            }
        };

        assertThat(send(wrapping(new CountedFile(file, fileCloses), null), TestRequest.get("/")).text())
                .isEqualTo("sent, then closed");
        assertThat(send(wrapping(stream, null), TestRequest.get("/")).text()).isEqualTo("a stream, then closed");
        KitApps.await(() -> fileCloses.get() >= 1 && streamCloses.get() >= 1, "both closed");
        assertThat(fileCloses).hasValue(1);
        assertThat(streamCloses).hasValue(1);
    }

    @Test
    @DisplayName("P3333-FW-03 Transmission starts at the file's current position and stops at its end or at "
            + "Content-Length bytes")
    void transmissionStartsAtThePositionAndStopsAtTheLength(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("positions.txt"), "0123456789abcdefghij");
        FileInputStream skipped = new FileInputStream(file.toFile());
        skipped.skipNBytes(10);
        FileInputStream limited = new FileInputStream(file.toFile());
        limited.skipNBytes(5);

        TestResponse rest = send(wrapping(skipped, null), TestRequest.get("/"));
        TestResponse seven = send(wrapping(limited, 7), TestRequest.get("/"));

        assertThat(rest.text()).isEqualTo("abcdefghij");
        assertThat(seven.text()).isEqualTo("56789ab");
        assertThat(seven.truncated()).isFalse();
    }

    @Test
    @DisplayName("P3333-FW-04 File-like objects the server cannot send directly still work through read() and "
            + "close()")
    void nonFileStreamsAreReadThrough() throws Exception {
        byte[] content = new byte[200_000];
        new Random(47).nextBytes(content);
        InputStream trickling = new InputStream() {
            private int next;

            @Override
            public int read() {
                return next < content.length ? content[next++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (next >= content.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, 1 + next % 7), content.length - next);
                System.arraycopy(content, next, b, off, n);
                next += n;
                return n;
            }
        };
        Application blocks = (environ, start) -> {
            start.start("200 OK", List.of(new Header("Content-Type", "application/octet-stream")));
            return Environ.fileWrapper(environ).wrap(new ByteArrayInputStream(content), 4096);
        };

        assertThat(send(blocks, TestRequest.get("/")).body()).isEqualTo(content);
        assertThat(send(wrapping(trickling, null), TestRequest.get("/")).body()).isEqualTo(content);
    }
}
