package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.gateway.EnvironBuilder;
import dev.wsgi4j.gateway.ResponseDriver;
import io.netty.buffer.ByteBuf;
import org.slf4j.LoggerFactory;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Ticker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * Shared pieces of the EmbeddedChannel tests: the connection pipeline as the server builds it (by
 * {@link GatewayInitializer#installHandlers}, so tests run the production order), raw request bytes, addresses.
 */
final class EmbeddedHttp {

    static final InetSocketAddress LOCAL = address("10.0.0.1", 8080);
    static final InetSocketAddress REMOTE = address("192.0.2.7", 54321);

    private EmbeddedHttp() {
    }

    /** What the server's connections share, with spool writes run by {@code spool}. */
    static ServerContext context(ServerConfig config, Application app, AppExecutor executor, Executor spool) {
        return new ServerContext(config, app, executor, new ResponseDriver(config.debug()),
                new EnvironBuilder(LoggerFactory.getLogger("dev.wsgi4j.app")), spool);
    }

    /**
     * A connection with the server's whole pipeline, installed when the channel registers as a server's child channel
     * gets it; its clock is {@code ticker}, which stands still until the test advances it. Its parent is a server
     * channel (never registered), as an accepted connection's is: Netty's HTTP/2 multiplexer tells the server side of
     * an h2c Upgrade by that.
     */
    static EmbeddedChannel serverChannel(ServerContext context, Ticker ticker, boolean tcpAddresses) {
        EmbeddedChannel.Builder builder = EmbeddedChannel.builder().ticker(ticker).parent(new LocalServerChannel())
                .handlers(installer(context, false));
        return tcpAddresses ? new TcpLikeChannel(builder) : builder.build();
    }

    /**
     * Deliberately partial: the server's pipeline without its last stage, {@code GatewayHandler}, so that a test reads
     * what {@link RequestBodyStage} emits. Spool writes run on {@code spool}; the clock stands still.
     */
    static EmbeddedChannel upToBodyStage(ServerConfig config, Executor spool) {
        Application unreachable = (env, sr) -> {
            throw new AssertionError("no application behind the body stage");
        };
        ServerContext context = context(config, unreachable, AppExecutor.create(config), spool);
        return EmbeddedChannel.builder().ticker(Ticker.newMockTicker()).handlers(installer(context, true)).build();
    }

    private static ChannelInitializer<Channel> installer(ServerContext context, boolean withoutGateway) {
        GatewayInitializer initializer = new GatewayInitializer(context,
                new ConnectionLimiter(context.config().maxConnections()),
                new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE));
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                initializer.installHandlers(ch.pipeline());
                if (withoutGateway) {
                    ch.pipeline().remove("gateway");
                }
            }
        };
    }

    /** The request decoder configured as the server configures it, for tests of the decoder's own behaviour. */
    static HttpServerCodec codec(ServerConfig config) {
        return new HttpServerCodec(GatewayInitializer.decoderConfig(config));
    }

    static ByteBuf bytes(String latin1) {
        return Unpooled.wrappedBuffer(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InetSocketAddress address(String literal, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(literal), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** An EmbeddedChannel whose addresses are IP socket addresses, as a real TCP connection's are. */
    static final class TcpLikeChannel extends EmbeddedChannel {
        TcpLikeChannel(EmbeddedChannel.Builder builder) {
            super(builder);
        }

        @Override
        protected SocketAddress localAddress0() {
            return isActive() ? LOCAL : null;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return isActive() ? REMOTE : null;
        }
    }
}
