package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.WsgiInput;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two 1 GiB tests of the adapter-netty issue, run in a test JVM capped at {@code -Xmx256m}: a body four times
 * the heap must pass through in both directions without being held in memory.
 */
class GigabyteBodyTest {

    private static final long GIB = 1L << 30;
    private static final int BLOCK = 64 * 1024;

    private GatewayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    /** Byte i of every body here is i mod 251, so a lost, repeated or reordered block shows. */
    static byte[] block(long offset, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ((offset + i) % 251);
        }
        return b;
    }

    @Test
    void streamsOneGibibyteToAClientThatPausesWithoutQueueingMoreThanTwiceTheHighWaterMark() throws Exception {
        Application app = (env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
            return () -> new Iterator<>() {
                long offset;

                @Override
                public boolean hasNext() {
                    return offset < GIB;
                }

                @Override
                public byte[] next() {
                    byte[] b = block(offset, BLOCK);
                    offset += BLOCK;
                    return b;
                }
            };
        };
        ServerConfig config = ServerConfig.builder().port(0).build();
        server = new GatewayServer(app, config).start();
        long received = 0;
        PendingBytesProbe probe = new PendingBytesProbe();
        try (RawHttp http = new RawHttp(server.port(), 30_000)) {
            probe.installOn(awaitConnection());
            http.send("GET /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            InputStream in = http.socket().getInputStream();
            skipHead(in);
            ChunkedReader body = new ChunkedReader(new BufferedInputStream(in, 1 << 16));
            byte[] buf = new byte[1 << 16];
            long nextPause = 64L << 20;
            for (int n = body.read(buf); n > 0; n = body.read(buf)) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] != (byte) ((received + i) % 251)) {
                        throw new AssertionError("wrong byte at " + (received + i));
                    }
                }
                received += n;
                if (received >= nextPause) {
                    nextPause += 64L << 20;
                    Thread.sleep(1000);
                }
            }
        }
        assertThat(received).isEqualTo(GIB);
        assertThat(probe.writes.get()).as("writes seen").isGreaterThan(GIB / BLOCK / 2);
        assertThat(probe.maxPending.get()).isPositive().isLessThanOrEqualTo(2L * config.writeBufferHighWaterMark());
    }

    /** The one connection the server holds, once it has accepted it. */
    private Channel awaitConnection() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (server.connections().isEmpty()) {
            assertThat(System.nanoTime()).as("the server accepted the connection").isLessThan(deadline);
            Thread.sleep(5);
        }
        return server.connections().iterator().next();
    }

    /**
     * Sits next to the head of the pipeline and reads the outbound buffer's pending bytes right after every write
     * passes it, on the event loop: the pending count only rises on a write, so no peak can slip between samples
     * and no other thread reads the buffer.
     */
    static final class PendingBytesProbe extends ChannelOutboundHandlerAdapter {
        final AtomicLong maxPending = new AtomicLong();
        final AtomicLong writes = new AtomicLong();

        void installOn(Channel channel) throws InterruptedException {
            channel.eventLoop().submit(() -> channel.pipeline().addFirst("pending-bytes-probe", this)).sync();
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ctx.write(msg, promise);
            writes.incrementAndGet();
            ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
            if (buffer != null) {
                maxPending.accumulateAndGet(buffer.totalPendingWriteBytes(), Math::max);
            }
        }
    }

    @Test
    void acceptsAOneGibibyteUploadThroughWsgiInput(@TempDir Path spool) throws Exception {
        Application app = (env, sr) -> {
            WsgiInput input = Environ.input(env);
            byte[] buf = new byte[BLOCK];
            long count = 0;
            boolean intact = true;
            for (int n = input.read(buf); n > 0; n = input.read(buf)) {
                for (int i = 0; i < n && intact; i++) {
                    intact = buf[i] == (byte) ((count + i) % 251);
                }
                count += n;
            }
            sr.start("200 OK", List.of());
            return List.of((count + " " + intact).getBytes(StandardCharsets.US_ASCII));
        };
        server = new GatewayServer(app, ServerConfig.builder().port(0).spoolDirectory(spool).build()).start();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + GIB + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (long offset = 0; offset < GIB; offset += BLOCK) {
                out.write(block(offset, BLOCK));
            }
            out.flush();
            RawHttp.Response r = readResponse(socket);
            assertThat(r.text()).isEqualTo(GIB + " true");
        }
        SpoolDirs.awaitEmpty(spool);
    }

    private static RawHttp.Response readResponse(Socket socket) throws Exception {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        String head = new String(readHead(in), StandardCharsets.ISO_8859_1);
        int length = Integer.parseInt(head.replaceAll("(?s).*[Cc]ontent-[Ll]ength: (\\d+).*", "$1"));
        return new RawHttp.Response(Integer.parseInt(head.substring(9, 12)), head, java.util.Map.of(),
                in.readNBytes(length), true);
    }

    private static void skipHead(InputStream in) throws Exception {
        readHead(in);
    }

    private static byte[] readHead(InputStream in) throws Exception {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed in the head");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    /** Reads a chunked body as a plain stream of its data bytes. */
    private static final class ChunkedReader {
        private final InputStream in;
        private long left;
        private boolean done;

        ChunkedReader(InputStream in) {
            this.in = in;
        }

        int read(byte[] buf) throws Exception {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line();
                left = Long.parseLong(size.trim(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new AssertionError("connection closed inside a chunk");
            }
            left -= n;
            if (left == 0) {
                line();
            }
            return n;
        }

        private String line() throws Exception {
            StringBuilder s = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new AssertionError("connection closed in a chunk header");
                }
                if (b != '\r') {
                    s.append((char) b);
                }
            }
            return s.toString();
        }
    }
}
