package dev.wsgi4j.samples;

/**
 * The demo's generated data: byte {@code i} of a body is {@code i mod 251}. The period is prime, so it never lines
 * up with block sizes, and a client can check every byte of a gigabyte without holding a copy of it.
 */
final class BytePattern {

    static final int PERIOD = 251;

    private BytePattern() {
    }

    /** Fills {@code block} with the bytes that sit at {@code offset} of the whole body. */
    static void fill(byte[] block, long offset) {
        int value = (int) (offset % PERIOD);
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) value;
            if (++value == PERIOD) {
                value = 0;
            }
        }
    }
}
