package dev.wsgi4j.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes multipart/form-data bodies the way browsers do, independently of the parser under test. */
final class MultipartBody {

    static final String BOUNDARY = "----wsgi4jTestBoundary7MA4YWxkTrZu0gW";
    static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    MultipartBody field(String name, String value) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"\r\n",
                value.getBytes(StandardCharsets.UTF_8));
    }

    MultipartBody file(String name, String filename, String contentType, byte[] content) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n", content);
    }

    /** A part with the given header lines (each ending in CRLF) and content. */
    MultipartBody part(String headers, byte[] content) {
        write("--" + BOUNDARY + "\r\n" + headers + "\r\n");
        out.writeBytes(content);
        write("\r\n");
        return this;
    }

    /** The body up to, not including, the closing delimiter. */
    byte[] open() {
        return out.toByteArray();
    }

    byte[] build() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return copy.toByteArray();
    }

    private void write(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
