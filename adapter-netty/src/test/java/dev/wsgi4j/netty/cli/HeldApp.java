package dev.wsgi4j.netty.cli;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Served by a real {@code wsgi4j-server} process in {@link Wsgi4jServerProcessTest}: each request creates the file
 * {@code started} in the directory named by the system property {@code held.dir}, then waits (at most a minute) for
 * the test to create {@code release} there, so the test knows a request is in flight and decides when it ends.
 */
public final class HeldApp implements Application {

    private final Path dir = Path.of(System.getProperty("held.dir"));

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        Files.writeString(dir.resolve("started"), "");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(dir.resolve("release"))) {
            if (System.nanoTime() > deadline) {
                startResponse.start("500 Internal Server Error", List.of());
                return List.of();
            }
            Thread.sleep(10);
        }
        startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        return List.of("released".getBytes(StandardCharsets.US_ASCII));
    }
}
