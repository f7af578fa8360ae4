package dev.wsgi4j.gateway;

import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.wsgi4j.gateway.Bodies.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The FileWrapper path: sendFile with the right count, and the file released on every path. */
class ResponseDriverFileTest {

    @TempDir
    Path dir;

    private FileChannel channel;

    private FileWrapper file(String content, long position, long count) throws IOException {
        Path path = dir.resolve("body.bin");
        Files.writeString(path, content, StandardCharsets.ISO_8859_1);
        channel = FileChannel.open(path, StandardOpenOption.READ);
        return FileWrapper.of(channel, position, count, 4);
    }

    @Test
    void aFileWithAKnownCountGoesToSendFileWithItsLength() throws IOException {
        FileWrapper body = file("0123456789", 2, 5);
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
            return body;
        });

        assertThat(t.calls).containsExactly("sendFile");
        assertThat(t.file).isSameAs(body);
        assertThat(t.fileCount).isEqualTo(5);
        assertThat(t.head().header("Content-Length")).isEqualTo("5");
        assertThat(t.head().contentLength()).isEqualTo(5);
        assertThat(channel.isOpen()).as("closed through onDone").isFalse();
    }

    @Test
    void aShorterContentLengthLimitsTheCount() throws IOException {
        FileWrapper body = file("0123456789", 0, 10);
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Length", "4")));
            return body;
        });

        assertThat(t.fileCount).isEqualTo(4);
        assertThat(t.head().header("Content-Length")).isEqualTo("4");
        assertThat(t.calls).containsExactly("sendFile");
    }

    @Test
    void aLongerContentLengthSendsTheWholeFileThenAborts() throws IOException {
        FileWrapper body = file("0123456789", 0, 10);
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Length", "20")));
            return body;
        });

        assertThat(t.fileCount).isEqualTo(10);
        assertThat(t.calls).containsExactly("sendFile", "abort");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void headSendsTheFilesHeadWithoutBytes() throws IOException {
        FileWrapper body = file("0123456789", 0, 10);
        RecordingTransport t = Drive.head((env, sr) -> {
            sr.start("200 OK", List.of());
            return body;
        });

        assertThat(t.fileCount).isZero();
        assertThat(t.head().omitBody()).isTrue();
        assertThat(t.head().header("Content-Length")).isEqualTo("10");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void releasesTheFileWhenSendFileThrowsWithoutCallingOnDone() throws IOException {
        FileWrapper body = file("0123456789", 0, 10);
        RecordingTransport t = Drive.run((env, sr) -> {
            sr.start("200 OK", List.of());
            return body;
        }, "GET", new RecordingTransport().failSendFile(false), false);

        assertThat(channel.isOpen()).isFalse();
        assertThat(t.calls).containsExactly("sendFile", "abort");
    }

    @Test
    void aServerThatReleasesTheFileAndThenFailsGetsAnAbortAndOnDoneStaysSafeToRepeat() throws IOException {
        FileWrapper body = file("0123456789", 0, 10);
        RecordingTransport t = Drive.run((env, sr) -> {
            sr.start("200 OK", List.of());
            return body;
        }, "GET", new RecordingTransport().failSendFile(true), false);

        assertThat(t.calls).containsExactly("sendFile", "abort");
        assertThat(channel.isOpen()).isFalse();
        assertThatCode(t.onDone::run).doesNotThrowAnyException();
    }

    @Test
    void aStreamOnlyWrapperIsIteratedInBlocksAndClosedOnce() {
        AtomicInteger closes = new AtomicInteger();
        ByteArrayInputStream in = new ByteArrayInputStream(bytes("abcdefghij")) {
            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of());
            return FileWrapper.of(in, 4);
        });

        assertThat(t.calls).containsExactly("sendHead", "sendChunk", "sendChunk", "sendChunk", "finish");
        assertThat(t.bodyText()).isEqualTo("abcdefghij");
        assertThat(closes).hasValue(1);
    }

    @Test
    void aFileReturnedBeforeStartResponseIsA500AndStillClosed() throws IOException {
        FileWrapper body = file("0123456789", 0, 10);
        RecordingTransport t = Drive.get((env, sr) -> body);

        assertThat(t.status()).isEqualTo(500);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aFileAfterWriteIsStreamedBehindTheWrittenBytes() throws IOException {
        FileWrapper body = file("0123456789", 6, 4);
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of()).write(bytes("head:"));
            return body;
        });

        assertThat(t.calls).doesNotContain("sendFile");
        assertThat(t.bodyText()).isEqualTo("head:6789");
        assertThat(channel.isOpen()).isFalse();
    }

}
