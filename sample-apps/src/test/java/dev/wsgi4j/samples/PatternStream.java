package dev.wsgi4j.samples;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Large bodies of {@link BytePattern} bytes made and checked a block at a time, so a test can send or receive
 * hundreds of MiB without a file or an array of that size.
 */
final class PatternStream {

    private static final int BLOCK = 64 * 1024;

    private PatternStream() {
    }

    /** {@code head}, then {@code size} pattern bytes, then {@code tail}; the strings in UTF-8. */
    static InputStream between(String head, long size, String tail) {
        InputStream last = new SequenceInputStream(new Pattern(size),
                new ByteArrayInputStream(tail.getBytes(StandardCharsets.UTF_8)));
        return new SequenceInputStream(new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)), last);
    }

    /** The SHA-256, in hex, of the first {@code size} pattern bytes. */
    static String sha256(long size) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[BLOCK];
        for (long done = 0; done < size; done += block.length) {
            BytePattern.fill(block, done);
            digest.update(block, 0, (int) Math.min(block.length, size - done));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Reads {@code in} to its end, or to its first byte that is not the pattern's, and returns how many bytes matched:
     * the body's length exactly when all of it is the pattern.
     */
    static long matchingPrefixLength(InputStream in) throws IOException {
        byte[] got = new byte[BLOCK];
        byte[] expected = new byte[BLOCK];
        long offset = 0;
        for (int n = in.read(got); n >= 0; n = in.read(got)) {
            BytePattern.fill(expected, offset);
            int mismatch = Arrays.mismatch(got, 0, n, expected, 0, n);
            if (mismatch >= 0) {
                return offset + mismatch;
            }
            offset += n;
        }
        return offset;
    }

    /** {@code size} pattern bytes, made as they are read. */
    private static final class Pattern extends InputStream {
        private final long size;
        private final byte[] scratch = new byte[BLOCK];
        private long position;

        Pattern(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position == size) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, scratch.length), size - position);
            BytePattern.fill(scratch, position);
            System.arraycopy(scratch, 0, b, off, n);
            position += n;
            return n;
        }
    }
}
