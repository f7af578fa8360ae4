package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.http2.Http2Settings;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the server ends an HTTP/2 connection (SPEC.md "HTTP/2"): always with GOAWAY {@code NO_ERROR} first (RFC 9113
 * §6.8), when the idle clock closes it and when it has served {@code maxRequestsPerConnection} streams, in which case
 * the streams already open still finish.
 */
class Http2ConnectionEndTest {

    private Http2EmbeddedPair pair;

    /** Reads its whole body and answers with its length. */
    private final Application echo = (env, sr) -> {
        byte[] body = Environ.input(env).readAllBytes();
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        return List.of(Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII));
    };

    @AfterEach
    void close() {
        if (pair != null) {
            pair.close();
        }
    }

    private void connect(ServerConfig.Builder config) {
        ServerConfig built = config.executor(ExecutorKind.INLINE)
                .http2(Http2Settings.DEFAULTS.withCleartext(Http2Settings.Cleartext.PRIOR_KNOWLEDGE)).build();
        pair = new Http2EmbeddedPair(EmbeddedHttp.context(built, echo, AppExecutor.create(built), Runnable::run));
    }

    private static Http2Headers post(String path) {
        return new DefaultHttp2Headers().method("POST").scheme("http").authority("localhost").path(path);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void anIdleConnectionIsClosedWithGoAwayNoError() {
        connect(ServerConfig.builder().idleTimeout(Duration.ofSeconds(5)));
        Http2EmbeddedPair.Reply reply = pair.send(post("/a"), ascii("hello"), 16_384);
        assertThat(reply.statuses).containsExactly("200");

        pair.ticker.advance(4, TimeUnit.SECONDS);
        pair.server.runScheduledPendingTasks();
        pair.pump();
        assertThat(pair.server.isActive()).as("not idle long enough yet").isTrue();

        pair.ticker.advance(2, TimeUnit.SECONDS);
        pair.server.runScheduledPendingTasks();
        pair.pump();
        assertThat(pair.goAway).isEqualTo(Http2Error.NO_ERROR.code());
        assertThat(pair.server.isActive()).isFalse();
    }

    @Test
    void aConnectionThatOpensNoStreamIsClosedWithGoAwayAtTheRequestHeadTimeout() {
        connect(ServerConfig.builder().requestHeadTimeout(Duration.ofSeconds(10)));
        pair.ticker.advance(11, TimeUnit.SECONDS);
        pair.server.runScheduledPendingTasks();
        pair.pump();
        assertThat(pair.goAway).isEqualTo(Http2Error.NO_ERROR.code());
        assertThat(pair.server.isActive()).isFalse();
    }

    @Test
    void afterMaxRequestsPerConnectionStreamsGoAwayIsSentAndTheOpenStreamsFinish() {
        connect(ServerConfig.builder().maxRequestsPerConnection(2));
        // The first stream stays open: its body is not complete yet.
        Http2EmbeddedPair.Reply first = pair.send(post("/first"), ascii("part one, "), 16_384, false);
        assertThat(first.statuses).isEmpty();
        assertThat(pair.goAway).isEqualTo(-1);

        Http2EmbeddedPair.Reply second = pair.send(post("/second"), ascii("hello"), 16_384);
        assertThat(pair.goAway).as("the second stream was the last one").isEqualTo(Http2Error.NO_ERROR.code());
        assertThat(second.statuses).containsExactly("200");
        assertThat(second.body()).isEqualTo("5");
        assertThat(pair.server.isActive()).as("a stream is still open").isTrue();

        first.stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(ascii("part two")), true));
        pair.pump();
        assertThat(first.statuses).containsExactly("200");
        assertThat(first.body()).isEqualTo("18");
        assertThat(pair.server.isActive()).as("closed once its last stream is done").isFalse();
    }

    @Test
    void underTheLimitTheConnectionStaysOpen() {
        connect(ServerConfig.builder().maxRequestsPerConnection(3));
        for (int i = 0; i < 2; i++) {
            assertThat(pair.send(post("/" + i), ascii("x"), 16_384).statuses).containsExactly("200");
        }
        assertThat(pair.goAway).isEqualTo(-1);
        assertThat(pair.server.isActive()).isTrue();
    }
}
