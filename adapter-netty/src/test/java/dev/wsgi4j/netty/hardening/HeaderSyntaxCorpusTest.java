package dev.wsgi4j.netty.hardening;

import dev.wsgi4j.netty.HardeningAccess;
import dev.wsgi4j.netty.RawHttp;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.hardening.Corpus.Case;
import dev.wsgi4j.netty.hardening.Corpus.Fixture;
import dev.wsgi4j.netty.hardening.Corpus.Mode;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
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
 * Line endings and header syntax (RFC 9112 §2.2, §5; SPEC.md §6.5, the 400 row; SECURITY.md "Ambiguous framing"):
 * bare CR or LF, control characters in values, malformed field names, obs-fold, and a decoder that stays strict
 * whatever the system properties say.
 */
class HeaderSyntaxCorpusTest {

    private static Fixture f;

    @BeforeAll
    static void start() throws InterruptedException {
        f = new Fixture(ServerConfig.builder());
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static final String GET = "GET / HTTP/1.1\r\n" + H;

    static List<Case> cases() {
        return List.of(
                // line endings (RFC 9112 §2.2)
                bad("bare LF everywhere", "GET / HTTP/1.1\nHost: a\n\n", 400),
                bad("bare LF after the request line", "GET / HTTP/1.1\n" + H + "\r\n", 400),
                bad("bare LF after one field", GET + "X: 1\n\r\n", 400),
                bad("bare LF ending the head", GET + "\n", 400),
                bad("bare CR ending the request line", "GET / HTTP/1.1\r" + H + "\r\n", 400),
                bad("bare CR inside a value", GET + "X: a\rb\r\n\r\n", 400),
                bad("bare CR ending a field", GET + "X: a\rY: b\r\n\r\n", 400),
                bad("CR CR LF ending a field", GET + "X: a\r\r\n\r\n", 400),
                bad("leading NUL", "\u0000GET / HTTP/1.1\r\n" + H + "\r\n", 400),
                bad("leading SOH", "\u0001GET / HTTP/1.1\r\n" + H + "\r\n", 400),
                ok("leading CRLFs are skipped", "\r\n\r\nGET / HTTP/1.1\r\n" + H + "\r\n", "GET /?"),
                ok("leading bare LF is skipped", "\nGET / HTTP/1.1\r\n" + H + "\r\n", "GET /?"),
                // control characters in values (RFC 9110 §5.5)
                bad("NUL in value", GET + "X: a\u0000b\r\n\r\n", 400),
                bad("BEL in value", GET + "X: a\u0007b\r\n\r\n", 400),
                bad("DEL in value", GET + "X: a\u007fb\r\n\r\n", 400),
                bad("VT in value", GET + "X: a\u000bb\r\n\r\n", 400),
                bad("FF in value", GET + "X: a\u000cb\r\n\r\n", 400),
                bad("ESC in value", GET + "X: a\u001bb\r\n\r\n", 400),
                bad("pathological value is refused quickly", GET + "X: " + "\t ".repeat(2000) + "\u0001\r\n\r\n",
                        400),
                // field names (RFC 9112 §5.1)
                bad("FF after Transfer-Encoding", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding\u000c: chunked\r\n"
                        + "\r\n0\r\n\r\n", 400),
                bad("US before Content-Length", "POST / HTTP/1.1\r\n" + H + "\u001fContent-Length: 3\r\n\r\nabc", 400),
                bad("VT after Content-Length", "POST / HTTP/1.1\r\n" + H + "Content-Length\u000b: 3\r\n\r\nabc", 400),
                bad("field without colon", GET + "Foo\r\n\r\n", 400),
                bad("empty field name", GET + ": x\r\n\r\n", 400),
                bad("SP before colon", GET + "X : 1\r\n\r\n", 400),
                bad("SP inside a name", GET + "X Y: 1\r\n\r\n", 400),
                bad("( in a name", GET + "X(: 1\r\n\r\n", 400),
                bad("quote in a name", GET + "X\": 1\r\n\r\n", 400),
                bad("non-ASCII in a name", GET + "X\u00e9: 1\r\n\r\n", 400),
                bad("NUL in a name", GET + "X\u0000Y: 1\r\n\r\n", 400),
                bad("Host SP before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),
                bad("SP before the first field", "GET / HTTP/1.1\r\n Host: a\r\n\r\n", 400),
                bad("HTAB before the first field", "GET / HTTP/1.1\r\n\tHost: a\r\n\r\n", 400),
                // obs-fold (RFC 9112 §5.2)
                bad("obs-fold with SP", GET + "X: one\r\n two\r\n\r\n", 400),
                bad("obs-fold with HTAB", GET + "X: one\r\n\ttwo\r\n\r\n", 400),
                bad("obs-fold in Transfer-Encoding", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: gzip,\r\n chunked\r\n"
                        + "\r\n0\r\n\r\n", 400),
                bad("obs-fold in Host", "GET / HTTP/1.1\r\nHost: a\r\n b\r\n\r\n", 400),
                bad("obs-fold in Content-Length", "POST / HTTP/1.1\r\n" + H + "Content-Length: 3\r\n 3\r\n\r\nabc", 400),
                bad("obs-fold of an empty value", GET + "X:\r\n two\r\n\r\n", 400),
                bad("obs-fold in the 2nd request on a connection", GET + "\r\n" + GET + "X: one\r\n two\r\n\r\n", 200),
                bad("obs-fold after a chunked body", "POST / HTTP/1.1\r\n" + H
                        + "Transfer-Encoding: chunked\r\n\r\n2\r\n\r\n\r\n0\r\n\r\n" + GET + "X: a\r\n b\r\n\r\n", 200),
                // accepted syntax
                ok("obs-text in a value is kept as latin-1", GET + "X: caf\u00e9\r\n\r\n", "HTTP_X=caf\u00e9;"),
                ok("OWS around a value is trimmed", GET + "X: \t v \t\r\n\r\n", "HTTP_X=v;"),
                ok("empty value", GET + "X:\r\n\r\n", "HTTP_X=;"),
                ok("no space after colon", GET + "X:1\r\n\r\n", "HTTP_X=1;"),
                ok("inner SP and HTAB kept", GET + "X: a \tb\r\n\r\n", "HTTP_X=a \\x09b;"),
                ok("all tchar in a name", GET + "!#$%&'*+-.^`|~09az: 1\r\n\r\n", "HTTP_!#$%&'*+_.^`|~09AZ=1;"),
                ok("SP in the body is not a fold", "POST / HTTP/1.1\r\n" + H + "Content-Length: 4\r\n\r\n\r\n x",
                        "body=\\x0d\\x0a x"));
    }

    static Stream<Arguments> corpus() {
        return Corpus.crossed(cases(), Mode.values());
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("corpus")
    void corpus(Case c, Mode mode) throws Exception {
        if (c.name().startsWith("obs-fold in the 2nd") || c.name().startsWith("obs-fold after")) {
            twoAnswers(c, mode);
            return;
        }
        Corpus.run(f, c, mode);
    }

    /** The first request is served; the folded second one gets 400 and the connection closes. */
    private void twoAnswers(Case c, Mode mode) throws Exception {
        try (RawHttp client = new RawHttp(f.port())) {
            if (mode == Mode.BYTE_SPLIT) {
                client.sendSplit(c.raw());
            } else {
                client.send(c.raw());
            }
            assertThat(client.read().status()).isEqualTo(200);
            RawHttp.Response second = client.read();
            assertThat(second.status()).isEqualTo(400);
            assertThat(second.header("connection")).isEqualTo("close");
            assertThat(client.next(3000)).isEqualTo(RawHttp.After.EOF);
        }
    }

    @Test
    void aPathologicalValueIsParsedInBoundedTime() throws Exception {
        String raw = GET + "X: " + "\t ".repeat(4000) + "\u0001\r\n\r\n";
        long t0 = System.nanoTime();
        Corpus.run(f, bad("pathological value is refused in bounded time", raw, 400), Mode.ONE_WRITE);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1000);
    }

    @Test
    void allowObsFoldJoinsTheLinesWithOneSpace() throws Exception {
        try (Fixture lenient = new Fixture(ServerConfig.builder().allowObsFold(true))) {
            Corpus.run(lenient, ok("obs-fold allowed", GET + "X: one\r\n two\r\n\r\n", "HTTP_X=one two;"),
                    Mode.ONE_WRITE);
            Corpus.run(lenient, ok("obs-fold allowed, split", GET + "X: one\r\n\t two\r\n\r\n", "HTTP_X=one two;"),
                    Mode.BYTE_SPLIT);
        }
    }

    @Test
    void theDecoderStaysStrictWhateverTheSystemPropertiesSay() {
        String strict = "io.netty.handler.codec.http.defaultStrictLineParsing";
        String rfc9112 = "io.netty.handler.codec.http.rfc9112TransferEncoding";
        String oldStrict = System.getProperty(strict);
        String oldRfc = System.getProperty(rfc9112);
        System.setProperty(strict, "false");
        System.setProperty(rfc9112, "false");
        try {
            HttpDecoderConfig config = HardeningAccess.decoderConfig(ServerConfig.defaults());
            assertThat(config.isStrictLineParsing()).isTrue();
            assertThat(config.isUseRfc9112TransferEncoding()).isTrue();
            assertThat(config.isAllowDuplicateContentLengths()).isFalse();
            assertThat(config.isChunkedSupported()).isTrue();
            DefaultHttpHeadersFactory headers = (DefaultHttpHeadersFactory) config.getHeadersFactory();
            assertThat(headers.isValidatingHeaderNames()).isTrue();
            assertThat(headers.isValidatingHeaderValues()).isTrue();
            assertThat(config.getMaxInitialLineLength()).isEqualTo(8190);
            assertThat(config.getMaxHeaderSize()).isEqualTo(16 * 1024);
        } finally {
            restore(strict, oldStrict);
            restore(rfc9112, oldRfc);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
