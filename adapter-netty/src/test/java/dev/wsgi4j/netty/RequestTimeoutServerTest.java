package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.Write;
import dev.wsgi4j.netty.metrics.MicrometerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code --request-timeout} end to end (SPEC.md §6.6), on each executor that runs applications off the event loop:
 * an application that sleeps is interrupted and its client answered 503; one that spins and cannot be interrupted
 * still has its client answered in time, and what it does when it comes back is dropped; a lazy body that stalls
 * between blocks is cut and closed. Timeouts are short (1 s, 200 ms for the race) and every wait generous (10 s):
 * the tests depend on the order of events, not on how fast this machine is.
 */
class RequestTimeoutServerTest {

    /** Long enough for a loaded machine to start the call before it passes: these tests need a call that runs. */
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** For the race, where either side may win. */
    private static final Duration RACE_TIMEOUT = Duration.ofMillis(200);
    private static final long WAIT = 10;

    private GatewayServer server;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private int serve(ExecutorKind kind, Application app, int threads) throws InterruptedException {
        return serve(kind, app, threads, TIMEOUT);
    }

    private int serve(ExecutorKind kind, Application app, int threads, Duration timeout)
            throws InterruptedException {
        assumeTrue(kind != ExecutorKind.VIRTUAL || AppExecutor.virtualThreadsAvailable(), "needs Java 21");
        ServerConfig.Builder config = ServerConfig.builder().port(0).executor(kind).requestTimeout(timeout);
        if (threads > 0) {
            config.workerThreads(threads).workerParallelism(threads);
        }
        server = new GatewayServer(app, config.build()).metrics(MicrometerMetrics.of(registry)).start();
        return server.port();
    }

    private double timedOut() {
        return registry.get("wsgi4j.requests.timed_out").counter().count();
    }

    /** With one thread, the request after the timeout runs on the very thread that was interrupted. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ExecutorKind.class, names = {"POOL", "VIRTUAL"})
    void aSleepingApplicationIsInterruptedAndItsClientAnswered503(ExecutorKind kind) throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch lateBodyClosed = new CountDownLatch(1);
        int port = serve(kind, (env, sr) -> {
            if (Environ.pathInfo(env).equals("/next")) {
                sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
                return List.of(("interrupted=" + Thread.currentThread().isInterrupted()).getBytes());
            }
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain"))); // too late: dropped
            return new ClosingBody(List.of("late".getBytes()), lateBodyClosed);
        }, 1);

        try (RawHttp client = new RawHttp(port)) {
            RawHttp.Response r = client.send("GET /sleep HTTP/1.1\r\nHost: x\r\n\r\n").read();

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("Retry-After")).isEqualTo("1");
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(client.closedByServer()).as("the connection is closed after the 503").isTrue();
        }
        assertThat(interrupted.await(WAIT, TimeUnit.SECONDS)).as("the application's thread is interrupted").isTrue();
        assertThat(lateBodyClosed.await(WAIT, TimeUnit.SECONDS)).as("the late body is still closed").isTrue();
        try (RawHttp client = new RawHttp(port)) {
            RawHttp.Response next = client.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.text()).as("the thread takes its next request uninterrupted").isEqualTo(
                    "interrupted=false");
        }
        assertThat(timedOut()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ExecutorKind.class, names = {"POOL", "VIRTUAL"})
    void aSpinningApplicationStillHasItsClientAnsweredAndItsLateWritesAreDropped(ExecutorKind kind)
            throws Exception {
        AtomicBoolean release = new AtomicBoolean();
        CountDownLatch spinning = new CountDownLatch(1);
        CountDownLatch lateWriteRefused = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        int port = serve(kind, (env, sr) -> {
            spinning.countDown();
            while (!release.get()) {
                Thread.onSpinWait(); // never sleeps, never looks at its interrupt flag
            }
            try {
                Write write = sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
                try {
                    write.write("late".getBytes());
                } catch (IOException refused) {
                    lateWriteRefused.countDown(); // as for a client that went away
                }
                return List.of("later".getBytes());
            } finally {
                returned.countDown();
            }
        }, 0);

        try (RawHttp client = new RawHttp(port)) {
            RawHttp.Response r = client.send("GET /spin HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(spinning.getCount()).isZero();

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("Retry-After")).isEqualTo("1");
            assertThat(client.closedByServer()).isTrue();
        } finally {
            release.set(true);
        }
        assertThat(returned.await(WAIT, TimeUnit.SECONDS)).isTrue();
        assertThat(lateWriteRefused.await(WAIT, TimeUnit.SECONDS)).isTrue();
        try (RawHttp client = new RawHttp(port)) {
            RawHttp.Response after = client.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(after.status()).as("the server goes on serving").isEqualTo(200);
            assertThat(after.text()).isEqualTo("latelater");
        }
        assertThat(timedOut()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ExecutorKind.class, names = {"POOL", "VIRTUAL"})
    void aLazyBodyThatStallsBetweenBlocksIsCutAndClosed(ExecutorKind kind) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicInteger nextCalls = new AtomicInteger();
        int port = serve(kind, (env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return new ClosingBody(() -> new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public byte[] next() {
                    if (nextCalls.incrementAndGet() == 1) {
                        return "first".getBytes(StandardCharsets.US_ASCII);
                    }
                    try {
                        never.await(); // stalls until interrupted
                    } catch (InterruptedException e) {
                        throw new IllegalStateException("interrupted", e);
                    }
                    return "never".getBytes(StandardCharsets.US_ASCII);
                }
            }, closed);
        }, 0);

        try (RawHttp client = new RawHttp(port)) {
            RawHttp.Response r = client.send("GET /stall HTTP/1.1\r\nHost: x\r\n\r\n").read();

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("first");
            assertThat(r.complete()).as("no last chunk: the response is cut").isFalse();
        }
        assertThat(closed.await(WAIT, TimeUnit.SECONDS)).as("the body's close() runs").isTrue();
        assertThat(nextCalls).hasValue(2);
        assertThat(timedOut()).isEqualTo(1);
    }

    /**
     * An application that finishes about when its deadline passes: whichever side wins, the client reads exactly
     * one whole answer, a 200 with its body or a 503, and then the end of the connection.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ExecutorKind.class, names = {"POOL", "VIRTUAL"})
    void anApplicationFinishingAtItsDeadlineGetsExactlyOneAnswer(ExecutorKind kind) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        int port = serve(kind, (env, sr) -> {
            try {
                Thread.sleep(RACE_TIMEOUT.toMillis() - 4 + calls.getAndIncrement() % 9); // 196 to 204 ms
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of("ok".getBytes());
        }, 0, RACE_TIMEOUT);
        int unavailable = 0;
        for (int i = 0; i < 20; i++) {
            try (RawHttp client = new RawHttp(port)) {
                client.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                String all = readToEnd(client.socket().getInputStream());

                assertThat(all.split("HTTP/1.1 ", -1)).as(all).hasSize(2);
                if (all.startsWith("HTTP/1.1 503 ")) {
                    unavailable++;
                    assertThat(all).contains("Retry-After: 1");
                } else {
                    assertThat(all).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\nok");
                }
            }
        }
        assertThat(timedOut()).isEqualTo(unavailable);
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.ISO_8859_1);
    }
}
