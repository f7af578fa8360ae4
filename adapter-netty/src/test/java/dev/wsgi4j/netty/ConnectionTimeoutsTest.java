package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection's clock (SPEC.md §6.6), driven by the EmbeddedChannel's mock ticker: no sleeps. */
class ConnectionTimeoutsTest {

    private static final ServerConfig CONFIG = GatewayHarness.inline()
            .idleTimeout(Duration.ofSeconds(5))
            .requestHeadTimeout(Duration.ofSeconds(10))
            .bodyReadTimeout(Duration.ofSeconds(3))
            .build();

    private GatewayHarness harness;

    private final Application echo = (env, sr) -> {
        byte[] body = Environ.input(env).readAllBytes();
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        return List.of(body);
    };

    private GatewayHarness serve(Application app) throws Exception {
        harness = GatewayHarness.withTimeouts(CONFIG, app);
        return harness;
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private void advance(long millis) {
        harness.ticker.advance(millis, TimeUnit.MILLISECONDS);
        harness.channel.runScheduledPendingTasks();
        harness.channel.runPendingTasks();
    }

    @Test
    void anIdleConnectionIsClosedAfterIdleTimeout() throws Exception {
        serve(echo);

        advance(4_900);
        assertThat(harness.channel.isOpen()).isTrue();
        advance(200);

        assertThat(harness.channel.isOpen()).isFalse();
        assertThat(harness.wire()).isEmpty();
    }

    @Test
    void theIdleClockRestartsWhenTheLastResponseIsOut() throws Exception {
        serve(echo);
        advance(4_000);
        harness.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(harness.only().status()).isEqualTo(200);

        advance(4_900);
        assertThat(harness.channel.isOpen()).as("idle counts from the response, not the connection").isTrue();
        advance(200);

        assertThat(harness.channel.isOpen()).isFalse();
    }

    @Test
    void aHeadTrickledByteByByteIsClosedAfterRequestHeadTimeout() throws Exception {
        serve(echo);
        advance(4_000);
        String head = "GET /slow HTTP/1.1\r\nHost: h\r\nX-Padding: " + "p".repeat(40) + "\r\n";
        int sent = 0;
        // One byte every 200 ms: the connection is never quiet, and never idle for 5 s, but the head never ends.
        for (long t = 0; t < 9_800; t += 200) {
            harness.send(String.valueOf(head.charAt(sent++ % head.length())));
            advance(200);
        }
        assertThat(harness.channel.isOpen()).as("within the head timeout").isTrue();

        for (int i = 0; i < 3 && harness.channel.isOpen(); i++) {
            harness.send(String.valueOf(head.charAt(sent++ % head.length())));
            advance(200);
        }

        assertThat(harness.channel.isOpen()).isFalse();
        assertThat(harness.wire()).isEmpty();
    }

    @Test
    void aCompleteHeadInTimeIsServed() throws Exception {
        serve(echo);
        String request = "GET / HTTP/1.1\r\nHost: h\r\n\r\n";
        for (char c : request.toCharArray()) {
            harness.send(String.valueOf(c));
            advance(250);
        }

        assertThat(harness.only().status()).isEqualTo(200);
        assertThat(harness.channel.isOpen()).isTrue();
    }

    @Test
    void aStalledBodyIsAnswered408AndTheConnectionClosed() throws Exception {
        serve(echo);
        harness.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc");

        advance(2_900);
        assertThat(harness.wire()).isEmpty();
        advance(200);

        RawHttp.Response r = harness.only();
        assertThat(r.status()).isEqualTo(408);
        assertThat(r.header("connection")).isEqualTo("close");
        assertThat(harness.channel.isOpen()).isFalse();
    }

    @Test
    void aSlowButSteadyBodyIsNotTimedOut() throws Exception {
        serve(echo);
        harness.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 6\r\n\r\n");
        for (char c : "abcde".toCharArray()) {
            advance(2_500);
            harness.send(String.valueOf(c));
        }
        assertThat(harness.wire()).isEmpty();

        advance(2_500);
        harness.send("f");

        RawHttp.Response r = harness.only();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("abcdef");
    }

    @Test
    void noTimeoutFiresWhileTheApplicationRuns() throws Exception {
        AtomicBoolean openThroughout = new AtomicBoolean();
        serve((env, sr) -> {
            // An hour passes on the connection's clock while the application works.
            for (int i = 0; i < 60; i++) {
                advance(60_000);
            }
            openThroughout.set(harness.channel.isOpen());
            sr.start("200 OK", List.of());
            return List.of("late".getBytes(StandardCharsets.US_ASCII));
        });

        harness.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok");

        assertThat(openThroughout).isTrue();
        assertThat(harness.only().text()).isEqualTo("late");
        assertThat(harness.channel.isOpen()).isTrue();
    }

    /**
     * The application has returned, but its answer's last write is still going out (a big file to a slow reader;
     * here a promise the test completes): the connection is sending, not idle.
     */
    @Test
    void theIdleClockWaitsForTheLastWriteOfTheAnswer() throws Exception {
        serve(echo);
        ConnectionTimeouts timeouts = harness.channel.pipeline().get(ConnectionTimeouts.class);
        timeouts.requestReceived();
        ChannelPromise lastWrite = harness.channel.newPromise();
        timeouts.responsesDone(lastWrite);

        advance(30_000);
        assertThat(harness.channel.isOpen()).as("still sending: not idle").isTrue();
        lastWrite.setSuccess();
        advance(4_900);
        assertThat(harness.channel.isOpen()).as("idle counts from the last write").isTrue();
        advance(200);

        assertThat(harness.channel.isOpen()).isFalse();
    }

    @Test
    void anAnswerTheClientTakesNothingOfForTheSendTimeoutIsClosed() throws Exception {
        serve(echo);
        ConnectionTimeouts timeouts = harness.channel.pipeline().get(ConnectionTimeouts.class);
        timeouts.requestReceived();
        timeouts.responsesDone(harness.channel.newPromise()); // never written: nothing moves in the buffer

        advance(CONFIG.sendTimeout().toMillis() - 100);
        assertThat(harness.channel.isOpen()).isTrue();
        advance(200);

        assertThat(harness.channel.isOpen()).isFalse();
    }

    @Test
    void aHalfClosedClientIsClosedOnlyOnceTheAnswerIsWritten() throws Exception {
        serve(echo);
        ConnectionTimeouts timeouts = harness.channel.pipeline().get(ConnectionTimeouts.class);
        timeouts.requestReceived();
        ChannelPromise lastWrite = harness.channel.newPromise();
        timeouts.responsesDone(lastWrite);
        harness.channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        harness.channel.runPendingTasks();

        assertThat(harness.channel.isOpen()).as("closing now would drop the answer").isTrue();
        lastWrite.setSuccess();
        harness.channel.runPendingTasks();

        assertThat(harness.channel.isOpen()).isFalse();
    }
}
