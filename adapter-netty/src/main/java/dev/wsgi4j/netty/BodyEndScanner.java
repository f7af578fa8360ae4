package dev.wsgi4j.netty;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Finds where a request body ends in the raw input, so {@link RequestHeadGuard} knows where the next head starts:
 * after {@code Content-Length} bytes, or after a chunked body's last chunk and trailer section (RFC 9112 §6.3,
 * §7.1). The framing itself comes from the codec's reading of the head ({@link CodecFollower}); this only counts.
 * It validates nothing: where a chunk-size line has no hex digit it gives up ({@link #UNFRAMED}), because the codec
 * refuses that body and the guard then stands aside. Fixed-length bodies and chunk data are skipped, not read.
 */
final class BodyEndScanner implements ByteProcessor {

    /** {@link #scan} result: the body goes on past the bytes given. */
    static final int NEED_MORE = -1;
    /** {@link #scan} result: a chunk line the codec will refuse; the end cannot be known. */
    static final int UNFRAMED = -2;

    private static final int FIXED = 0;
    private static final int CHUNK_SIZE = 1;
    private static final int CHUNK_LINE_REST = 2;
    private static final int CHUNK_DATA = 3;
    private static final int CHUNK_DATA_END = 4;
    private static final int TRAILER_LINE_START = 5;
    private static final int TRAILER_LINE = 6;
    private static final int TRAILER_CR = 7;
    private static final int ENDED = 8;
    private static final int LOST = 9;

    private int state = ENDED;
    /** Body bytes (fixed) or chunk bytes still to skip; while in a chunk-size line, the size so far. */
    private long remaining;
    private int sizeDigits;

    /** A body of {@code length > 0} bytes follows. */
    void expectFixed(long length) {
        state = FIXED;
        remaining = length;
    }

    /** A chunked body follows. */
    void expectChunked() {
        startChunkLine();
    }

    /**
     * Scans {@code buf[from, to)}: returns the index just past the body's last byte, {@link #NEED_MORE} or
     * {@link #UNFRAMED}.
     */
    int scan(ByteBuf buf, int from, int to) {
        int i = from;
        while (i < to) {
            if (state == FIXED || state == CHUNK_DATA) {
                int n = (int) Math.min(remaining, to - i);
                i += n;
                remaining -= n;
                if (remaining > 0) {
                    return NEED_MORE;
                }
                if (state == FIXED) {
                    state = ENDED;
                    return i;
                }
                state = CHUNK_DATA_END;
                continue;
            }
            int at = buf.forEachByte(i, to - i, this);
            if (at < 0) {
                return NEED_MORE;
            }
            i = at + 1;
            if (state == ENDED) {
                return i;
            }
            if (state == LOST) {
                return UNFRAMED;
            }
        }
        return NEED_MORE;
    }

    /** One byte of a chunk line or trailer; false where skipping starts, the body ends, or the framing is lost. */
    @Override
    public boolean process(byte b) {
        switch (state) {
            case CHUNK_SIZE -> {
                int digit = Character.digit(b, 16);
                if (digit >= 0 && sizeDigits < 16) {
                    remaining = remaining * 16 + digit;
                    sizeDigits++;
                } else if (b == '\n') {
                    return chunkLineDone();
                } else {
                    state = CHUNK_LINE_REST;
                }
            }
            case CHUNK_LINE_REST -> {
                if (b == '\n') {
                    return chunkLineDone();
                }
            }
            case CHUNK_DATA_END -> {
                if (b == '\n') {
                    startChunkLine();
                }
            }
            case TRAILER_LINE_START -> {
                if (b == '\r') {
                    state = TRAILER_CR;
                } else if (b == '\n') {
                    state = ENDED;
                    return false;
                } else {
                    state = TRAILER_LINE;
                }
            }
            case TRAILER_LINE -> {
                if (b == '\n') {
                    state = TRAILER_LINE_START;
                }
            }
            case TRAILER_CR -> {
                if (b == '\n') {
                    state = ENDED;
                    return false;
                }
                state = TRAILER_LINE;
            }
            default -> throw new IllegalStateException("no body expected");
        }
        return true;
    }

    private void startChunkLine() {
        state = CHUNK_SIZE;
        remaining = 0;
        sizeDigits = 0;
    }

    private boolean chunkLineDone() {
        if (sizeDigits == 0 || remaining < 0) {
            state = LOST; // no size, or one past 2^63: the codec refuses both
        } else if (remaining == 0) {
            state = TRAILER_LINE_START;
            return true;
        } else {
            state = CHUNK_DATA;
        }
        return false;
    }
}
