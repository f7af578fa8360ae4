package dev.wsgi4j.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@code multipart/form-data} request body (RFC 7578) written the way browsers write one, for
 * {@link TestRequest.Builder#multipart}: {@code new MultipartBody().field("note", "hi").file("file", "a.txt",
 * "text/plain", bytes)}. As the HTML standard has browsers do, {@code "}, CR and LF in names and file names are
 * sent as {@code %22}, {@code %0D} and {@code %0A}; text is UTF-8.
 */
public final class MultipartBody {

    private final String boundary;
    private final ByteArrayOutputStream parts = new ByteArrayOutputStream();

    /** A body with a random boundary, as a browser chooses one. */
    public MultipartBody() {
        this("----wsgi4jTestClient" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** A body with {@code boundary}, which must not occur in any part (RFC 2046 §5.1.1 allows 1 to 70 chars). */
    public MultipartBody(String boundary) {
        if (boundary.isEmpty() || boundary.length() > 70
                || !boundary.chars().allMatch(c -> c > ' ' && c < 0x7F && c != '"')) {
            throw new IllegalArgumentException("a boundary is 1 to 70 visible ASCII characters: \"" + boundary + "\"");
        }
        this.boundary = boundary;
    }

    /** A text field. */
    public MultipartBody field(String name, String value) {
        return part("Content-Disposition: form-data; name=\"" + escape(name) + "\"\r\n",
                value.getBytes(StandardCharsets.UTF_8));
    }

    /** A file input's part: its field name, the file's name as chosen, its type and its bytes. */
    public MultipartBody file(String name, String filename, String contentType, byte[] content) {
        Objects.requireNonNull(content, "content");
        return part("Content-Disposition: form-data; name=\"" + escape(name) + "\"; filename=\"" + escape(filename)
                + "\"\r\nContent-Type: " + contentType + "\r\n", content);
    }

    public String boundary() {
        return boundary;
    }

    /** {@code multipart/form-data; boundary=...}, the Content-Type this body must be sent with. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The parts so far and the closing delimiter. */
    public byte[] build() {
        ByteArrayOutputStream body = new ByteArrayOutputStream(parts.size() + boundary.length() + 6);
        body.writeBytes(parts.toByteArray());
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private MultipartBody part(String headers, byte[] content) {
        parts.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        parts.writeBytes(content);
        parts.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    private static String escape(String name) {
        return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
