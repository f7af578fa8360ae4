package dev.wsgi4j.http;

import dev.wsgi4j.Environ;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The fields of an HTML form, whether it was submitted with GET (QUERY_STRING) or POSTed urlencoded, read with
 * a byte limit so that no body is ever buffered unbounded. Multipart forms are {@link Multipart}'s job.
 */
public final class FormData {

    static final String URLENCODED = "application/x-www-form-urlencoded";

    private FormData() {
    }

    public static FormFields parse(Map<String, Object> environ) {
        return parse(environ, FormLimits.DEFAULTS);
    }

    /**
     * GET and HEAD forms come from QUERY_STRING (UTF-8); other methods from a urlencoded body in the charset its
     * Content-Type names (UTF-8 by default). A body of any other type yields no fields: it is not a form.
     *
     * @throws BadRequestException      for malformed escapes or a body that cannot be read
     * @throws PayloadTooLargeException when the body or the field count exceeds {@code limits}
     */
    public static FormFields parse(Map<String, Object> environ, FormLimits limits) {
        String method = Environ.method(environ);
        if (method.equals("GET") || method.equals("HEAD")) {
            return QueryString.parse(Environ.queryString(environ), StandardCharsets.UTF_8, limits.maxFields());
        }
        String contentType = Environ.contentType(environ);
        if (!ContentTypes.mimeType(contentType).equals(URLENCODED)) {
            return FormFields.empty();
        }
        Charset charset = ContentTypes.charset(contentType);
        byte[] body = readBody(environ, limits.maxBodyBytes());
        // The body's bytes become a CGI-style string (one char per byte) so one strict decoder serves both sources.
        return QueryString.parse(new String(body, StandardCharsets.ISO_8859_1), charset, limits.maxFields());
    }

    private static byte[] readBody(Map<String, Object> environ, long maxBytes) {
        long declared = Environ.contentLength(environ);
        if (declared > maxBytes) {
            throw new PayloadTooLargeException("form body of " + declared + " bytes exceeds the limit of "
                    + maxBytes);
        }
        InputStream in = Environ.input(environ);
        byte[] body;
        try {
            body = in.readNBytes((int) maxBytes + 1);
        } catch (IOException e) {
            throw new BadRequestException("the form body could not be read: " + e.getMessage(), e);
        }
        if (body.length > maxBytes) {
            throw new PayloadTooLargeException("form body exceeds the limit of " + maxBytes + " bytes");
        }
        return body;
    }
}
