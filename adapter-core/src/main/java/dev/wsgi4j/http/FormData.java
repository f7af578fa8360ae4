package dev.wsgi4j.http;

import dev.wsgi4j.Environ;

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
        if (!ContentType.parse(contentType).map(t -> t.is(URLENCODED)).orElse(false)) {
            return FormFields.empty();
        }
        Charset charset = ContentType.requestCharset(contentType);
        byte[] body = RequestBody.read(environ, (int) limits.maxBodyBytes());
        // The body's bytes become a CGI-style string (one char per byte) so one strict decoder serves both sources.
        return QueryString.parse(new String(body, StandardCharsets.ISO_8859_1), charset, limits.maxFields());
    }
}
