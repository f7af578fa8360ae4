package dev.wsgi4j.netty.hardening;

import dev.wsgi4j.netty.RawHttp;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.hardening.Corpus.Fixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.wsgi4j.Generators.theory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Random mutations of valid requests (bounded to 200 tries): the server never answers with a server error other
 * than the deliberate protocol answers 501/505, never answers more often than the input could hold requests, never
 * answers after announcing {@code Connection: close}, answers or closes within 2 s of the client half-closing, and
 * still serves a health check afterwards.
 */
class MutationPropertyTest {

    private static Fixture f;

    @BeforeAll
    static void start() throws InterruptedException {
        f = new Fixture(ServerConfig.builder().maxBodySize(64 * 1024).bodyReadTimeout(Duration.ofSeconds(1))
                .requestHeadTimeout(Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static final List<String> BASES = List.of(
            "GET /p?q=1 HTTP/1.1\r\nHost: a\r\nX-A: b\r\n\r\n",
            "POST /u HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
            "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;e=1\r\nhello\r\n0\r\nT: 1\r\n\r\n",
            "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
            "OPTIONS * HTTP/1.1\r\nHost: a:80\r\nContent-Length: 0\r\n\r\n",
            "GET http://x.test/a HTTP/1.1\r\nHost: a\r\nCookie: a=1\r\n\r\n");

    private static final byte[] INTERESTING = "\r\n \t:\u0000\u001f,0a\u007f\u0080\u00ff\";-_/9".getBytes(StandardCharsets.ISO_8859_1);

    /** One edit: kind, position (fraction of the length), byte. */
    record Edit(int kind, double at, byte value, int length) {
    }

    static Gen<byte[]> requests() {
        Gen<Edit> edit = integers().between(0, 4).zip(doubles().between(0, 1), Generate.pick(box(INTERESTING)),
                integers().between(1, 8), Edit::new);
        return Generate.pick(BASES).zip(lists().of(edit).ofSizeBetween(1, 3), MutationPropertyTest::mutate)
                .describedAs(MutationPropertyTest::show);
    }

    private static List<Byte> box(byte[] bytes) {
        List<Byte> out = new ArrayList<>();
        for (byte b : bytes) {
            out.add(b);
        }
        return out;
    }

    static byte[] mutate(String base, List<Edit> edits) {
        List<Byte> b = new ArrayList<>();
        for (byte x : base.getBytes(StandardCharsets.ISO_8859_1)) {
            b.add(x);
        }
        for (Edit e : edits) {
            int at = Math.min(b.size() - 1, (int) (e.at() * b.size()));
            switch (e.kind()) {
                case 0 -> b.add(at, e.value()); // insert
                case 1 -> b.remove(at); // delete
                case 2 -> b.set(at, e.value()); // replace
                case 3 -> { // duplicate a run
                    List<Byte> run = new ArrayList<>(b.subList(at, Math.min(b.size(), at + e.length())));
                    b.addAll(at, run);
                }
                default -> { // flip case of a run
                    for (int i = at; i < Math.min(b.size(), at + e.length()); i++) {
                        byte c = b.get(i);
                        if (Character.isLetter(c)) {
                            b.set(i, (byte) (c ^ 0x20));
                        }
                    }
                }
            }
            if (b.isEmpty()) {
                b.add((byte) 'G');
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    @Test
    void aMutatedRequestNeverBreaksTheServer() {
        // Each shrink step is a round trip to the server: bounded, so a failure is reported within the test timeout.
        theory(200).withShrinkCycles(200).forAll(requests()).checkAssert(raw -> {
            try {
                neverBreaksTheServer(raw);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static void neverBreaksTheServer(byte[] raw) throws IOException {
        byte[] answer;
        try (Socket socket = new Socket("127.0.0.1", f.port())) {
            socket.setSoTimeout(250);
            socket.getOutputStream().write(raw);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            answer = readUntilEof(socket.getInputStream(), 2000);
        }
        assertThat(answer).as("answered or closed within 2 s of the half-close").isNotNull();
        List<Integer> statuses = new ArrayList<>();
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int closeAt = -1;
        for (int i = text.indexOf("HTTP/1."); i >= 0; i = text.indexOf("HTTP/1.", i + 1)) {
            if (i != 0 && !text.startsWith("\r\n", i - 2)) {
                continue; // inside a body
            }
            int status = Integer.parseInt(text.substring(i + 9, i + 12));
            if (status == 100) {
                continue;
            }
            statuses.add(status);
            int headEnd = text.indexOf("\r\n\r\n", i);
            String head = headEnd < 0 ? text.substring(i) : text.substring(i, headEnd);
            if (closeAt < 0 && head.toLowerCase().contains("\r\nconnection: close")) {
                closeAt = statuses.size();
            }
        }
        for (int status : statuses) {
            assertThat(status).as("no server error for %s", show(raw)).isNotIn(500, 502, 503, 504);
        }
        assertThat(statuses.size()).as("answers for %s", show(raw)).isLessThanOrEqualTo(headTerminators(raw) + 1);
        if (closeAt > 0) {
            assertThat(statuses.size()).as("nothing after Connection: close for %s", show(raw)).isEqualTo(closeAt);
        }
        try (RawHttp client = new RawHttp(f.port())) {
            assertThat(client.send(Corpus.SYNC).read().status()).isEqualTo(200);
        }
    }

    private static int headTerminators(byte[] raw) {
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int i = s.indexOf("\n\r\n"); i >= 0; i = s.indexOf("\n\r\n", i + 1)) {
            n++;
        }
        for (int i = s.indexOf("\n\n"); i >= 0; i = s.indexOf("\n\n", i + 1)) {
            n++;
        }
        return n;
    }

    /** All bytes up to EOF (or reset), or null when the deadline passes first. */
    private static byte[] readUntilEof(InputStream in, long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (System.nanoTime() < deadline) {
            try {
                int n = in.read(buf);
                if (n < 0) {
                    return out.toByteArray();
                }
                out.write(buf, 0, n);
            } catch (SocketTimeoutException e) {
                // until the deadline
            } catch (IOException reset) {
                return out.toByteArray();
            }
        }
        return null;
    }

    private static String show(byte[] raw) {
        StringBuilder b = new StringBuilder();
        for (byte x : raw) {
            int c = x & 0xff;
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return b.toString();
    }
}
