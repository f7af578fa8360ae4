package dev.wsgi4j.samples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies what is written to System.err (where slf4j-simple logs) while it is open, so a test can check that the server
 * logged something. Output still reaches the real stream. Tests in this module run one at a time, so the swap is safe.
 */
final class StderrCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    StderrCapture() {
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (copy) {
                    copy.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (copy) {
                    copy.write(b, off, len);
                }
            }
        }, true, StandardCharsets.UTF_8));
    }

    /** True once {@code text} was logged; waits at most 5 s, since the server logs from its own thread. */
    boolean await(String text) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            synchronized (copy) {
                if (copy.toString(StandardCharsets.UTF_8).contains(text)) {
                    return true;
                }
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
