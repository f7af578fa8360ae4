package dev.wsgi4j.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MultipartLargeFileTest {

    private static final long SIZE = 50L * 1024 * 1024;

    @TempDir
    Path tmp;

    /** Pseudo-random bytes made on demand, hashed as they are produced; never holds more than the caller's buffer. */
    static final class GeneratedContent extends InputStream {
        private final MessageDigest digest;
        private long left;
        private long state = 0x9E3779B97F4A7C15L;

        GeneratedContent(long size) throws Exception {
            this.left = size;
            this.digest = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                b[off + i] = (byte) state;
            }
            digest.update(b, off, n);
            left -= n;
            return n;
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void streamsA50MiBFilePartToDiskWithBoundedMemoryAndIntactContent() throws Exception {
        byte[] head = new MultipartBody().field("note", "big one").open();
        byte[] partHead = ("--" + MultipartBody.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"blob\"; "
                + "filename=\"blob.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + MultipartBody.BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        GeneratedContent content = new GeneratedContent(SIZE);
        InputStream body = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream(head), new ByteArrayInputStream(partHead), content,
                new ByteArrayInputStream(tail))));
        Map<String, Object> env = TestEnviron.postStream(MultipartBody.CONTENT_TYPE, body);
        MultipartLimits limits = MultipartLimits.DEFAULTS.withMaxFileSize(SIZE).withMaxTotalSize(SIZE + 4096);

        long before = allocatedBytes();
        try (MultipartForm form = Multipart.parse(env, limits, tmp)) {
            long allocated = allocatedBytes() - before;
            // Buffering the part would allocate at least SIZE bytes; streaming needs only small, reused buffers.
            assertThat(allocated).as("bytes allocated while parsing").isLessThan(8L * 1024 * 1024);

            assertThat(form.fields().first("note")).isEqualTo("big one");
            UploadedFile blob = form.file("blob").orElseThrow();
            assertThat(blob.size()).isEqualTo(SIZE);
            assertThat(Files.size(blob.path())).isEqualTo(SIZE);
            MessageDigest onDisk = MessageDigest.getInstance("SHA-256");
            try (InputStream in = blob.open()) {
                byte[] buf = new byte[64 * 1024];
                for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                    onDisk.update(buf, 0, n);
                }
            }
            assertThat(HexFormat.of().formatHex(onDisk.digest()))
                    .isEqualTo(HexFormat.of().formatHex(content.digest.digest()));
        }
        try (var left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }
}
