package dev.wsgi4j.netty.hardening;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.RawHttp;
import dev.wsgi4j.netty.ServerConfig;
import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The corpus machinery shared by the category classes: the case record, the echo application, the runner. */
final class Corpus {

    private Corpus() {
    }

    /** {@code Host: a\r\n}. */
    static final String H = "Host: a\r\n";

    /** What the connection must do after the case's answer. */
    enum Conn {
        /** {@code Connection: close}, then EOF: nothing after the bad bytes is ever parsed. */
        CLOSED,
        /** Still open and in sync: a follow-up request on it gets exactly its own answer. */
        IN_SYNC
    }

    /** How the raw bytes go out. */
    enum Mode {
        ONE_WRITE,
        /** After a valid keep-alive request on the same connection. */
        AFTER_KEEPALIVE,
        /** One byte per write: every buffer boundary of the server's scanners. */
        BYTE_SPLIT
    }

    /**
     * One corpus case.
     *
     * @param expect a substring the answer's body must contain (the echo application's report), or null
     */
    record Case(String name, byte[] raw, int status, Conn conn, String expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case bad(String name, String raw, int status) {
        return new Case(name, bytes(raw), status, Conn.CLOSED, null);
    }

    static Case ok(String name, String raw) {
        return new Case(name, bytes(raw), 200, Conn.IN_SYNC, null);
    }

    static Case ok(String name, String raw, String expect) {
        return new Case(name, bytes(raw), 200, Conn.IN_SYNC, expect);
    }

    static Case okClosed(String name, String raw, String expect) {
        return new Case(name, bytes(raw), 200, Conn.CLOSED, expect);
    }

    static byte[] bytes(String raw) {
        return raw.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Cases crossed with modes; cases longer than {@code splitMax} bytes are not byte-split (time). */
    static Stream<Arguments> crossed(List<Case> cases, Mode... modes) {
        List<Arguments> out = new ArrayList<>();
        for (Case c : cases) {
            for (Mode m : modes) {
                if (m == Mode.BYTE_SPLIT && c.raw().length > 2048) {
                    continue;
                }
                out.add(Arguments.of(c, m));
            }
        }
        return out.stream();
    }

    /**
     * Answers 200 with a report of what it saw: the request line, server address, selected environ keys, every
     * HTTP_* key, and the body. Control characters are shown as {@code \xHH}. Counts its calls.
     */
    static final class EchoApp implements Application {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Iterable<byte[]> call(Map<String, Object> env, dev.wsgi4j.StartResponse sr) throws Exception {
            calls.incrementAndGet();
            byte[] body = Environ.input(env).readAllBytes();
            StringBuilder report = new StringBuilder();
            report.append(env.get(Environ.REQUEST_METHOD)).append(' ').append(show(Environ.pathInfo(env)))
                    .append('?').append(Environ.queryString(env)).append('\n');
            for (String key : List.of("SERVER_NAME", "SERVER_PORT", "SERVER_PROTOCOL", "CONTENT_LENGTH",
                    "CONTENT_TYPE")) {
                report.append(key).append('=').append(show(String.valueOf(env.get(key)))).append(";\n");
            }
            for (Map.Entry<String, Object> e : new TreeMap<>(env).entrySet()) {
                if (e.getKey().startsWith("HTTP_")) {
                    report.append(e.getKey()).append('=').append(show(String.valueOf(e.getValue()))).append(";\n");
                }
            }
            report.append("body=").append(show(new String(body, StandardCharsets.ISO_8859_1))).append('\n');
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of(report.toString().getBytes(StandardCharsets.ISO_8859_1));
        }

        private static String show(String s) {
            StringBuilder b = new StringBuilder();
            for (char c : s.toCharArray()) {
                if (c < 0x20 || c == 0x7f) {
                    b.append(String.format("\\x%02x", (int) c));
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
    }

    /** One server per test class. */
    static final class Fixture implements AutoCloseable {
        final EchoApp app = new EchoApp();
        final GatewayServer server;

        Fixture(ServerConfig.Builder config) throws InterruptedException {
            this(config, null);
        }

        Fixture(ServerConfig.Builder config, Application app) throws InterruptedException {
            this.server = new GatewayServer(app != null ? app : this.app, config.port(0).build()).start();
        }

        int port() {
            return server.port();
        }

        @Override
        public void close() {
            server.stop(Duration.ofSeconds(1));
        }
    }

    static final String SYNC = "GET /__sync HTTP/1.1\r\nHost: sync\r\n\r\n";

    /** Runs one case and asserts status, connection expectation, and that a refused request never reached the app. */
    static void run(Fixture f, Case c, Mode mode) throws IOException {
        try (RawHttp client = new RawHttp(f.port())) {
            if (mode == Mode.AFTER_KEEPALIVE) {
                RawHttp.Response before = client.send("GET /__before HTTP/1.1\r\nHost: b\r\n\r\n").read();
                assertThat(before.status()).isEqualTo(200);
                assertThat(before.latin1()).startsWith("GET /__before?");
            }
            int callsBefore = f.app.calls.get();
            if (mode == Mode.BYTE_SPLIT) {
                client.sendSplit(c.raw());
            } else {
                client.send(c.raw());
            }
            RawHttp.Response r = client.read();
            assertThat(r.status()).as("%s: status (%s)", c.name(), r.latin1()).isEqualTo(c.status());
            assertThat(r.complete()).as("%s: whole answer", c.name()).isTrue();
            if (c.expect() != null) {
                assertThat(r.latin1()).as("%s: report", c.name()).contains(c.expect());
            }
            if (c.conn() == Conn.CLOSED) {
                assertThat(r.header("connection")).as("%s: Connection header", c.name()).isEqualTo("close");
                assertThat(client.next(3000)).as("%s: closed after the answer, nothing more", c.name())
                        .isEqualTo(RawHttp.After.EOF);
            } else {
                assertThat(r.header("connection")).as("%s: Connection header", c.name()).isNull();
                RawHttp.Response sync = client.send(SYNC).read();
                assertThat(sync.status()).as("%s: follow-up", c.name()).isEqualTo(200);
                assertThat(sync.latin1()).as("%s: follow-up gets its own answer", c.name())
                        .startsWith("GET /__sync?").contains("HTTP_HOST=sync;");
            }
            int calls = f.app.calls.get() - callsBefore - (c.conn() == Conn.IN_SYNC ? 1 : 0);
            if (c.status() >= 400) {
                assertThat(calls).as("%s: the application is never called for a refused request", c.name())
                        .isZero();
            } else {
                assertThat(calls).as("%s: exactly one application call", c.name()).isEqualTo(1);
            }
        }
    }
}
