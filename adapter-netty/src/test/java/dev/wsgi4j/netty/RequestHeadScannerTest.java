package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of {@link RequestHeadScanner}, accepted and refused, each fed whole, split in two at every byte and
 * byte by byte, through each way bytes reach it (a byte array, a heap buffer with an array offset, a direct buffer):
 * the outcome may not depend on where a read ended.
 */
class RequestHeadScannerTest {

    /** A head (or the bytes up to a refusal) and what follows it; {@code refusal} null when the head is accepted. */
    record Case(String head, String after, String refusal) {
        @Override
        public String toString() {
            return (refusal == null ? "accepts " : "refuses ") + head.replace("\r", "\\r").replace("\n", "\\n");
        }
    }

    static Case accepts(String head, String after) {
        return new Case(head, after, null);
    }

    static Case refuses(String raw, String reason) {
        return new Case(raw, "", reason);
    }

    private static final String LEADING = "whitespace before the request line";
    private static final String VERSION = "HTTP-version name is case-sensitive";
    private static final String OBS_FOLD = "obsolete line folding (obs-fold) in the header block";
    private static final String TWO_LENGTHS = "more than one Content-Length";
    private static final String LIST_LENGTH = "list-form Content-Length";

    static Stream<Case> cases() {
        return Stream.of(
                accepts("GET / HTTP/1.1\r\nHost: h\r\n\r\n", ""),
                accepts("GET / HTTP/1.1\nHost: h\n\n", ""),
                accepts("GET / HTTP/1.0\r\n\r\n", "GET / HTTP/1.0\r\n\r\n"),
                accepts("\r\n\r\n\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", ""),
                accepts("POST / HTTP/1.0\r\nContent-Length: 3\r\n\r\n", "a, b"),
                accepts("POST / HTTP/1.0\r\nContent-Length:3\r\nContent-Lengths: 4\r\nX-Content-Length: 5\r\n"
                        + "Content-Lengt: 6\r\n\r\n", ""),
                accepts("POST / HTTP/1.0\r\nContent-Length: 3\r\nX-List: 1, 2\r\n\r\n", "abc"),
                accepts("GET / HTTP/1.1\r\nHost: h\r\nX-Note: content-length: 1, 2\r\n\r\n", ""),
                accepts("GET / HTTPS/1.1\r\n\r\n", ""),
                accepts("GET / HTT\r\n\r\n", ""),
                accepts("GET / xHTTP/1.1\r\n\r\n", ""),
                accepts("GET /http/1.1 HTTP/1.1\r\nHost: h\r\n\r\n", ""),
                accepts("GET / HTTP/1.1\r\nHost: h\r\n\r\n", "\r\n \tnot a head"),
                refuses(" GET / HTTP/1.1\r\n", LEADING),
                refuses("\tGET / HTTP/1.1\r\n", LEADING),
                refuses("\r\n GET / HTTP/1.1\r\n", LEADING),
                refuses("GET / http/1.1\r\n", VERSION),
                refuses("GET / Http/1.0\r\n", VERSION),
                refuses("GET /  hTTP/1.1\r\n", VERSION),
                refuses("GET / HTTP/1.1\r\nHost: h\r\n folded\r\n", OBS_FOLD),
                refuses("GET / HTTP/1.1\r\nHost: h\r\n\tfolded\r\n", OBS_FOLD),
                refuses("GET / HTTP/1.1\n \n", OBS_FOLD),
                refuses("POST / HTTP/1.0\r\nContent-Length: 3\r\ncontent-length: 3\r\n", TWO_LENGTHS),
                refuses("POST / HTTP/1.0\r\nCONTENT-LENGTH: 3\r\nX: y\r\nContent-Length:", TWO_LENGTHS),
                refuses("POST / HTTP/1.0\r\nContent-Length: 3,", LIST_LENGTH),
                refuses("POST / HTTP/1.1\r\ncontent-length: ,", LIST_LENGTH));
    }

    /** The ways bytes reach the scanner: each returns the scanner's answer for {@code raw[from, to)}. */
    interface Feed {
        int scan(RequestHeadScanner scanner, int from, int to);
    }

    static Stream<Arguments> casesByFeed() {
        return cases().flatMap(c -> Stream.of("array", "heap buffer", "direct buffer").map(f -> Arguments.of(c, f)));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("casesByFeed")
    void theOutcomeDoesNotDependOnWhereTheInputIsSplit(Case c, String feedKind) {
        byte[] raw = (c.head() + c.after()).getBytes(StandardCharsets.ISO_8859_1);
        int headEnd = c.head().length();
        withFeed(feedKind, raw, feed -> {
            assertOutcome(c, headEnd, feed, raw.length);
            for (int split = 0; split <= raw.length; split++) {
                assertOutcome(c, headEnd, feed, split, raw.length);
            }
            int[] everyByte = new int[raw.length + 1];
            for (int i = 0; i <= raw.length; i++) {
                everyByte[i] = i;
            }
            assertOutcome(c, headEnd, feed, everyByte);
        });
    }

    @Test
    void obsFoldIsAcceptedWhenAllowed() {
        byte[] raw = "GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n  folded\r\n\tagain\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 0; split <= raw.length; split++) {
            RequestHeadScanner scanner = new RequestHeadScanner(true);
            int first = scanner.scan(raw, 0, split);
            int result = first == RequestHeadScanner.NEED_MORE ? scanner.scan(raw, split, raw.length) : first;
            assertThat(result).as("split at %d", split).isEqualTo(raw.length);
        }
        assertThat(new RequestHeadScanner(false).scan(raw, 0, raw.length)).isEqualTo(RequestHeadScanner.VIOLATION);
    }

    @Test
    void afterOneHeadTheNextHeadIsScannedFromScratch() {
        byte[] raw = ("POST / HTTP/1.0\r\nContent-Length: 0\r\n\r\n"
                + "\r\nPOST / HTTP/1.0\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        RequestHeadScanner scanner = new RequestHeadScanner(false);
        int first = scanner.scan(raw, 0, raw.length);

        assertThat(first).isEqualTo(38);
        assertThat(scanner.scan(raw, first, raw.length)).as("its own Content-Length, not a second one")
                .isEqualTo(raw.length);
    }

    @Test
    void aRefusedScannerStaysRefused() {
        byte[] bad = "GET / http/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] good = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        RequestHeadScanner scanner = new RequestHeadScanner(false);

        assertThat(scanner.scan(bad, 0, bad.length)).isEqualTo(RequestHeadScanner.VIOLATION);
        assertThat(scanner.scan(good, 0, good.length)).isEqualTo(RequestHeadScanner.VIOLATION);
        assertThat(scanner.violation().status()).isEqualTo(400);
    }

    /** Feeds {@code raw} in the pieces between consecutive {@code bounds} and checks the one outcome. */
    private static void assertOutcome(Case c, int headEnd, Feed feed, int... bounds) {
        RequestHeadScanner scanner = new RequestHeadScanner(false);
        int result = RequestHeadScanner.NEED_MORE;
        int from = 0;
        for (int to : bounds) {
            result = feed.scan(scanner, from, to);
            from = to;
            if (result != RequestHeadScanner.NEED_MORE) {
                break;
            }
        }
        String where = "pieces ending at " + java.util.Arrays.toString(bounds);
        if (c.refusal() == null) {
            assertThat(result).as(where).isEqualTo(headEnd);
            assertThat(scanner.violation()).as(where).isNull();
        } else {
            assertThat(result).as(where).isEqualTo(RequestHeadScanner.VIOLATION);
            assertThat(scanner.violation().getMessage()).as(where).isEqualTo(c.refusal());
            assertThat(scanner.violation().status()).isEqualTo(400);
        }
    }

    private static void withFeed(String kind, byte[] raw, java.util.function.Consumer<Feed> test) {
        switch (kind) {
            case "array" -> test.accept((scanner, from, to) -> scanner.scan(raw, from, to));
            case "heap buffer" -> {
                // A slice with a non-zero array offset, so that the offset arithmetic is exercised.
                byte[] padded = new byte[raw.length + 7];
                System.arraycopy(raw, 0, padded, 5, raw.length);
                ByteBuf buf = Unpooled.wrappedBuffer(padded).slice(5, raw.length);
                assertThat(buf.hasArray()).isTrue();
                test.accept((scanner, from, to) -> scanner.scan(buf, from, to));
            }
            case "direct buffer" -> {
                ByteBuf buf = Unpooled.directBuffer(raw.length).writeBytes(raw);
                try {
                    assertThat(buf.hasArray()).isFalse();
                    test.accept((scanner, from, to) -> scanner.scan(buf, from, to));
                } finally {
                    buf.release();
                }
            }
            default -> throw new IllegalArgumentException(kind);
        }
    }
}
