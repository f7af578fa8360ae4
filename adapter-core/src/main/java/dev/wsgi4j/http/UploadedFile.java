package dev.wsgi4j.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file part of a multipart upload, already on disk so the request body could be streamed with bounded memory.
 * The file lives until the owning {@link MultipartForm} is closed; move or copy it to keep it.
 *
 * @param fieldName   the form field it was sent as
 * @param filename    the name the client gave, unchecked (may be empty, or contain a path: never trust it as one)
 * @param contentType the part's Content-Type, or null when the client sent none
 * @param size        its length in bytes
 * @param path        the temporary file holding it
 */
public record UploadedFile(String fieldName, String filename, String contentType, long size, Path path) {

    /** Reads the uploaded bytes; the caller closes the stream. */
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }
}
