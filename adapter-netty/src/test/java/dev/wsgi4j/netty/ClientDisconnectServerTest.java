package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code wsgi4j.client_disconnected} on an HTTP/1.1 connection (SPEC.md §3.8): false while the client is there,
 * true once it closed the connection, and a streamed body stops being iterated then; a half-close is not a
 * departure, since the client still reads its answer (SPEC.md §6.6).
 */
class ClientDisconnectServerTest {

    private static final long WAIT = 10;

    private GatewayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private int serve(ExecutorKind kind, Application app) throws InterruptedException {
        assumeTrue(kind != ExecutorKind.VIRTUAL || AppExecutor.virtualThreadsAvailable(), "needs Java 21");
        server = new GatewayServer(app, ServerConfig.builder().port(0).executor(kind).build()).start();
        return server.port();
    }

    /**
     * The body's second block waits for the test while the client leaves; every block after it is empty (a
     * generator yielding b"" while it waits for data), so no failed write can tell the server: only the signal.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ExecutorKind.class, names = {"POOL", "VIRTUAL"})
    void aStreamedBodyIsNotIteratedPastTheBlockBeingMadeWhenTheClientLeft(ExecutorKind kind) throws Exception {
        AtomicReference<BooleanSupplier> signal = new AtomicReference<>();
        CountDownLatch secondBlockStarted = new CountDownLatch(1);
        CountDownLatch mayReturn = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicInteger nextCalls = new AtomicInteger();
        int port = serve(kind, (env, sr) -> {
            signal.set(Environ.clientDisconnected(env));
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return new ClosingBody(() -> new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return nextCalls.get() < 1000; // bounded, so that a server that never stops still ends
                }

                @Override
                public byte[] next() {
                    int n = nextCalls.incrementAndGet();
                    if (n == 1) {
                        return "first".getBytes(StandardCharsets.US_ASCII);
                    }
                    if (n == 2) {
                        secondBlockStarted.countDown();
                        await(mayReturn);
                    }
                    return new byte[0];
                }
            }, closed);
        });

        RawHttp client = new RawHttp(port);
        client.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(secondBlockStarted.await(WAIT, TimeUnit.SECONDS)).isTrue();
        assertThat(signal.get().getAsBoolean()).as("while the client is there").isFalse();
        client.socket().setSoLinger(true, 0); // an abort: a reset, which the server sees at once
        client.close();
        assertThat(becomesTrue(signal.get())).as("once the client reset the connection").isTrue();
        mayReturn.countDown();

        assertThat(closed.await(WAIT, TimeUnit.SECONDS)).as("close() runs promptly").isTrue();
        assertThat(nextCalls).as("no block taken after the one being made when the client left").hasValue(2);
    }

    /**
     * A client that closes with a FIN looks like one that half-closed until the server writes to it: its kernel
     * answers that write with a reset, and the next write fails. So a streaming body learns of it a block or two
     * after the close, and close() runs.
     */
    @Test
    void aClientThatClosedNormallyIsSeenGoneOnceTheServerWritesToIt() throws Exception {
        AtomicReference<BooleanSupplier> signal = new AtomicReference<>();
        CountDownLatch firstBlockMade = new CountDownLatch(1);
        CountDownLatch clientClosed = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicInteger takenAfterGone = new AtomicInteger();
        int port = serve(ExecutorKind.POOL, (env, sr) -> {
            signal.set(Environ.clientDisconnected(env));
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
            return new ClosingBody(() -> new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return System.nanoTime() < until;
                }

                @Override
                public byte[] next() {
                    if (firstBlockMade.getCount() > 0) {
                        firstBlockMade.countDown();
                        await(clientClosed);
                    } else if (signal.get().getAsBoolean()) {
                        takenAfterGone.incrementAndGet();
                    }
                    return "x".getBytes(StandardCharsets.US_ASCII);
                }
            }, closed);
        });

        RawHttp client = new RawHttp(port);
        client.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(firstBlockMade.await(WAIT, TimeUnit.SECONDS)).isTrue();
        client.close();
        clientClosed.countDown();

        assertThat(closed.await(WAIT, TimeUnit.SECONDS)).as("close() runs").isTrue();
        assertThat(signal.get().getAsBoolean()).isTrue();
        assertThat(takenAfterGone).as("at most the block being made as the signal turned").hasValueLessThan(2);
    }

    @Test
    void aClientThatOnlyHalfClosedIsNotGoneAndGetsItsAnswer() throws Exception {
        CountDownLatch mayAnswer = new CountDownLatch(1);
        int port = serve(ExecutorKind.POOL, (env, sr) -> {
            await(mayAnswer);
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of(("gone=" + Environ.clientDisconnected(env).getAsBoolean()).getBytes());
        });

        try (RawHttp client = new RawHttp(port)) {
            client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            client.halfClose();
            Thread.sleep(200); // lets the FIN arrive: a server that took it for a departure would say gone=true
            mayAnswer.countDown();
            RawHttp.Response r = client.read();

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("gone=false");
        }
    }

    private static boolean becomesTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
