package dev.wsgi4j.netty.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PROXY protocol stage on a connection from a given peer: a trusted peer's v1 or v2 header names the client
 * and is taken off the stream; an untrusted peer that sends one is closed; a stream without one passes untouched.
 */
class ProxyProtocolStageTest {

    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final InetSocketAddress PROXY = address("192.0.2.7", 40000);
    private static final TrustedProxies TRUSTED = TrustedProxies.parse("192.0.2.0/24");
    private static final TrustedProxies OTHERS = TrustedProxies.parse("10.9.9.9");

    /** An EmbeddedChannel whose peer is {@code peer}, as the server's accepted TCP connection would be. */
    static final class PeerChannel extends EmbeddedChannel {
        private final InetSocketAddress peer;

        PeerChannel(InetSocketAddress peer, ChannelHandler... handlers) {
            super(handlers); // nothing asks for the peer before the first bytes arrive
            this.peer = peer;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return isActive() ? peer : null;
        }
    }

    static InetSocketAddress address(String literal, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(literal), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static EmbeddedChannel channel(TrustedProxies trusted) {
        return new PeerChannel(PROXY, new ProxyProtocolStage(trusted));
    }

    /** Everything that came out of the stage, released. */
    private static byte[] passedOn(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf buf = ch.readInbound(); buf != null; buf = ch.readInbound()) {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            buf.release();
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void aTrustedPeersV1HeaderNamesTheClientAndIsTakenOffTheStream() {
        EmbeddedChannel ch = channel(TRUSTED);

        ch.writeInbound(Unpooled.wrappedBuffer(ProxyHeaders.concat(
                ProxyHeaders.v1("203.0.113.9", 5555, "10.0.0.1", 443), REQUEST)));

        assertThat(passedOn(ch)).isEqualTo(REQUEST);
        assertThat(ProxiedSource.remoteAddress(ch)).isEqualTo(address("203.0.113.9", 5555));
        assertThat(ch.isOpen()).isTrue();
        assertThat(ch.pipeline().names()).as("every PROXY handler has left")
                .containsOnly("DefaultChannelPipeline$TailContext#0");
        ch.finishAndReleaseAll();
    }

    @Test
    void aTrustedPeersV2HeaderWorksInPiecesAndForIpv6() {
        EmbeddedChannel ch = channel(TRUSTED);
        byte[] all = ProxyHeaders.concat(ProxyHeaders.v2("2001:db8::9", 6000, "2001:db8::1", 443), REQUEST);

        // One byte at a time: the signature, the header and the request all arrive split.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : all) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            out.writeBytes(passedOn(ch));
        }

        assertThat(out.toByteArray()).isEqualTo(REQUEST);
        assertThat(ProxiedSource.remoteAddress(ch)).isEqualTo(address("2001:db8::9", 6000));
        ch.finishAndReleaseAll();
    }

    @Test
    void aV2LocalHeaderNamesNoClientSoThePeerStays() {
        EmbeddedChannel ch = channel(TRUSTED);

        ch.writeInbound(Unpooled.wrappedBuffer(ProxyHeaders.concat(ProxyHeaders.v2Local(), REQUEST)));

        assertThat(passedOn(ch)).isEqualTo(REQUEST);
        assertThat(ProxiedSource.remoteAddress(ch)).isEqualTo(PROXY);
        ch.finishAndReleaseAll();
    }

    @Test
    void withoutAHeaderTheBytesPassUntouchedFromAnyPeer() {
        for (TrustedProxies trusted : new TrustedProxies[] {TRUSTED, OTHERS}) {
            EmbeddedChannel ch = channel(trusted);

            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOf(REQUEST, 3)));
            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(REQUEST, 3, REQUEST.length)));

            assertThat(passedOn(ch)).isEqualTo(REQUEST);
            assertThat(ProxiedSource.remoteAddress(ch)).isEqualTo(PROXY);
            assertThat(ch.isOpen()).isTrue();
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void anUntrustedPeerThatSendsAHeaderIsClosedAndNothingIsRead() {
        for (byte[] header : new byte[][] {ProxyHeaders.v1("203.0.113.9", 5555, "10.0.0.1", 443),
            ProxyHeaders.v2("203.0.113.9", 5555, "10.0.0.1", 443)}) {
            EmbeddedChannel ch = channel(OTHERS);

            ch.writeInbound(Unpooled.wrappedBuffer(ProxyHeaders.concat(header, REQUEST)));

            assertThat(passedOn(ch)).isEmpty();
            assertThat(ch.isOpen()).isFalse();
            assertThat(ProxiedSource.remoteAddress(ch)).as("the claim was not taken").isEqualTo(PROXY);
            ch.finishAndReleaseAll();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PROXY TCP4 999.1.1.1 10.0.0.1 5555 443\r\n", "PROXY BOGUS\r\n",
        "PROXY TCP4 203.0.113.9 10.0.0.1 99999 443\r\n"})
    void aTrustedPeersMalformedHeaderClosesTheConnection(String header) {
        EmbeddedChannel ch = channel(TRUSTED);

        ch.writeInbound(Unpooled.wrappedBuffer(ProxyHeaders.concat(header.getBytes(StandardCharsets.US_ASCII),
                REQUEST)));

        assertThat(passedOn(ch)).isEmpty();
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }
}
