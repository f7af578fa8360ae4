package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Serves a generated temp file of {@code ?size=S} bytes through {@code wsgi.file_wrapper}, which lets the server
 * send it zero-copy (sendfile) with an exact Content-Length. The file is deleted when the server closes the body.
 */
public final class FileApp implements Application {

    static final long MAX_SIZE = 1L << 30;

    private final Path directory;

    /** @param directory where the per-request temp files are made (and deleted) */
    public FileApp(Path directory) {
        this.directory = directory;
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws IOException {
        long size = QueryParams.of(environ).number("size", 1024, 0, MAX_SIZE);
        Path file = Files.createTempFile(directory, "wsgi4j-demo-", ".bin");
        FileInputStream in;
        try {
            write(file, size);
            in = new DeletingFileInputStream(file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        FileWrapper body = null;
        try {
            body = Environ.fileWrapper(environ).wrap(in);
            startResponse.start("200 OK", List.of(Header.of("Content-Type", "application/octet-stream"),
                    Header.of("Content-Length", Long.toString(size))));
            return body;
        } catch (IOException | RuntimeException e) {
            if (body != null) {
                body.close(); // closes the stream too, through its channel
            } else {
                in.close();
            }
            throw e;
        }
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
