package dev.wsgi4j.netty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP exchange over a Unix domain socket, for tests: sends raw bytes, reads until the server closes. The JDK's
 * blocking channel has no read timeout, so the exchange runs on its own thread and is abandoned (its channel closed)
 * after ten seconds, failing the test instead of hanging it.
 */
public final class UnixHttp {

    private UnixHttp() {
    }

    /** Sends {@code raw} (which should ask for {@code Connection: close}) and returns everything answered. */
    public static String exchange(Path socket, String raw) throws Exception {
        return exchange(socket, raw, false);
    }

    /** As {@link #exchange(Path, String)}; with {@code halfClose}, shuts the sending side down after {@code raw}. */
    public static String exchange(Path socket, String raw, boolean halfClose) throws Exception {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try (channel) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    channel.write(ByteBuffer.wrap(raw.getBytes(StandardCharsets.ISO_8859_1)));
                    if (halfClose) {
                        channel.shutdownOutput();
                    }
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ByteBuffer buf = ByteBuffer.allocate(8192);
                    while (channel.read(buf) >= 0) {
                        out.write(buf.array(), 0, buf.position());
                        buf.clear();
                    }
                    return out.toString(StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return answer.get(10, TimeUnit.SECONDS);
        }
    }

    /** The body of a {@code Content-Length} answer (everything after the head). */
    public static String body(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        return end < 0 ? "" : answer.substring(end + 4);
    }
}
