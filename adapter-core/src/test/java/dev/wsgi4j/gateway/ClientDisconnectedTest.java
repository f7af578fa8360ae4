package dev.wsgi4j.gateway;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.testing.TestClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wsgi4j.client_disconnected} as every server gets it from the driver (SPEC.md §3.8): the transport's word,
 * and a lazy body that is no longer iterated once the client is gone.
 */
class ClientDisconnectedTest {

    @Test
    void theEnvironCarriesASupplierThatFollowsTheTransport() {
        AtomicReference<BooleanSupplier> seen = new AtomicReference<>();
        AtomicBoolean before = new AtomicBoolean(true);
        RecordingTransport transport = new RecordingTransport();
        Drive.run((env, sr) -> {
            seen.set(Environ.clientDisconnected(env));
            before.set(seen.get().getAsBoolean());
            sr.start("200 OK", List.of());
            return List.of();
        }, "GET", transport, false);

        assertThat(before).as("while the client is there").isFalse();
        transport.gone = true;
        assertThat(seen.get().getAsBoolean()).as("once the transport says it left").isTrue();
    }

    /**
     * The client leaves while the body makes its second block; the blocks after it are empty (a generator that
     * yields b"" while it waits for data), so no write fails to tell the driver: only the signal stops it.
     */
    @Test
    void aLazyBodyIsNotIteratedPastTheBlockBeingMadeWhenTheClientLeft() {
        RecordingTransport transport = new RecordingTransport();
        AtomicInteger nextCalls = new AtomicInteger();
        AtomicInteger closes = new AtomicInteger();
        Application app = (env, sr) -> {
            sr.start("200 OK", List.of());
            return new ClosingBody(() -> new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return nextCalls.get() < 1000; // bounded, so that a driver that never stops still ends
                }

                @Override
                public byte[] next() {
                    int n = nextCalls.incrementAndGet();
                    if (n == 1) {
                        return "first".getBytes(StandardCharsets.US_ASCII);
                    }
                    transport.gone = true; // the client leaves while block 2 is being made
                    return new byte[0];
                }
            }, closes);
        };
        Drive.run(app, "GET", transport, false);

        assertThat(nextCalls).as("no block taken after the one being made when the client left").hasValue(2);
        assertThat(closes).hasValue(1);
        assertThat(transport.calls).containsExactly("sendHead", "sendChunk", "abort");
    }

    @Test
    void aHeadRequestStopsIteratingAsWell() {
        RecordingTransport transport = new RecordingTransport();
        transport.gone = true;
        AtomicInteger nextCalls = new AtomicInteger();
        Drive.run((env, sr) -> () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return nextCalls.get() < 1000;
            }

            @Override
            public byte[] next() {
                nextCalls.incrementAndGet();
                return new byte[0];
            }
        }, "HEAD", transport, false);

        assertThat(nextCalls).hasValue(0);
        assertThat(transport.calls).containsExactly("abort");
    }

    @Test
    void theTestClientsClientNeverLeaves() throws Exception {
        AtomicReference<Object> value = new AtomicReference<>();
        new TestClient((env, sr) -> {
            value.set(env.get(Environ.WSGI4J_CLIENT_DISCONNECTED));
            sr.start("204 No Content", List.of());
            return List.of();
        }).get("/");

        assertThat(value.get()).isInstanceOf(BooleanSupplier.class);
        assertThat(((BooleanSupplier) value.get()).getAsBoolean()).isFalse();
    }

    @Test
    void withoutAServerOfferingItTheHelperSaysPresent() {
        assertThat(Environ.clientDisconnected(new HashMap<>()).getAsBoolean()).isFalse();
    }

    /** An iterable body with close(), counting closes. */
    private record ClosingBody(Iterable<byte[]> blocks, AtomicInteger closes) implements Iterable<byte[]>,
            AutoCloseable {
        @Override
        public Iterator<byte[]> iterator() {
            return blocks.iterator();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
