package dev.wsgi4j.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read from a request body and fails once more than a limit were read, so a body without
 * Content-Length cannot run past it. Closing it leaves {@code wsgi.input} open: the server owns that stream.
 */
final class LimitedInput extends FilterInputStream {

    /** Thrown through the parser's read calls; the caller maps it to 413. */
    static final class Exceeded extends IOException {
        Exceeded(long limit) {
            super("request body exceeds the limit of " + limit + " bytes");
        }
    }

    private final long limit;
    private long count;

    LimitedInput(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        checkNotExceeded();
        int b = in.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkNotExceeded();
        int n = in.read(b, off, (int) Math.min(len, limit - count + 1));
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        checkNotExceeded();
        long skipped = in.skip(Math.min(n, limit - count + 1));
        counted(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // wsgi.input belongs to the server.
    }

    /** Stays failed: a parser that reads again after the first failure (fileupload does, on close) must not spin. */
    private void checkNotExceeded() throws IOException {
        if (count > limit) {
            throw new Exceeded(limit);
        }
    }

    private void counted(long n) throws IOException {
        count += n;
        if (count > limit) {
            throw new Exceeded(limit);
        }
    }
}
