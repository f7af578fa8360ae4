package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inline executor cannot wait for a slow client, so a streamed body must not pile up in the write buffer
 * (SPEC.md §6.3): once the client stops reading, the response is cut and the connection closed.
 */
class InlineStreamingTest {

    private static final int CHUNK = 64 * 1024;
    private static final long TOTAL = 256L << 20;

    private GatewayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void aStreamedBodyToAClientThatDoesNotReadIsCutInsteadOfBuffered() throws Exception {
        AtomicLong pulled = new AtomicLong();
        CountDownLatch closed = new CountDownLatch(1);
        byte[] block = new byte[CHUNK];
        Application app = (env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
            return new Endless(block, pulled, closed);
        };
        server = new GatewayServer(app, ServerConfig.builder().port(0).executor(ExecutorKind.INLINE).build()).start();

        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

            assertThat(closed.await(20, TimeUnit.SECONDS)).as("the body was closed").isTrue();
            // Kernel buffers on both ends take a few MiB; the server itself holds at most its high-water mark.
            assertThat(pulled.get()).as("bytes the application was asked for").isLessThan(32L << 20);

            long received = 0;
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[CHUNK];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                received += n;
            }
            assertThat(received).as("the response was cut, then the connection closed").isLessThan(TOTAL);
        }
    }

    /** {@link #TOTAL} bytes in blocks, counting what is pulled and signalling close. */
    private record Endless(byte[] block, AtomicLong pulled, CountDownLatch closed)
            implements Iterable<byte[]>, AutoCloseable {

        @Override
        public Iterator<byte[]> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return pulled.get() < TOTAL;
                }

                @Override
                public byte[] next() {
                    pulled.addAndGet(block.length);
                    return block;
                }
            };
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
