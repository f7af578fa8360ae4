package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link GatewayServer#swap} end to end on an ephemeral port: what clients see while applications change. */
class AppSwapServerTest {

    private static final int CHUNKS = 4;

    private GatewayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    /**
     * Answers with header {@code X-App: NAME} and a body of {@link #CHUNKS} chunks {@code NAME/i;}, produced one by
     * one; counts what touched it after its close() (a call, a chunk, a body's close), which must be nothing.
     */
    static final class NamedApp implements Application, AutoCloseable {
        final String name;
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger touchedAfterClose = new AtomicInteger();
        final AtomicInteger bodiesOpen = new AtomicInteger();
        volatile int bodiesOpenAtClose = -1;
        /** When set, the body waits on it after its first chunk. */
        volatile CountDownLatch holdAfterFirstChunk;
        final CountDownLatch firstChunkSent = new CountDownLatch(1);

        NamedApp(String name) {
            this.name = name;
        }

        private void touch() {
            if (closes.get() != 0) {
                touchedAfterClose.incrementAndGet();
            }
        }

        @Override
        public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) {
            touch();
            startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain"), Header.of("X-App", name)));
            bodiesOpen.incrementAndGet();
            return new Body();
        }

        @Override
        public void close() {
            bodiesOpenAtClose = bodiesOpen.get();
            closes.incrementAndGet();
        }

        final class Body implements Iterable<byte[]>, Iterator<byte[]>, AutoCloseable {
            private int next;

            @Override
            public Iterator<byte[]> iterator() {
                return this;
            }

            @Override
            public boolean hasNext() {
                touch();
                return next < CHUNKS;
            }

            @Override
            public byte[] next() {
                touch();
                if (next >= CHUNKS) {
                    throw new NoSuchElementException();
                }
                if (next == 1) {
                    firstChunkSent.countDown();
                    CountDownLatch hold = holdAfterFirstChunk;
                    if (hold != null) {
                        try {
                            hold.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
                // A moment between chunks: at a swap, requests are in the middle of their bodies.
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                return (name + "/" + next++ + ";").getBytes(StandardCharsets.US_ASCII);
            }

            @Override
            public void close() {
                touch();
                bodiesOpen.decrementAndGet();
            }
        }
    }

    /** The body an application named {@code name} sends, whole. */
    private static String bodyOf(String name) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < CHUNKS; i++) {
            body.append(name).append('/').append(i).append(';');
        }
        return body.toString();
    }

    private static final String GET = "GET / HTTP/1.1\r\nHost: t\r\n\r\n";

    @Test
    void aRequestUnderWayFinishesOnTheOldApplicationAndTheNextOnItsConnectionRunsOnTheNew() throws Exception {
        NamedApp a = new NamedApp("a");
        NamedApp b = new NamedApp("b");
        CountDownLatch release = new CountDownLatch(1);
        a.holdAfterFirstChunk = release;
        server = new GatewayServer(a, ServerConfig.builder().port(0).build()).start();
        try (RawHttp client = new RawHttp(server.port())) {
            client.send(GET);
            assertThat(a.firstChunkSent.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> aClosed = server.swap(b).toCompletableFuture();
            assertThat(server.application()).isSameAs(b);
            try (RawHttp other = new RawHttp(server.port())) { // a new request meanwhile: b at once
                RawHttp.Response meanwhile = other.send(GET).read();
                assertThat(meanwhile.header("X-App")).isEqualTo("b");
            }
            assertThat(aClosed).as("a still has a request").isNotDone();
            release.countDown();

            RawHttp.Response first = client.read();
            assertThat(first.header("X-App")).isEqualTo("a");
            assertThat(first.text()).isEqualTo(bodyOf("a"));
            aClosed.get(10, TimeUnit.SECONDS);
            assertThat(a.closes.get()).isEqualTo(1);
            assertThat(a.bodiesOpenAtClose).as("bodies of a still open when a closed").isZero();

            RawHttp.Response second = client.send(GET).read(); // the same keep-alive connection
            assertThat(second.header("X-App")).isEqualTo("b");
            assertThat(second.text()).isEqualTo(bodyOf("b"));
        }
        assertThat(a.touchedAfterClose.get()).isZero();
        assertThat(b.closes.get()).as("b serves on").isZero();
    }

    /** Answers with a file body sent as a zero-copy region, and notes whether that file was still open at close(). */
    static final class FileApp implements Application, AutoCloseable {
        private final Path file;
        final CountDownLatch called = new CountDownLatch(1);
        final AtomicInteger closes = new AtomicInteger();
        volatile FileChannel channel;
        volatile Boolean fileOpenAtClose;

        FileApp(Path file) {
            this.file = file;
        }

        @Override
        public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws IOException {
            startResponse.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
            channel = FileChannel.open(file);
            called.countDown();
            return FileWrapper.of(channel, 0, channel.size(), 8192);
        }

        @Override
        public void close() {
            fileOpenAtClose = channel != null && channel.isOpen();
            closes.incrementAndGet();
        }
    }

    /**
     * A file body is closed when its last byte is written, after the application returned: the old application's
     * close() waits for that too. The client reads nothing until the swap's close had a second to happen.
     */
    @Test
    void aFileBodyStillBeingSentKeepsTheOldApplicationOpen(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.bin");
        byte[] block = new byte[1 << 20];
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < 16; i++) { // more than the sockets' buffers hold: the region waits for the client
                out.write(block);
            }
        }
        FileApp a = new FileApp(big);
        server = new GatewayServer(a, ServerConfig.builder().port(0).build()).start();
        try (Socket client = new Socket("127.0.0.1", server.port())) {
            client.setSoTimeout(30_000);
            client.getOutputStream().write("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(a.called.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> aClosed = server.swap(new NamedApp("b")).toCompletableFuture();
            try {
                aClosed.get(1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException expected) {
                // what should happen: a's file is still being sent
            }
            assertThat(aClosed).as("a closed while its file was being sent").isNotDone();

            byte[] answer = client.getInputStream().readAllBytes(); // to the close that follows the last byte
            String head = new String(answer, 0, Math.min(answer.length, 512), StandardCharsets.ISO_8859_1);
            assertThat(head).startsWith("HTTP/1.1 200 OK").contains("\r\n\r\n");
            assertThat(answer.length - (head.indexOf("\r\n\r\n") + 4)).isEqualTo(16 << 20);
            aClosed.get(10, TimeUnit.SECONDS);
        }
        assertThat(a.closes.get()).isEqualTo(1);
        assertThat(a.fileOpenAtClose).as("a's file body open when a closed").isFalse();
    }

    /**
     * Four keep-alive clients request as fast as they can while the test swaps a→b→a→b→a→b→a (a fresh
     * instance each time): no request fails, every answer is wholly one application's, and each swapped-out one
     * closed once after its last request. Bounded: at most 20,000 requests a client, every wait at most 30 s.
     */
    @Test
    void underLoadNoRequestFailsAndNoAnswerMixesTwoApplications() throws Exception {
        List<NamedApp> apps = new ArrayList<>();
        NamedApp first = new NamedApp("a-0");
        apps.add(first);
        server = new GatewayServer(first, ServerConfig.builder().port(0).maxRequestsPerConnection(1_000_000)
                .build()).start();
        int port = server.port();
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, AtomicInteger> answersBy = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger answers = new AtomicInteger();
        int clients = 4;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running4 = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running4.add(pool.submit(() -> {
                RawHttp client = null;
                try {
                    for (int i = 0; i < 20_000 && running.get(); i++) {
                        if (client == null) {
                            client = new RawHttp(port);
                        }
                        RawHttp.Response r = client.send(GET).read();
                        String name = r.header("X-App");
                        if (r.status() != 200 || !r.complete() || name == null || !r.text().equals(bodyOf(name))) {
                            failures.add(r.statusLine() + " X-App=" + name + " body=" + r.text());
                        } else {
                            answersBy.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                            answers.incrementAndGet();
                        }
                        if ("close".equalsIgnoreCase(r.header("Connection"))) {
                            client.close();
                            client = null;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    failures.add(e.toString());
                } finally {
                    if (client != null) {
                        try {
                            client.close();
                        } catch (IOException ignored) {
                            // the test is over for this client
                        }
                    }
                }
                return null;
            }));
        }
        List<CompletableFuture<Void>> retirements = new ArrayList<>();
        try {
            awaitAnswersFrom(answersBy, "a-0", failures);
            for (int i = 1; i <= 6; i++) {
                NamedApp next = new NamedApp((i % 2 == 0 ? "a-" : "b-") + i);
                apps.add(next);
                retirements.add(server.swap(next).toCompletableFuture());
                awaitAnswersFrom(answersBy, next.name, failures);
            }
        } finally {
            running.set(false);
            pool.shutdown();
        }
        for (Future<?> client : running4) {
            client.get(10, TimeUnit.SECONDS);
        }
        CompletableFuture.allOf(retirements.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(failures).isEmpty();
        assertThat(answersBy.keySet()).containsExactlyInAnyOrder(apps.stream().map(a -> a.name).toArray(String[]::new));
        for (NamedApp old : apps.subList(0, apps.size() - 1)) {
            assertThat(old.closes.get()).as("closes of %s", old.name).isEqualTo(1);
            assertThat(old.bodiesOpenAtClose).as("bodies of %s open at its close", old.name).isZero();
        }
        assertThat(apps.get(apps.size() - 1).closes.get()).isZero();
        assertThat(apps).allSatisfy(app -> assertThat(app.touchedAfterClose.get()).as(app.name).isZero());
    }

    /** Waits (at most 30 s, on a busy machine) until a few answers came from the application named {@code name}. */
    private static void awaitAnswersFrom(Map<String, AtomicInteger> answersBy, String name,
            ConcurrentLinkedQueue<String> failures) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answersBy.getOrDefault(name, new AtomicInteger()).get() < 8 && failures.isEmpty()) {
            assertThat(System.nanoTime()).as("answers from %s within 30 s", name).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
