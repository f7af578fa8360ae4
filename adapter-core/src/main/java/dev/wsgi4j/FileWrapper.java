package dev.wsgi4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * The body type behind {@code wsgi.file_wrapper} (SPEC.md §4.6). A server that recognises it may send
 * {@link #channel()} from {@link #position()} for {@link #count()} bytes without copying (sendfile); any other
 * server, or a middleware that wraps the body, just iterates it in blocks. Closing it closes the file.
 */
public final class FileWrapper implements Iterable<byte[]>, AutoCloseable {

    public static final int DEFAULT_BLOCK_SIZE = 64 * 1024;

    private final FileChannel channel;
    private final InputStream stream;
    private final long position;
    private final long count;
    private final int blockSize;
    private boolean iterated;

    private FileWrapper(FileChannel channel, InputStream stream, long position, long count, int blockSize) {
        if (blockSize <= 0) {
            throw new IllegalArgumentException("blockSize must be positive: " + blockSize);
        }
        this.channel = channel;
        this.stream = stream;
        this.position = position;
        this.count = count;
        this.blockSize = blockSize;
    }

    /** Opens {@code file} and wraps all of it. */
    public static FileWrapper of(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return of(ch, 0, ch.size(), DEFAULT_BLOCK_SIZE);
        } catch (IOException | RuntimeException e) {
            // size() can fail too; the channel is still ours to close then.
            try {
                ch.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Wraps {@code count} bytes of {@code channel} from {@code position}; the wrapper owns the channel. */
    public static FileWrapper of(FileChannel channel, long position, long count, int blockSize) {
        Objects.requireNonNull(channel, "channel");
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException("position and count must be >= 0");
        }
        return new FileWrapper(channel, null, position, count, blockSize);
    }

    /** Wraps a stream that can only be read: no zero-copy, unknown length (PEP 3333's "file-like" fallback). */
    public static FileWrapper of(InputStream stream, int blockSize) {
        return new FileWrapper(null, Objects.requireNonNull(stream, "stream"), 0, -1, blockSize);
    }

    /**
     * PEP 3333's {@code wsgi.file_wrapper(filelike, blksize)}: a {@link java.io.FileInputStream} becomes a
     * zero-copy region from its current position to the end of the file; any other stream is read in blocks.
     */
    public static FileWrapper wrap(InputStream fileLike, int blockSize) throws IOException {
        if (fileLike instanceof java.io.FileInputStream file) {
            FileChannel ch = file.getChannel();
            long pos = ch.position();
            return of(ch, pos, Math.max(0, ch.size() - pos), blockSize);
        }
        return of(fileLike, blockSize);
    }

    /** The value of {@code wsgi.file_wrapper} in environ. */
    @FunctionalInterface
    public interface Factory {
        FileWrapper wrap(InputStream fileLike, int blockSize) throws IOException;

        default FileWrapper wrap(InputStream fileLike) throws IOException {
            return wrap(fileLike, DEFAULT_BLOCK_SIZE);
        }
    }

    /** The open channel a server may transfer from, or empty when the source is only a stream. */
    public Optional<FileChannel> channel() {
        return Optional.ofNullable(channel);
    }

    public long position() {
        return position;
    }

    /** Bytes this wrapper will produce, or -1 when unknown. */
    public long count() {
        return count;
    }

    public int blockSize() {
        return blockSize;
    }

    /** Reads the content in blocks of {@link #blockSize()}; may be called once. */
    @Override
    public Iterator<byte[]> iterator() {
        if (iterated) {
            throw new IllegalStateException("a FileWrapper can be iterated only once");
        }
        iterated = true;
        return channel != null ? new ChannelBlocks() : new StreamBlocks();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        } else {
            stream.close();
        }
    }

    private abstract class Blocks implements Iterator<byte[]> {
        private byte[] next;
        private boolean done;

        abstract byte[] readBlock() throws IOException;

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                try {
                    next = readBlock();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                done = next == null;
            }
            return next != null;
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

    private final class ChannelBlocks extends Blocks {
        private long sent;

        @Override
        byte[] readBlock() throws IOException {
            long left = count - sent;
            if (left <= 0) {
                return null;
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(blockSize, left));
            while (buf.hasRemaining()) {
                int n = channel.read(buf, position + sent + buf.position());
                if (n < 0) {
                    break;
                }
            }
            if (buf.position() == 0) {
                return null;
            }
            sent += buf.position();
            return buf.position() == buf.capacity() ? buf.array() : java.util.Arrays.copyOf(buf.array(), buf.position());
        }
    }

    private final class StreamBlocks extends Blocks {
        @Override
        byte[] readBlock() throws IOException {
            byte[] block = stream.readNBytes(blockSize);
            return block.length == 0 ? null : block;
        }
    }
}
