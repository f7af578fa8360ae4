package dev.wsgi4j.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A response body as a client receives it: kept in memory up to a limit, then moved to a temp file, so a test can
 * receive a large body without holding it all. The file is deleted once the body is read or discarded.
 * Runners fill one and hand it to {@link TestResponse#of(int, String, java.util.List, BodySpool, boolean)}; the
 * {@link TestClient} also holds a request body of unknown length in one, as a server does before the call.
 */
public final class BodySpool extends OutputStream {

    /** The memory limit runners use unless told otherwise. */
    public static final int DEFAULT_MEMORY_LIMIT = 4 * 1024 * 1024;

    private final int memoryLimit;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;
    private long size;
    private boolean consumed;

    public BodySpool(int memoryLimit) {
        if (memoryLimit < 0) {
            throw new IllegalArgumentException("memoryLimit must be >= 0: " + memoryLimit);
        }
        this.memoryLimit = memoryLimit;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (file == null && memory.size() + (long) len > memoryLimit) {
            file = Files.createTempFile("wsgi4j-test-body-", ".bin");
            fileOut = Files.newOutputStream(file);
            memory.writeTo(fileOut);
            memory = null;
        }
        if (file != null) {
            fileOut.write(b, off, len);
        } else {
            memory.write(b, off, len);
        }
        size += len;
    }

    public synchronized long size() {
        return size;
    }

    /** True when the body went to a temp file. */
    public synchronized boolean spooled() {
        return file != null;
    }

    /** Finishes writing; the body can then be read. */
    @Override
    public synchronized void close() throws IOException {
        if (fileOut != null) {
            fileOut.close();
            fileOut = null;
        }
    }

    /** The whole body; a spooled body is read into memory and its file deleted. */
    synchronized byte[] bytes() {
        if (file == null) {
            requireNotConsumed();
            return memory.toByteArray();
        }
        try (InputStream in = open()) {
            byte[] all = in.readAllBytes();
            memory = new ByteArrayOutputStream(all.length);
            memory.write(all, 0, all.length);
            consumed = false;
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stream over the body; for a spooled body it may be opened once and deletes the file when closed. */
    synchronized InputStream open() {
        requireNotConsumed();
        if (file == null) {
            return new ByteArrayInputStream(memory.toByteArray());
        }
        try {
            close();
            consumed = true;
            Path spooled = file;
            file = null;
            return new FilterInputStream(Files.newInputStream(spooled)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        Files.deleteIfExists(spooled);
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the temp file, if any; the body cannot be read afterwards. */
    synchronized void discard() {
        try {
            close();
            if (file != null) {
                Files.deleteIfExists(file);
                file = null;
                consumed = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireNotConsumed() {
        if (consumed) {
            throw new IllegalStateException("the spooled body was already read through bodyStream() or discarded");
        }
    }
}
