package dev.wsgi4j.testing;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Small apps and bodies the contract suite builds its cases from; each says in its name what it does. */
public final class ContractApps {

    private ContractApps() {
    }

    /** 200 text/plain with {@code body} as a list (known length). */
    public static Application ok(String body) {
        return text("200 OK", null, body);
    }

    /** {@code status} text/plain with an optional declared Content-Length and {@code body} as a list. */
    public static Application text(String status, String contentLength, String body) {
        return (environ, start) -> {
            List<Header> headers = new ArrayList<>(List.of(new Header("Content-Type", "text/plain; charset=utf-8")));
            if (contentLength != null) {
                headers.add(new Header("Content-Length", contentLength));
            }
            start.start(status, headers);
            return List.of(body.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** An Iterable that is not a Collection: the gateway must stream it. */
    public static Iterable<byte[]> lazy(String... chunks) {
        return () -> Arrays.stream(chunks).map(s -> s.getBytes(StandardCharsets.UTF_8)).iterator();
    }

    /** A generator-style body that calls start_response only when first iterated (PEP 3333 allows it). */
    public static Iterable<byte[]> lazyStarting(StartResponse start, String... chunks) {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < chunks.length;
            }

            @Override
            public byte[] next() {
                if (next == 0) {
                    start.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
                }
                return chunks[next++].getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    /** A streamed body that counts its close() calls; a null chunk makes iteration throw there. */
    public static Iterable<byte[]> closeCounting(AtomicInteger closes, String... chunks) {
        return new CloseCountingBody(closes, chunks);
    }

    /** Waits up to 5 s for {@code counter} to reach {@code expected} (servers may close after sending), then checks it stays. */
    public static void awaitCount(AtomicInteger counter, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (counter.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(20);
        assertThat(counter.get()).as("close() calls").isEqualTo(expected);
    }

    private static final class CloseCountingBody implements Iterable<byte[]>, AutoCloseable {
        private final AtomicInteger closes;
        private final String[] chunks;

        CloseCountingBody(AtomicInteger closes, String[] chunks) {
            this.closes = closes;
            this.chunks = chunks;
        }

        @Override
        public Iterator<byte[]> iterator() {
            return Arrays.stream(chunks).map(s -> {
                if (s == null) {
                    throw new IllegalStateException("the body fails midway");
                }
                return s.getBytes(StandardCharsets.UTF_8);
            }).iterator();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
