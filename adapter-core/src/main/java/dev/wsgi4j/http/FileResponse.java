package dev.wsgi4j.http;

import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A file as a response (Flask's {@code send_file}), sent through {@code wsgi.file_wrapper} so a server may send it
 * without copying (SPEC.md §4.6), a range included: the stream is positioned at the range's first byte and the
 * wrapper covers exactly the range's bytes. Conditional requests and single ranges are answered here:
 * <ul>
 * <li>a strong {@code ETag} and {@code Last-Modified}; If-Match, If-Unmodified-Since, If-None-Match and
 * If-Modified-Since in RFC 9110 §13.2.2's order answer 304 (GET/HEAD) or 412;</li>
 * <li>{@code Accept-Ranges: bytes}; one {@code Range} on a GET answers 206 with {@code Content-Range}, an
 * unsatisfiable one 416 with {@code Content-Range: bytes *}{@code /length}; several ranges, a malformed header or an
 * If-Range that names another version get the whole file with 200 (see {@link ByteRange});</li>
 * <li>with {@link #attachment}, a {@code Content-Disposition} safe for any name ({@link ContentDisposition}).</li>
 * </ul>
 * The derived ETag is {@code "size-mtime-filekey"} in hex: the size, the modification time in microseconds and a
 * hash of the file system's file key (device and inode on Unix) where it has one, so replacing a file by another of
 * the same size and time still changes it. A write that keeps size and time within the clock's resolution does not;
 * an application that knows a better version (a content hash, a row version) passes it to {@link #etag}.
 *
 * <pre>{@code
 * return Responses.file(path, "application/pdf").attachment("report €.pdf").send(environ, startResponse);
 * }</pre>
 */
public final class FileResponse {

    private static final Set<String> COMPUTED =
            Set.of("content-length", "content-range", "etag", "last-modified");

    private final Path file;
    private final String contentType;
    private final String disposition;
    private final EntityTag etag;
    private final Instant lastModified;
    private final boolean deleteWhenClosed;
    private final List<Header> headers;

    private FileResponse(Path file, String contentType, String disposition, EntityTag etag, Instant lastModified,
            boolean deleteWhenClosed, List<Header> headers) {
        this.file = file;
        this.contentType = contentType;
        this.disposition = disposition;
        this.etag = etag;
        this.lastModified = lastModified;
        this.deleteWhenClosed = deleteWhenClosed;
        this.headers = List.copyOf(headers);
    }

    /** {@code file} served as {@code contentType}, its validators read from the file system when sent. */
    public static FileResponse of(Path file, String contentType) {
        return new FileResponse(Objects.requireNonNull(file, "file"), Header.of("Content-Type", contentType).value(),
                null, null, null, false, List.of());
    }

    /** A copy the browser saves as {@code downloadName} (any characters). */
    public FileResponse attachment(String downloadName) {
        return new FileResponse(file, contentType, ContentDisposition.attachment(downloadName), etag, lastModified,
                deleteWhenClosed, headers);
    }

    /**
     * A copy with this strong entity-tag instead of the derived one: the opaque text without quotes, e.g. a content
     * hash (RFC 9110 §8.8.3: printable ASCII other than {@code "}).
     */
    public FileResponse etag(String opaqueTag) {
        EntityTag tag = EntityTag.parse("\"" + opaqueTag + "\"");
        if (tag == null) {
            throw new IllegalArgumentException("not an entity-tag: " + opaqueTag);
        }
        return new FileResponse(file, contentType, disposition, tag, lastModified, deleteWhenClosed, headers);
    }

    /** A copy with this Last-Modified instead of the file's modification time. */
    public FileResponse lastModified(Instant instant) {
        return new FileResponse(file, contentType, disposition, etag, Objects.requireNonNull(instant, "instant"),
                deleteWhenClosed, headers);
    }

    /**
     * A copy that deletes the file once the response is done with it (after sending, or at once for a 304, 412 or
     * 416): for a file made for this one response, such as an export.
     */
    public FileResponse deleteWhenClosed() {
        return new FileResponse(file, contentType, disposition, etag, lastModified, true, headers);
    }

    /**
     * A copy with one more header on every answer (Cache-Control, Vary, ...).
     *
     * @throws IllegalArgumentException for a header {@link #send} computes (Content-Length, Content-Range, ETag,
     *                                  Last-Modified; the last two have their own methods)
     */
    public FileResponse withHeader(String name, String value) {
        if (COMPUTED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(name + " is computed by send(); see etag() and lastModified()");
        }
        List<Header> more = new ArrayList<>(headers);
        more.add(Header.of(name, value));
        return new FileResponse(file, contentType, disposition, etag, lastModified, deleteWhenClosed, more);
    }

    /**
     * Answers the request in {@code environ}: calls {@code startResponse} and returns the body, a
     * {@link FileWrapper} for 200 and 206.
     *
     * @throws IOException when the file cannot be opened (a missing file is the caller's 404 to decide)
     */
    public Iterable<byte[]> send(Map<String, Object> environ, StartResponse startResponse) throws IOException {
        FileInputStream in = deleteWhenClosed ? new DeletingFileInputStream(file) : new FileInputStream(file.toFile());
        boolean handedOver = false;
        try {
            FileChannel channel = in.getChannel();
            long length = channel.size();
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Instant modified = lastModified != null ? lastModified : attributes.lastModifiedTime().toInstant();
            Instant now = Instant.now();
            modified = modified.isAfter(now) ? now : modified; // never later than the response (RFC 9110 §8.8.2.1)
            EntityTag tag = etag != null ? etag : derivedTag(length, attributes);
            Preconditions preconditions = new Preconditions(tag, modified);
            switch (preconditions.evaluate(environ)) {
                case NOT_MODIFIED:
                    return with(Responses.status(304), headers).withHeader("ETag", tag.toString()).send(startResponse);
                case PRECONDITION_FAILED:
                    return with(Responses.status(412), headers).send(startResponse);
                default:
                    break;
            }
            boolean ranged = Environ.method(environ).equals("GET") && preconditions.rangeApplies(environ);
            Object rangeHeader = environ.get("HTTP_RANGE");
            ByteRange range = ranged && rangeHeader != null ? ByteRange.parse(rangeHeader.toString(), length)
                    : ByteRange.WHOLE;
            if (range == ByteRange.UNSATISFIABLE) {
                return with(Responses.status(416), headers).withHeader("Content-Range", "bytes */" + length)
                        .send(startResponse);
            }
            boolean partial = range != ByteRange.WHOLE;
            long count = partial ? range.length() : length;
            channel.position(partial ? range.first() : 0);
            List<Header> head = new ArrayList<>(headers);
            head.add(Header.of("Content-Type", contentType));
            head.add(Header.of("Content-Length", Long.toString(count)));
            head.add(Header.of("ETag", tag.toString()));
            head.add(Header.of("Last-Modified", HttpDates.format(modified)));
            head.add(Header.of("Accept-Ranges", "bytes"));
            if (partial) {
                head.add(Header.of("Content-Range", range.contentRange(length)));
            }
            if (disposition != null) {
                head.add(Header.of("Content-Disposition", disposition));
            }
            FileWrapper body = Environ.fileWrapper(environ).wrap(in);
            handedOver = true;
            try {
                body = exactly(body, count);
                int code = partial ? 206 : 200;
                startResponse.start(code + " " + Reasons.of(code), head);
                return body;
            } catch (RuntimeException e) {
                body.close();
                throw e;
            }
        } finally {
            if (!handedOver) {
                in.close();
            }
        }
    }

    /**
     * The wrapper narrowed to {@code count} bytes from its position, so a server, a middleware that iterates it and
     * the Content-Length agree (a FileInputStream's wrapper runs to the end of the file).
     */
    private static FileWrapper exactly(FileWrapper body, long count) {
        if (body.channel().isPresent() && body.count() != count) {
            return FileWrapper.of(body.channel().get(), body.position(), count, body.blockSize());
        }
        return body;
    }

    private static Response with(Response response, List<Header> headers) {
        Response out = response;
        for (Header h : headers) {
            out = out.withHeader(h.name(), h.value());
        }
        return out;
    }

    static EntityTag derivedTag(long length, BasicFileAttributes attributes) {
        StringBuilder tag = new StringBuilder()
                .append(Long.toHexString(length)).append('-')
                .append(Long.toHexString(attributes.lastModifiedTime().to(TimeUnit.MICROSECONDS)));
        Object key = attributes.fileKey();
        if (key != null) {
            tag.append('-').append(Integer.toHexString(key.toString().hashCode()));
        }
        return new EntityTag(false, tag.toString());
    }
}
