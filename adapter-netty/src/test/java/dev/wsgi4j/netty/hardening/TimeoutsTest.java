package dev.wsgi4j.netty.hardening;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.RawHttp;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.hardening.Corpus.Fixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.wsgi4j.netty.hardening.Corpus.H;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Timeouts on the real server (SPEC.md §6.4 send timeout, §6.5 408, §6.6 idle and head deadline). The clients pace
 * themselves at 100-200 ms while the timeouts are seconds, so a loaded machine stalling a thread for over a second
 * still cannot make a request late; the timers' own arithmetic is tested on a mock clock in
 * {@code ConnectionTimeoutsTest}.
 */
class TimeoutsTest {

    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final Duration HEAD = Duration.ofSeconds(3);
    private static final Duration BODY = Duration.ofSeconds(1);
    private static final Duration SEND = Duration.ofSeconds(1);

    private static final CountDownLatch STREAM_CLOSED = new CountDownLatch(1);
    private static Fixture f;

    /** /stream answers an endless body (bounded at 100 000 chunks) whose close() is recorded. */
    private static Application app(Corpus.EchoApp echo) {
        return (env, sr) -> {
            if (!"/stream".equals(env.get("PATH_INFO"))) {
                return echo.call(env, sr);
            }
            sr.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
            return new EndlessBody(STREAM_CLOSED);
        };
    }

    /** An endless response body that records its close(). */
    static final class EndlessBody implements Iterable<byte[]>, Closeable {
        private final CountDownLatch closed;

        EndlessBody(CountDownLatch closed) {
            this.closed = closed;
        }

        @Override
        public Iterator<byte[]> iterator() {
            return new Iterator<>() {
                int n;

                @Override
                public boolean hasNext() {
                    return n < 100_000;
                }

                @Override
                public byte[] next() {
                    n++;
                    return new byte[64 * 1024];
                }
            };
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @BeforeAll
    static void start() throws InterruptedException {
        Corpus.EchoApp echo = new Corpus.EchoApp();
        f = new Fixture(ServerConfig.builder().idleTimeout(IDLE).requestHeadTimeout(HEAD).bodyReadTimeout(BODY)
                .sendTimeout(SEND), app(echo));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void theDefaultsAreThoseOfTheReference() {
        ServerConfig d = ServerConfig.defaults();
        assertThat(d.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.requestHeadTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.bodyReadTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.sendTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void slowlorisIsClosedAtTheHeadDeadlineThoughBytesKeepArriving() throws Exception {
        try (RawHttp client = new RawHttp(f.port(), 100)) {
            long t0 = System.nanoTime();
            client.send("GET / HTTP/1.1\r\nX-Slow: ");
            boolean closed = false;
            for (int i = 0; i < 100 && !closed; i++) {
                try {
                    client.send("a"); // one byte every 100 ms: each is more often than the idle or body timeout
                } catch (IOException e) {
                    closed = true;
                    break;
                }
                closed = client.next(100) == RawHttp.After.EOF;
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(closed).as("closed while trickling").isTrue();
            assertThat(ms).isBetween(HEAD.toMillis() - 50, HEAD.toMillis() + 5000);
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAndOneUsedInTimeIsServed() throws Exception {
        try (RawHttp client = new RawHttp(f.port())) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.send("GET /" + i + " HTTP/1.1\r\n" + H + "\r\n").read().status()).isEqualTo(200);
                Thread.sleep(IDLE.toMillis() / 10); // well within the idle timeout: still served
            }
            long t0 = System.nanoTime();
            assertThat(client.next((int) IDLE.toMillis() + 10_000)).isEqualTo(RawHttp.After.EOF);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("closed by the idle timeout, not at once").isBetween(IDLE.toMillis() / 2, IDLE.toMillis() + 5000);
        }
    }

    @Test
    void aConnectionThatNeverSendsIsClosedAtTheIdleTimeout() throws Exception {
        try (RawHttp client = new RawHttp(f.port())) {
            assertThat(client.next((int) IDLE.toMillis() + 10_000)).isEqualTo(RawHttp.After.EOF);
        }
    }

    @Test
    void aStalledBodyGets408AndTheConnectionCloses() throws Exception {
        try (RawHttp client = new RawHttp(f.port())) {
            client.send("POST / HTTP/1.1\r\n" + H + "Content-Length: 1000\r\n\r\n0123456789");
            RawHttp.Response r = client.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(client.next(3000)).isEqualTo(RawHttp.After.EOF);
        }
    }

    @Test
    void aChunkedBodyThatStallsGets408() throws Exception {
        try (RawHttp client = new RawHttp(f.port())) {
            client.send("POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n5\r\nab");
            RawHttp.Response r = client.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(client.next(3000)).isEqualTo(RawHttp.After.EOF);
        }
    }

    @Test
    void aClientThatStopsReadingIsCutAtTheSendTimeoutAndTheBodyIsClosed() throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", f.port()));
            socket.setSoTimeout(100);
            socket.getOutputStream().write(("GET /stream HTTP/1.1\r\n" + H + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // Never read: the server's writes stall, and the send timeout ends the response.
            assertThat(STREAM_CLOSED.await(10, TimeUnit.SECONDS)).as("the body's close() ran").isTrue();
            assertThat(drainToEof(socket.getInputStream(), 10_000)).as("connection closed").isTrue();
        }
    }

    /** Reads and discards until EOF or reset; false when the deadline passes first. */
    static boolean drainToEof(InputStream in, long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        byte[] buf = new byte[64 * 1024];
        while (System.nanoTime() < deadline) {
            try {
                if (in.read(buf) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // keep going until the deadline
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }
}
