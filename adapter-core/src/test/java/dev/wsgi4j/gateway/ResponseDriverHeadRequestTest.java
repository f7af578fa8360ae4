package dev.wsgi4j.gateway;

import dev.wsgi4j.Header;
import dev.wsgi4j.Write;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.wsgi4j.gateway.Bodies.bytes;
import static dev.wsgi4j.gateway.Bodies.chunk;
import static org.assertj.core.api.Assertions.assertThat;

/** HEAD: the GET's head, never a body byte, and the body iterated only as far as needed to know the head. */
class ResponseDriverHeadRequestTest {

    @Test
    void aListBodyGivesTheGetContentLengthButNoBytes() {
        RecordingTransport t = Drive.head((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of(bytes("hello"), bytes(" world"));
        });

        assertThat(t.calls).containsExactly("sendFull");
        assertThat(t.head().header("Content-Length")).isEqualTo("11");
        assertThat(t.head().contentLength()).isEqualTo(11);
        assertThat(t.head().omitBody()).isTrue();
        assertThat(t.body.size()).isZero();
    }

    @Test
    void aLazyBodyIsIteratedOnlyUntilStartResponseWasCalled() {
        Bodies.Lazy body = Bodies.Lazy.of(chunk("a"), chunk("b"), chunk("c"));
        RecordingTransport t = Drive.head((env, sr) -> {
            sr.start("200 OK", List.of());
            return body;
        });

        assertThat(body.produced).hasValue(0);
        assertThat(body.closes).hasValue(1);
        assertThat(t.body.size()).isZero();
        assertThat(t.status()).isEqualTo(200);
    }

    @Test
    void aLazyBodyThatStartsOnItsFirstIterationIsAskedForOneChunkOnly() {
        Bodies.Lazy[] holder = new Bodies.Lazy[1];
        RecordingTransport t = Drive.head((env, sr) -> {
            holder[0] = Bodies.Lazy.of(() -> {
                sr.start("201 Created", List.of());
                return bytes("first");
            }, chunk("second"), Bodies.fail(new IllegalStateException("must not be reached")));
            return holder[0];
        });

        assertThat(t.status()).isEqualTo(201);
        assertThat(holder[0].produced).hasValue(1);
        assertThat(t.body.size()).isZero();
    }

    @Test
    void aStreamedHeadKeepsTheApplicationsContentLengthAndAddsNoneOtherwise() {
        RecordingTransport declared = Drive.head((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Length", "42")));
            return Bodies.Lazy.of(chunk("x"));
        });
        RecordingTransport unknown = Drive.head((env, sr) -> {
            sr.start("200 OK", List.of());
            return Bodies.Lazy.of(chunk("x"));
        });

        assertThat(declared.head().header("Content-Length")).isEqualTo("42");
        assertThat(declared.head().contentLength()).isEqualTo(42);
        assertThat(declared.calls).doesNotContain("abort");
        assertThat(unknown.head().header("Content-Length")).isNull();
        assertThat(unknown.head().contentLength()).isEqualTo(-1);
        assertThat(declared.body.size() + unknown.body.size()).isZero();
    }

    @Test
    void writeSendsTheHeadButNoBytes() {
        RecordingTransport t = Drive.head((env, sr) -> {
            Write write = sr.start("200 OK", List.of(Header.of("Content-Length", "6")));
            write.write(bytes("abc"));
            write.write(bytes("def"));
            return List.of(bytes("ignored"));
        });

        assertThat(t.calls).containsExactly("sendHead", "finish");
        assertThat(t.head().omitBody()).isTrue();
        assertThat(t.head().header("Content-Length")).isEqualTo("6");
        assertThat(t.body.size()).isZero();
    }

    @Test
    void anErrorGivesA500HeadWithoutItsBody() {
        RecordingTransport t = Drive.head((env, sr) -> {
            throw new IllegalStateException("broken");
        });

        assertThat(t.status()).isEqualTo(500);
        assertThat(t.head().omitBody()).isTrue();
        assertThat(t.body.size()).isZero();
        assertThat(Long.parseLong(t.head().header("Content-Length"))).isPositive();
    }
}
