package dev.wsgi4j.testing;

import dev.wsgi4j.Header;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A response as a client saw it: status, headers in order, the body bytes, and whether the connection was cut
 * before the body was complete ({@link #truncated()}).
 *
 * <p>A large body may live in a temp file (see {@link BodySpool}). {@link #body()} and {@link #text()} read it
 * into memory and delete the file; {@link #bodyStream()} streams it once and deletes the file when the stream is
 * closed; {@link #close()} deletes it unread. A body held in memory can be read any number of times.
 */
public final class TestResponse implements AutoCloseable {

    private final int status;
    private final String reason;
    private final List<Header> headers;
    private final BodySpool body;
    private final boolean truncated;
    private List<List<Header>> earlyHints = List.of();

    private TestResponse(int status, String reason, List<Header> headers, BodySpool body, boolean truncated) {
        this.status = status;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.headers = List.copyOf(headers);
        this.body = Objects.requireNonNull(body, "body");
        this.truncated = truncated;
    }

    /** A response whose body was collected into {@code body} (closed here if the runner did not). */
    public static TestResponse of(int status, String reason, List<Header> headers, BodySpool body,
            boolean truncated) {
        try {
            body.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new TestResponse(status, reason, headers, body, truncated);
    }

    public static TestResponse of(int status, String reason, List<Header> headers, byte[] body, boolean truncated) {
        BodySpool spool = new BodySpool(Integer.MAX_VALUE);
        try {
            spool.write(body, 0, body.length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return of(status, reason, headers, spool, truncated);
    }

    /** The same response, with the 103 Early Hints the application sent before it. */
    TestResponse withEarlyHints(List<List<Header>> hints) {
        this.earlyHints = List.copyOf(hints);
        return this;
    }

    /** The headers of each {@code 103 Early Hints} the application sent before this response, in order. */
    public List<List<Header>> earlyHints() {
        return earlyHints;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public List<Header> headers() {
        return headers;
    }

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.is(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** Every value of header {@code name} (any case), in order. */
    public List<String> headers(String name) {
        return headers.stream().filter(h -> h.is(name)).map(Header::value).toList();
    }

    public byte[] body() {
        return body.bytes();
    }

    /** The body decoded as UTF-8. */
    public String text() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** The body as a stream; a spooled body can be streamed once, and its temp file goes when this is closed. */
    public InputStream bodyStream() {
        return body.open();
    }

    /** The number of body bytes received. */
    public long bodyLength() {
        return body.size();
    }

    /**
     * True when the server cut the response after its head went out (a real server closes the connection): the
     * body is shorter than declared, or a streamed body broke off. Such a response must not be trusted.
     */
    public boolean truncated() {
        return truncated;
    }

    /** Deletes the body's temp file, if it has one. */
    @Override
    public void close() {
        body.discard();
    }

    @Override
    public String toString() {
        return status + " " + reason + " (" + body.size() + " bytes" + (truncated ? ", truncated)" : ")");
    }
}
