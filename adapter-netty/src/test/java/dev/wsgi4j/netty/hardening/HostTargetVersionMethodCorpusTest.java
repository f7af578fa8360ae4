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
import static dev.wsgi4j.netty.hardening.Corpus.okClosed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Host, request-target, version and method (RFC 9112 §3, §3.2; SPEC.md §6.5, the 400, 501 and 505 rows; SECURITY.md
 * "Host and target" and "Header spoofing"), and how repeated and underscore header names reach the environ
 * (SPEC.md §3.6).
 */
class HostTargetVersionMethodCorpusTest {

    private static Fixture f;

    @BeforeAll
    static void start() throws InterruptedException {
        f = new Fixture(ServerConfig.builder());
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\n" + H + "\r\n";
    }

    static List<Case> cases() {
        return List.of(
                // Host (RFC 9112 §3.2)
                bad("HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", 400),
                bad("HTTP/1.1 without Host, with other fields", "GET / HTTP/1.1\r\nX: 1\r\n\r\n", 400),
                bad("two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
                bad("the same Host twice", "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", 400),
                bad("two Hosts on HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", 400),
                bad("Host with SP", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400),
                bad("Host with path", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400),
                bad("Host with userinfo", "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", 400),
                bad("Host port out of range", "GET / HTTP/1.1\r\nHost: a:99999\r\n\r\n", 400),
                bad("Host unclosed IPv6", "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", 400),
                bad("Host port not a number", "GET / HTTP/1.1\r\nHost: a:80x\r\n\r\n", 400),
                bad("Host negative port", "GET / HTTP/1.1\r\nHost: a:-1\r\n\r\n", 400),
                bad("Host junk after IPv6", "GET / HTTP/1.1\r\nHost: [::1]x\r\n\r\n", 400),
                bad("Host with HTAB", "GET / HTTP/1.1\r\nHost: a\tb\r\n\r\n", 400),
                bad("Host with query", "GET / HTTP/1.1\r\nHost: a?b\r\n\r\n", 400),
                bad("Host with fragment", "GET / HTTP/1.1\r\nHost: a#b\r\n\r\n", 400),
                bad("Host with backslash", "GET / HTTP/1.1\r\nHost: a\\b\r\n\r\n", 400),
                bad("Host invalid on HTTP/1.0", "GET / HTTP/1.0\r\nHost: a b\r\n\r\n", 400),
                ok("Host with port", "GET / HTTP/1.1\r\nHost: a.test:8080\r\n\r\n",
                        "SERVER_NAME=a.test;\nSERVER_PORT=8080;"),
                ok("Host IPv6 with port", "GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n",
                        "SERVER_NAME=[::1];\nSERVER_PORT=8080;"),
                ok("Host IPv4", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "SERVER_NAME=127.0.0.1;\nSERVER_PORT=80;"),
                ok("Host empty value", "GET / HTTP/1.1\r\nHost:\r\n\r\n", "SERVER_NAME=127.0.0.1;"),
                okClosed("HTTP/1.0 without Host", "GET / HTTP/1.0\r\n\r\n", "SERVER_NAME=127.0.0.1;"),
                // request-target (RFC 9112 §3.2)
                ok("absolute-form uses its authority", "GET http://x.test:8080/p?q HTTP/1.1\r\nHost: y\r\n\r\n",
                        "GET /p?q\nSERVER_NAME=x.test;\nSERVER_PORT=8080;"),
                ok("absolute-form without path", "GET http://x.test HTTP/1.1\r\nHost: y\r\n\r\n",
                        "GET /?\nSERVER_NAME=x.test;\nSERVER_PORT=80;"),
                ok("absolute-form HTTPS upper-case scheme", "GET HTTPS://x.test/a HTTP/1.1\r\n" + H + "\r\n",
                        "GET /a?\nSERVER_NAME=x.test;"),
                bad("absolute-form with userinfo", get("http://u@x.test/"), 400),
                bad("absolute-form other scheme", get("ftp://x.test/"), 400),
                bad("absolute-form empty host", get("http:///p"), 400),
                bad("absolute-form port out of range", get("http://x.test:99999/"), 400),
                bad("target with NUL", get("/a\u0000b"), 400),
                bad("target with SOH", get("/a\u0001b"), 400),
                bad("target with DEL", get("/a\u007fb"), 400),
                bad("target with raw e-acute", get("/caf\u00e9"), 400),
                bad("target with raw 0xff", get("/a\u00ffb"), 400),
                bad("empty target", "GET  HTTP/1.1\r\n" + H + "\r\n", 400),
                bad("target with SP", "GET /a b HTTP/1.1\r\n" + H + "\r\n", 400),
                bad("relative target", get("foo/bar"), 400),
                bad("asterisk on GET", get("*"), 400),
                bad("asterisk on POST", "POST * HTTP/1.1\r\n" + H + "Content-Length: 0\r\n\r\n", 400),
                bad("authority-form on GET", get("example.com:443"), 400),
                bad("fragment", get("/a#frag"), 400),
                bad("query-only target", get("?q"), 400),
                bad("CONNECT with origin-form", "CONNECT / HTTP/1.1\r\n" + H + "\r\n", 400),
                bad("CONNECT with authority-form (no tunnel)", "CONNECT example.com:443 HTTP/1.1\r\n"
                        + "Host: example.com:443\r\n\r\n", 501),
                bad("CONNECT authority without port", "CONNECT example.com HTTP/1.1\r\nHost: example.com\r\n\r\n", 400),
                bad("malformed percent-escape", get("/a%zz"), 400),
                bad("truncated percent-escape", get("/a%2"), 400),
                bad("percent at end", get("/a%"), 400),
                ok("OPTIONS asterisk", "OPTIONS * HTTP/1.1\r\n" + H + "\r\n", "OPTIONS ?"),
                ok("OPTIONS origin-form", "OPTIONS /x HTTP/1.1\r\n" + H + "\r\n", "OPTIONS /x?"),
                ok("encoded slash is decoded, no truncation at NUL", get("/a%2Fb%00c"), "GET /a/b\\x00c?"),
                ok("double slash", get("//x"), "GET //x?"),
                ok("query with encoded chars kept raw", get("/p?a=%20b&c"), "GET /p?a=%20b&c\n"),
                ok("sub-delims and colon in path", get("/a:b;c=d,e!$&'()*+"), "GET /a:b;c=d,e!$&'()*+?"),
                // version (RFC 9112 §2.3)
                bad("HTTP/2.0", "GET / HTTP/2.0\r\n" + H + "\r\n", 505),
                bad("HTTP/3.0", "GET / HTTP/3.0\r\n" + H + "\r\n", 505),
                bad("HTTP/0.9 spelled out", "GET / HTTP/0.9\r\n" + H + "\r\n", 505),
                bad("HTTP/9.9", "GET / HTTP/9.9\r\n" + H + "\r\n", 505),
                bad("lower-case http/1.1", "GET / http/1.1\r\n" + H + "\r\n", 400),
                bad("mixed-case Http/1.1", "GET / Http/1.1\r\n" + H + "\r\n", 400),
                bad("HTTP/1.10", "GET / HTTP/1.10\r\n" + H + "\r\n", 400),
                bad("HTTP/111", "GET / HTTP/111\r\n" + H + "\r\n", 400),
                bad("HTTP/1", "GET / HTTP/1\r\n" + H + "\r\n", 400),
                bad("FTP/1.1", "GET / FTP/1.1\r\n" + H + "\r\n", 400),
                bad("missing version (HTTP/0.9)", "GET /\r\n\r\n", 400),
                bad("trailing SP after version", "GET / HTTP/1.1 \r\n" + H + "\r\n", 400),
                bad("junk after version", "GET / HTTP/1.1 x\r\n" + H + "\r\n", 400),
                ok("HTTP/1.2 is served as HTTP/1.1", "GET / HTTP/1.2\r\n" + H + "\r\n",
                        "SERVER_PROTOCOL=HTTP/1.1;"),
                // method (RFC 9112 §3.1)
                bad("method GE:T", "GE:T / HTTP/1.1\r\n" + H + "\r\n", 400),
                bad("method GET NUL", "GET\u0000 / HTTP/1.1\r\n" + H + "\r\n", 400),
                bad("method bla:rgh", "bla:rgh / HTTP/1.1\r\n" + H + "\r\n", 400),
                bad("method with DEL", "GE\u007fT / HTTP/1.1\r\n" + H + "\r\n", 400),
                bad("method with (", "GE(T / HTTP/1.1\r\n" + H + "\r\n", 400),
                bad("method with non-ASCII", "G\u00c9T / HTTP/1.1\r\n" + H + "\r\n", 400),
                bad("leading SP before the request line", " GET / HTTP/1.1\r\n" + H + "\r\n", 400),
                bad("leading HTAB before the request line", "\tGET / HTTP/1.1\r\n" + H + "\r\n", 400),
                ok("lower-case method reaches the app", "get / HTTP/1.1\r\n" + H + "\r\n", "get /?"),
                ok("token method -bl reaches the app", "-bl / HTTP/1.1\r\n" + H + "\r\n", "-bl /?"),
                ok("extension method", "PURGE /x HTTP/1.1\r\n" + H + "\r\n", "PURGE /x?"),
                ok("HTAB between request-line parts", "GET\t/t\tHTTP/1.1\r\n" + H + "\r\n", "GET /t?"),
                // header mapping (SPEC.md §3.6)
                ok("underscore header cannot pose as a dash header", "GET / HTTP/1.1\r\n" + H
                        + "X-Forwarded-For: 1.1.1.1\r\nX_Forwarded_For: 6.6.6.6\r\n\r\n", "HTTP_X_FORWARDED_FOR=1.1.1.1;\n"),
                ok("repeated Content-Type is joined", "GET / HTTP/1.1\r\n" + H
                        + "Content-Type: a\r\nContent-Type: b\r\n\r\n", "CONTENT_TYPE=a, b;"),
                ok("cookies joined with semicolon, others with comma", "GET / HTTP/1.1\r\n" + H
                        + "Cookie: a=1\r\nAccept: x\r\nCookie: b=2\r\nAccept: y\r\n\r\n",
                        "HTTP_ACCEPT=x, y;\nHTTP_COOKIE=a=1; b=2;"));
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
    void anHttp12RequestIsAnsweredWithAnHttp11StatusLine() throws Exception {
        try (RawHttp client = new RawHttp(f.port())) {
            RawHttp.Response r = client.send("GET / HTTP/1.2\r\n" + H + "\r\n").read();
            assertThat(r.statusLine()).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void allowMissingHostServesAnHttp11RequestWithoutHost() throws Exception {
        try (Fixture lenient = new Fixture(ServerConfig.builder().allowMissingHost(true))) {
            Corpus.run(lenient, ok("no Host, allowMissingHost", "GET / HTTP/1.1\r\n\r\n", "SERVER_NAME=127.0.0.1;"),
                    Mode.ONE_WRITE);
            Corpus.run(lenient, bad("two Hosts, allowMissingHost", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
                    Mode.ONE_WRITE);
        }
    }
}
