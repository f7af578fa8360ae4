package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RequestHeadGuard} and {@link PipelinedInputHold} driven alone, in front of the codec they watch: the
 * deliberately partial pipeline {@code hold -> guard -> codec -> follower}, as {@code GatewayInitializer} orders
 * them, without the stages that answer. What comes out is what the codec decoded, written as {@code /a}, {@code /b
 * body}, {@code FAILED(reason)} for a refused head.
 */
class RequestHeadGuardTest {

    private final ServerConfig config = ServerConfig.builder().build();
    private final List<ByteBuf> inputs = new ArrayList<>();
    private final List<Object> seenBeforeCodec = new ArrayList<>();
    private EmbeddedChannel channel;
    private boolean pauseAfterEachRequest;

    private EmbeddedChannel channel() {
        PipelinedInputHold hold = new PipelinedInputHold();
        RequestHeadGuard guard = new RequestHeadGuard(config.allowObsFold(), hold);
        ChannelInboundHandlerAdapter recorder = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                seenBeforeCodec.add(msg);
                ctx.fireChannelRead(msg);
            }
        };
        ChannelInboundHandlerAdapter pauser = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (pauseAfterEachRequest && msg instanceof LastHttpContent) {
                    ctx.channel().config().setAutoRead(false);
                }
                ctx.fireChannelRead(msg);
            }
        };
        channel = new EmbeddedChannel(hold, guard, recorder, EmbeddedHttp.codec(config), guard.follower(), pauser);
        return channel;
    }

    @AfterEach
    void releaseEverything() {
        if (channel != null) {
            decoded();
            channel.finishAndReleaseAll();
        }
        assertThat(inputs).as("input buffers still referenced").allMatch(b -> b.refCnt() == 0);
    }

    private void send(String latin1) {
        ByteBuf buf = EmbeddedHttp.bytes(latin1);
        inputs.add(buf);
        channel.writeInbound(buf);
    }

    /** What the codec emitted since the last call, one entry per request. */
    private List<String> decoded() {
        channel.runPendingTasks();
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (Object msg = channel.readInbound(); msg != null; msg = channel.readInbound()) {
            try {
                if (msg instanceof HttpRequest request) {
                    Throwable cause = request.decoderResult().cause();
                    if (cause != null) {
                        String reason = cause instanceof RequestHeadViolation ? cause.getMessage() : "codec";
                        out.add("FAILED(" + reason + ")");
                        continue;
                    }
                    current = new StringBuilder(request.uri());
                }
                if (msg instanceof HttpContent content && current != null) {
                    String body = content.content().toString(StandardCharsets.ISO_8859_1);
                    if (!body.isEmpty()) {
                        current.append(current.indexOf(" ") < 0 ? " " : "").append(body);
                    }
                    if (content instanceof LastHttpContent) {
                        out.add(current.toString());
                        current = null;
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        return out;
    }

    @Test
    void pipelinedRequestsInOneReadAreDecodedInOrderWithTheirBodies() {
        channel();
        send("GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
                + "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
                + "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n"
                + "\r\nGET /d HTTP/1.0\r\n\r\n");

        assertThat(decoded()).containsExactly("/a", "/b hello", "/c abc", "/d");
    }

    @Test
    void aRefusedHeadIsAFailedRequestInItsPlaceAndNothingAfterItIsDecoded() {
        channel();
        send("GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
                + "POST /b HTTP/1.0\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx"
                + "GET /c HTTP/1.1\r\nHost: h\r\n\r\n");
        send("GET /d HTTP/1.1\r\nHost: h\r\n\r\n");

        assertThat(decoded()).containsExactly("/a", "FAILED(more than one Content-Length)");
    }

    @Test
    void aHeadSplitAcrossReadsIsStillChecked() {
        channel();
        String raw = "GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n";
        for (char c : raw.toCharArray()) {
            send(String.valueOf(c));
        }

        assertThat(decoded()).containsExactly("/a", "FAILED(obsolete line folding (obs-fold) in the header block)");
    }

    @Test
    void afterTheCodecFailsTheGuardStandsAsideAndTheCodecsAnswerStands() {
        channel();
        send("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 1x\r\n\r\n");
        send(" GET / http/1.1\r\n\r\n");

        assertThat(decoded()).containsExactly("FAILED(codec)");
    }

    @Test
    void aReadThatIsOneWholeRequestIsHandedToTheCodecAsItCame() {
        channel();
        send("GET /a HTTP/1.1\r\nHost: h\r\n\r\n");
        send("GET /b HTTP/1.1\r\nHost: h\r\n\r\nGET /c HTTP/1.1\r\nHost: h\r\n\r\n");

        assertThat(decoded()).containsExactly("/a", "/b", "/c");
        assertThat(seenBeforeCodec.get(0)).isSameAs(inputs.get(0));
        assertThat(seenBeforeCodec).hasSize(3);
    }

    @Test
    void whileReadingIsPausedTheNextRequestsWaitAndFollowOneReadAtATime() {
        pauseAfterEachRequest = true;
        channel();
        send("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\nGET /c HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(decoded()).containsExactly("/a");

        send("GET /d HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(decoded()).as("input arriving while some is held waits behind it").isEmpty();

        for (String next : List.of("/b", "/c", "/d")) {
            channel.read();
            assertThat(decoded()).containsExactly(next);
        }
        channel.read();
        assertThat(decoded()).isEmpty();
    }

    @Test
    void heldInputIsReleasedWhenTheConnectionCloses() {
        pauseAfterEachRequest = true;
        channel();
        send("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(decoded()).containsExactly("/a");

        channel.close();

        assertThat(inputs.get(0).refCnt()).isZero();
    }

    @Test
    void whenReadingResumesTheHeldRequestsAreDecodedAndReadingGoesOn() {
        pauseAfterEachRequest = true;
        channel();
        send("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n");
        assertThat(decoded()).containsExactly("/a");

        pauseAfterEachRequest = false;
        channel.config().setAutoRead(true);
        send("GET /c HTTP/1.1\r\nHost: h\r\n\r\n");

        assertThat(decoded()).containsExactly("/b", "/c");
    }
}
