package dev.wsgi4j.conformance;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.Write;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** PEP 3333, "The start_response() Callable" (B23-B27). */
public abstract class StartResponseStatements extends Statements {

    private static final List<Header> PLAIN = List.of(new Header("Content-Type", "text/plain"));

    @Test
    @DisplayName("P3333-SR-01 start_response returns a write(body_data) callable")
    void startResponseReturnsWrite() throws Exception {
        Application writing = (environ, start) -> {
            Write write = start.start("200 OK", PLAIN);
            write.write(KitApps.utf8("through write"));
            return List.of();
        };

        TestResponse r = send(writing, TestRequest.get("/"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("through write");
    }

    @Test
    @DisplayName("P3333-SR-02 start_response transmits nothing: headers go out with the first non-empty chunk, "
            + "so an error after an empty one still gets a clean error answer")
    void headersWaitForTheFirstNonEmptyChunk() throws Exception {
        Application failingAfterEmpty = (environ, start) -> {
            start.start("200 OK", List.of(new Header("Content-Type", "text/plain"), new Header("X-First", "1")));
            return () -> new Iterator<>() {
                private boolean yielded;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public byte[] next() {
                    if (yielded) {
                        throw new IllegalStateException("failed after an empty chunk");
                    }
                    yielded = true;
                    return new byte[0];
                }
            };
        };

        TestResponse r = send(failingAfterEmpty, TestRequest.get("/"));

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.header("X-First")).isNull();
    }

    @Test
    @DisplayName("P3333-SR-03 start_response may be called again only with exc_info; a call that raised still "
            + "counts as called")
    void aSecondCallNeedsExcInfo() throws Exception {
        Application twice = (environ, start) -> {
            start.start("200 OK", PLAIN);
            String second = refusal(() -> start.start("201 Created", PLAIN));
            return List.of(KitApps.utf8(second));
        };
        Application badThenGood = (environ, start) -> {
            String first = refusal(() -> start.start("not a status", PLAIN));
            String second = refusal(() -> start.start("200 OK", PLAIN));
            start.start("202 Accepted", PLAIN, new IllegalStateException("recovering"));
            return List.of(KitApps.utf8(first + "|" + second));
        };

        TestResponse r = send(twice, TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("raised");
        TestResponse recovered = send(badThenGood, TestRequest.get("/"));
        assertThat(recovered.status()).isEqualTo(202);
        assertThat(recovered.text()).isEqualTo("raised|raised");
    }

    @Test
    @DisplayName("P3333-SR-04 With exc_info before the headers went out, the new status and headers replace the "
            + "old; after, start_response raises the exc_info exception")
    void excInfoReplacesOrRaises() throws Exception {
        Application replacing = (environ, start) -> {
            start.start("200 OK", List.of(new Header("X-Old", "1")));
            start.start("503 Service Unavailable", PLAIN, new IllegalStateException("render failed"));
            return List.of(KitApps.utf8("try later"));
        };
        AtomicBoolean reraisedTheSame = new AtomicBoolean();
        Application tooLate = (environ, start) -> {
            start.start("200 OK", PLAIN).write(KitApps.utf8("partial"));
            IllegalStateException failure = new IllegalStateException("failed mid-body");
            try {
                start.start("500 Internal Server Error", PLAIN, failure);
            } catch (Throwable t) {
                reraisedTheSame.set(t == failure);
                throw t;
            }
            return List.of(KitApps.utf8("never"));
        };

        TestResponse r = send(replacing, TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("X-Old")).isNull();
        assertThat(r.text()).isEqualTo("try later");
        TestResponse cut = send(tooLate, TestRequest.get("/"));
        assertThat(reraisedTheSame).isTrue();
        assertThat(cut.status()).isEqualTo(200);
        assertThat(cut.text()).doesNotContain("never");
        assertThat(cut.truncated()).isTrue();
    }

    @Test
    @DisplayName("P3333-SR-05 The server keeps no reference to exc_info after start_response returns")
    void noReferenceToExcInfoIsKept() throws Exception {
        AtomicReference<WeakReference<Throwable>> weak = new AtomicReference<>();
        Application recovering = (environ, start) -> {
            start.start("200 OK", PLAIN);
            Throwable failure = new IllegalStateException("kept nowhere");
            weak.set(new WeakReference<>(failure));
            start.start("500 Internal Server Error", PLAIN, failure);
            return List.of(KitApps.utf8("recovered"));
        };

        try (RunningServer running = start(recovering)) {
            assertThat(running.send(TestRequest.get("/").build()).status()).isEqualTo(500);
            KitApps.await(() -> {
                System.gc();
                return weak.get().get() == null;
            }, "the exc_info exception is collected while the server still runs");
        }
    }

    /** "raised" when {@code call} throws, else "accepted". */
    static String refusal(Runnable call) {
        try {
            call.run();
            return "accepted";
        } catch (RuntimeException e) {
            return "raised";
        }
    }

    /** Calls {@code start} with {@code status} and {@code headers}: "raised" or "accepted", then answers that. */
    static Application trying(String status, java.util.function.Supplier<List<Header>> headers) {
        return (environ, start) -> {
            String outcome = refusal(() -> start.start(status, headers.get()));
            // With exc_info this call is allowed whether or not the first one counted (SR-03).
            start.start("200 OK", PLAIN, new IllegalArgumentException(outcome));
            return List.of(KitApps.utf8(outcome));
        };
    }
}
