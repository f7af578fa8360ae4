package dev.wsgi4j.netty.hardening;

import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.HardeningAccess;
import dev.wsgi4j.netty.RawHttp;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.SpoolDirs;
import dev.wsgi4j.netty.hardening.Corpus.Case;
import dev.wsgi4j.netty.hardening.Corpus.Fixture;
import dev.wsgi4j.netty.hardening.Corpus.Mode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.wsgi4j.netty.hardening.Corpus.H;
import static dev.wsgi4j.netty.hardening.Corpus.bad;
import static dev.wsgi4j.netty.hardening.Corpus.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Limits, each at the limit and one past it (SPEC.md §6.5, with its defaults; SECURITY.md "Exhaustion"). The header
 * limits run on the defaults; body, connection and per-connection limits on small configured values (plus the
 * 1 GiB default body limit, declared only).
 */
class LimitsCorpusTest {

    private static final int LINE = 8190;
    private static final int FIELD = 8190;
    private static final int FIELDS = 100;
    private static final int BLOCK = 16 * 1024;
    private static final int BODY = 64 * 1024;

    private static Fixture f;

    @BeforeAll
    static void start() throws InterruptedException {
        f = new Fixture(ServerConfig.builder().maxBodySize(BODY));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** A request line of exactly {@code length} bytes (without CRLF). */
    private static String requestLine(int length) {
        String fixed = "GET / HTTP/1.1";
        return "GET /" + "a".repeat(length - fixed.length()) + " HTTP/1.1";
    }

    /** A field line {@code X-L: vvv} of exactly {@code length} bytes (without CRLF). */
    private static String field(String name, int length) {
        return name + ": " + "v".repeat(length - name.length() - 2);
    }

    /** {@code count} fields in all, Host included. */
    private static String fields(int count) {
        StringBuilder b = new StringBuilder(H);
        for (int i = 1; i < count; i++) {
            b.append("X-").append(i).append(": 1\r\n");
        }
        return b.toString();
    }

    /** A header block whose field lines (without CRLFs) add up to exactly {@code total} bytes. */
    private static String block(int total) {
        StringBuilder b = new StringBuilder("Host: a\r\n");
        int left = total - "Host: a".length();
        for (int i = 0; left > 0; i++) {
            int len = Math.min(4000, left);
            if (left - len > 0 && left - len < 10) {
                len -= 10;
            }
            b.append(field("X-" + (char) ('a' + i), len)).append("\r\n");
            left -= len;
        }
        return b.toString();
    }

    static List<Case> cases() {
        assertThat(requestLine(LINE)).hasSize(LINE);
        List<Case> cases = new ArrayList<>(List.of(
                ok("request line at the limit (8190)", requestLine(LINE) + "\r\n" + H + "\r\n"),
                bad("request line one past the limit (8191)", requestLine(LINE + 1) + "\r\n" + H + "\r\n", 414),
                bad("request line far past the limit", requestLine(20_000) + "\r\n" + H + "\r\n", 414),
                ok("field line at the limit (8190)", "GET / HTTP/1.1\r\n" + H + field("X-L", FIELD) + "\r\n\r\n"),
                bad("field line one past the limit (8191)", "GET / HTTP/1.1\r\n" + H + field("X-L", FIELD + 1)
                        + "\r\n\r\n", 431),
                ok("field count at the limit (100)", "GET / HTTP/1.1\r\n" + fields(FIELDS) + "\r\n"),
                bad("field count one past the limit (101)", "GET / HTTP/1.1\r\n" + fields(FIELDS + 1) + "\r\n", 431),
                bad("1000 small fields", "GET / HTTP/1.1\r\n" + fields(1000) + "\r\n", 431),
                ok("header block at the limit (16 KiB)", "GET / HTTP/1.1\r\n" + block(BLOCK) + "\r\n"),
                bad("header block one past the limit", "GET / HTTP/1.1\r\n" + block(BLOCK + 1) + "\r\n", 431),
                ok("body at the limit", "POST / HTTP/1.1\r\n" + H + "Content-Length: " + BODY + "\r\n\r\n"
                        + "b".repeat(BODY), "CONTENT_LENGTH=" + BODY + ";"),
                bad("body one past the limit, declared", "POST / HTTP/1.1\r\n" + H + "Content-Length: " + (BODY + 1)
                        + "\r\n\r\n" + "b".repeat(BODY + 1), 413),
                bad("huge declared body, never sent", "POST / HTTP/1.1\r\n" + H
                        + "Content-Length: 2000000000\r\n\r\n", 413),
                bad("Expect 100-continue over the limit gets 413, never 100", "POST / HTTP/1.1\r\n" + H
                        + "Expect: 100-continue\r\nContent-Length: " + (BODY + 1) + "\r\n\r\n", 413),
                ok("chunked body at the limit", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(BODY) + "\r\n" + "c".repeat(BODY) + "\r\n0\r\n\r\n",
                        "CONTENT_LENGTH=" + BODY + ";"),
                bad("chunked body one past the limit", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(BODY) + "\r\n" + "c".repeat(BODY) + "\r\n1\r\nc\r\n0\r\n\r\n", 413),
                bad("chunk-size line over the line limit", "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n"
                        + "1;" + "e".repeat(LINE) + "\r\nc\r\n0\r\n\r\n", 400)));
        return cases;
    }

    static Stream<Arguments> corpus() {
        return Corpus.crossed(cases(), Mode.ONE_WRITE, Mode.AFTER_KEEPALIVE);
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("corpus")
    void corpus(Case c, Mode mode) throws Exception {
        Corpus.run(f, c, mode);
    }

    @Test
    void theDefaultBodyLimitIsOneGibibyteAndIsAnsweredFromTheHeaders() throws Exception {
        assertThat(ServerConfig.defaults().maxBodySize()).isEqualTo(1L << 30);
        try (Fixture defaults = new Fixture(ServerConfig.builder())) {
            Corpus.run(defaults, bad("1 GiB + 1 declared", "POST / HTTP/1.1\r\n" + H + "Content-Length: "
                    + ((1L << 30) + 1) + "\r\n\r\n", 413), Mode.ONE_WRITE);
            try (RawHttp client = new RawHttp(defaults.port())) {
                // Exactly 1 GiB declared is accepted: 100-continue, not 413.
                RawHttp.Response r = client.send("POST / HTTP/1.1\r\n" + H + "Expect: 100-continue\r\n"
                        + "Content-Length: " + (1L << 30) + "\r\n\r\n").read();
                assertThat(r.status()).isEqualTo(100);
            }
        }
    }

    @Test
    void expectWithinTheLimitGets100ThenTheAnswer() throws Exception {
        try (RawHttp client = new RawHttp(f.port())) {
            client.send("POST / HTTP/1.1\r\n" + H + "Expect: 100-continue\r\nContent-Length: 3\r\n\r\n");
            assertThat(client.read().status()).isEqualTo(100);
            RawHttp.Response r = client.send("abc").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.latin1()).contains("body=abc");
        }
    }

    @Test
    void bodiesOverHalfAMebibyteAreSpooledAndTheFileIsGoneAfterwards(@TempDir Path spool) throws Exception {
        ServerConfig.Builder config = ServerConfig.builder().spoolDirectory(spool);
        assertThat(config.build().inMemoryBodySize()).isEqualTo(512 * 1024);
        try (Fixture server = new Fixture(config, (env, sr) -> {
            long files;
            try (Stream<Path> list = Files.list(spool)) {
                files = list.count();
            }
            byte[] body = Environ.input(env).readAllBytes();
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of(("files=" + files + " length=" + body.length).getBytes(StandardCharsets.US_ASCII));
        })) {
            int limit = 512 * 1024;
            try (RawHttp client = new RawHttp(server.port())) {
                for (int size : new int[] {limit, limit + 1}) {
                    client.send("POST / HTTP/1.1\r\n" + H + "Content-Length: " + size + "\r\n\r\n" + "s".repeat(size));
                    RawHttp.Response r = client.read();
                    assertThat(r.latin1()).isEqualTo("files=" + (size > limit ? 1 : 0) + " length=" + size);
                }
            }
            SpoolDirs.awaitEmpty(spool);
        }
    }

    @Test
    void requestsPerConnectionAtTheLimitThenClose() throws Exception {
        assertThat(ServerConfig.defaults().maxRequestsPerConnection()).isEqualTo(1000);
        try (Fixture server = new Fixture(ServerConfig.builder().maxRequestsPerConnection(3));
                RawHttp client = new RawHttp(server.port())) {
            for (int i = 1; i <= 3; i++) {
                RawHttp.Response r = client.send("GET /" + i + " HTTP/1.1\r\n" + H + "\r\n").read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("connection")).isEqualTo(i < 3 ? null : "close");
            }
            // The 4th request (limit + 1) is never served on this connection.
            assertThat(client.next(3000)).isEqualTo(RawHttp.After.EOF);
        }
    }

    @Test
    void connectionsAtTheLimitAreServedOnePastWaitsUntilOthersClose() throws Exception {
        assertThat(ServerConfig.defaults().maxConnections()).isEqualTo(1000);
        int max = 10;
        try (Fixture server = new Fixture(ServerConfig.builder().maxConnections(max).idleTimeout(
                java.time.Duration.ofSeconds(30)))) {
            List<RawHttp> clients = new ArrayList<>();
            try {
                for (int i = 0; i < max; i++) {
                    RawHttp c = new RawHttp(server.port());
                    clients.add(c);
                    assertThat(c.send("GET /" + i + " HTTP/1.1\r\n" + H + "\r\n").read().status()).isEqualTo(200);
                }
                RawHttp extra = new RawHttp(server.port(), 500);
                clients.add(extra);
                extra.send("GET /extra HTTP/1.1\r\n" + H + "\r\n");
                assertThat(extra.next(500)).as("limit + 1 is not served").isEqualTo(RawHttp.After.SILENCE);
                // Closing one leaves 9 open: still not below 90 % of 10, so accepting stays off.
                clients.remove(0).close();
                assertThat(extra.next(500)).isEqualTo(RawHttp.After.SILENCE);
                // Closing a second one (8 open) resumes accepting; the waiting client is served.
                clients.remove(0).close();
                extra.socket().setSoTimeout(5000);
                RawHttp.Response r = extra.read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.latin1()).startsWith("GET /extra?");
            } finally {
                for (RawHttp c : clients) {
                    c.close();
                }
            }
        }
    }

    @Test
    void twoHundredPipelinedRequestsInOneWriteAreAnsweredInOrder() throws Exception {
        StringBuilder raw = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            raw.append("GET /").append(i).append(" HTTP/1.1\r\n").append(H).append("\r\n");
        }
        try (RawHttp client = new RawHttp(f.port())) {
            client.send(raw.toString());
            for (int i = 0; i < 200; i++) {
                RawHttp.Response r = client.read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.latin1()).startsWith("GET /" + i + "?");
            }
            assertThat(client.send(Corpus.SYNC).read().latin1()).startsWith("GET /__sync?");
        }
    }

    @Test
    void openConnectionsReturnToZero() throws Exception {
        try (RawHttp client = new RawHttp(f.port())) {
            assertThat(client.send(Corpus.SYNC).read().status()).isEqualTo(200);
            assertThat(HardeningAccess.openConnections(f.server)).isPositive();
        }
        // Every client of this class has closed; the server sees each close (a lingering close ends within its
        // own bound), so the count must reach zero. The deadline is generous for a loaded machine.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (HardeningAccess.openConnections(f.server) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(HardeningAccess.openConnections(f.server)).isZero();
    }
}
