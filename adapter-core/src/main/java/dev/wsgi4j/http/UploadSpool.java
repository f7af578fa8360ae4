package dev.wsgi4j.http;

import org.apache.commons.fileupload2.core.FileItemInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies uploaded file parts to temporary files through one small buffer, so memory stays bounded whatever the
 * size of the upload. Failing to read is the client's fault (IOException, 400); failing to write is the
 * server's (UncheckedIOException, 500).
 */
final class UploadSpool {

    private static final Logger LOG = LoggerFactory.getLogger(UploadSpool.class);
    private static final int BUFFER = 8192;

    private UploadSpool() {
    }

    /** Streams a file part to {@code file}; read errors stay IOExceptions (client), write errors become unchecked. */
    static long copy(FileItemInput item, Path file, long maxFileSize) throws IOException {
        OutputStream out = unchecked(() -> Files.newOutputStream(file));
        boolean written = false;
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = item.getInputStream()) {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                size += n;
                if (size > maxFileSize) {
                    throw new PayloadTooLargeException("multipart file \"" + item.getFieldName() + "\" exceeds "
                            + maxFileSize + " bytes");
                }
                int count = n;
                unchecked(() -> {
                    out.write(buffer, 0, count);
                    return null;
                });
            }
            written = true;
        } finally {
            try {
                out.close();
            } catch (IOException e) {
                if (written) {
                    throw new UncheckedIOException("could not write upload temp file " + file, e);
                }
            }
        }
        return size;
    }

    static Path createTempFile(Path dir) {
        return unchecked(() -> Files.createTempFile(dir, "wsgi4j-upload-", ".part"));
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete upload temp file {}", file, e);
        }
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static <T> T unchecked(IoSupplier<T> action) {
        try {
            return action.get();
        } catch (IOException e) {
            throw new UncheckedIOException("upload temp file: " + e.getMessage(), e);
        }
    }
}
