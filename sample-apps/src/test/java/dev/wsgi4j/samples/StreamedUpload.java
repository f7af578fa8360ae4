package dev.wsgi4j.samples;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;

/**
 * The demo's {@code /upload} form with one field and a file of {@link PatternStream}'s bytes, streamed rather than
 * built in memory, as the end-to-end tests behind a proxy send it, and the answer the demo gives for it.
 */
final class StreamedUpload {

    private static final String HEAD = MultipartPieces.field("note", "big")
            + MultipartPieces.fileHead("file", "big.bin", "application/octet-stream");
    private static final String TAIL = "\r\n" + MultipartPieces.end();

    private StreamedUpload() {
    }

    /** A POST of a {@code size}-byte file to {@code uri}, with its Content-Length. */
    static HttpRequest request(URI uri, long size) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", MultipartPieces.CONTENT_TYPE)
                .POST(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(
                        () -> PatternStream.between(HEAD, size, TAIL)), HEAD.length() + size + TAIL.length()))
                .build();
    }

    /** The demo's JSON answer to {@link #request}: the field, and the file's size and SHA-256. */
    static String answer(long size) throws java.security.NoSuchAlgorithmException {
        return "{\"fields\":{\"note\":[\"big\"]},\"files\":[{\"field\":\"file\",\"filename\":\"big.bin\",\"size\":"
                + size + ",\"sha256\":\"" + PatternStream.sha256(size)
                + "\",\"content_type\":\"application/octet-stream\"}]}";
    }
}
