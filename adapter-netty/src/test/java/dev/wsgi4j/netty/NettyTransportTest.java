package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.http.Responses;
import dev.wsgi4j.Header;
import io.netty.channel.FileRegion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** How a response reaches the wire: full, streamed, file, HEAD, length mismatches and errors (SPEC.md §6.4). */
class NettyTransportTest {

    private static final String GET = "GET / HTTP/1.1\r\nHost: h\r\n\r\n";

    @TempDir
    Path dir;

    private GatewayHarness harness;

    private GatewayHarness serve(Application app) {
        return serve(GatewayHarness.inline().build(), app);
    }

    private GatewayHarness serve(ServerConfig config, Application app) {
        harness = new GatewayHarness(config, app);
        return harness;
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A body that is not a Collection, so the driver streams it; counts close() calls. */
    static final class Streamed implements Iterable<byte[]>, AutoCloseable {
        final List<byte[]> chunks;
        final AtomicInteger closed = new AtomicInteger();

        Streamed(String... chunks) {
            this.chunks = java.util.Arrays.stream(chunks).map(NettyTransportTest::b).toList();
        }

        @Override
        public Iterator<byte[]> iterator() {
            return chunks.iterator();
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    private static Application streaming(Streamed body, Header... headers) {
        return (env, sr) -> {
            sr.start("200 OK", List.of(headers));
            return body;
        };
    }

    @Test
    void aKnownBodyGoesOutWithContentLengthDateAndServer() {
        RawHttp.Response r = serve((env, sr) -> {
            sr.start("201 Created", List.of(Header.of("Content-Type", "text/plain"), Header.of("X-A", "1")));
            return List.of(b("hello "), b("world"));
        }).send(GET).only();

        assertThat(r.statusLine()).isEqualTo("HTTP/1.1 201 Created");
        assertThat(r.header("content-length")).isEqualTo("11");
        assertThat(r.header("content-type")).isEqualTo("text/plain");
        assertThat(r.header("x-a")).isEqualTo("1");
        assertThat(r.header("date")).matches("\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        assertThat(r.header("server")).isEqualTo("wsgi4j");
        assertThat(r.header("transfer-encoding")).isNull();
        assertThat(r.header("connection")).isNull();
        assertThat(r.text()).isEqualTo("hello world");
        assertThat(harness.channel.isOpen()).isTrue();
    }

    @Test
    void anApplicationsOwnDateAndServerAreKeptAndAnEmptyServerHeaderSendsNone() {
        RawHttp.Response r = serve(GatewayHarness.inline().serverHeader("").build(), (env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Date", "Sun, 06 Nov 1994 08:49:37 GMT")));
            return List.of();
        }).send(GET).only();

        assertThat(r.header("date")).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(r.header("server")).isNull();
        assertThat(r.header("content-length")).isEqualTo("0");
    }

    @Test
    void aStreamedBodyIsChunkedOnHttp11AndTheConnectionStays() {
        Streamed body = new Streamed("one,", "", "two,", "three");

        RawHttp.Response r = serve(streaming(body)).send(GET).only();

        assertThat(r.header("transfer-encoding")).isEqualTo("chunked");
        assertThat(r.header("content-length")).isNull();
        assertThat(r.complete()).isTrue();
        assertThat(r.text()).isEqualTo("one,two,three");
        assertThat(harness.wire()).endsWith("5\r\nthree\r\n0\r\n\r\n");
        assertThat(harness.channel.isOpen()).isTrue();
        assertThat(body.closed).hasValue(1);
    }

    @Test
    void aStreamedBodyOnHttp10IsCloseDelimited() {
        Streamed body = new Streamed("one,", "two");

        RawHttp.Response r = serve(streaming(body))
                .send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").only();

        assertThat(r.statusLine()).startsWith("HTTP/1.0 200");
        assertThat(r.header("transfer-encoding")).isNull();
        assertThat(r.header("content-length")).isNull();
        assertThat(r.header("connection")).isEqualTo("close");
        assertThat(r.text()).isEqualTo("one,two");
        assertThat(harness.channel.isOpen()).isFalse();
        assertThat(body.closed).hasValue(1);
    }

    @Test
    void aStreamedBodyWithItsOwnContentLengthIsSentUnchunked() {
        RawHttp.Response r = serve(streaming(new Streamed("abc", "de"), Header.of("Content-Length", "5")))
                .send(GET).only();

        assertThat(r.header("transfer-encoding")).isNull();
        assertThat(r.header("content-length")).isEqualTo("5");
        assertThat(r.text()).isEqualTo("abcde");
        assertThat(harness.wire()).endsWith("\r\n\r\nabcde");
        assertThat(harness.channel.isOpen()).isTrue();
    }

    @Test
    void legacyWriteOutputPrecedesTheReturnedBody() {
        RawHttp.Response r = serve((env, sr) -> {
            var write = sr.start("200 OK", List.of());
            write.write(b("first,"));
            return List.of(b("second"));
        }).send(GET).only();

        assertThat(r.text()).isEqualTo("first,second");
        assertThat(r.complete()).isTrue();
    }

    @Test
    void aFileWrapperBodyIsWrittenAsAFileRegionAndTheFileClosedAfterwards() throws IOException {
        Path file = dir.resolve("data.bin");
        Files.write(file, b("0123456789ABCDEFGHIJ"));
        AtomicReference<FileWrapper> wrapper = new AtomicReference<>();

        RawHttp.Response r = serve((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            wrapper.set(FileWrapper.of(ch, 5, 10, 4));
            return wrapper.get();
        }).send(GET).only();

        assertThat(r.header("content-length")).isEqualTo("10");
        assertThat(r.body()).isEmpty(); // the bytes are in the region, not in the buffers
        assertThat(harness.regions).hasSize(1);
        FileRegion region = harness.regions.get(0);
        assertThat(region.position()).isEqualTo(5);
        assertThat(region.count()).isEqualTo(10);
        assertThat(wrapper.get().channel().orElseThrow().isOpen()).as("file closed once sent").isFalse();
        assertThat(harness.channel.isOpen()).isTrue();
    }

    @Test
    void aRangedFileResponseIsWrittenAsAFileRegionOfExactlyTheRange() throws IOException {
        Path file = dir.resolve("data.bin");
        Files.write(file, b("0123456789ABCDEFGHIJ"));

        RawHttp.Response r = serve((env, sr) -> Responses.file(file, "text/plain").send(env, sr))
                .send("GET / HTTP/1.1\r\nHost: x\r\nRange: bytes=5-14\r\n\r\n").only();

        assertThat(r.status()).isEqualTo(206);
        assertThat(r.header("content-range")).isEqualTo("bytes 5-14/20");
        assertThat(r.header("content-length")).isEqualTo("10");
        assertThat(r.body()).isEmpty(); // the bytes are in the region, not in the buffers
        assertThat(harness.regions).hasSize(1);
        assertThat(harness.regions.get(0).position()).isEqualTo(5);
        assertThat(harness.regions.get(0).count()).isEqualTo(10);
    }

    @Test
    void aFileShorterContentLengthSendsOnlyTheDeclaredBytes() throws IOException {
        Path file = dir.resolve("data.bin");
        Files.write(file, b("0123456789"));

        RawHttp.Response r = serve((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Length", "4")));
            return FileWrapper.of(file);
        }).send(GET).only();

        assertThat(r.header("content-length")).isEqualTo("4");
        assertThat(harness.regions).singleElement().satisfies(region -> {
            assertThat(region.position()).isZero();
            assertThat(region.count()).isEqualTo(4);
        });
        assertThat(harness.channel.isOpen()).isTrue();
    }

    @Test
    void aFileLongerContentLengthCutsTheConnection() throws IOException {
        Path file = dir.resolve("data.bin");
        Files.write(file, b("0123456789"));

        serve((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Length", "50")));
            return FileWrapper.of(file);
        }).send(GET);

        assertThat(harness.wire()).containsIgnoringCase("content-length: 50");
        assertThat(harness.regions).singleElement().satisfies(region -> assertThat(region.count()).isEqualTo(10));
        assertThat(harness.channel.isOpen()).isFalse();
    }

    @Test
    void aStreamFileWrapperIsSentInBlocks() {
        RawHttp.Response r = serve((env, sr) -> {
            sr.start("200 OK", List.of());
            return FileWrapper.of(new java.io.ByteArrayInputStream(b("abcdefghij")), 3);
        }).send(GET).only();

        assertThat(harness.regions).isEmpty();
        assertThat(r.header("transfer-encoding")).isEqualTo("chunked");
        assertThat(r.text()).isEqualTo("abcdefghij");
    }

    @Test
    void headGetsTheSameHeadersAsGetButNoBody() {
        Application app = (env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain"), Header.of("ETag", "\"x\"")));
            return List.of(b("twelve bytes"));
        };
        serve(app).send(GET).send("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n").send(GET);

        List<RawHttp.Response> rs = harness.responses("GET", "HEAD", "GET");

        assertThat(rs).hasSize(3);
        RawHttp.Response get = rs.get(0);
        RawHttp.Response head = rs.get(1);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers()).containsAllEntriesOf(java.util.Map.of("content-length", "12",
                "content-type", "text/plain", "etag", "\"x\""));
        assertThat(head.headers().keySet()).containsExactlyInAnyOrderElementsOf(get.headers().keySet());
        assertThat(rs.get(2).text()).as("the connection is still in step").isEqualTo("twelve bytes");
    }

    @Test
    void headOfAStreamedBodySendsNoBodyAndKeepsTheConnection() {
        Streamed body = new Streamed("abc", "def");
        serve(streaming(body)).send("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n").send(GET);

        List<RawHttp.Response> rs = harness.responses("HEAD", "GET");

        assertThat(rs).hasSize(2);
        assertThat(rs.get(0).body()).isEmpty();
        assertThat(rs.get(0).header("content-length")).isNull();
        assertThat(rs.get(1).text()).isEqualTo("abcdef");
        assertThat(body.closed).hasValue(2);
    }

    @Test
    void aBodyShorterThanItsContentLengthCutsTheConnection() {
        Streamed body = new Streamed("abc");

        serve(streaming(body, Header.of("Content-Length", "10"))).send(GET);

        RawHttp.Response r = harness.only();
        assertThat(r.header("content-length")).isEqualTo("10");
        assertThat(r.complete()).isFalse();
        assertThat(r.text()).isEqualTo("abc");
        assertThat(harness.channel.isOpen()).isFalse();
        assertThat(body.closed).hasValue(1);
    }

    @Test
    void aKnownBodyShorterThanItsContentLengthCutsTheConnectionToo() {
        serve((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Length", "10")));
            return List.of(b("abc"));
        }).send(GET);

        assertThat(harness.only().complete()).isFalse();
        assertThat(harness.channel.isOpen()).isFalse();
    }

    @Test
    void aBodyLongerThanItsContentLengthSendsOnlyTheDeclaredBytes() {
        serve(streaming(new Streamed("abc", "defgh", "ijk"), Header.of("Content-Length", "5"))).send(GET).send(GET);

        List<RawHttp.Response> rs = harness.responses();

        assertThat(rs).hasSize(2);
        assertThat(rs).allSatisfy(r -> assertThat(r.text()).isEqualTo("abcde"));
        assertThat(harness.wire()).doesNotContain("fgh").doesNotContain("ijk");
        assertThat(harness.channel.isOpen()).isTrue();
    }

    @Test
    void anExceptionBeforeStartResponseIsAGeneric500AndTheConnectionStays() {
        AtomicInteger calls = new AtomicInteger();
        serve((env, sr) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("secret internals");
            }
            sr.start("200 OK", List.of());
            return List.of(b("fine"));
        }).send(GET).send(GET);

        List<RawHttp.Response> rs = harness.responses();

        assertThat(rs).hasSize(2);
        assertThat(rs.get(0).status()).isEqualTo(500);
        assertThat(rs.get(0).text()).isEqualTo("500 Internal Server Error\n").doesNotContain("secret");
        assertThat(rs.get(0).header("content-type")).startsWith("text/plain");
        assertThat(rs.get(1).text()).isEqualTo("fine");
        assertThat(harness.channel.isOpen()).isTrue();
    }

    @Test
    void anExceptionAfterTheFirstChunkCutsTheConnectionWithoutATerminatingChunk() {
        AtomicInteger closed = new AtomicInteger();
        class Failing implements Iterable<byte[]>, AutoCloseable {
            @Override
            public Iterator<byte[]> iterator() {
                return new Iterator<>() {
                    int n;

                    @Override
                    public boolean hasNext() {
                        return true;
                    }

                    @Override
                    public byte[] next() {
                        if (n++ == 0) {
                            return b("hello");
                        }
                        throw new IllegalStateException("boom");
                    }
                };
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        }
        serve((env, sr) -> {
            sr.start("200 OK", List.of());
            return new Failing();
        }).send(GET);

        RawHttp.Response r = harness.only();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.complete()).isFalse();
        assertThat(r.text()).isEqualTo("hello");
        assertThat(harness.wire()).endsWith("5\r\nhello\r\n").doesNotContain("0\r\n\r\n");
        assertThat(harness.channel.isOpen()).isFalse();
        assertThat(closed).hasValue(1);
    }

    @Test
    void theBodyIsClosedExactlyOnceWhenTheClientDisconnectsMidBody() {
        AtomicInteger closed = new AtomicInteger();
        AtomicInteger produced = new AtomicInteger();
        class DisconnectingBody implements Iterable<byte[]>, AutoCloseable {
            @Override
            public Iterator<byte[]> iterator() {
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return produced.get() < 5;
                    }

                    @Override
                    public byte[] next() {
                        if (produced.incrementAndGet() == 2) {
                            harness.channel.close(); // the client goes away while the body is produced
                        }
                        return b("chunk" + produced.get());
                    }
                };
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        }
        serve((env, sr) -> {
            sr.start("200 OK", List.of());
            return new DisconnectingBody();
        }).send(GET);

        assertThat(closed).hasValue(1);
        assertThat(produced).as("production stops once the client is gone").hasValue(2);
        assertThat(harness.wire()).contains("chunk1").doesNotContain("chunk2");
        assertThat(harness.channel.isOpen()).isFalse();
    }

    @Test
    void aCollectionBodyThatIsCloseableIsClosedOnceOnSuccessAndOnError() {
        AtomicInteger closed = new AtomicInteger();
        class CloseableList extends java.util.ArrayList<byte[]> implements AutoCloseable {
            @Override
            public void close() {
                closed.incrementAndGet();
            }
        }
        AtomicInteger calls = new AtomicInteger();
        serve((env, sr) -> {
            CloseableList body = new CloseableList();
            body.add(b("ok"));
            if (calls.incrementAndGet() == 2) {
                body.add(null); // a broken body: 500 before the head went out
            }
            sr.start("200 OK", List.of());
            return body;
        }).send(GET).send(GET);

        List<RawHttp.Response> rs = harness.responses();
        assertThat(rs).extracting(RawHttp.Response::status).containsExactly(200, 500);
        assertThat(closed).hasValue(2);
    }
}
