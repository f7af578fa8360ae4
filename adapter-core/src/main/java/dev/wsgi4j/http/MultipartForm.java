package dev.wsgi4j.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * A parsed multipart/form-data request. It owns the temporary files of its uploads: use it in
 * try-with-resources so they are deleted when the request is done, whatever happens.
 */
public final class MultipartForm implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MultipartForm.class);

    private final FormFields fields;
    private final List<UploadedFile> files;

    MultipartForm(FormFields fields, List<UploadedFile> files) {
        this.fields = fields;
        this.files = List.copyOf(files);
    }

    /** The non-file fields, in order. */
    public FormFields fields() {
        return fields;
    }

    /** Every uploaded file, in the order sent. */
    public List<UploadedFile> files() {
        return files;
    }

    /** The first file sent for {@code fieldName}. */
    public Optional<UploadedFile> file(String fieldName) {
        return files.stream().filter(f -> f.fieldName().equals(fieldName)).findFirst();
    }

    /** Deletes every temporary file; files already moved away are skipped. Safe to call more than once. */
    @Override
    public void close() {
        for (UploadedFile file : files) {
            try {
                Files.deleteIfExists(file.path());
            } catch (IOException e) {
                LOG.warn("could not delete upload temp file {}", file.path(), e);
            }
        }
    }
}
