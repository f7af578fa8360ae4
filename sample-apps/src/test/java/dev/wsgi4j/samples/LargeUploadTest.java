package dev.wsgi4j.samples;

import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import static dev.wsgi4j.samples.DemoContract.awaitEmpty;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 100 MiB file uploaded through /upload over a real connection, with this JVM's heap capped at 256 MiB (surefire's
 * argLine): the server spools, parses, stores and hashes it without ever holding it in memory.
 */
class LargeUploadTest {

    private static final long SIZE = 100L << 20;

    @TempDir
    Path serverTemp;

    @TempDir
    Path clientTemp;

    @Test
    void aHundredMebibyteFileUploadsWithTheRightSizeAndHashUnderACappedHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx256m").isLessThanOrEqualTo(300L << 20);
        Path body = clientTemp.resolve("upload.multipart");
        String sha256 = writeMultipart(body);
        GatewayServer server = new GatewayServer(new DemoApp(serverTemp),
                ServerConfig.builder().host("127.0.0.1").port(0).build()).start();
        try {
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/upload"))
                            .timeout(Duration.ofSeconds(90))
                            .header("Content-Type", MultipartPieces.CONTENT_TYPE)
                            .POST(HttpRequest.BodyPublishers.ofFile(body)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"fields\":{\"note\":[\"big\"]},\"files\":[{\"field\":\"file\","
                    + "\"filename\":\"big.bin\",\"size\":" + SIZE + ",\"sha256\":\"" + sha256 + "\","
                    + "\"content_type\":\"application/octet-stream\"}]}");
            awaitEmpty(serverTemp);
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    /** Writes a multipart body with a note and a SIZE-byte file of patterned bytes; returns the file's SHA-256. */
    private static String writeMultipart(Path target) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(MultipartPieces.field("note", "big").getBytes(StandardCharsets.UTF_8));
            out.write(MultipartPieces.fileHead("file", "big.bin", "application/octet-stream")
                    .getBytes(StandardCharsets.UTF_8));
            for (long written = 0; written < SIZE; written += block.length) {
                for (int i = 0; i < block.length; i++) {
                    block[i] = (byte) ((written + i) % 251);
                }
                out.write(block);
                digest.update(block);
            }
            out.write(("\r\n" + MultipartPieces.end()).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
