package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's connection pipeline, as {@link GatewayInitializer#installHandlers} builds it, on an EmbeddedChannel
 * whose clock stands still until the test moves {@link #ticker}; spool writes run on the test thread. Requests go in
 * as raw bytes and responses come out as the bytes a client would read, parsed into {@link RawHttp.Response}s.
 */
final class GatewayHarness implements AutoCloseable {

    final EmbeddedChannel channel;
    final ServerContext context;
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    /** File regions written so far, in order; the harness releases them on close. */
    final List<FileRegion> regions = new ArrayList<>();
    private int parsed;
    /** The channel's clock; time moves only when it is advanced. */
    final MockTicker ticker = Ticker.newMockTicker();
    /** Every request buffer written in; once the channel is finished, none may still be referenced. */
    private final List<ByteBuf> inputs = new ArrayList<>();

    GatewayHarness(ServerConfig config, Application app) {
        this(config, app, AppExecutor.create(config), true);
    }

    GatewayHarness(ServerConfig config, Application app, AppExecutor executor, boolean tcpAddresses) {
        this(EmbeddedHttp.context(config, app, executor, Runnable::run), tcpAddresses);
    }

    /** A connection of a server with {@code context}, built by the test (its spool writes should run on the caller). */
    GatewayHarness(ServerContext context, boolean tcpAddresses) {
        this.context = context;
        channel = EmbeddedHttp.serverChannel(context, ticker, tcpAddresses);
    }

    /** For the tests of the connection's clock: a harness whose channel has no TCP addresses. */
    static GatewayHarness withTimeouts(ServerConfig config, Application app) {
        return new GatewayHarness(config, app, AppExecutor.create(config), false);
    }

    static ServerConfig.Builder inline() {
        return ServerConfig.builder().executor(ExecutorKind.INLINE);
    }

    GatewayHarness send(String raw) {
        if (channel.isOpen()) {
            ByteBuf in = EmbeddedHttp.bytes(raw);
            inputs.add(in);
            channel.writeInbound(in);
        }
        channel.runPendingTasks();
        drain();
        return this;
    }

    /** Every byte written to the client so far (file regions are recorded in {@link #regions}, not copied). */
    String wire() {
        drain();
        return wire.toString(StandardCharsets.ISO_8859_1);
    }

    /** The responses not yet returned by an earlier call; {@code methods[i]} says whether the i-th was a HEAD. */
    List<RawHttp.Response> responses(String... methods) {
        byte[] all = wire().getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayInputStream in = new ByteArrayInputStream(all, parsed, all.length - parsed);
        List<RawHttp.Response> out = new ArrayList<>();
        int i = 0;
        while (in.available() > 0) {
            boolean head = i < methods.length && methods[i].equals("HEAD");
            RawHttp.Response r;
            try {
                r = RawHttp.parse(in, head);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            out.add(r);
            if (r.status() >= 200) {
                i++;
            }
        }
        parsed = all.length;
        return out;
    }

    RawHttp.Response only(String... methods) {
        List<RawHttp.Response> all = responses(methods);
        if (all.size() != 1) {
            throw new AssertionError("expected one response, got " + all.size() + ":\n" + wire());
        }
        return all.get(0);
    }

    private void drain() {
        for (Object msg = channel.readOutbound(); msg != null; msg = channel.readOutbound()) {
            if (msg instanceof ByteBuf buf) {
                wire.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(buf));
                buf.release();
            } else if (msg instanceof FileRegion region) {
                regions.add(region);
            } else {
                ReferenceCountUtil.release(msg);
                throw new AssertionError("unexpected outbound message " + msg);
            }
        }
    }

    @Override
    public void close() {
        drain();
        channel.finishAndReleaseAll();
        drain();
        for (FileRegion region : regions) {
            if (region.refCnt() > 0) {
                region.release();
            }
        }
        for (ByteBuf in : inputs) {
            if (in.refCnt() != 0) {
                throw new AssertionError("a request buffer is still referenced (refCnt " + in.refCnt() + ")");
            }
        }
    }
}
