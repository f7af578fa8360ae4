package dev.wsgi4j.http;

import dev.wsgi4j.Environ;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Reads a whole request body into memory with a byte limit, so no client can make an application buffer more than
 * it chose (Flask's {@code request.get_data()} under {@code MAX_CONTENT_LENGTH}). {@link FormData} reads its
 * urlencoded bodies through it; JSON and other small bodies are read the same way.
 */
public final class RequestBody {

    private RequestBody() {
    }

    /**
     * The body's bytes ({@code wsgi.input} up to its end).
     *
     * @param maxBytes the most bytes accepted, at most {@code Integer.MAX_VALUE - 8}
     * @throws PayloadTooLargeException 413 when CONTENT_LENGTH or the body itself exceeds {@code maxBytes}; it is
     *                                  refused from CONTENT_LENGTH before a byte is read when it can be
     * @throws BadRequestException      400 when the body cannot be read or ends before its CONTENT_LENGTH
     */
    public static byte[] read(Map<String, Object> environ, int maxBytes) {
        if (maxBytes < 0 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBytes must be between 0 and Integer.MAX_VALUE - 8: " + maxBytes);
        }
        long declared = Environ.contentLength(environ);
        if (declared > maxBytes) {
            throw new PayloadTooLargeException("request body of " + declared + " bytes exceeds the limit of "
                    + maxBytes);
        }
        InputStream in = Environ.input(environ);
        byte[] body;
        try {
            body = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new BadRequestException("the request body could not be read: " + e.getMessage(), e);
        }
        if (body.length > maxBytes) {
            throw new PayloadTooLargeException("request body exceeds the limit of " + maxBytes + " bytes");
        }
        if (declared > body.length) {
            throw new BadRequestException("the request body ended after " + body.length + " of its " + declared
                    + " bytes");
        }
        return body;
    }
}
