package dev.wsgi4j;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** wsgi.input: the body and nothing past it, whatever the underlying stream holds. */
class WsgiInputTest {

    private static final byte[] KEEP_ALIVE = "hello worldGET /next HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private static WsgiInput body(String underlying, long length) {
        return new WsgiInput(new ByteArrayInputStream(underlying.getBytes(StandardCharsets.ISO_8859_1)), length);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void iteratingYieldsTheRemainingLinesUpToTheLengthOnce() throws IOException {
        WsgiInput in = body("skip\nline one\nline two\nlastGET /next", 27);
        in.readLine();

        List<String> lines = new java.util.ArrayList<>();
        for (byte[] line : in.lines()) {
            lines.add(text(line));
        }

        assertThat(lines).containsExactly("line one\n", "line two\n", "last");
        assertThat(in.lines().iterator().hasNext()).as("the body is used up").isFalse();
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void neverReadsPastTheLengthEvenWhenTheStreamHoldsTheNextRequest() throws IOException {
        WsgiInput in = new WsgiInput(new ByteArrayInputStream(KEEP_ALIVE), 11);

        assertThat(text(in.readAllBytes())).isEqualTo("hello world");
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(new byte[10], 0, 10)).isEqualTo(-1);
    }

    @Test
    void singleByteReadsStopAtTheLengthAndStayAtEndOfFile() throws IOException {
        WsgiInput in = body("abcdef", 2);

        assertThat(in.read()).isEqualTo('a');
        assertThat(in.read()).isEqualTo('b');
        for (int i = 0; i < 3; i++) {
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aBulkReadIsClippedToTheRemainingLength() throws IOException {
        WsgiInput in = body("abcdef", 4);
        byte[] buffer = new byte[10];

        int n = in.read(buffer, 2, 8);

        assertThat(n).isBetween(1, 4);
        assertThat(text(in.readNBytes(10))).hasSize(4 - n);
        assertThat(in.read(buffer, 0, 0)).isZero();
    }

    @Test
    void aStreamShorterThanTheLengthEndsWhereTheStreamEnds() throws IOException {
        WsgiInput in = body("abc", 10);

        assertThat(text(in.readAllBytes())).isEqualTo("abc");
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.available()).isZero();
    }

    @Test
    void lengthMinusOneReadsToTheStreamsEndAndThenStops() throws IOException {
        int[] readsAfterEnd = {0};
        InputStream source = new ByteArrayInputStream("to the end".getBytes(StandardCharsets.ISO_8859_1)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                if (n < 0) {
                    readsAfterEnd[0]++;
                }
                return n;
            }
        };
        WsgiInput in = new WsgiInput(source, -1);

        assertThat(text(in.readAllBytes())).isEqualTo("to the end");
        assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(readsAfterEnd[0]).as("the source is not asked again after its end").isEqualTo(1);
    }

    @Test
    void readLineIncludesTheNewlineAndHonoursItsSize() throws IOException {
        WsgiInput in = body("first line\nsecond\nrest", 22);

        assertThat(text(in.readLine(5))).isEqualTo("first");
        assertThat(text(in.readLine(100))).isEqualTo(" line\n");
        assertThat(text(in.readLine())).isEqualTo("second\n");
        assertThat(text(in.readLine(0))).isEmpty();
        assertThat(text(in.readLine())).isEqualTo("rest");
        assertThat(in.readLine()).isEmpty();
        assertThat(in.readLine(3)).isEmpty();
    }

    @Test
    void readLineStopsAtTheLengthInTheMiddleOfALine() throws IOException {
        WsgiInput in = body("abc\ndef\n", 6);

        assertThat(text(in.readLine())).isEqualTo("abc\n");
        assertThat(text(in.readLine())).isEqualTo("de");
        assertThat(in.readLine()).isEmpty();
    }

    @Test
    void readLinesReturnsEveryRemainingLine() throws IOException {
        WsgiInput in = body("a\nbb\nccc", 8);

        assertThat(in.readLines()).extracting(WsgiInputTest::text).containsExactly("a\n", "bb\n", "ccc");
        assertThat(in.readLines()).isEmpty();
    }

    @Test
    void readLinesStopsOnceTheHintIsReached() throws IOException {
        WsgiInput in = body("a\nbb\nccc\nd\n", 11);

        List<byte[]> first = in.readLines(3);

        assertThat(first).extracting(WsgiInputTest::text).containsExactly("a\n", "bb\n");
        assertThat(in.readLines(1)).extracting(WsgiInputTest::text).containsExactly("ccc\n");
        assertThat(in.readLines(0)).extracting(WsgiInputTest::text).containsExactly("d\n");
    }

    @Test
    void skipIsBoundedByTheLength() throws IOException {
        WsgiInput in = body("0123456789", 5);

        assertThat(in.skip(3)).isEqualTo(3);
        assertThat(in.skip(100)).isEqualTo(2);
        assertThat(in.skip(1)).isZero();
        assertThat(in.skip(-4)).isZero();
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void availableIsBoundedByTheLength() throws IOException {
        WsgiInput in = body("0123456789", 4);

        assertThat(in.available()).isEqualTo(4);
        in.read();
        assertThat(in.available()).isEqualTo(3);
    }

    @Test
    void closeEndsTheBodyAndClosesTheSource() throws IOException {
        boolean[] closed = {false};
        InputStream source = new ByteArrayInputStream(new byte[] {1, 2, 3}) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        WsgiInput in = new WsgiInput(source, 3);

        in.close();

        assertThat(closed[0]).isTrue();
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void ofAndEmptyWrapWholeArrays() throws IOException {
        assertThat(text(WsgiInput.of("xyz".getBytes(StandardCharsets.ISO_8859_1)).readAllBytes())).isEqualTo("xyz");
        assertThat(WsgiInput.empty().read()).isEqualTo(-1);
        assertThat(WsgiInput.empty().readLines()).isEmpty();
    }

    @Test
    void bytesAboveSevenBitsComeBackAsNonNegativeValues() throws IOException {
        WsgiInput in = new WsgiInput(new ByteArrayInputStream(new byte[] {(byte) 0xFF, 0, 1}), 3);

        assertThat(in.read()).isEqualTo(0xFF);
        assertThat(in.read()).isZero();
    }
}
