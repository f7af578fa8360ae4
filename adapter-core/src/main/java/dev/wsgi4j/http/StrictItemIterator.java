package dev.wsgi4j.http;

import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.FileItemHeaders;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadContentTypeException;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.MultipartInput;
import org.apache.commons.fileupload2.core.RequestContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.NoSuchElementException;

/**
 * Walks the parts of a multipart body with fileupload's own {@link MultipartInput}, reporting framing errors.
 *
 * <p>fileupload 2.0.0-M5's iterator reads every boundary with {@code MultipartInput.skipPreamble()}, which
 * swallows {@code MalformedStreamException}: a body cut off after a delimiter, garbage after a boundary or a body
 * with no boundary at all silently ends the iteration and looks complete. Here only the preamble is skipped (by
 * prefixing CRLF, so the first delimiter is an ordinary one) and every later boundary is read with
 * {@code readBoundary()}, which throws. Byte-level parsing stays fileupload's; nested multipart/mixed parts
 * (deprecated by RFC 7578) are not expanded.
 */
final class StrictItemIterator implements FileItemInputIterator {

    private static final byte[] CRLF = {'\r', '\n'};

    private final AbstractFileUpload<?, ?, ?> upload;
    private final MultipartInput input;
    private long fileSizeMax;
    private long sizeMax = -1;
    private boolean started;
    private boolean eof;
    private StreamedPart current;
    private boolean pending;

    StrictItemIterator(AbstractFileUpload<?, ?, ?> upload, RequestContext context) throws IOException {
        this.upload = upload;
        this.fileSizeMax = upload.getMaxFileSize();
        byte[] boundary = upload.getBoundary(context.getContentType());
        if (boundary == null) {
            throw new FileUploadException("the request was rejected because no multipart boundary was found");
        }
        InputStream body = new SequenceInputStream(new ByteArrayInputStream(CRLF), context.getInputStream());
        try {
            input = MultipartInput.builder().setInputStream(body).setBoundary(boundary)
                    .setMaxPartHeaderSize(upload.getMaxPartHeaderSize()).get();
        } catch (IllegalArgumentException e) {
            throw new FileUploadContentTypeException("the multipart boundary is too long", e);
        }
        input.setHeaderCharset(upload.getHeaderCharset());
    }

    @Override
    public boolean hasNext() throws IOException {
        if (eof) {
            return false;
        }
        if (pending) {
            return true;
        }
        if (current != null) {
            current.skipRest();
            current = null;
        }
        boolean more;
        if (!started) {
            started = true;
            input.discardBodyData(); // the preamble; throws if the body holds no delimiter at all
        }
        for (more = input.readBoundary(); more; more = input.readBoundary()) {
            FileItemHeaders headers = upload.getParsedHeaders(input.readHeaders());
            String fieldName = upload.getFieldName(headers);
            if (fieldName != null) {
                current = new StreamedPart(input, fieldName, upload.getFileName(headers), headers, fileSizeMax);
                pending = true;
                return true;
            }
            input.discardBodyData(); // a part that is no form field
        }
        eof = true;
        return false;
    }

    @Override
    public FileItemInput next() throws IOException {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        pending = false;
        return current;
    }

    @Override
    public long getFileSizeMax() {
        return fileSizeMax;
    }

    @Override
    public void setFileSizeMax(long fileSizeMax) {
        this.fileSizeMax = fileSizeMax;
    }

    /** Not enforced here: the caller bounds the whole body itself. */
    @Override
    public long getSizeMax() {
        return sizeMax;
    }

    @Override
    public void setSizeMax(long sizeMax) {
        this.sizeMax = sizeMax;
    }

    /** An Iterator view whose methods throw UncheckedIOException. */
    @Override
    public java.util.Iterator<FileItemInput> unwrap() {
        return asIterator();
    }
}
