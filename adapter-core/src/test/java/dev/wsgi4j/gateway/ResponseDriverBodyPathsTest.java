package dev.wsgi4j.gateway;

import dev.wsgi4j.Header;
import dev.wsgi4j.Write;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.wsgi4j.gateway.Bodies.bytes;
import static dev.wsgi4j.gateway.Bodies.chunk;
import static org.assertj.core.api.Assertions.assertThat;

/** The body paths of ResponseDriver on GET: known length, streamed, write(), and the Content-Length promise. */
class ResponseDriverBodyPathsTest {

    private static final List<Header> TEXT = List.of(Header.of("Content-Type", "text/plain"));

    @Test
    void aListBodyGoesOutInOneSendFullWithTheApplicationsArraysAndAContentLength() {
        byte[] first = bytes("ab");
        byte[] second = bytes("cde");
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", TEXT);
            return List.of(first, second);
        });

        assertThat(t.calls).containsExactly("sendFull");
        assertThat(t.head().header("Content-Length")).isEqualTo("5");
        assertThat(t.head().contentLength()).isEqualTo(5);
        assertThat(t.head().omitBody()).isFalse();
        assertThat(t.chunks).containsExactly(first, second);
        assertThat(t.chunks.get(0)).isSameAs(first);
    }

    @Test
    void aMatchingContentLengthFromTheApplicationIsNotDuplicated() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("content-length", "3")));
            return List.of(bytes("abc"));
        });

        assertThat(t.calls).containsExactly("sendFull");
        assertThat(t.head().headers()).filteredOn(h -> h.is("Content-Length")).hasSize(1);
        assertThat(t.bodyText()).isEqualTo("abc");
    }

    @Test
    void onlySizeIteratorAndCloseOfACollectionBodyAreUsed() {
        StrictCollectionBody body = new StrictCollectionBody(List.of(bytes("x"), bytes("yz")));
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", TEXT);
            return body;
        });

        assertThat(t.status()).isEqualTo(200);
        assertThat(t.bodyText()).isEqualTo("xyz");
        assertThat(body.iterators).hasValue(1);
        assertThat(body.closes).hasValue(1);
    }

    @Test
    void aCollectionWhoseSizeLiesIsStillSentFromWhatItIterates() {
        for (int lie : new int[] {-1, Integer.MAX_VALUE}) {
            java.util.AbstractCollection<byte[]> body = new java.util.AbstractCollection<>() {
                @Override
                public java.util.Iterator<byte[]> iterator() {
                    return List.of(bytes("ab"), bytes("c")).iterator();
                }

                @Override
                public int size() {
                    return lie;
                }
            };
            RecordingTransport t = Drive.get((env, sr) -> {
                sr.start("200 OK", TEXT);
                return body;
            });

            assertThat(t.status()).as("size() = %d", lie).isEqualTo(200);
            assertThat(t.head().header("Content-Length")).isEqualTo("3");
            assertThat(t.bodyText()).isEqualTo("abc");
        }
    }

    @Test
    void aCollectionWithAWrongContentLengthIsIteratedOnceAndKeepsThePromise() {
        StrictCollectionBody body = new StrictCollectionBody(List.of(bytes("abc"), bytes("def")));
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Length", "4")));
            return body;
        });

        assertThat(t.head().header("Content-Length")).isEqualTo("4");
        assertThat(t.bodyText()).isEqualTo("abcd");
        assertThat(t.calls).endsWith("finish").doesNotContain("abort");
        assertThat(body.iterators).hasValue(1);
        assertThat(body.closes).hasValue(1);
    }

    @Test
    void aListShorterThanItsContentLengthIsAbortedAfterWhatItHas() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Length", "10")));
            return List.of(bytes("abc"));
        });

        assertThat(t.calls).containsExactly("sendHead", "sendChunk", "abort");
        assertThat(t.bodyText()).isEqualTo("abc");
    }

    @Test
    void aLazyBodyIsStreamedWithoutAContentLengthAndEmptyChunksAreSkipped() {
        Bodies.Lazy body = Bodies.Lazy.of(chunk(""), chunk("a"), chunk(""), chunk("b"));
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", TEXT);
            return body;
        });

        assertThat(t.calls).containsExactly("sendHead", "sendChunk", "sendChunk", "finish");
        assertThat(t.head().contentLength()).isEqualTo(-1);
        assertThat(t.head().header("Content-Length")).isNull();
        assertThat(t.bodyText()).isEqualTo("ab");
        assertThat(body.iterators).hasValue(1);
        assertThat(body.closes).hasValue(1);
    }

    @Test
    void startResponseMayBeCalledOnTheFirstIterationOfALazyBody() {
        RecordingTransport t = Drive.get((env, sr) -> Bodies.Lazy.of(() -> {
            sr.start("202 Accepted", TEXT);
            return bytes("late");
        }));

        assertThat(t.status()).isEqualTo(202);
        assertThat(t.bodyText()).isEqualTo("late");
    }

    @Test
    void anEmptyLazyBodyIsSentWithContentLengthZero() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", TEXT);
            return Bodies.Lazy.of(chunk(""));
        });

        assertThat(t.calls).containsExactly("sendFull");
        assertThat(t.head().header("Content-Length")).isEqualTo("0");
        assertThat(t.head().contentLength()).isZero();
    }

    @Test
    void writeDataGoesOutBeforeTheReturnedBodyInOrder() {
        RecordingTransport t = Drive.get((env, sr) -> {
            Write write = sr.start("200 OK", TEXT);
            write.write(bytes("one,"));
            write.write(bytes("two,"));
            return List.of(bytes("three"));
        });

        assertThat(t.calls).containsExactly("sendHead", "sendChunk", "sendChunk", "sendChunk", "finish");
        assertThat(t.bodyText()).isEqualTo("one,two,three");
        assertThat(t.head().header("Content-Length")).isNull();
    }

    @Test
    void anEmptyWriteSendsTheHead() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", TEXT).write(new byte[0]);
            return List.of();
        });

        assertThat(t.calls).containsExactly("sendHead", "finish");
    }

    @Test
    void aStreamedBodyLongerThanItsContentLengthIsCutAtTheDeclaredLength() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Length", "3")));
            return Bodies.Lazy.of(chunk("ab"), chunk("cd"), chunk("ef"));
        });

        assertThat(t.bodyText()).isEqualTo("abc");
        assertThat(t.calls).endsWith("finish").doesNotContain("abort");
        assertThat(t.head().contentLength()).isEqualTo(3);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void stopsIteratingAnEndlessBodyOnceItsContentLengthIsSent() {
        Bodies.Lazy body = Bodies.Lazy.endless(chunk("x"));
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Length", "3")));
            return body;
        });

        assertThat(t.bodyText()).isEqualTo("xxx");
        assertThat(t.calls).endsWith("finish");
        assertThat(body.produced.get()).isEqualTo(3);
        assertThat(body.closes).hasValue(1);
    }

    @Test
    void writeBeyondTheContentLengthIsDropped() {
        RecordingTransport t = Drive.get((env, sr) -> {
            Write write = sr.start("200 OK", List.of(Header.of("Content-Length", "2")));
            write.write(bytes("abc"));
            write.write(bytes("def"));
            return List.of();
        });

        assertThat(t.bodyText()).isEqualTo("ab");
        assertThat(t.calls).containsExactly("sendHead", "sendChunk", "finish");
    }

    @Test
    void aStreamedBodyShorterThanItsContentLengthIsAborted() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Length", "10")));
            return Bodies.Lazy.of(chunk("abc"));
        });

        assertThat(t.calls).containsExactly("sendHead", "sendChunk", "abort");
        assertThat(t.abortCause).hasMessageContaining("shorter");
    }

    @Test
    void noContentSendsNoBodyAndNoContentLength() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("204 No Content", TEXT);
            return List.of(bytes("ignored"));
        });

        assertThat(t.calls).containsExactly("sendFull");
        assertThat(t.body.size()).isZero();
        assertThat(t.head().omitBody()).isTrue();
        assertThat(t.head().header("Content-Length")).isNull();
    }

    @Test
    void noContentDropsAContentLengthTheApplicationSet() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("204 No Content", List.of(Header.of("Content-Length", "5")));
            return Bodies.Lazy.of(chunk("hello"));
        });

        assertThat(t.body.size()).isZero();
        assertThat(t.head().header("Content-Length")).isNull();
        assertThat(t.calls).doesNotContain("abort", "sendChunk");
    }

    @Test
    void notModifiedKeepsTheApplicationsContentLengthButSendsNoBody() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("304 Not Modified", List.of(Header.of("Content-Length", "5"), Header.of("ETag", "\"v1\"")));
            return Bodies.Lazy.of(chunk("hello"));
        });

        assertThat(t.body.size()).isZero();
        assertThat(t.head().header("Content-Length")).isEqualTo("5");
        assertThat(t.head().omitBody()).isTrue();
        assertThat(t.calls).doesNotContain("abort", "sendChunk");
    }

    @Test
    void notModifiedWithoutContentLengthGetsNoneAdded() {
        RecordingTransport t = Drive.get((env, sr) -> {
            sr.start("304 Not Modified", List.of());
            return List.of();
        });

        assertThat(t.head().header("Content-Length")).isNull();
        assertThat(t.body.size()).isZero();
    }
}
