package dev.wsgi4j.conformance;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** PEP 3333, "Specification Details" and "Buffering and Streaming": the returned iterable (B32-B35). */
public abstract class BodyStatements extends Statements {

    @Test
    @DisplayName("P3333-BODY-01 The iterable may call start_response on its first iteration: the server must not "
            + "assume it was called before iterating")
    void startResponseOnTheFirstIteration() throws Exception {
        Application generator = (environ, start) -> () -> new Iterator<>() {
            private int step;

            @Override
            public boolean hasNext() {
                return step < 2;
            }

            @Override
            public byte[] next() {
                if (step == 0) {
                    start.start("200 OK", List.of(new Header("Content-Type", "text/plain"), new Header("X-Late", "1")));
                }
                return KitApps.utf8(step++ == 0 ? "late " : "start");
            }
        };

        TestResponse r = send(generator, TestRequest.get("/"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Late")).isEqualTo("1");
        assertThat(r.text()).isEqualTo("late start");
    }

    @Test
    @DisplayName("P3333-BODY-02 Each block the iterable yields is sent at once, before the next is asked for: the "
            + "client receives it while the application blocks")
    void eachChunkIsSentWhileTheApplicationBlocks() throws Exception {
        assumeCapable(Capability.SOCKET, "seeing a chunk arrive while the application blocks needs a connection");
        CountDownLatch clientSawFirst = new CountDownLatch(1);
        Application blocking = (environ, start) -> {
            start.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
            return () -> new Iterator<>() {
                private int step;

                @Override
                public boolean hasNext() {
                    return step < 2;
                }

                @Override
                public byte[] next() {
                    if (step == 1) {
                        try {
                            clientSawFirst.await(2 * KitApps.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return KitApps.utf8(step++ == 0 ? "first" : "second");
                }
            };
        };

        try (RunningServer running = start(blocking); RawConnection c = RawConnection.open(running.address())) {
            c.send("GET / HTTP/1.1\r\nHost: kit\r\nConnection: close\r\n\r\n");
            RawConnection.Head head = c.readHead();
            byte[] first = head.chunked() ? c.readChunk() : c.readBytes(5);
            assertThat(first).as("the first block, while the application waits").isEqualTo(KitApps.utf8("first"));
            clientSawFirst.countDown();
            byte[] second = head.chunked() ? c.readChunk() : c.readBytes(6);
            assertThat(second).isEqualTo(KitApps.utf8("second"));
        }
    }

    @Test
    @DisplayName("P3333-BODY-03 The server sends the bytes unaltered: no line-ending or character-set changes")
    void bytesGoOutUnaltered() throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int round = 0; round < 4; round++) {
            for (int b = 0; b < 256; b++) {
                all.write(b);
            }
            all.writeBytes(new byte[] {'\r', '\n', '\n', '\r', 0});
        }
        byte[] bytes = all.toByteArray();
        Application listed = (environ, start) -> {
            start.start("200 OK", List.of(new Header("Content-Type", "text/plain; charset=utf-8")));
            return List.of(bytes);
        };
        Application streamed = (environ, start) -> {
            start.start("200 OK", List.of(new Header("Content-Type", "text/plain; charset=utf-8")));
            return () -> List.of(bytes).iterator();
        };

        assertThat(send(listed, TestRequest.get("/")).body()).isEqualTo(bytes);
        assertThat(send(streamed, TestRequest.get("/")).body()).isEqualTo(bytes);
    }

    @Test
    @DisplayName("P3333-BODY-04 A length the iterable reports may be trusted: a one-item body and no write() "
            + "give a Content-Length equal to that item")
    void aOneItemBodyMayGetItsLength() throws Exception {
        Application single = (environ, start) -> {
            start.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
            return List.of(KitApps.utf8("exactly twenty bytes"));
        };

        TestResponse r = send(single, TestRequest.get("/"));

        assertThat(r.text()).isEqualTo("exactly twenty bytes");
        assertThat(r.header("Content-Length")).isIn("20", null);
        assertThat(r.truncated()).isFalse();
    }

    /** An iterator over {@code chunks} that also counts how often it was made. */
    static Iterator<byte[]> counted(int[] made, byte[]... chunks) {
        made[0]++;
        return List.of(chunks).iterator();
    }
}
