package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.http2.Http2Settings;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.wsgi4j.netty.EmbeddedHttp.files;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/2 request bodies and flow control (SPEC.md "HTTP/2"): a stream's window credit goes back to the client only
 * as its body is taken in, so while the spool file is behind (disk writes pending over {@link SpoolFile#HIGH_WATER})
 * the client can send no more than the window it already holds, and resumes when the disk catches up.
 */
class Http2SpoolPauseTest {

    private static final int WINDOW = 65_535;

    @TempDir
    Path spoolDir;

    /** The spool's blocking-I/O executor, run only when the test says: the disk is as slow as the test wants. */
    private final ArrayDeque<Runnable> disk = new ArrayDeque<>();
    private Http2EmbeddedPair pair;

    /** Reads its whole body and says how long it was and what it hashed to. */
    private final Application echo = (env, sr) -> {
        byte[] body = Environ.input(env).readAllBytes();
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        return List.of((body.length + " " + Arrays.hashCode(body)).getBytes(StandardCharsets.US_ASCII));
    };

    @AfterEach
    void close() {
        if (pair != null) {
            pair.close();
        }
        runDisk();
        assertThat(files(spoolDir)).as("spool files deleted").isEmpty();
    }

    private Http2EmbeddedPair connect(ServerConfig.Builder config) {
        ServerConfig built = config.executor(ExecutorKind.INLINE).spoolDirectory(spoolDir)
                .http2(Http2Settings.DEFAULTS.withCleartext(Http2Settings.Cleartext.PRIOR_KNOWLEDGE)).build();
        pair = new Http2EmbeddedPair(EmbeddedHttp.context(built, echo, AppExecutor.create(built), disk::add));
        return pair;
    }

    private static Http2Headers post(long length) {
        return new DefaultHttp2Headers().method("POST").scheme("http").authority("localhost").path("/up")
                .add("content-length", Long.toString(length));
    }

    private void runDisk() {
        for (Runnable task = disk.poll(); task != null; task = disk.poll()) {
            task.run();
        }
    }

    @Test
    void whileTheSpoolIsBehindNoCreditIsReturnedAndTheClientStopsAtItsWindow() {
        connect(ServerConfig.builder());
        byte[] body = new byte[4 * 1024 * 1024];
        new Random(3).nextBytes(body);
        long before = pair.received;

        Http2EmbeddedPair.Reply reply = pair.send(post(body.length), body, 16_384);

        // The disk wrote nothing: past HIGH_WATER queued the stream stopped reading, so the client got no more
        // credit than for what was taken in, and can send at most one more window (plus frame headers).
        long sent = pair.received - before;
        assertThat(sent).isGreaterThan(SpoolFile.HIGH_WATER)
                .isLessThan(SpoolFile.HIGH_WATER + 16_384 + 2L * WINDOW + 4_096);
        pair.pump();
        assertThat(pair.received - before).as("nothing moves while the disk is behind").isEqualTo(sent);
        assertThat(reply.ended).isFalse();

        // The disk catches up: reading resumes, credit flows, the rest arrives and the application gets it whole.
        runDisk();
        assertThat(files(spoolDir)).as("spooled, as on HTTP/1.1 past inMemoryBodySize").hasSize(1);
        for (int round = 0; round < 100 && !reply.ended; round++) {
            runDisk();
            pair.pump();
        }
        assertThat(reply.statuses).containsExactly("200");
        assertThat(reply.body()).isEqualTo(body.length + " " + Arrays.hashCode(body));
    }

    @Test
    void aBodyOverTheMaximumIs413OnItsStreamAndTheConnectionServesTheNext() {
        connect(ServerConfig.builder().maxBodySize(100_000));
        byte[] body = new byte[300_000]; // no length declared: refused once 100,000 bytes have arrived

        Http2EmbeddedPair.Reply refused = pair.send(new DefaultHttp2Headers().method("POST").scheme("http")
                .authority("localhost").path("/up"), body, 16_384);

        assertThat(refused.statuses).containsExactly("413");
        assertThat(refused.ended).isTrue();
        assertThat(refused.resetCode).as("asked to stop sending, without error (RFC 9113 §8.1)")
                .isEqualTo(Http2Error.NO_ERROR.code());
        assertThat(pair.received).as("the rest of the body was not taken").isLessThan(100_000 + 2L * WINDOW);
        assertThat(pair.server.isActive()).isTrue();
        assertThat(pair.goAway).isEqualTo(-1);

        Http2EmbeddedPair.Reply next = pair.send(post(5), "hello".getBytes(StandardCharsets.US_ASCII), 16_384);
        assertThat(next.statuses).containsExactly("200");
        assertThat(next.body()).startsWith("5 ");
    }

    @Test
    void aStalledBodyIs408OnItsStreamAndTheConnectionServesTheNext() {
        connect(ServerConfig.builder().bodyReadTimeout(java.time.Duration.ofSeconds(5)));
        Http2EmbeddedPair.Reply stalled = pair.send(post(10), "part".getBytes(StandardCharsets.US_ASCII), 16_384,
                false);
        assertThat(stalled.statuses).isEmpty();

        pair.ticker.advance(6, java.util.concurrent.TimeUnit.SECONDS);
        pair.server.runScheduledPendingTasks();
        pair.pump();

        assertThat(stalled.statuses).containsExactly("408");
        assertThat(stalled.resetCode).isEqualTo(Http2Error.NO_ERROR.code());
        Http2EmbeddedPair.Reply next = pair.send(post(5), "hello".getBytes(StandardCharsets.US_ASCII), 16_384);
        assertThat(next.statuses).containsExactly("200");
    }

    @Test
    void aStreamWhoseSpoolIsBehindDoesNotHoldBackTheOtherStreamsBodies() {
        connect(ServerConfig.builder());
        byte[] big = new byte[4 * 1024 * 1024];
        Http2EmbeddedPair.Reply paused = pair.send(post(big.length), big, 16_384);
        assertThat(paused.ended).isFalse();

        // The paused stream holds what it was sent but did not take; the connection's window must leave room for
        // the other streams' bodies (RFC 9113 §6.9: both windows apply to every DATA frame).
        byte[] small = new byte[40_000];
        Http2EmbeddedPair.Reply other = pair.send(post(small.length), small, 16_384);
        assertThat(other.statuses).containsExactly("200");
        assertThat(other.body()).isEqualTo(small.length + " " + Arrays.hashCode(small));

        for (int round = 0; round < 100 && !paused.ended; round++) {
            runDisk();
            pair.pump();
        }
        assertThat(paused.statuses).containsExactly("200");
    }
}
