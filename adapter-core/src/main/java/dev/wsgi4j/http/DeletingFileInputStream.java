package dev.wsgi4j.http;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file's stream that deletes the file once closed ({@link FileResponse#deleteWhenClosed}). It stays a
 * FileInputStream so {@code wsgi.file_wrapper} can hand its channel to the server for zero-copy; closing that
 * channel closes this stream, and so deletes the file.
 */
final class DeletingFileInputStream extends FileInputStream {

    private final Path file;

    DeletingFileInputStream(Path file) throws IOException {
        super(file.toFile());
        this.file = file;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
