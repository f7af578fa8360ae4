package dev.wsgi4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The {@code wsgi.input} stream (SPEC.md §3.3): the request body and nothing past it.
 *
 * <p>Reads never go past the body's end: once it is reached, {@code read} returns -1 and {@link #readLine(int)}
 * an empty array, however often it is called, so an application can never block on or consume the next request
 * on a keep-alive connection. The server decodes any transfer coding before the bytes arrive here.
 *
 * <p>PEP 3333 also asks that {@code wsgi.input} be iterable, line by line ({@code __iter__}): {@link #lines()} is
 * that iteration, {@code for (byte[] line : input.lines())}. (Not {@code Iterable} itself: an {@code InputStream}
 * that is also an {@code Iterable} makes every overload taking either ambiguous.)
 */
public final class WsgiInput extends InputStream {

    private static final byte[] EMPTY = new byte[0];

    private final InputStream in;
    private long remaining;

    /**
     * @param in     the body's bytes; closed by {@link #close()}
     * @param length the body's length, or -1 when the stream itself ends at the body's end
     */
    public WsgiInput(InputStream in, long length) {
        this.in = Objects.requireNonNull(in, "in");
        this.remaining = length < 0 ? Long.MAX_VALUE : length;
    }

    public static WsgiInput of(byte[] body) {
        return new WsgiInput(new java.io.ByteArrayInputStream(body), body.length);
    }

    public static WsgiInput empty() {
        return of(EMPTY);
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int b = in.read();
        if (b < 0) {
            remaining = 0;
        } else {
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            remaining = 0;
        } else {
            remaining -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(Math.min(Math.max(n, 0), remaining));
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    /** Reads up to and including the next {@code \n}, or at most {@code maxBytes} bytes; empty at the end. */
    public byte[] readLine(int maxBytes) throws IOException {
        if (maxBytes < 0) {
            maxBytes = Integer.MAX_VALUE;
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream(Math.min(maxBytes, 128));
        while (line.size() < maxBytes) {
            int b = read();
            if (b < 0) {
                break;
            }
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.size() == 0 ? EMPTY : line.toByteArray();
    }

    /** Reads a whole line, however long; empty at the end of the body. */
    public byte[] readLine() throws IOException {
        return readLine(-1);
    }

    /** Reads the remaining lines; stops once at least {@code hintBytes} bytes were read (any if &le; 0). */
    public List<byte[]> readLines(long hintBytes) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        long total = 0;
        for (byte[] line = readLine(); line.length > 0; line = readLine()) {
            lines.add(line);
            total += line.length;
            if (hintBytes > 0 && total >= hintBytes) {
                break;
            }
        }
        return lines;
    }

    public List<byte[]> readLines() throws IOException {
        return readLines(0);
    }

    /**
     * The remaining lines, each read when the iteration reaches it as {@link #readLine()} reads it; every iterator
     * reads from this stream's position, so the rest of the body is walked once.
     *
     * @throws java.io.UncheckedIOException from {@code hasNext} when reading fails
     */
    public Iterable<byte[]> lines() {
        return () -> new Iterator<>() {
            private byte[] next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next.length > 0;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] line = next;
                next = null;
                return line;
            }
        };
    }

    @Override
    public void close() throws IOException {
        remaining = 0;
        in.close();
    }
}
