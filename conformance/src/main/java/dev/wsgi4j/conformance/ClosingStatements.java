package dev.wsgi4j.conformance;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** PEP 3333, "Specification Details" and "Handling the Content-Length Header": close() and lengths (B36-B38). */
public abstract class ClosingStatements extends Statements {

    /** A lazy body of {@code chunks} (a null one fails the iteration there) whose close() is counted. */
    static final class CountedBody implements Iterable<byte[]>, AutoCloseable {
        final AtomicInteger closes = new AtomicInteger();
        private final Iterator<byte[]> chunks;

        CountedBody(Iterator<byte[]> chunks) {
            this.chunks = chunks;
        }

        @Override
        public Iterator<byte[]> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return closes.get() == 0 && chunks.hasNext();
                }

                @Override
                public byte[] next() {
                    byte[] next = chunks.next();
                    if (next == null) {
                        throw new IllegalStateException("the body fails midway");
                    }
                    return next;
                }
            };
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private static Application serving(Iterable<byte[]> body) {
        return (environ, start) -> {
            start.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
            return body;
        };
    }

    @Test
    @DisplayName("P3333-BODY-05 close() of the iterable is called once when the request ends: on success and on an "
            + "error during iteration")
    void closeIsCalledOnce() throws Exception {
        CountedBody fine = new CountedBody(List.of(KitApps.utf8("all "), KitApps.utf8("of it")).iterator());
        CountedBody failing = new CountedBody(java.util.Arrays.asList(KitApps.utf8("part"), null).iterator());

        assertThat(send(serving(fine), TestRequest.get("/")).text()).isEqualTo("all of it");
        TestResponse cut = send(serving(failing), TestRequest.get("/"));

        KitApps.await(() -> fine.closes.get() >= 1 && failing.closes.get() >= 1, "both bodies closed");
        assertThat(fine.closes).hasValue(1);
        assertThat(failing.closes).hasValue(1);
        assertThat(cut.truncated()).isTrue();
    }

    @Test
    @DisplayName("P3333-BODY-05 (disconnect) close() of the iterable is called once when the client goes away "
            + "mid-response")
    void closeIsCalledOnceWhenTheClientLeaves() throws Exception {
        assumeCapable(Capability.SOCKET, "a client that goes away needs a connection");
        byte[] block = new byte[8192];
        CountedBody endless = new CountedBody(java.util.stream.Stream.generate(() -> block).limit(200_000)
                .iterator());

        try (RunningServer running = start(serving(endless))) {
            try (RawConnection c = RawConnection.open(running.address())) {
                c.send("GET / HTTP/1.1\r\nHost: kit\r\n\r\n");
                c.readHead();
                c.readBytes(1000);
            }
            KitApps.await(() -> endless.closes.get() >= 1, "the body closed after the client left");
        }
        assertThat(endless.closes).hasValue(1);
    }

    @Test
    @DisplayName("P3333-BODY-06 The server uses no attribute of the iterable but iteration, its length and "
            + "close()")
    void onlyIterationLengthAndCloseAreUsed() throws Exception {
        List<String> misuse = new CopyOnWriteArrayList<>();
        int[] iterators = {0};
        AtomicInteger closes = new AtomicInteger();
        class Strict extends AbstractCollection<byte[]> implements AutoCloseable {
            @Override
            public Iterator<byte[]> iterator() {
                return BodyStatements.counted(iterators, KitApps.utf8("only "), KitApps.utf8("this"));
            }

            @Override
            public int size() {
                return 2;
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }

            @Override
            public boolean isEmpty() {
                misuse.add("isEmpty");
                return false;
            }

            @Override
            public Object[] toArray() {
                misuse.add("toArray");
                return super.toArray();
            }

            @Override
            public <T> T[] toArray(T[] a) {
                misuse.add("toArray(T[])");
                return super.toArray(a);
            }

            @Override
            public boolean contains(Object o) {
                misuse.add("contains");
                return super.contains(o);
            }

            @Override
            public String toString() {
                misuse.add("toString");
                return "Strict";
            }
        }

        TestResponse r = send(serving(new Strict()), TestRequest.get("/"));

        assertThat(r.text()).isEqualTo("only this");
        KitApps.await(() -> closes.get() >= 1, "the body closed");
        assertThat(misuse).isEmpty();
        assertThat(iterators[0]).as("iterator() calls").isEqualTo(1);
        assertThat(Set.of(closes.get())).containsExactly(1);
    }

    @Test
    @DisplayName("P3333-BODY-07 With a Content-Length from the application, no more bytes than it declares are "
            + "sent, and a body that ends short leaves the response cut")
    void contentLengthIsAPromise() throws Exception {
        Application longer = (environ, start) -> {
            start.start("200 OK", List.of(new Header("Content-Length", "4")));
            return KitApps.lazy("long", "er body");
        };
        Application shorter = (environ, start) -> {
            start.start("200 OK", List.of(new Header("Content-Length", "10")));
            return KitApps.lazy("short");
        };

        TestResponse capped = send(longer, TestRequest.get("/"));
        assertThat(capped.text()).isEqualTo("long");
        assertThat(capped.truncated()).isFalse();
        assertThat(send(shorter, TestRequest.get("/")).truncated()).isTrue();
    }
}
