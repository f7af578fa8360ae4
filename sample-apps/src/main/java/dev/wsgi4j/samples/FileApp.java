package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.http.Responses;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Serves a generated temp file of {@code ?size=S} bytes with {@link Responses#file}: through
 * {@code wsgi.file_wrapper}, which lets the server send it zero-copy (sendfile), with conditional GET and ranges.
 * The bytes are a function of S ({@link BytePattern}), so the ETag and Last-Modified are too: the same S has the same
 * validators across requests, though each request writes a file of its own, deleted once the server closes it.
 */
public final class FileApp implements Application {

    static final long MAX_SIZE = 1L << 30;
    /** The demo's content never changes, so neither does its date. */
    static final Instant MODIFIED = Instant.parse("2025-01-01T00:00:00Z");

    private final Path directory;

    /** @param directory where the per-request temp files are made (and deleted) */
    public FileApp(Path directory) {
        this.directory = directory;
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws IOException {
        long size = QueryParams.of(environ).number("size", 1024, 0, MAX_SIZE);
        Path file = Files.createTempFile(directory, "wsgi4j-demo-", ".bin");
        try {
            write(file, size);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return Responses.file(file, "application/octet-stream").etag("pattern-" + size).lastModified(MODIFIED)
                .deleteWhenClosed().send(environ, startResponse);
    }

    private static void write(Path file, long size) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                BytePattern.fill(block, written);
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
    }
}
