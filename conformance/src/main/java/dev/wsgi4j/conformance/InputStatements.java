package dev.wsgi4j.conformance;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** PEP 3333, "Input and Error Streams" and "Other HTTP Features": wsgi.input and wsgi.errors (B15-B22). */
public abstract class InputStatements extends Statements {

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    @DisplayName("P3333-IN-01 wsgi.input supports read(size), readline(), readlines(hint) and iteration (lines())")
    void inputOffersEveryReadingMethod() throws Exception {
        Application reader = (environ, start) -> {
            WsgiInput in = Environ.input(environ);
            List<String> parts = new ArrayList<>();
            parts.add(latin1(in.readNBytes(4)));
            parts.add(latin1(in.readLine()));
            in.readLines(1).forEach(line -> parts.add(latin1(line)));
            for (byte[] line : in.lines()) {
                parts.add(latin1(line));
            }
            return KitApps.respond(start, String.join("|", parts));
        };

        TestResponse r = send(reader, TestRequest.post("/", KitApps.utf8("line one\nline two\nline three\nlast")));

        assertThat(r.text()).isEqualTo("line| one\n|line two\n|line three\n|last");
    }

    @Test
    @DisplayName("P3333-IN-02 Reading past CONTENT_LENGTH gives end-of-file, not a block")
    void readingPastTheLengthGivesEndOfFile() throws Exception {
        Application greedy = (environ, start) -> {
            WsgiInput in = Environ.input(environ);
            String body = latin1(in.readNBytes(10));
            return KitApps.respond(start, body + "|" + in.read() + "|" + in.read(new byte[8]) + "|"
                    + in.readLine().length);
        };

        assertThat(send(greedy, TestRequest.post("/", KitApps.utf8("hello"))).text()).isEqualTo("hello|-1|-1|0");
    }

    @Test
    @DisplayName("P3333-IN-02 (keep-alive) Reading past CONTENT_LENGTH never returns the next request's bytes")
    void readingPastTheLengthNeverReachesTheNextRequest() throws Exception {
        assumeCapable(Capability.SOCKET, "the next request on a connection needs a connection");
        Application greedy = (environ, start) ->
                KitApps.respond(start, latin1(Environ.input(environ).readNBytes(64)) + "|"
                        + environ.get(Environ.PATH_INFO));

        try (RunningServer running = start(greedy); RawConnection c = RawConnection.open(running.address())) {
            c.send("POST /first HTTP/1.1\r\nHost: kit\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /second HTTP/1.1\r\nHost: kit\r\nConnection: close\r\n\r\n");
            assertThat(latin1(c.read(false).body())).isEqualTo("hello|/first");
            assertThat(latin1(c.read(false).body())).isEqualTo("|/second");
        }
    }

    @Test
    @DisplayName("P3333-IN-03 read() with no size returns the rest; an exhausted stream returns empty reads")
    void readAllThenEmpty() throws Exception {
        Application reader = (environ, start) -> {
            WsgiInput in = Environ.input(environ);
            return KitApps.respond(start, latin1(in.readNBytes(2)) + "|" + latin1(in.readAllBytes()) + "|"
                    + in.readAllBytes().length + "|" + in.read(new byte[4], 0, 4));
        };

        assertThat(send(reader, TestRequest.post("/", KitApps.utf8("hello"))).text()).isEqualTo("he|llo|0|-1");
    }

    @Test
    @DisplayName("P3333-IN-04 readline(size) honours its size")
    void readLineHonoursItsSize() throws Exception {
        Application reader = (environ, start) -> {
            WsgiInput in = Environ.input(environ);
            return KitApps.respond(start, latin1(in.readLine(4)) + "|" + latin1(in.readLine(100)) + "|"
                    + latin1(in.readLine(2)) + "|" + latin1(in.readLine()) + "|" + in.readLine().length);
        };

        assertThat(send(reader, TestRequest.post("/", KitApps.utf8("abcdefghij\nrest"))).text())
                .isEqualTo("abcd|efghij\n|re|st|0");
    }

    @Test
    @DisplayName("P3333-IN-05 A chunked request body is decoded by the server: the application never sees chunk "
            + "framing")
    void chunkedBodiesArriveDecoded() throws Exception {
        byte[] payload = new byte[100_000];
        new Random(3333).nextBytes(payload);
        Application echo = (environ, start) -> {
            byte[] body = Environ.input(environ).readAllBytes();
            start.start("200 OK", List.of(new dev.wsgi4j.Header("X-Length", String.valueOf(
                    environ.get(Environ.CONTENT_LENGTH)))));
            return List.of(body);
        };

        TestResponse r = send(echo, TestRequest.post("/").body(() -> new ByteArrayInputStream(payload), -1));

        assertThat(r.body()).isEqualTo(payload);
        assertThat(r.header("X-Length")).isIn("100000", "null");
    }

    @Test
    @DisplayName("P3333-IN-06 wsgi.input_terminated is true: a body of unknown length is read to end-of-file")
    void inputTerminatedLetsABodyBeReadToItsEnd() throws Exception {
        byte[] payload = "a body sent without a length".getBytes(StandardCharsets.US_ASCII);
        Application reader = (environ, start) -> {
            byte[] body = Environ.input(environ).readAllBytes();
            return KitApps.respond(start, environ.get("wsgi.input_terminated") + "|" + latin1(body));
        };

        TestResponse r = send(reader, TestRequest.post("/").body(() -> new ByteArrayInputStream(payload), -1));

        assertThat(r.text()).isEqualTo("true|" + latin1(payload));
    }

    @Test
    @DisplayName("P3333-IN-07 wsgi.errors supports write, writelines and flush, and accepts any text without "
            + "raising")
    void errorsAcceptsAnyText() throws Exception {
        Application logging = (environ, start) -> {
            PrintWriter errors = (PrintWriter) environ.get("wsgi.errors");
            errors.write("plain line\n");
            for (String line : Arrays.asList("caf\u00E9 \u2615\n", "lone surrogate \uD800\n", "no newline")) {
                errors.write(line);
            }
            errors.println();
            errors.flush();
            return KitApps.respond(start, "logged " + !errors.checkError());
        };

        assertThat(send(logging, TestRequest.get("/")).text()).isEqualTo("logged true");
    }

    @Test
    @DisplayName("P3333-IN-08 An application that never reads the body leaves the connection usable for the next "
            + "request")
    void anUnreadBodyDoesNotSpoilTheNextRequest() throws Exception {
        assumeCapable(Capability.SOCKET, "the next request on a connection needs a connection");
        Application ignoring = KitApps.replying(env -> env.get(Environ.REQUEST_METHOD) + " "
                + env.get(Environ.PATH_INFO));
        byte[] big = new byte[200_000];
        Arrays.fill(big, (byte) 'x');

        try (RunningServer running = start(ignoring); RawConnection c = RawConnection.open(running.address())) {
            c.send("POST /unread HTTP/1.1\r\nHost: kit\r\nContent-Length: 7\r\n\r\nignored");
            assertThat(latin1(c.read(false).body())).isEqualTo("POST /unread");
            c.send("GET /next HTTP/1.1\r\nHost: kit\r\n\r\n");
            assertThat(latin1(c.read(false).body())).isEqualTo("GET /next");
            c.send(("PUT /big HTTP/1.1\r\nHost: kit\r\nContent-Length: " + big.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            c.send(big);
            c.send("GET /last HTTP/1.1\r\nHost: kit\r\nConnection: close\r\n\r\n");
            assertThat(latin1(c.read(false).body())).isEqualTo("PUT /big");
            assertThat(latin1(c.read(false).body())).isEqualTo("GET /last");
        }
    }
}
