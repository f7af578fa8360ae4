package dev.wsgi4j.http;

import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.FileItemHeaders;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileUploadByteCountLimitException;
import org.apache.commons.fileupload2.core.MultipartInput;
import org.apache.commons.io.input.BoundedInputStream;

import java.io.IOException;
import java.io.InputStream;

/**
 * One part of a multipart body for {@link StrictItemIterator}, read straight from the shared {@link MultipartInput}.
 * Its per-part limit is fileupload's {@code maxFileSize}, applied as fileupload 2.0.0-M5 does except that a part
 * of exactly the limit is accepted.
 */
final class StreamedPart implements FileItemInput {

    private final MultipartInput input;
    private final long fileSizeMax;
    private final String fieldName;
    private final String fileName;
    private FileItemHeaders headers;
    private MultipartInput.ItemInputStream stream;

    StreamedPart(MultipartInput input, String fieldName, String fileName, FileItemHeaders headers, long fileSizeMax) {
        this.input = input;
        this.fileSizeMax = fileSizeMax;
        this.fieldName = fieldName;
        this.fileName = fileName;
        this.headers = headers;
    }

    void skipRest() throws IOException {
        if (stream == null) {
            input.discardBodyData();
        } else {
            stream.close();
        }
    }

    @Override
    public InputStream getInputStream() throws IOException {
        if (stream != null) {
            throw new IllegalStateException("the part's stream was already opened");
        }
        stream = input.newInputStream();
        long max = fileSizeMax;
        if (max < 0) {
            return stream;
        }
        String declared = headers.getHeader(AbstractFileUpload.CONTENT_LENGTH);
        if (declared != null && declared.trim().matches("\\d{1,18}") && Long.parseLong(declared.trim()) > max) {
            throw tooLarge(max, Long.parseLong(declared.trim()));
        }
        return BoundedInputStream.builder().setInputStream(stream).setMaxCount(max)
                .setPropagateClose(false) // closing after a failure must not drain the rest of the part
                .setOnMaxCount((limit, count) -> {
                    if (stream.read() != -1) {
                        throw tooLarge(limit, count + 1);
                    }
                }).get();
    }

    private FileUploadByteCountLimitException tooLarge(long max, long actual) {
        return new FileUploadByteCountLimitException(String.format(
                "The field %s exceeds its maximum permitted size of %s bytes.", fieldName, max),
                actual, max, fileName, fieldName);
    }

    @Override
    public String getContentType() {
        return headers.getHeader(AbstractFileUpload.CONTENT_TYPE);
    }

    @Override
    public String getFieldName() {
        return fieldName;
    }

    /** The client's file name; one with a NUL byte is refused (InvalidPathException), as fileupload does. */
    @Override
    public String getName() {
        return fileName == null ? null : DiskFileItem.checkFileName(fileName);
    }

    @Override
    public boolean isFormField() {
        return fileName == null;
    }

    @Override
    public FileItemHeaders getHeaders() {
        return headers;
    }

    @Override
    public FileItemInput setHeaders(FileItemHeaders headers) {
        this.headers = headers;
        return this;
    }
}
