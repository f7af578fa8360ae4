package dev.wsgi4j.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.Header;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large file sent zero-copy to a client that reads slower than the keep-alive timeout: the application returned
 * long before the last byte left, and the connection must not be taken for idle meanwhile (SPEC.md §6.6).
 */
class SlowReaderServerTest {

    private static final int SIZE = 24 << 20;

    @TempDir
    Path temp;

    private GatewayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void aFileReadSlowerThanTheKeepAliveTimeoutArrivesWholeAndTheConnectionStaysUsable() throws Exception {
        Path file = temp.resolve("big.bin");
        byte[] content = new byte[SIZE];
        new Random(7).nextBytes(content);
        Files.write(file, content);
        server = new GatewayServer((environ, start) -> {
            start.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream")));
            FileChannel channel = FileChannel.open(file);
            return FileWrapper.of(channel, 0, channel.size(), 8192);
        }, ServerConfig.builder().port(0).idleTimeout(Duration.ofSeconds(1)).sendTimeout(Duration.ofSeconds(20))
                .build()).start();

        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 << 10);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            for (int request = 0; request < 2; request++) {
                socket.getOutputStream().write("GET /big HTTP/1.1\r\nHost: t\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String head = readHead(in);
                assertThat(head).startsWith("http/1.1 200").contains("content-length: " + SIZE);
                // 256 KiB every 50 ms: at most ~5 MiB/s, so the first 16 MiB take seconds, several keep-alive timeouts.
                ByteArrayOutputStream body = new ByteArrayOutputStream(SIZE);
                byte[] buffer = new byte[256 << 10];
                while (body.size() < SIZE) {
                    int n = in.readNBytes(buffer, 0, Math.min(buffer.length, SIZE - body.size()));
                    if (n == 0) {
                        break;
                    }
                    body.write(buffer, 0, n);
                    // The last 8 MiB fast: what the kernel's buffers hold once the server's last write is done
                    // (the idle clock's start) must not take the client a keep-alive timeout to read.
                    if (request == 0 && body.size() < SIZE - (8 << 20)) {
                        Thread.sleep(50);
                    }
                }
                assertThat(body.size()).as("bytes of the file received").isEqualTo(SIZE);
                assertThat(body.toByteArray()).isEqualTo(content);
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
