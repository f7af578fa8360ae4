package dev.wsgi4j.netty.hardening;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.HardeningAccess;
import dev.wsgi4j.netty.RawHttp;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.SpoolDirs;
import dev.wsgi4j.netty.hardening.Corpus.Fixture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.wsgi4j.netty.hardening.Corpus.H;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection management: lingering close after errors, half-close, disconnects mid-request and mid-response,
 * abrupt disconnects in bulk (SPEC.md §6.5 on lingering close, §6.6 on half-close; RFC 9112 §9.6).
 */
class ConnectionManagementTest {

    @TempDir
    static Path spool;

    private static final CountDownLatch STREAM_CLOSED = new CountDownLatch(1);
    private static final CountDownLatch STREAM_STARTED = new CountDownLatch(1);
    private static Fixture f;

    @BeforeAll
    static void start() throws InterruptedException {
        Corpus.EchoApp echo = new Corpus.EchoApp();
        Application app = (env, sr) -> {
            if ("/stream".equals(env.get("PATH_INFO"))) {
                sr.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
                STREAM_STARTED.countDown();
                return new TimeoutsTest.EndlessBody(STREAM_CLOSED);
            }
            return echo.call(env, sr);
        };
        f = new Fixture(ServerConfig.builder().maxBodySize(4 * 1024 * 1024).spoolDirectory(spool), app);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theClientReadsTheWholeErrorAnswerWhileStillSendingItsBody() throws Exception {
        try (RawHttp client = new RawHttp(f.port())) {
            client.send("POST / HTTP/1.1\r\n" + H + "Content-Length: 8000000\r\n\r\n");
            Thread writer = new Thread(() -> {
                byte[] piece = new byte[8192];
                try {
                    OutputStream out = client.socket().getOutputStream();
                    for (int i = 0; i < 200; i++) {
                        out.write(piece);
                    }
                } catch (IOException expected) {
                    // the server closes after its lingering drain
                }
            });
            writer.start();
            RawHttp.Response r = client.read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.complete()).isTrue();
            assertThat(r.latin1()).contains("413");
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(client.next(5000)).isEqualTo(RawHttp.After.EOF);
            writer.join(5000);
        }
    }

    @Test
    void aHalfClosedClientStillGetsItsAnswerThenTheConnectionCloses() throws Exception {
        try (RawHttp client = new RawHttp(f.port())) {
            client.send("GET /half HTTP/1.1\r\n" + H + "\r\n");
            client.halfClose();
            RawHttp.Response r = client.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.latin1()).startsWith("GET /half?");
            assertThat(client.next(3000)).isEqualTo(RawHttp.After.EOF);
        }
    }

    @Test
    void aHalfClosedClientGetsEveryPipelinedAnswer() throws Exception {
        try (RawHttp client = new RawHttp(f.port())) {
            client.send("GET /1 HTTP/1.1\r\n" + H + "\r\nGET /2 HTTP/1.1\r\n" + H + "\r\n");
            client.halfClose();
            assertThat(client.read().latin1()).startsWith("GET /1?");
            assertThat(client.read().latin1()).startsWith("GET /2?");
            assertThat(client.next(3000)).isEqualTo(RawHttp.After.EOF);
        }
    }

    @Test
    void aClientThatDisconnectsMidBodyLeavesNoSpoolFileBehind() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", f.port())) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(ascii("POST / HTTP/1.1\r\n" + H + "Content-Length: 3000000\r\n\r\n"));
            out.write(new byte[1024 * 1024]);
            out.flush();
            for (int i = 0; i < 100 && isEmpty(spool); i++) {
                Thread.sleep(20);
            }
            assertThat(isEmpty(spool)).as("the body is being spooled").isFalse();
            socket.setSoLinger(true, 0); // RST
        }
        SpoolDirs.awaitEmpty(spool);
    }

    @Test
    void aClientThatDisconnectsMidResponseHasTheBodyClosed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", f.port())) {
            socket.setSoTimeout(2000);
            socket.getOutputStream().write(ascii("GET /stream HTTP/1.1\r\n" + H + "\r\n"));
            assertThat(STREAM_STARTED.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(socket.getInputStream().readNBytes(100_000)).hasSize(100_000);
            socket.setSoLinger(true, 0);
        }
        assertThat(STREAM_CLOSED.await(5, TimeUnit.SECONDS)).as("the body's close() ran").isTrue();
    }

    @Test
    void fiveHundredAbruptDisconnectsInARowLeaveTheServerServing() throws Exception {
        String[] partial = {
            "",
            "GET / HTTP/1.1\r\nHo",
            "POST / HTTP/1.1\r\n" + H + "Content-Length: 100\r\n\r\nabc",
            "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n5\r\nab",
            "GET / HTTP/1.1\r\n" + H + "\r\n",
            "POST / HTTP/1.1\r\n" + H + "Content-Length: 700000\r\n\r\n" + "x".repeat(600_000),
            "GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n",
        };
        for (int i = 0; i < 500; i++) {
            try (Socket socket = new Socket("127.0.0.1", f.port())) {
                socket.setSoTimeout(1000);
                String raw = partial[i % partial.length];
                if (!raw.isEmpty()) {
                    socket.getOutputStream().write(ascii(raw));
                    socket.getOutputStream().flush();
                }
                socket.setSoLinger(true, 0); // RST on close
            }
        }
        try (RawHttp client = new RawHttp(f.port())) {
            assertThat(client.send("GET /health HTTP/1.1\r\n" + H + "\r\n").read().latin1()).startsWith("GET /health?");
        }
        for (int i = 0; i < 100 && HardeningAccess.openConnections(f.server) > 0; i++) {
            Thread.sleep(50);
        }
        assertThat(HardeningAccess.openConnections(f.server)).as("connections released").isZero();
        SpoolDirs.awaitEmpty(spool);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.findAny().isEmpty();
        }
    }
}
