package dev.wsgi4j.samples;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds a multipart/form-data request body by hand, as a browser sends it, for the upload tests. */
final class MultipartBody {

    static final String BOUNDARY = "----wsgi4jDemoBoundary7MA4YWxkTrZu0gW";
    static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    MultipartBody field(String name, String value) {
        text("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    MultipartBody file(String field, String filename, String contentType, byte[] content) {
        text(fileHead(field, filename, contentType));
        out.writeBytes(content);
        text("\r\n");
        return this;
    }

    byte[] build() {
        text(end());
        return out.toByteArray();
    }

    /** The parts so far, without the closing boundary, for a body that goes on with more parts. */
    byte[] build0() {
        return out.toByteArray();
    }

    /** The part head of a file, up to its first content byte. */
    static String fileHead(String field, String filename, String contentType) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
    }

    /** What follows the last part's content. */
    static String end() {
        return "--" + BOUNDARY + "--\r\n";
    }

    private void text(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
