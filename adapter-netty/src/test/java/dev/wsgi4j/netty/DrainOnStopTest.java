package dev.wsgi4j.netty;

import dev.wsgi4j.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One connection when the server begins to stop ({@link ConnectionTimeouts.DrainStarted}, SPEC.md §6.6), on an
 * EmbeddedChannel: idle, it closes at once; with a request head under way, that request is still answered, with
 * {@code Connection: close}, and the connection then ends.
 */
class DrainOnStopTest {

    private final GatewayHarness harness = new GatewayHarness(
            GatewayHarness.inline().idleTimeout(Duration.ofMinutes(5)).build(), (env, sr) -> {
                sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
                return List.of("hello".getBytes(StandardCharsets.US_ASCII));
            });

    @AfterEach
    void close() {
        harness.close();
    }

    private void drain() {
        harness.context.lifecycle().beginDrain();
        harness.channel.pipeline().fireUserEventTriggered(ConnectionTimeouts.DrainStarted.INSTANCE);
        harness.channel.runPendingTasks();
    }

    @Test
    void anIdleKeepAliveConnectionClosesAtOnce() {
        harness.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(harness.only().header("Connection")).isNull();

        drain();

        assertThat(harness.channel.isOpen()).isFalse();
        assertThat(harness.wire()).as("nothing more written").endsWith("hello");
    }

    @Test
    void aRequestWhoseHeadIsUnderWayIsAnsweredWithConnectionCloseThenTheConnectionEnds() {
        harness.send("GET / HTTP/1.1\r\nHost: h\r\n");

        drain();
        assertThat(harness.channel.isOpen()).isTrue();
        harness.send("\r\n");

        RawHttp.Response r = harness.only();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
        assertThat(harness.channel.isOpen()).isFalse();
    }

    @Test
    void withoutADrainTheSameRequestKeepsItsConnection() {
        harness.send("GET / HTTP/1.1\r\nHost: h\r\n");
        harness.send("\r\n");

        assertThat(harness.only().header("Connection")).isNull();
        assertThat(harness.channel.isOpen()).isTrue();
    }
}
