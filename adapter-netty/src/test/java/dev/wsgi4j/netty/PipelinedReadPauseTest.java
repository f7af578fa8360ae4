package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SECURITY.md: at most 16 pipelined requests are buffered per connection. While the application holds the first
 * request, the server decodes the next 16 and then stops reading (autoRead off), leaving the rest of the client's
 * bytes undecoded; when the application returns, reading resumes and every request is answered in order.
 */
class PipelinedReadPauseTest {

    private static final int EXTRA = 8;

    private GatewayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    /** Counts the requests the codec has decoded; it runs on the event loop, like the count's readers. */
    static final class DecodedRequests extends ChannelInboundHandlerAdapter {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                count.incrementAndGet();
            }
            ctx.fireChannelRead(msg);
        }
    }

    @Test
    void moreThanMaxPipelinedRequestsPauseReadingUntilTheApplicationCatchesUp() throws Exception {
        ServerConfig config = ServerConfig.builder().port(0).build();
        int max = config.maxPipelinedRequests();
        assertThat(max).as("the limit SECURITY.md promises").isEqualTo(16);
        int total = 1 + max + EXTRA;

        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> called = new CopyOnWriteArrayList<>();
        Application app = (env, sr) -> {
            String path = Environ.pathInfo(env);
            called.add(path);
            if (path.equals("/0")) {
                firstRunning.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of(("path=" + path).getBytes(StandardCharsets.ISO_8859_1));
        };
        server = new GatewayServer(app, config).start();

        try (RawHttp http = new RawHttp(server.port(), 30_000)) {
            Channel channel = awaitConnection();
            DecodedRequests decoded = new DecodedRequests();
            channel.eventLoop().submit(() -> channel.pipeline().addAfter("codec", "decoded-requests", decoded)).sync();

            StringBuilder all = new StringBuilder();
            for (int i = 0; i < total; i++) {
                all.append("GET /").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            http.send(all.toString());
            try {
                assertThat(firstRunning.await(30, TimeUnit.SECONDS)).as("/0 reached the application").isTrue();
                awaitOnLoop(channel, () -> !channel.config().isAutoRead());

                // The one running and the 16 queued were decoded; the rest waits as bytes, not as requests.
                assertThat(onLoop(channel, decoded.count::get)).isEqualTo(1 + max);
                Thread.sleep(300); // time for more to slip through if reading were not paused
                assertThat(onLoop(channel, decoded.count::get)).isEqualTo(1 + max);
                assertThat(onLoop(channel, () -> channel.config().isAutoRead())).isFalse();
                assertThat(called).containsExactly("/0");
            } finally {
                release.countDown();
            }

            List<String> answers = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                RawHttp.Response r = http.read();
                assertThat(r.status()).isEqualTo(200);
                answers.add(r.text());
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                expected.add("path=/" + i);
            }
            assertThat(answers).containsExactlyElementsOf(expected);
            assertThat(decoded.count).hasValue(total);
            assertThat(onLoop(channel, () -> channel.config().isAutoRead())).as("reading resumed").isTrue();
            assertThat(http.send("GET /after HTTP/1.1\r\nHost: x\r\n\r\n").read().text()).isEqualTo("path=/after");
        }
    }

    private Channel awaitConnection() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (server.connections().isEmpty()) {
            assertThat(System.nanoTime()).as("the server accepted the connection").isLessThan(deadline);
            Thread.sleep(5);
        }
        return server.connections().iterator().next();
    }

    private static <T> T onLoop(Channel channel, java.util.concurrent.Callable<T> read) throws Exception {
        return channel.eventLoop().submit(read).get(30, TimeUnit.SECONDS);
    }

    private static void awaitOnLoop(Channel channel, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!onLoop(channel, condition::getAsBoolean)) {
            assertThat(System.nanoTime()).as("condition reached on the event loop").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
