package dev.wsgi4j.netty.hardening;

import dev.wsgi4j.netty.RawHttp;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.hardening.Corpus.Case;
import dev.wsgi4j.netty.hardening.Corpus.Fixture;
import dev.wsgi4j.netty.hardening.Corpus.Mode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.wsgi4j.netty.hardening.Corpus.H;
import static dev.wsgi4j.netty.hardening.Corpus.bad;
import static dev.wsgi4j.netty.hardening.Corpus.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message framing and request smuggling (RFC 9112 §6, §7.1; SPEC.md §6.5; SECURITY.md "Ambiguous framing" and
 * "Anything after a framing error"): Content-Length and Transfer-Encoding conflicts, chunk syntax, pipelined
 * requests around a bad one, and trailers that never reach the environ.
 */
class FramingSmugglingCorpusTest {

    private static Fixture f;

    @BeforeAll
    static void start() throws InterruptedException {
        f = new Fixture(ServerConfig.builder());
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static final String POST = "POST / HTTP/1.1\r\n" + H;
    private static final String TE = "Transfer-Encoding: chunked\r\n";

    static List<Case> cases() {
        return List.of(
                // CL + TE, TE repeated, TE lists (RFC 9112 §6.1)
                bad("CL then TE", POST + "Content-Length: 3\r\n" + TE + "\r\n0\r\n\r\n", 400),
                bad("TE then CL", POST + TE + "Content-Length: 3\r\n\r\n0\r\n\r\n", 400),
                bad("CL 0 with TE", POST + "Content-Length: 0\r\n" + TE + "\r\n0\r\n\r\n", 400),
                bad("CL.TE classic smuggle", POST + "Content-Length: 6\r\n" + TE + "\r\n0\r\n\r\nG", 400),
                bad("TE chunked twice", POST + TE + TE + "\r\n0\r\n\r\n", 400),
                bad("TE chunked, chunked", POST + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", 400),
                bad("TE chunked, gzip", POST + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", 400),
                bad("TE chunked then identity", POST + TE + "Transfer-Encoding: identity\r\n\r\n0\r\n\r\n", 400),
                bad("TE gzip, chunked", POST + "Transfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 501),
                bad("TE gzip line then chunked line", POST + "Transfer-Encoding: gzip\r\n" + TE
                        + "\r\n3\r\nabc\r\n0\r\n\r\n", 501),
                bad("TE deflate, chunked", POST + "Transfer-Encoding: deflate, chunked\r\n\r\n0\r\n\r\n", 501),
                bad("TE x-custom;q=1, chunked", POST + "Transfer-Encoding: x-custom;q=1, chunked\r\n\r\n0\r\n\r\n",
                        501),
                bad("TE xchunked with CL", POST + "Transfer-Encoding: xchunked\r\nContent-Length: 3\r\n\r\nabc",
                        400),
                bad("TE identity with CL", POST + "Transfer-Encoding: identity\r\nContent-Length: 3\r\n\r\nabc",
                        400),
                bad("TE identity alone", POST + "Transfer-Encoding: identity\r\n\r\nabc", 400),
                bad("TE gzip alone", POST + "Transfer-Encoding: gzip\r\n\r\nabc", 400),
                bad("TE empty", POST + "Transfer-Encoding: \r\n\r\n", 400),
                bad("TE chunked with VT", POST + "Transfer-Encoding: \u000bchunked\r\n\r\n0\r\n\r\n", 400),
                bad("TE chunked with NUL", POST + "Transfer-Encoding: chunked\u0000\r\n\r\n0\r\n\r\n", 400),
                bad("TE name with SP before colon", POST + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n", 400),
                bad("TE name with HTAB before colon", POST + "Transfer-Encoding\t: chunked\r\n\r\n0\r\n\r\n", 400),
                bad("TE on HTTP/1.0", "POST / HTTP/1.0\r\n" + TE + "\r\n0\r\n\r\n", 400),
                bad("TE and CL on HTTP/1.0", "POST / HTTP/1.0\r\n" + TE + "Content-Length: 5\r\n\r\n0\r\n\r\n", 400),
                ok("TE ,chunked (empty list element)", POST + "Transfer-Encoding: ,chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                        "body=abc"),
                ok("TE CHUNKED upper case", POST + "Transfer-Encoding: CHUNKED\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                        "body=abc"),
                ok("TE with leading HTAB", POST + "Transfer-Encoding:\tchunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                        "body=abc"),
                // Content-Length (RFC 9112 §6.3)
                bad("CL 3 and CL 2", POST + "Content-Length: 3\r\nContent-Length: 2\r\n\r\nabc", 400),
                bad("CL 3, 3", POST + "Content-Length: 3, 3\r\n\r\nabc", 400),
                bad("CL 3 twice", POST + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 400),
                bad("HTTP/1.0 CL 2 and CL 3", "POST / HTTP/1.0\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc",
                        400),
                bad("HTTP/1.0 CL 3 twice", "POST / HTTP/1.0\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
                        400),
                bad("CL +3", POST + "Content-Length: +3\r\n\r\nabc", 400),
                bad("CL -1", POST + "Content-Length: -1\r\n\r\nabc", 400),
                bad("CL 0x3", POST + "Content-Length: 0x3\r\n\r\nabc", 400),
                bad("CL 0_3", POST + "Content-Length: 0_3\r\n\r\nabc", 400),
                bad("CL 3 1", POST + "Content-Length: 3 1\r\n\r\nabc", 400),
                bad("CL empty", POST + "Content-Length: \r\n\r\nabc", 400),
                bad("CL 20 digits", POST + "Content-Length: 99999999999999999999\r\n\r\nabc", 400),
                bad("CL 1e3", POST + "Content-Length: 1e3\r\n\r\nabc", 400),
                bad("CL 3.0", POST + "Content-Length: 3.0\r\n\r\nabc", 400),
                bad("CL SP before colon", POST + "Content-Length : 3\r\n\r\nabc", 400),
                ok("CL 003", POST + "Content-Length: 003\r\n\r\nabc", "body=abc"),
                ok("CL with trailing OWS", POST + "Content-Length: 3 \r\n\r\nabc", "body=abc"),
                ok("CL 0", POST + "Content-Length: 0\r\n\r\n", "body=\n"),
                ok("GET with CL body", "GET / HTTP/1.1\r\n" + H + "Content-Length: 3\r\n\r\nabc", "body=abc"),
                ok("POST without framing has no body", POST + "\r\n", "body=\n"),
                // chunk sizes and lines (RFC 9112 §7.1)
                bad("chunk size 0x3", POST + TE + "\r\n0x3\r\nabc\r\n0\r\n\r\n", 400),
                bad("chunk size +3", POST + TE + "\r\n+3\r\nabc\r\n0\r\n\r\n", 400),
                bad("chunk size -5", POST + TE + "\r\n-5\r\nabc\r\n0\r\n\r\n", 400),
                bad("chunk size 0_3", POST + TE + "\r\n0_3\r\nabc\r\n0\r\n\r\n", 400),
                bad("chunk size leading SP", POST + TE + "\r\n 3\r\nabc\r\n0\r\n\r\n", 400),
                bad("chunk size empty line", POST + TE + "\r\n\r\nabc\r\n0\r\n\r\n", 400),
                bad("chunk size not hex", POST + TE + "\r\nzz\r\nabc\r\n0\r\n\r\n", 400),
                bad("chunk size trailing SP", POST + TE + "\r\n3 \r\nabc\r\n0\r\n\r\n", 400),
                bad("bare LF after chunk size", POST + TE + "\r\n3\nabc\r\n0\r\n\r\n", 400),
                bad("bare LF after chunk ext", POST + TE + "\r\n3;x\nabc\r\n0\r\n\r\n", 400),
                bad("bare CR in chunk ext", POST + TE + "\r\n3;x=a\rb\r\nabc\r\n0\r\n\r\n", 400),
                bad("unterminated quoted ext", POST + TE + "\r\n3;n=\"abc\r\nabc\r\n0\r\n\r\n", 400),
                bad("chunk data then XX", POST + TE + "\r\n3\r\nabcXX0\r\n\r\n", 400),
                bad("chunk data then bare LF", POST + TE + "\r\n3\r\nabc\n0\r\n\r\n", 400),
                bad("chunk data longer than size", POST + TE + "\r\n3\r\nabcd\r\n0\r\n\r\n", 400),
                bad("chunk size overflow", POST + TE + "\r\nFFFFFFFFFFFFFFFFF3\r\nabc\r\n0\r\n\r\n", 400),
                bad("chunk size 2^31", POST + TE + "\r\n80000000\r\nabc\r\n0\r\n\r\n", 400),
                bad("last chunk followed by a request line", POST + TE + "\r\n3\r\nabc\r\n0\r\nGET / HTTP/1.1\r\n"
                        + H + "\r\n", 400),
                bad("trailer without colon", POST + TE + "\r\n3\r\nabc\r\n0\r\nX\r\n\r\n", 400),
                bad("trailer with NUL", POST + TE + "\r\n3\r\nabc\r\n0\r\nX: a\u0000\r\n\r\n", 400),
                ok("valid quoted ext with escape", POST + TE + "\r\n3;n=\"a\\\"b\"\r\nabc\r\n0\r\n\r\n", "body=abc"),
                ok("chunk ext token=token", POST + TE + "\r\n3;foo=bar\r\nabc\r\n0\r\n\r\n", "body=abc"),
                ok("chunk ext name only", POST + TE + "\r\n3;foo\r\nabc\r\n0\r\n\r\n", "body=abc"),
                ok("chunk size leading zeros", POST + TE + "\r\n0003\r\nabc\r\n0000\r\n\r\n", "body=abc"),
                ok("chunk size upper-case hex", POST + TE + "\r\nA\r\n0123456789\r\n0\r\n\r\n", "body=0123456789"),
                ok("several chunks", POST + TE + "\r\n2\r\nab\r\n3\r\ncde\r\n0\r\n\r\n", "body=abcde"),
                ok("chunk data containing CRLF", POST + TE + "\r\n4\r\na\r\nb\r\n0\r\n\r\n", "body=a\\x0d\\x0ab"),
                ok("chunked body with trailer", POST + TE + "\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n", "body=abc"),
                ok("trailers never reach the environ", POST + TE
                        + "\r\n3\r\nabc\r\n0\r\nHost: evil\r\nContent-Length: 99\r\nX-Trailer: t\r\n\r\n",
                        "CONTENT_LENGTH=3;\nCONTENT_TYPE=null;\nHTTP_HOST=a;\nbody=abc"),
                // Expect
                bad("Expect other than 100-continue", POST + "Expect: foo\r\nContent-Length: 3\r\n\r\nabc", 417),
                Corpus.okClosed("HTTP/1.0 with Expect gets no 100", "POST / HTTP/1.0\r\nExpect: 100-continue\r\n"
                        + "Content-Length: 3\r\n\r\nabc", "body=abc"));
    }

    static Stream<Arguments> corpus() {
        return Corpus.crossed(cases(), Mode.values());
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("corpus")
    void corpus(Case c, Mode mode) throws Exception {
        Corpus.run(f, c, mode);
    }

    @Test
    void threePipelinedRequestsInOneWriteAreAnsweredInOrder() throws Exception {
        try (RawHttp client = new RawHttp(f.port())) {
            client.send("GET /1 HTTP/1.1\r\n" + H + "Content-Length: 0\r\n\r\nGET /2 HTTP/1.1\r\n" + H
                    + "\r\nPOST /3 HTTP/1.1\r\n" + H + TE + "\r\n1\r\nx\r\n0\r\n\r\n");
            assertThat(client.read().latin1()).startsWith("GET /1?");
            assertThat(client.read().latin1()).startsWith("GET /2?");
            assertThat(client.read().latin1()).startsWith("POST /3?").contains("body=x");
            assertThat(client.next(300)).isEqualTo(RawHttp.After.SILENCE);
        }
    }

    @Test
    void wrongContentLengthLeavesTheRestToBeParsedAsARequestLineAndRefused() throws Exception {
        try (RawHttp client = new RawHttp(f.port())) {
            client.send("GET / HTTP/1.1\r\nH Content-Length: 5\r\n" + H + "\r\n" + "a".repeat(1050));
            RawHttp.Response r = client.read();
            // "H Content-Length" is not a valid field name: the whole head is refused, nothing is served.
            assertThat(r.status()).isEqualTo(400);
            assertThat(client.next(3000)).isEqualTo(RawHttp.After.EOF);
        }
        try (RawHttp client = new RawHttp(f.port())) {
            client.send("GET / HTTP/1.1\r\n" + H + "Content-Length: 5\r\n\r\n" + "a".repeat(9000) + "\r\n\r\n");
            RawHttp.Response first = client.read();
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.latin1()).contains("body=aaaaa\n");
            RawHttp.Response second = client.read();
            assertThat(second.status()).isEqualTo(414);
            assertThat(client.next(3000)).isEqualTo(RawHttp.After.EOF);
        }
    }

    @Test
    void aValidRequestBeforeABadOneIsServedAndNothingAfterTheBadOneIs() throws Exception {
        int before = f.app.calls.get();
        try (RawHttp client = new RawHttp(f.port())) {
            client.send("GET /ok HTTP/1.1\r\n" + H + "\r\nPOST /bad HTTP/1.1\r\n" + H + "Content-Length: +3\r\n\r\nabc"
                    + "GET /smuggled HTTP/1.1\r\n" + H + "\r\n");
            assertThat(client.read().latin1()).startsWith("GET /ok?");
            RawHttp.Response bad = client.read();
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.header("connection")).isEqualTo("close");
            assertThat(client.next(3000)).isEqualTo(RawHttp.After.EOF);
        }
        assertThat(f.app.calls.get() - before).isEqualTo(1);
    }

    @Test
    void chunkedBodyCutShortByAHalfCloseNeverReachesTheApplication() throws Exception {
        int before = f.app.calls.get();
        try (RawHttp client = new RawHttp(f.port())) {
            client.send(POST + TE + "\r\n0\r\n");
            client.halfClose();
            RawHttp.Response r = client.read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(client.next(3000)).isEqualTo(RawHttp.After.EOF);
        }
        assertThat(f.app.calls.get()).isEqualTo(before);
    }

    @Test
    void aFixedLengthBodyCutShortByAHalfCloseGets400AfterTheAnswerOwed() throws Exception {
        int before = f.app.calls.get();
        try (RawHttp client = new RawHttp(f.port())) {
            client.send("GET /first HTTP/1.1\r\n" + H + "\r\n" + POST + "Content-Length: 10\r\n\r\nabc");
            client.halfClose();
            assertThat(client.read().latin1()).startsWith("GET /first?");
            assertThat(client.read().status()).isEqualTo(400);
            assertThat(client.next(3000)).isEqualTo(RawHttp.After.EOF);
        }
        assertThat(f.app.calls.get() - before).isEqualTo(1);
    }

    @Test
    void aSpooledBodyOverTheMemoryThresholdIsFramedExactly() throws Exception {
        // 600 KiB body (spooled) followed by a pipelined request: both answered, in order, nothing leaks between.
        String body = "b".repeat(600 * 1024);
        try (RawHttp client = new RawHttp(f.port())) {
            client.send(POST + "Content-Length: " + body.length() + "\r\n\r\n" + body + "GET /after HTTP/1.1\r\n" + H
                    + "\r\n");
            RawHttp.Response r = client.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.latin1()).contains("CONTENT_LENGTH=" + body.length() + ";");
            assertThat(client.read().latin1()).startsWith("GET /after?");
        }
    }
}
