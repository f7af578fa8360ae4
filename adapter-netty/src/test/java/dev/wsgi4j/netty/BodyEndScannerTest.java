package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BodyEndScanner} finds the end of fixed-length and chunked bodies (with extensions and trailers) wherever the
 * input is split, and gives up on a chunk line the codec refuses. Escapes: {@code \r}, {@code \n}.
 */
class BodyEndScannerTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            5       | hello                                          | GET / HTTP/1.1
            1       | x                                              | x
            chunked | 3\\r\\nabc\\r\\n0\\r\\n\\r\\n                  | GET / HTTP/1.1
            chunked | 3;ext=\"a b\"\\r\\nabc\\r\\n0;x\\r\\n\\r\\n     | 0\\r\\n\\r\\n
            chunked | A\\r\\n0123456789\\r\\na\\r\\n0123456789\\r\\n0\\r\\n\\r\\n | more
            chunked | 3\\r\\nabc\\r\\n0\\r\\nX-T: 1\\r\\nY: 2\\r\\n\\r\\n | GET
            chunked | 3\\nabc\\n0\\nX-T: 1\\n\\n                      | GET
            chunked | 0\\r\\n\\r\\n                                  | 0\\r\\n\\r\\n
            chunked | 2\\r\\n\\r\\n\\r\\n0\\r\\n\\r\\n                | next
            """)
    void theEndIsFoundWhereverTheInputIsSplit(String framing, String body, String after) {
        String bodyText = unescape(body);
        byte[] raw = (bodyText + unescape(after)).getBytes(StandardCharsets.ISO_8859_1);
        for (boolean direct : new boolean[] {false, true}) {
            ByteBuf buf = direct ? Unpooled.directBuffer(raw.length).writeBytes(raw) : Unpooled.wrappedBuffer(raw);
            try {
                for (int split = 0; split <= raw.length; split++) {
                    assertThat(feed(framing, buf, split)).as("split at %d, direct %s", split, direct)
                            .isEqualTo(bodyText.length());
                }
            } finally {
                buf.release();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            zz\\r\\nab\\r\\n0\\r\\n\\r\\n
            \\r\\n
            ;ext\\r\\n
            3\\r\\nabc\\r\\n\\r\\n
            ffffffffffffffff\\r\\nabc
            8000000000000000\\r\\nabc
            """)
    void aChunkLineWithoutASizeLosesTheFraming(String body) {
        byte[] raw = unescape(body).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuf buf = Unpooled.wrappedBuffer(raw);
        for (int split = 0; split <= raw.length; split++) {
            assertThat(feed("chunked", buf, split)).as("split at %d", split).isEqualTo(BodyEndScanner.UNFRAMED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            10      | 123456789
            chunked | 3\\r\\nabc\\r\\n0\\r\\nX-T: 1\\r\\n
            chunked | 3\\r\\nab
            """)
    void anUnfinishedBodyNeedsMore(String framing, String body) {
        byte[] raw = unescape(body).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuf buf = Unpooled.wrappedBuffer(raw);
        for (int split = 0; split <= raw.length; split++) {
            assertThat(feed(framing, buf, split)).as("split at %d", split).isEqualTo(BodyEndScanner.NEED_MORE);
        }
    }

    /** Scans {@code buf} in two pieces split at {@code split}; the first answer other than NEED_MORE, or NEED_MORE. */
    private static int feed(String framing, ByteBuf buf, int split) {
        BodyEndScanner scanner = new BodyEndScanner();
        if (framing.equals("chunked")) {
            scanner.expectChunked();
        } else {
            scanner.expectFixed(Long.parseLong(framing));
        }
        int first = scanner.scan(buf, 0, split);
        return first != BodyEndScanner.NEED_MORE ? first : scanner.scan(buf, split, buf.writerIndex());
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\\"", "\"");
    }
}
