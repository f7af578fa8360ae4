package dev.wsgi4j.http;

import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.RequestContext;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * commons-fileupload2-core ships no servlet-free front end: this one feeds it a WSGI request. Only the streaming
 * {@link #getItemIterator} is offered, and it is the strict {@link StrictItemIterator} rather than fileupload's,
 * which hides framing errors; the buffering entry points are refused so nothing can bypass our limits.
 */
final class EnvironFileUpload extends AbstractFileUpload<RequestContext, DiskFileItem, DiskFileItemFactory> {

    @Override
    public FileItemInputIterator getItemIterator(RequestContext context) throws FileUploadException, IOException {
        return new StrictItemIterator(this, context);
    }

    @Override
    public Map<String, List<DiskFileItem>> parseParameterMap(RequestContext context) {
        throw new UnsupportedOperationException("wsgi4j parses multipart by streaming: use getItemIterator");
    }

    @Override
    public List<DiskFileItem> parseRequest(RequestContext context) {
        throw new UnsupportedOperationException("wsgi4j parses multipart by streaming: use getItemIterator");
    }

    /** The request as fileupload sees it: Content-Type (with the boundary), length (-1 if unknown), body. */
    record Context(String contentType, long contentLength, String charsetName, InputStream body)
            implements RequestContext {

        @Override
        public String getCharacterEncoding() {
            return charsetName;
        }

        @Override
        public long getContentLength() {
            return contentLength;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }
}
