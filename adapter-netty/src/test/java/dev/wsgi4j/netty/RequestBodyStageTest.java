package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.wsgi4j.netty.EmbeddedHttp.bytes;
import static dev.wsgi4j.netty.EmbeddedHttp.files;
import static org.assertj.core.api.Assertions.assertThat;

/** What the body stage emits for raw request bytes: complete requests, spooled requests, signals, rejections. */
class RequestBodyStageTest {

    @TempDir
    Path spoolDir;

    private ServerConfig config;
    private EmbeddedChannel channel;
    /** Every buffer written in: once the outputs are released, each must be released too (no leaked slice). */
    private final List<ByteBuf> inputs = new ArrayList<>();

    @BeforeEach
    void config() {
        config = ServerConfig.builder()
                .inMemoryBodySize(16)
                .maxBodySize(64)
                .maxRequestLineLength(64)
                .maxHeaderFieldSize(128)
                .maxHeaderBlockSize(512)
                .maxHeaderCount(8)
                .spoolDirectory(spoolDir)
                .build();
    }

    private EmbeddedChannel channel() {
        channel = EmbeddedHttp.upToBodyStage(config, Runnable::run);
        return channel;
    }

    @AfterEach
    void releaseEverything() {
        if (channel != null) {
            for (Object msg = channel.readInbound(); msg != null; msg = channel.readInbound()) {
                discard(msg);
            }
            channel.finishAndReleaseAll();
        }
        assertThat(inputs).as("input buffers still referenced").allMatch(b -> b.refCnt() == 0);
    }

    private ByteBuf in(String latin1) {
        ByteBuf buf = bytes(latin1);
        inputs.add(buf);
        return buf;
    }

    private static void discard(Object msg) {
        ((GatewayMessage) msg).release();
    }

    /** Every message emitted so far; the caller releases them. */
    private List<Object> emitted() {
        channel.runPendingTasks();
        List<Object> out = new ArrayList<>();
        for (Object msg = channel.readInbound(); msg != null; msg = channel.readInbound()) {
            out.add(msg);
        }
        return out;
    }

    private RequestRejection onlyRejection(String raw) {
        channel().writeInbound(in(raw));
        List<Object> out = emitted();
        assertThat(out).hasSize(1).first().isInstanceOf(RequestRejection.class);
        return (RequestRejection) out.get(0);
    }

    private static String body(CompleteRequest request) {
        return content(request).toString(StandardCharsets.ISO_8859_1);
    }

    private static ByteBuf content(CompleteRequest request) {
        assertThat(request.body()).isInstanceOf(InMemoryBody.class);
        return ((InMemoryBody) request.body()).content();
    }

    private static java.nio.file.Path spoolPath(CompleteRequest request) {
        assertThat(request.body()).isInstanceOf(SpooledBody.class);
        return ((SpooledBody) request.body()).file().path();
    }

    @Test
    void aSmallBodyBecomesOneCompleteRequestHeldInMemoryWithExactlyItsBytes() {
        channel().writeInbound(in("POST /p?q=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 7\r\n\r\nab\u00ffcd\r\n"));

        List<Object> out = emitted();

        assertThat(out).hasSize(1);
        CompleteRequest request = (CompleteRequest) out.get(0);
        try {
            assertThat(request.head().uri()).isEqualTo("/p?q=1");
            assertThat(ByteBufUtil.getBytes(content(request)))
                    .isEqualTo("ab\u00ffcd\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(request.head().headers().get(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("7");
        } finally {
            request.release();
        }
        assertThat(files(spoolDir)).isEmpty();
    }

    @Test
    void aRequestWithoutBodyHasAnEmptyContent() {
        channel().writeInbound(in("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));

        List<Object> out = emitted();

        assertThat(out).hasSize(1);
        CompleteRequest request = (CompleteRequest) out.get(0);
        assertThat(content(request).readableBytes()).isZero();
        request.release();
    }

    @Test
    void aChunkedBodyIsAggregatedWithContentLengthAndWithoutItsTrailers() {
        channel().writeInbound(in("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"));

        List<Object> out = emitted();

        assertThat(out).hasSize(1);
        CompleteRequest request = (CompleteRequest) out.get(0);
        try {
            assertThat(body(request)).isEqualTo("hello world");
            assertThat(request.head().headers().contains(HttpHeaderNames.TRANSFER_ENCODING)).isFalse();
            assertThat(request.head().headers().get(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("11");
            assertThat(request.head().headers().contains("X-Trailer")).isFalse();
        } finally {
            request.release();
        }
    }

    @Test
    void chunksArrivingOneByOneStillMakeOneRequest() {
        channel();
        String raw = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        for (char c : raw.toCharArray()) {
            channel.writeInbound(in(String.valueOf(c)));
        }

        List<Object> out = emitted();

        assertThat(out).hasSize(1);
        CompleteRequest request = (CompleteRequest) out.get(0);
        assertThat(body(request)).isEqualTo("abcde");
        request.release();
    }

    @Test
    void aBodyOverInMemoryBodySizeIsSpooledToAFileHoldingExactlyItsBytes() throws IOException {
        byte[] body = new byte[40];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 7);
        }
        channel();
        ByteBuf raw = in("PUT /up HTTP/1.1\r\nHost: h\r\nContent-Length: 40\r\n\r\n");
        // Fire without the EmbeddedChannel's automatic task run: the spool's completion comes back as an event-loop
        // task, and the request must not leave before it ran.
        channel.pipeline().fireChannelRead(raw);
        ByteBuf bodyBuf = io.netty.buffer.Unpooled.wrappedBuffer(body);
        inputs.add(bodyBuf);
        channel.pipeline().fireChannelRead(bodyBuf);
        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(files(spoolDir)).hasSize(1);

        List<Object> out = emitted();

        assertThat(out).hasSize(1).first().isInstanceOf(CompleteRequest.class);
        CompleteRequest spooled = (CompleteRequest) out.get(0);
        assertThat(spooled.body().length()).isEqualTo(40);
        assertThat(spooled.head().uri()).isEqualTo("/up");
        assertThat(Files.readAllBytes(spoolPath(spooled))).isEqualTo(body);
        assertThat(spoolPath(spooled).getParent()).isEqualTo(spoolDir);

        spooled.release();
        channel.runPendingTasks();
        assertThat(files(spoolDir)).isEmpty();
    }

    @Test
    void aChunkedBodyGrowingPastInMemoryBodySizeMovesWhatWasBufferedIntoTheSpool() throws IOException {
        channel().writeInbound(in("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "a\r\n0123456789\r\n"));
        channel.writeInbound(in("a\r\nabcdefghij\r\n"));
        channel.writeInbound(in("5\r\nKLMNO\r\n0\r\n\r\n"));

        List<Object> out = emitted();

        assertThat(out).hasSize(1).first().isInstanceOf(CompleteRequest.class);
        CompleteRequest spooled = (CompleteRequest) out.get(0);
        assertThat(Files.readString(spoolPath(spooled), StandardCharsets.ISO_8859_1))
                .isEqualTo("0123456789abcdefghijKLMNO");
        assertThat(spooled.body().length()).isEqualTo(25);
        assertThat(spooled.head().headers().get(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("25");
        assertThat(spooled.head().headers().contains(HttpHeaderNames.TRANSFER_ENCODING)).isFalse();
        spooled.release();
        assertThat(files(spoolDir)).isEmpty();
    }

    @Test
    void aDeclaredLengthOverMaxBodySizeIsRefusedWithoutReadingTheBody() {
        channel().writeInbound(in("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 65\r\n\r\n0123456789"));

        List<Object> out = emitted();

        assertThat(out).hasSize(1);
        assertThat(((RequestRejection) out.get(0)).status()).isEqualTo(413);
        assertThat(channel.config().isAutoRead()).as("reading paused").isFalse();
        assertThat(files(spoolDir)).isEmpty();
    }

    @Test
    void aBodyOfExactlyMaxBodySizeIsAccepted() {
        String body = "x".repeat(64);
        channel().writeInbound(in("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 64\r\n\r\n" + body));

        List<Object> out = emitted();

        assertThat(out).hasSize(1).first().isInstanceOf(CompleteRequest.class);
        ((CompleteRequest) out.get(0)).release();
    }

    @Test
    void aChunkedBodyGrowingPastMaxBodySizeIsRefusedAndItsSpoolDeleted() {
        channel().writeInbound(in("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "20\r\n" + "y".repeat(32) + "\r\n"));
        assertThat(files(spoolDir)).hasSize(1);
        channel.writeInbound(in("21\r\n" + "z".repeat(33) + "\r\n0\r\n\r\n"));

        List<Object> out = emitted();

        assertThat(out).hasSize(1);
        assertThat(((RequestRejection) out.get(0)).status()).isEqualTo(413);
        assertThat(files(spoolDir)).isEmpty();
    }

    @Test
    void expect100ContinueEmitsAContinueSignalBeforeTheRequest() {
        channel().writeInbound(in("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n"));
        assertThat(emitted()).containsExactly(ContinueSignal.INSTANCE);

        channel.writeInbound(in("ok"));
        List<Object> out = emitted();

        assertThat(out).hasSize(1);
        CompleteRequest request = (CompleteRequest) out.get(0);
        assertThat(body(request)).isEqualTo("ok");
        assertThat(request.head().headers().contains(HttpHeaderNames.EXPECT)).isFalse();
        request.release();
    }

    @Test
    void expect100ContinueOnAnOversizedBodyIsRefusedWithoutAContinue() {
        RequestRejection rejection = onlyRejection(
                "POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n");

        assertThat(rejection.status()).isEqualTo(413);
    }

    @Test
    void anHttp10ExpectationIsIgnored() {
        channel().writeInbound(in("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok"));

        List<Object> out = emitted();

        assertThat(out).hasSize(1).first().isInstanceOf(CompleteRequest.class);
        ((CompleteRequest) out.get(0)).release();
    }

    @Test
    void anyOtherExpectationIsRefusedWith417() {
        assertThat(onlyRejection("POST / HTTP/1.1\r\nHost: h\r\nExpect: something-else\r\nContent-Length: 2\r\n\r\nok")
                .status()).isEqualTo(417);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            request line too long      | 414
            header block too long      | 431
            too many headers           | 431
            one field too long         | 431
            missing Host on 1.1        | 400
            two Hosts                  | 400
            malformed Host             | 400
            HTTP/2.0                   | 505
            HTTP/3.1                   | 505
            bad chunk size             | 400
            Content-Length and chunked | 400
            bad Content-Length         | 400
            two Content-Lengths        | 400
            space before colon         | 400
            chunked on HTTP/1.0        | 400
            """)
    void aBadRequestHeadIsRejectedWithItsStatus(String problem, int status) {
        String raw = switch (problem) {
            case "request line too long" -> "GET /" + "a".repeat(64) + " HTTP/1.1\r\nHost: h\r\n\r\n";
            case "header block too long" -> "GET / HTTP/1.1\r\nHost: h\r\n"
                    + ("X-A: " + "a".repeat(100) + "\r\n").repeat(6) + "\r\n";
            case "too many headers" -> "GET / HTTP/1.1\r\nHost: h\r\n" + "X-A: 1\r\n".repeat(8) + "\r\n";
            case "one field too long" -> "GET / HTTP/1.1\r\nHost: h\r\nX-Long: " + "b".repeat(130) + "\r\n\r\n";
            case "missing Host on 1.1" -> "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n";
            case "two Hosts" -> "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n";
            case "malformed Host" -> "GET / HTTP/1.1\r\nHost: a@b\r\n\r\n";
            case "HTTP/2.0" -> "GET / HTTP/2.0\r\nHost: h\r\n\r\n";
            case "HTTP/3.1" -> "GET / HTTP/3.1\r\nHost: h\r\n\r\n";
            case "bad chunk size" -> "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n";
            case "Content-Length and chunked" -> "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
            case "bad Content-Length" -> "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1x\r\n\r\n1x";
            case "two Content-Lengths" -> "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc";
            case "space before colon" -> "GET / HTTP/1.1\r\nHost : h\r\n\r\n";
            case "chunked on HTTP/1.0" -> "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
            default -> throw new IllegalArgumentException(problem);
        };

        assertThat(onlyRejection(raw).status()).isEqualTo(status);
        assertThat(channel.config().isAutoRead()).as("reading paused").isFalse();
    }

    @Test
    void nothingAfterARejectionIsEmitted() {
        channel().writeInbound(in("GET /bad HTTP/1.1\r\n\r\nGET /good HTTP/1.1\r\nHost: h\r\n\r\n"
                + "POST /big HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"));
        channel.writeInbound(in("GET /later HTTP/1.1\r\nHost: h\r\n\r\n"));

        List<Object> out = emitted();

        assertThat(out).hasSize(1);
        assertThat(((RequestRejection) out.get(0)).status()).isEqualTo(400);
    }

    @Test
    void requestsBeforeARejectionLeaveInOrderAndNothingAfterIt() {
        channel().writeInbound(in("GET /1 HTTP/1.1\r\nHost: h\r\n\r\n"
                + "POST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 20\r\n\r\n" + "s".repeat(20)
                + "POST /3 HTTP/1.1\r\nHost: h\r\nContent-Length: 99\r\n\r\n"
                + "GET /4 HTTP/1.1\r\nHost: h\r\n\r\n"));

        List<Object> out = emitted();

        assertThat(out).hasSize(3);
        assertThat(((CompleteRequest) out.get(0)).head().uri()).isEqualTo("/1");
        assertThat(((CompleteRequest) out.get(1)).head().uri()).isEqualTo("/2");
        assertThat(((CompleteRequest) out.get(1)).body()).isInstanceOf(SpooledBody.class);
        assertThat(((RequestRejection) out.get(2)).status()).isEqualTo(413);
        out.forEach(RequestBodyStageTest::discard);
        channel.runPendingTasks();
        assertThat(files(spoolDir)).isEmpty();
    }

    @Test
    void closingTheChannelMidBodyDeletesTheSpoolFile() {
        channel().writeInbound(in("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 60\r\n\r\n" + "q".repeat(30)));
        assertThat(files(spoolDir)).hasSize(1);
        assertThat(emitted()).isEmpty();

        channel.close();
        channel.runPendingTasks();

        assertThat(files(spoolDir)).isEmpty();
    }

    @Test
    void closingTheChannelMidInMemoryBodyReleasesTheBuffer() {
        channel().writeInbound(in("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc"));
        assertThat(emitted()).isEmpty();

        channel.close();
        channel.runPendingTasks();

        assertThat(inputs.get(0).refCnt()).as("the buffered body part was released").isZero();
    }

    @Test
    void aStalledBodyIsAnswered408() {
        channel().writeInbound(in("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc"));

        channel.pipeline().fireUserEventTriggered(ConnectionTimeouts.BodyStalled.INSTANCE);

        List<Object> out = emitted();
        assertThat(out).hasSize(1);
        assertThat(((RequestRejection) out.get(0)).status()).isEqualTo(408);
    }

    @Test
    void aSpoolThatCannotBeWrittenBecomesA503RejectionAndReleasesItsBuffers() {
        config = config.toBuilder().spoolDirectory(spoolDir.resolve("missing")).build();
        channel().writeInbound(in("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 40\r\n\r\n" + "w".repeat(20)));
        channel.writeInbound(in("w".repeat(20)));

        List<Object> out = emitted();

        assertThat(out).hasSize(1);
        assertThat(((RequestRejection) out.get(0)).status()).isEqualTo(503);
        // releaseEverything() checks that no request buffer is still referenced.
    }

    @Test
    void aSpoolFailureWhileReadingIsPausedResumesReadingSoTheRequestCanBeAnswered() {
        config = config.toBuilder().maxBodySize(4 << 20).spoolDirectory(spoolDir.resolve("missing")).build();
        java.util.ArrayDeque<Runnable> disk = new java.util.ArrayDeque<>();
        channel = EmbeddedHttp.upToBodyStage(config, disk::add);
        int size = (int) SpoolFile.HIGH_WATER + 128 * 1024;
        channel.writeInbound(in("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: " + (size + 10) + "\r\n\r\n"));
        channel.writeInbound(in("x".repeat(size)));
        assertThat(channel.config().isAutoRead()).as("paused while the disk is behind").isFalse();

        while (!disk.isEmpty()) {
            disk.poll().run(); // the write fails
        }
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).as("reading resumes once the spool has failed").isTrue();
        channel.writeInbound(in("y".repeat(10)));
        while (!disk.isEmpty()) {
            disk.poll().run();
        }

        List<Object> out = emitted();
        assertThat(out).hasSize(1);
        assertThat(((RequestRejection) out.get(0)).status()).isEqualTo(503);
    }
}
