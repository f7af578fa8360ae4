package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.gateway.EnvironBuilder;
import dev.wsgi4j.gateway.ResponseDriver;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection's clock still runs with TLS in front: the SslHandler sits after {@link ConnectionTimeouts}, so a
 * client that never completes its handshake is closed like one that never completes its request head.
 */
class TlsHandshakeTimeoutTest {

    private static final Application HELLO = (env, sr) -> {
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        return List.of(new byte[0]);
    };

    @TempDir
    Path dir;
    private final MockTicker ticker = Ticker.newMockTicker();
    private EmbeddedChannel channel;

    @BeforeEach
    void connect() throws Exception {
        TestPki pki = new TestPki();
        TestPki.Issued leaf = pki.leaf("CN=localhost", TestPki.KeyKind.EC);
        TlsConfig tls = TlsConfig.of(
                TestPki.writePem(dir.resolve("cert.pem"), leaf.certificate(), pki.intermediate.certificate()),
                TestPki.writeKey(dir.resolve("key.pem"), leaf.keys(), TestPki.KeyFormat.PKCS8));
        ServerConfig config = ServerConfig.builder().executor(ExecutorKind.INLINE).tls(tls)
                .idleTimeout(Duration.ofSeconds(5)).requestHeadTimeout(Duration.ofSeconds(10)).build();
        ServerContext context = new ServerContext(config, HELLO, AppExecutor.create(config),
                new ResponseDriver(false), new EnvironBuilder(LoggerFactory.getLogger("dev.wsgi4j.app")),
                Runnable::run, null, TlsContexts.serverContext(tls), new ServerLifecycle());
        GatewayInitializer initializer = new GatewayInitializer(context, new ConnectionLimiter(10),
                new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE));
        channel = EmbeddedChannel.builder().ticker(ticker).handlers(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                initializer.installHandlers(ch.pipeline());
            }
        }).build();
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void advance(long millis) {
        ticker.advance(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    @Test
    void theTlsHandlerIsInThePipelineAfterTheTimeouts() {
        List<String> names = channel.pipeline().names();
        assertThat(names.indexOf("tls")).isEqualTo(names.indexOf("timeouts") + 1);
        assertThat(names.indexOf("tls-session")).isEqualTo(names.indexOf("tls") + 1);
    }

    @Test
    void aClientThatSaysNothingIsClosedByTheIdleTimeout() {
        advance(4_900);
        assertThat(channel.isOpen()).isTrue();
        advance(200);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aHandshakeThatStallsIsClosedAtTheRequestHeadTimeout() {
        // A TLS record header announcing a 255-byte handshake message that never comes.
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xff, 0x01}));
        advance(9_900);
        assertThat(channel.isOpen()).as("past the idle timeout: the head clock runs now").isTrue();
        advance(200);
        assertThat(channel.isOpen()).isFalse();
    }
}
