package dev.wsgi4j.http;

import dev.wsgi4j.Environ;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadByteCountLimitException;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadFileCountLimitException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses multipart/form-data (file uploads) from {@code wsgi.input} with commons-fileupload's streaming parser:
 * fields are held in memory, files are streamed to temporary files, and every limit of {@link MultipartLimits}
 * is enforced while reading, so memory stays bounded whatever the client sends.
 *
 * <p>Malformed input is answered 400, input over a limit 413. On any failure every temporary file already
 * written is deleted before the exception leaves. Failing to write a temporary file is a server fault and
 * surfaces as {@link UncheckedIOException} (500).
 */
public final class Multipart {

    static final String FORM_DATA = "multipart/form-data";

    private Multipart() {
    }

    public static MultipartForm parse(Map<String, Object> environ) {
        return parse(environ, MultipartLimits.DEFAULTS);
    }

    public static MultipartForm parse(Map<String, Object> environ, MultipartLimits limits) {
        return parse(environ, limits, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param tempDir where uploaded files are written (it must exist)
     * @throws GatewayException 415 unless the request is multipart/form-data; 400 for malformed input; 413 over
     *                          a limit
     */
    public static MultipartForm parse(Map<String, Object> environ, MultipartLimits limits, Path tempDir) {
        String contentType = Environ.contentType(environ);
        if (!ContentType.parse(contentType).map(t -> t.is(FORM_DATA)).orElse(false)) {
            throw new GatewayException(415, "expected " + FORM_DATA + ", got: " + contentType);
        }
        String charset = ContentType.requestCharset(contentType).name();
        long declared = Environ.contentLength(environ);
        if (declared > limits.maxTotalSize()) {
            throw new PayloadTooLargeException("multipart body of " + declared + " bytes exceeds the limit of "
                    + limits.maxTotalSize());
        }
        EnvironFileUpload upload = new EnvironFileUpload();
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        upload.setMaxPartHeaderSize(limits.maxPartHeaderSize());
        // fileupload applies one per-part limit to files and fields alike; the tighter one is checked below.
        upload.setMaxFileSize(Math.max(limits.maxFileSize(), limits.maxFieldSize()));
        InputStream body = new LimitedInput(Environ.input(environ), limits.maxTotalSize());
        EnvironFileUpload.Context context = new EnvironFileUpload.Context(contentType, declared, charset, body);

        FormFields.Builder fields = FormFields.builder();
        List<UploadedFile> files = new ArrayList<>();
        List<Path> created = new ArrayList<>();
        boolean complete = false;
        try {
            FileItemInputIterator items = upload.getItemIterator(context);
            long fieldBytes = 0;
            int parts = 0;
            while (items.hasNext()) {
                FileItemInput item = items.next();
                if (++parts > limits.maxParts()) {
                    throw new PayloadTooLargeException("more than " + limits.maxParts() + " multipart parts");
                }
                if (item.isFormField()) {
                    byte[] value = readField(item, limits.maxFieldSize());
                    fieldBytes += value.length;
                    if (fieldBytes > limits.maxFieldsTotalSize()) {
                        throw new PayloadTooLargeException("multipart fields exceed " + limits.maxFieldsTotalSize()
                                + " bytes in total");
                    }
                    fields.add(item.getFieldName(), StrictText.decode(value, value.length,
                            ContentType.requestCharset(item.getContentType()), "multipart field \"" + item.getFieldName() + "\""));
                } else {
                    Path file = UploadSpool.createTempFile(tempDir);
                    created.add(file);
                    long size = UploadSpool.copy(item, file, limits.maxFileSize());
                    files.add(new UploadedFile(item.getFieldName(), item.getName(), item.getContentType(), size, file));
                }
            }
            complete = true;
            return new MultipartForm(fields.build(), files);
        } catch (IOException e) {
            throw failure(e, limits);
        } catch (InvalidPathException e) {
            throw new BadRequestException("multipart file name is invalid: " + e.getMessage(), e);
        } finally {
            if (!complete) {
                created.forEach(UploadSpool::deleteQuietly);
            }
        }
    }

    private static byte[] readField(FileItemInput item, int maxFieldSize) throws IOException {
        try (InputStream in = item.getInputStream()) {
            byte[] value = in.readNBytes(maxFieldSize + 1);
            if (value.length > maxFieldSize) {
                throw new PayloadTooLargeException("multipart field \"" + item.getFieldName() + "\" exceeds "
                        + maxFieldSize + " bytes");
            }
            return value;
        }
    }

    private static GatewayException failure(IOException e, MultipartLimits limits) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LimitedInput.Exceeded) {
                return new PayloadTooLargeException(t.getMessage(), e);
            }
        }
        if (e instanceof FileUploadByteCountLimitException || e instanceof FileUploadFileCountLimitException) {
            return new PayloadTooLargeException("multipart upload over a limit: " + e.getMessage(), e);
        }
        if (e instanceof FileUploadSizeException size) {
            // The request-size limit is ours (LimitedInput), so this one is fileupload's part-header limit.
            return size.getPermitted() == limits.maxPartHeaderSize()
                    ? new BadRequestException("multipart part header too long: " + e.getMessage(), e)
                    : new PayloadTooLargeException("multipart upload over a limit: " + e.getMessage(), e);
        }
        if (e instanceof FileUploadException) {
            // fileupload re-wraps "Unexpected characters follow a boundary" as "Stream ended unexpectedly".
            Throwable cause = e.getCause();
            String detail = cause instanceof FileUploadException && cause.getMessage() != null
                    ? e.getMessage() + " (" + cause.getMessage() + ")" : e.getMessage();
            return new BadRequestException("malformed multipart body: " + detail, e);
        }
        return new BadRequestException("multipart body could not be read: " + e.getMessage(), e);
    }
}
