package dev.wsgi4j.netty;

import dev.wsgi4j.WsgiInput;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;

/** A body that was written to a {@link SpoolFile} because it was larger than {@code inMemoryBodySize}. */
record SpooledBody(SpoolFile file, long length) implements RequestBody {

    private static final int READ_BUFFER = 64 * 1024;

    @Override
    public WsgiInput open() throws IOException {
        if (file.path() == null) {
            return WsgiInput.empty();
        }
        return new WsgiInput(new BufferedInputStream(new FileInputStream(file.path().toFile()), READ_BUFFER), length);
    }

    @Override
    public void release() {
        file.delete();
    }
}
