package dev.wsgi4j.gateway;

import dev.wsgi4j.Header;
import dev.wsgi4j.Write;
import dev.wsgi4j.http.BadRequestException;
import dev.wsgi4j.http.GatewayException;
import dev.wsgi4j.http.PayloadTooLargeException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static dev.wsgi4j.gateway.Bodies.bytes;
import static dev.wsgi4j.gateway.Bodies.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Application errors before and after the head, and what the client sees of them. */
class ResponseDriverErrorsTest {

    private static final String SECRET = "db password is hunter2";

    @Test
    void anErrorBeforeTheHeadBecomesAGeneric500WithoutInternals() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of());
            throw new IllegalStateException(SECRET);
        });

        assertThat(t.calls).containsExactly("sendFull");
        assertThat(t.status()).isEqualTo(500);
        assertThat(t.head().header("Content-Type")).startsWith("text/plain");
        assertThat(t.head().header("Content-Length")).isEqualTo(Integer.toString(t.body.size()));
        assertThat(t.bodyText()).contains("Internal Server Error").doesNotContain(SECRET, "IllegalStateException", "\tat ");
    }

    @Test
    void anInterruptedApplicationGets500AndItsThreadKeepsTheInterrupt() {
        try {
            RecordingTransport t = Drive.get((env, sr) -> {
                throw new InterruptedException("shutting down");
            });

            assertThat(t.status()).isEqualTo(500);
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt restored for the thread's owner").isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void debugModeShowsTheStackTrace() {
        RecordingTransport t = Drive.run((env, sr) -> {
            throw new IllegalStateException(SECRET);
        }, "GET", new RecordingTransport(), true);

        assertThat(t.status()).isEqualTo(500);
        assertThat(t.bodyText()).contains(SECRET, IllegalStateException.class.getName(), "\tat ", getClass().getName());
    }

    @Test
    void aGatewayExceptionAnswersWithItsOwnStatusAndMessage() {
        RecordingTransport tooLarge = Drive.get((env, sr) -> {
            throw new PayloadTooLargeException("body over 10 MiB");
        });
        RecordingTransport bad = Drive.get((env, sr) -> {
            throw new BadRequestException("bad percent-escape");
        });
        RecordingTransport custom = Drive.get((env, sr) -> {
            throw new GatewayException(415, "no such media");
        });

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.bodyText()).contains("body over 10 MiB");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.bodyText()).contains("bad percent-escape");
        assertThat(custom.status()).isEqualTo(415);
    }

    @Test
    void aServerSideGatewayExceptionKeepsItsMessageToItself() {
        RecordingTransport t = Drive.get((env, sr) -> {
            throw new GatewayException(503, SECRET);
        });

        assertThat(t.status()).isEqualTo(503);
        assertThat(t.bodyText()).doesNotContain(SECRET);
    }

    @Test
    void aGatewayExceptionWithAnUnusableStatusStillGetsAHeadRatherThanACutConnection() {
        RecordingTransport t = Drive.get((env, sr) -> {
            throw new GatewayException(0, "helper bug");
        });

        assertThat(t.calls).containsExactly("sendFull");
        assertThat(t.status()).isEqualTo(500);
    }

    @Test
    void anEmptyFirstChunkThenAnErrorGivesACleanServerError() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of());
            return Bodies.Lazy.of(chunk(""), Bodies.fail(new IllegalStateException("late")));
        });

        assertThat(t.calls).containsExactly("sendFull");
        assertThat(t.status()).isEqualTo(500);
    }

    @Test
    void anErrorAfterTheHeadAbortsTheResponseWithThatError() {
        IllegalStateException late = new IllegalStateException("late");
        Bodies.Lazy body = Bodies.Lazy.of(chunk("partial"), Bodies.fail(late));
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of());
            return body;
        });

        assertThat(t.calls).containsExactly("sendHead", "sendChunk", "abort");
        assertThat(t.abortCause).isSameAs(late);
        assertThat(t.status()).isEqualTo(200);
        assertThat(body.closes).hasValue(1);
    }

    @Test
    void aNullBodyIsA500() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of());
            return null;
        });

        assertThat(t.status()).isEqualTo(500);
    }

    @Test
    void aNullChunkBeforeTheHeadIsA500AndAfterItAnAbort() {
        RecordingTransport inList = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of());
            return Arrays.asList(bytes("a"), null);
        });
        RecordingTransport lazyFirst = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of());
            return Bodies.Lazy.of(() -> null);
        });
        RecordingTransport lazyLater = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of());
            return Bodies.Lazy.of(chunk("a"), () -> null);
        });

        assertThat(inList.status()).isEqualTo(500);
        assertThat(lazyFirst.status()).isEqualTo(500);
        assertThat(lazyLater.calls).containsExactly("sendHead", "sendChunk", "abort");
    }

    @Test
    void aBodyWithoutStartResponseIsA500() {
        RecordingTransport list = Drive.get((env, sr) -> List.of(bytes("x")));
        RecordingTransport lazy = Drive.get((env, sr) -> Bodies.Lazy.of(chunk("x")));
        RecordingTransport empty = Drive.get((env, sr) -> List.of());

        assertThat(list.status()).isEqualTo(500);
        assertThat(lazy.status()).isEqualTo(500);
        assertThat(empty.status()).isEqualTo(500);
    }

    @Test
    void aBodyReturnedAfterARefusedStartResponseIsA500() {
        RecordingTransport t = Drive.get((env, sr) -> {
            try {
                sr.start("200 OK\r\nX-Injected: 1", List.of());
            } catch (IllegalArgumentException ignored) {
                // an application that swallows the error still has no valid head
            }
            return List.of(bytes("x"));
        });

        assertThat(t.status()).isEqualTo(500);
        assertThat(t.bodyText()).doesNotContain("X-Injected");
    }

    @Test
    void invalidStartResponseArgumentsRaiseIntoTheApplicationAndBecome500() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Connection", "close")));
            return List.of();
        });

        assertThat(t.status()).isEqualTo(500);
    }

    @Test
    void excInfoBeforeTheHeadLetsTheApplicationSendItsOwnErrorPage() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Length", "100")));
            try {
                throw new IOException("disk");
            } catch (IOException e) {
                sr.start("507 Insufficient Storage", List.of(), e);
                return List.of(bytes("sorry"));
            }
        });

        assertThat(t.status()).isEqualTo(507);
        assertThat(t.bodyText()).isEqualTo("sorry");
        assertThat(t.head().header("Content-Length")).isEqualTo("5");
    }

    @Test
    void excInfoAfterTheHeadRethrowsAndTheResponseIsAborted() {
        IOException original = new IOException("mid-stream");
        RecordingTransport t = Drive.get((env, sr) -> {
            Write write = sr.start("200 OK", List.of());
            write.write(bytes("begun"));
            sr.start("500 Oops", List.of(), original);
            return List.of(bytes("never"));
        });

        assertThat(t.calls).containsExactly("sendHead", "sendChunk", "abort");
        assertThat(t.abortCause).isSameAs(original);
    }

    /** SPEC.md §4.3: the second call raises into the application; one that catches it keeps its first head. */
    @Test
    void aSecondStartResponseWithoutExcInfoRaisesAndAnApplicationThatCatchesItKeepsItsFirstHead() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of());
            assertThatIllegalStateException().isThrownBy(() -> sr.start("404 Not Found", List.of()));
            return List.of(bytes("fine"));
        });

        assertThat(t.status()).isEqualTo(200);
        assertThat(t.bodyText()).isEqualTo("fine");
    }

    @Test
    void aSecondStartResponseWithoutExcInfoThatTheApplicationLetsThroughIsA500() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of());
            sr.start("404 Not Found", List.of());
            return List.of(bytes("never"));
        });

        assertThat(t.status()).isEqualTo(500);
        assertThat(t.bodyText()).doesNotContain("never");
    }
}
