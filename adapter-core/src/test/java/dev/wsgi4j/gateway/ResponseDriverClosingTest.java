package dev.wsgi4j.gateway;

import dev.wsgi4j.Header;
import dev.wsgi4j.Write;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.wsgi4j.gateway.Bodies.bytes;
import static dev.wsgi4j.gateway.Bodies.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** PEP 3333: close() of the body is called exactly once when the request ends, whatever happened. */
class ResponseDriverClosingTest {

    @Test
    void closesAStreamedBodyOnceOnSuccess() {
        Bodies.Lazy body = Bodies.Lazy.of(chunk("a"), chunk("b"));
        Drive.get((env, sr) -> {
            sr.start("200 OK", List.of());
            return body;
        });

        assertThat(body.closes).hasValue(1);
    }

    @Test
    void closesTheBodyOnceWhenItFailsBeforeTheHead() {
        Bodies.Lazy body = Bodies.Lazy.of(Bodies.fail(new IllegalStateException("x")));
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of());
            return body;
        });

        assertThat(t.status()).isEqualTo(500);
        assertThat(body.closes).hasValue(1);
    }

    @Test
    void closesTheBodyOnceWhenTheClientDisconnectsMidStream() {
        Bodies.Lazy body = Bodies.Lazy.of(chunk("a"), chunk("b"), chunk("c"), chunk("d"));
        RecordingTransport t = Drive.run((env, sr) -> {
            sr.start("200 OK", List.of());
            return body;
        }, "GET", new RecordingTransport().disconnectAfterChunks(1), false);

        assertThat(body.closes).hasValue(1);
        assertThat(t.calls).containsExactly("sendHead", "sendChunk", "sendChunk", "abort");
        assertThat(t.abortCause).hasMessageContaining("client disconnected");
        assertThat(body.produced).as("iteration stops at the disconnect").hasValue(2);
    }

    @Test
    void closesTheBodyOnceWhenAWriteFromInsideItFailsBecauseTheClientLeft() {
        Bodies.Lazy[] body = new Bodies.Lazy[1];
        RecordingTransport t = Drive.run((env, sr) -> {
            Write write = sr.start("200 OK", List.of());
            body[0] = Bodies.Lazy.of(() -> {
                write.write(bytes("gone"));
                return bytes("never");
            }, chunk("after"));
            return body[0];
        }, "GET", new RecordingTransport().disconnectAfterChunks(0), false);

        assertThat(body[0].closes).hasValue(1);
        assertThat(body[0].produced).hasValue(1);
        assertThat(t.calls).containsExactly("sendHead", "sendChunk", "abort");
    }

    @Test
    void closesACollectionBodyOnceOnEveryOutcome() {
        StrictCollectionBody ok = new StrictCollectionBody(List.of(bytes("a")));
        StrictCollectionBody headRequest = new StrictCollectionBody(List.of(bytes("a")));
        StrictCollectionBody refused = new StrictCollectionBody(List.of(bytes("a")));

        Drive.get((env, sr) -> {
            sr.start("200 OK", List.of());
            return ok;
        });
        Drive.head((env, sr) -> {
            sr.start("200 OK", List.of());
            return headRequest;
        });
        Drive.get((env, sr) -> refused);

        assertThat(ok.closes).hasValue(1);
        assertThat(headRequest.closes).hasValue(1);
        assertThat(refused.closes).hasValue(1);
    }

    @Test
    void closesTheBodyOnceWhenTheContentLengthCutsItShort() {
        Bodies.Lazy body = Bodies.Lazy.of(chunk("abc"), chunk("def"));
        Drive.get((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Length", "2")));
            return body;
        });

        assertThat(body.closes).hasValue(1);
    }

    @Test
    void aCloseThatThrowsDoesNotChangeTheResponseOrEscapeTheDriver() {
        class Exploding implements Iterable<byte[]>, AutoCloseable {
            int closes;

            @Override
            public java.util.Iterator<byte[]> iterator() {
                return List.of(bytes("ok")).iterator();
            }

            @Override
            public void close() {
                closes++;
                throw new IllegalStateException("close failed");
            }
        }
        Exploding body = new Exploding();
        RecordingTransport[] t = new RecordingTransport[1];

        assertThatCode(() -> t[0] = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of());
            return body;
        })).doesNotThrowAnyException();

        assertThat(t[0].calls).containsExactly("sendHead", "sendChunk", "finish");
        assertThat(body.closes).isEqualTo(1);
    }

    @Test
    void aWriteCallableKeptPastTheEndOfTheResponseIsRefusedAndSendsNothing() {
        Write[] kept = new Write[1];
        RecordingTransport t = Drive.get((env, sr) -> {
            kept[0] = sr.start("200 OK", List.of());
            return List.of(bytes("done"));
        });
        List<String> before = List.copyOf(t.calls);

        assertThatIllegalStateException().isThrownBy(() -> kept[0].write(bytes("stale")));
        assertThat(t.calls).isEqualTo(before);
    }

    @Test
    void aWriteFromTheBodysCloseAfterAServerErrorDoesNotReachTheTransport() {
        class WritesOnClose implements Iterable<byte[]>, AutoCloseable {
            Write write;
            Throwable seen;

            @Override
            public java.util.Iterator<byte[]> iterator() {
                throw new IllegalStateException("broken body");
            }

            @Override
            public void close() {
                try {
                    write.write(bytes("cleanup"));
                } catch (Throwable e) {
                    seen = e;
                }
            }
        }
        WritesOnClose body = new WritesOnClose();
        RecordingTransport t = Drive.get((env, sr) -> {
            body.write = sr.start("200 OK", List.of());
            return body;
        });

        assertThat(t.calls).containsExactly("sendFull");
        assertThat(t.status()).isEqualTo(500);
        assertThat(body.seen).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBodyThatIsNotCloseableIsFine() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of());
            Iterable<byte[]> plain = () -> List.of(bytes("p")).iterator();
            return plain;
        });

        assertThat(t.bodyText()).isEqualTo("p");
    }
}
