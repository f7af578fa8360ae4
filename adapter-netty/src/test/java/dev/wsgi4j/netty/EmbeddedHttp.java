package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;

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
import java.util.stream.Stream;

/** Shared pieces of the EmbeddedChannel tests: raw request bytes, the codec as the server builds it, addresses. */
final class EmbeddedHttp {

    static final InetSocketAddress LOCAL = address("10.0.0.1", 8080);
    static final InetSocketAddress REMOTE = address("192.0.2.7", 54321);

    private EmbeddedHttp() {
    }

    /** The request decoder configured like {@code GatewayInitializer} does. */
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
        TcpLikeChannel(ChannelHandler... handlers) {
            super(handlers);
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
