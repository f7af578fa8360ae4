package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.middleware.Methods;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Answers a POST with its own body, read from {@code wsgi.input} one block at a time as the server sends it on, so
 * a body of any size passes through in bounded memory. The response keeps the request's Content-Type and length.
 */
public final class EchoApp implements Application {

    static final int BLOCK = 64 * 1024;

    private final Application methods = Methods.builder().post(EchoApp::echo).build();

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        return methods.call(environ, startResponse);
    }

    private static Iterable<byte[]> echo(Map<String, Object> environ, StartResponse startResponse) {
        String type = Environ.contentType(environ);
        List<Header> headers = new ArrayList<>();
        headers.add(Header.of("Content-Type", type.isEmpty() ? "application/octet-stream" : type));
        long length = Environ.contentLength(environ);
        if (length >= 0) {
            headers.add(Header.of("Content-Length", Long.toString(length)));
        }
        startResponse.start("200 OK", headers);
        InputStream in = Environ.input(environ);
        return () -> new Blocks(in);
    }

    /** The next block of the request body, read when the server asks for it; ends where wsgi.input ends. */
    private static final class Blocks implements Iterator<byte[]> {
        private final InputStream in;
        private byte[] next;

        Blocks(InputStream in) {
            this.in = in;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                try {
                    next = in.readNBytes(BLOCK);
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
            byte[] block = next;
            next = null;
            return block;
        }
    }
}
