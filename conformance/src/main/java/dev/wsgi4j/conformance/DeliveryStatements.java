package dev.wsgi4j.conformance;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.Write;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** PEP 3333, "Handling the Content-Length Header", "The write() Callable", "Error Handling" (B39-B42). */
public abstract class DeliveryStatements extends Statements {

    private static final List<Header> PLAIN = List.of(new Header("Content-Type", "text/plain"));

    private static Application streaming(String... chunks) {
        return (environ, start) -> {
            start.start("200 OK", PLAIN);
            return KitApps.lazy(chunks);
        };
    }

    @Test
    @DisplayName("P3333-BODY-08 Without a Content-Length the whole body still arrives, on HTTP/1.1 and HTTP/1.0")
    void aBodyOfUnknownLengthArrivesWhole() throws Exception {
        assertThat(send(streaming("no ", "length"), TestRequest.get("/")).text()).isEqualTo("no length");
        TestResponse old = send(streaming("old ", "client"), TestRequest.get("/").http10());
        assertThat(old.text()).isEqualTo("old client");
        assertThat(old.truncated()).isFalse();
    }

    @Test
    @DisplayName("P3333-BODY-08 (wire) Without a Content-Length the server closes the connection at the end or "
            + "chunks the body on HTTP/1.1; an HTTP/1.0 client never sees chunked framing")
    void aBodyOfUnknownLengthIsFramedByChunksOrTheClose() throws Exception {
        assumeCapable(Capability.SOCKET, "framing is seen on the wire only");
        try (RunningServer running = start(streaming("no ", "length"))) {
            try (RawConnection c = RawConnection.open(running.address())) {
                c.send("GET / HTTP/1.1\r\nHost: kit\r\n\r\n");
                RawConnection.Response r = c.read(false);
                assertThat(r.head().chunked() || r.head().header("Connection") != null
                        && r.head().header("Connection").equalsIgnoreCase("close")).isTrue();
                assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("no length");
            }
            try (RawConnection c = RawConnection.open(running.address())) {
                c.send("GET / HTTP/1.0\r\n\r\n");
                RawConnection.Response r = c.read(false);
                assertThat(r.head().header("Transfer-Encoding")).isNull();
                assertThat(new String(r.body(), StandardCharsets.US_ASCII)).isEqualTo("no length");
                assertThat(c.closedByServer()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("P3333-BODY-09 Data passed to write() is sent before write() returns, ahead of anything the "
            + "iterable yields later")
    void writeComesBeforeTheIterable() throws Exception {
        Application mixed = (environ, start) -> {
            Write write = start.start("200 OK", PLAIN);
            write.write(KitApps.utf8("a"));
            write.write(KitApps.utf8("b"));
            return KitApps.lazy("c", "d");
        };

        assertThat(send(mixed, TestRequest.get("/")).text()).isEqualTo("abcd");
    }

    @Test
    @DisplayName("P3333-BODY-10 An application that uses write() still returns an iterable; its non-empty items "
            + "are sent as usual")
    void theIterableAfterWriteIsSent() throws Exception {
        Application legacy = (environ, start) -> {
            start.start("200 OK", PLAIN).write(KitApps.utf8("w"));
            return List.of(new byte[0], KitApps.utf8("x"), KitApps.utf8("y"));
        };
        Application writeOnly = (environ, start) -> {
            start.start("200 OK", PLAIN).write(KitApps.utf8("written only"));
            return List.of();
        };

        assertThat(send(legacy, TestRequest.get("/")).text()).isEqualTo("wxy");
        TestResponse r = send(writeOnly, TestRequest.get("/"));
        assertThat(r.text()).isEqualTo("written only");
        assertThat(r.truncated()).isFalse();
    }

    @Test
    @DisplayName("P3333-BODY-11 An application error is trapped: before the headers went out the client gets a "
            + "500, after it the response is aborted, and the server goes on serving")
    void applicationErrorsAreTrapped() throws Exception {
        Application early = (environ, start) -> {
            if (environ.get("PATH_INFO").equals("/late")) {
                start.start("200 OK", PLAIN);
                return () -> java.util.stream.Stream.<java.util.function.Supplier<byte[]>>of(
                        () -> KitApps.utf8("begun "), () -> {
                            throw new IllegalStateException("failed midway");
                        }).map(java.util.function.Supplier::get).iterator();
            }
            if (environ.get("PATH_INFO").equals("/early")) {
                throw new IllegalStateException("failed before start_response");
            }
            return KitApps.respond(start, "still serving");
        };

        try (RunningServer running = start(early)) {
            TestResponse before = running.send(TestRequest.get("/early").build());
            assertThat(before.status()).isEqualTo(500);
            TestResponse after = running.send(TestRequest.get("/late").build());
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.truncated()).isTrue();
            assertThat(running.send(TestRequest.get("/fine").build()).text()).isEqualTo("still serving");
        }
    }
}
