package dev.wsgi4j.netty.http2;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.ClosingBody;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
import io.netty.handler.codec.http2.Http2StreamChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

/**
 * The request timeout and {@code wsgi4j.client_disconnected} on HTTP/2 streams (SPEC.md §3.8, §6.6): a stream the
 * client resets is a client gone, and a stream past its timeout is answered 503 on that stream alone, the
 * connection and its other streams going on.
 */
class Http2DeadlineDisconnectTest {

    private static final long WAIT = 10;

    private final AtomicReference<BooleanSupplier> signal = new AtomicReference<>();
    private final CountDownLatch secondBlockStarted = new CountDownLatch(1);
    private final CountDownLatch mayReturn = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger nextCalls = new AtomicInteger();

    /** /sleep outlives the timeout; /stream is a body whose second block waits for the test; else "fast". */
    private final Application app = (env, sr) -> {
        String path = Environ.pathInfo(env);
        if (path.equals("/sleep")) {
            Thread.sleep(60_000);
        }
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        if (!path.equals("/stream")) {
            return List.of("fast".getBytes(StandardCharsets.US_ASCII));
        }
        signal.set(Environ.clientDisconnected(env));
        return new ClosingBody(() -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return nextCalls.get() < 1000;
            }

            @Override
            public byte[] next() {
                int n = nextCalls.incrementAndGet();
                if (n == 1) {
                    return "first".getBytes(StandardCharsets.US_ASCII);
                }
                if (n == 2) {
                    secondBlockStarted.countDown();
                    try {
                        mayReturn.await(WAIT, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return new byte[0];
            }
        }, closed);
    };

    private GatewayServer server;
    private H2TestClient client;

    private void start(Duration requestTimeout) throws Exception {
        server = new GatewayServer(app, ServerConfig.builder().port(0).requestTimeout(requestTimeout)
                .http2(Http2Settings.DEFAULTS.withCleartext(Http2Settings.Cleartext.PRIOR_KNOWLEDGE)).build()).start();
        client = new H2TestClient(server.port());
    }

    @AfterEach
    void stop() throws Exception {
        mayReturn.countDown();
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aStreamTheClientResetsIsAClientGoneAndItsBodyStops() throws Exception {
        start(Duration.ZERO);
        Http2StreamChannel stream = client.open(H2TestClient.get("/stream"));
        assertThat(secondBlockStarted.await(WAIT, TimeUnit.SECONDS)).isTrue();
        assertThat(signal.get().getAsBoolean()).as("while the stream is open").isFalse();
        stream.close().sync(); // RST_STREAM CANCEL

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        while (!signal.get().getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(signal.get().getAsBoolean()).as("once the client reset the stream").isTrue();
        mayReturn.countDown();
        assertThat(closed.await(WAIT, TimeUnit.SECONDS)).isTrue();
        assertThat(nextCalls).hasValue(2);
        assertThat(client.fetch(H2TestClient.get("/")).body()).as("the connection goes on").isEqualTo("fast");
    }

    @Test
    void aStreamPastItsTimeoutIsAnswered503AndTheConnectionGoesOn() throws Exception {
        start(Duration.ofMillis(300));
        H2TestClient.Reply slow = client.fetch(H2TestClient.get("/sleep"));

        assertThat(slow.status()).isEqualTo(503);
        assertThat(slow.headers().get("retry-after")).hasToString("1");
        assertThat(client.isOpen()).isTrue();
        assertThat(client.fetch(H2TestClient.get("/")).body()).isEqualTo("fast");
    }
}
