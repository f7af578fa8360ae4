package dev.wsgi4j.samples;

/**
 * The pieces of a multipart/form-data body, as text, for a test that streams a body too large to build in memory
 * ({@link LargeUploadTest}); a body that fits is built with core's {@code dev.wsgi4j.testing.MultipartBody}.
 */
final class MultipartPieces {

    static final String BOUNDARY = "----wsgi4jDemoBoundary7MA4YWxkTrZu0gW";
    static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private MultipartPieces() {
    }

    /** A whole text field part. */
    static String field(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
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
}
