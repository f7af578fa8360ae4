package dev.wsgi4j.conformance;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.Header;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** PEP 3333, "HTTP 1.1 Expect/Continue", "Other HTTP Features", "Thread Support", "Server Extension APIs" (B43-B46). */
public abstract class HttpStatements extends Statements {

    @Test
    @DisplayName("P3333-HTTP-01 An HTTP/1.1 server supports Expect: 100-continue transparently")
    void expectContinueIsAnswered() throws Exception {
        assumeCapable(Capability.SOCKET, "100 Continue is an interim answer on a connection");
        Application echo = (environ, start) ->
                KitApps.respond(start, new String(Environ.input(environ).readAllBytes(), StandardCharsets.UTF_8));

        try (RunningServer running = start(echo); RawConnection c = RawConnection.open(running.address())) {
            c.send("POST / HTTP/1.1\r\nHost: kit\r\nContent-Length: 5\r\nExpect: 100-continue\r\n"
                    + "Connection: close\r\n\r\n");
            assertThat(c.readHead().status()).as("the interim answer, before the body was sent").isEqualTo(100);
            c.send("hello");
            assertThat(new String(c.read(false).body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    @DisplayName("P3333-HTTP-02 The server plays dumb: it does not change the application's response (status "
            + "and reason, validators) unless configured to")
    void theResponseIsTheApplications() throws Exception {
        Application cached = (environ, start) -> {
            start.start("200 Fine Thanks", List.of(new Header("Content-Type", "text/plain"),
                    new Header("ETag", "\"v1\""), new Header("Cache-Control", "max-age=60")));
            return List.of(KitApps.utf8("fresh body"));
        };

        TestResponse r = send(cached, TestRequest.get("/").header("If-None-Match", "\"v1\""));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.reason()).isEqualTo("Fine Thanks");
        assertThat(r.header("ETag")).isEqualTo("\"v1\"");
        assertThat(r.text()).isEqualTo("fresh body");
    }

    @Test
    @DisplayName("P3333-HTTP-03 A server that runs requests in parallel also offers a single-threaded mode: one "
            + "call at a time, wsgi.multithread false")
    void singleThreadedModeRunsOneCallAtATime() throws Exception {
        assumeCapable(Capability.SINGLE_THREADED, "no single-threaded mode");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch secondEntered = new CountDownLatch(2);
        Application guarded = (environ, start) -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            secondEntered.countDown();
            // Give an overlapping call every chance to show: wait (once) for a second call to enter.
            secondEntered.await(1, TimeUnit.SECONDS);
            inside.decrementAndGet();
            return KitApps.respond(start, String.valueOf(environ.get("wsgi.multithread")));
        };

        ExecutorService clients = Executors.newFixedThreadPool(4);
        try (RunningServer running = start(guarded, new KitOptions(java.util.Map.of(), true))) {
            List<Future<TestResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(clients.submit(() -> running.send(TestRequest.get("/").build())));
            }
            for (Future<TestResponse> answer : answers) {
                TestResponse r = answer.get(2 * KitApps.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.text()).as("wsgi.multithread").isEqualTo("false");
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(most).as("calls inside the application at once").hasValue(1);
    }

    @Test
    @DisplayName("P3333-HTTP-04 An extension that bypasses WSGI (a file sent without being iterated) steps aside "
            + "when middleware replaced what it would bypass")
    void middlewareThatReplacesTheBodyIsHonoured(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("page.txt"), "lower case content");
        Application files = (environ, start) -> {
            start.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
            return Environ.fileWrapper(environ).wrap(new FileInputStream(file.toFile()));
        };
        Application upperCasing = (environ, start) -> {
            Iterable<byte[]> inner = files.call(environ, start);
            return () -> {
                Iterator<byte[]> it = inner.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        boolean more = it.hasNext();
                        if (!more && inner instanceof FileWrapper wrapper) {
                            try {
                                wrapper.close();
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                        return more;
                    }

                    @Override
                    public byte[] next() {
                        return new String(it.next(), StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT)
                                .getBytes(StandardCharsets.ISO_8859_1);
                    }
                };
            };
        };

        assertThat(send(upperCasing, TestRequest.get("/page.txt")).text()).isEqualTo("LOWER CASE CONTENT");
    }
}
