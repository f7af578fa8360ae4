package dev.wsgi4j.http;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MultipartPropertiesTest {

    private static final MultipartLimits LIMITS = MultipartLimits.DEFAULTS.withMaxFileSize(200).withMaxTotalSize(600)
            .withMaxParts(4).withMaxFieldSize(50).withMaxFieldsTotalSize(80).withMaxPartHeaderSize(200);

    private static byte[] validBody() {
        return new MultipartBody().field("a", "alpha").file("f", "f.bin", "application/octet-stream",
                "0123456789".repeat(12).getBytes()).field("b", "beta").build();
    }

    /** Parses; any outcome but a result, 400 or 413 fails the property, and no temp file may outlive it. */
    private static void parseLeavingNoTrace(byte[] body) throws IOException {
        Path dir = Files.createTempDirectory("wsgi4j-prop");
        try {
            try (MultipartForm form = Multipart.parse(TestEnviron.post(MultipartBody.CONTENT_TYPE, body), LIMITS, dir)) {
                form.files().forEach(f -> assertThat(f.path()).exists());
            } catch (BadRequestException | PayloadTooLargeException expected) {
                // the only acceptable failures
            }
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left).isEmpty();
            }
        } finally {
            try (Stream<Path> left = Files.list(dir)) {
                left.forEach(p -> p.toFile().delete());
            }
            Files.delete(dir);
        }
    }

    @Property(tries = 300)
    void randomBodiesParseOrFailCleanly(@ForAll @Size(max = 300) byte[] body) throws IOException {
        parseLeavingNoTrace(body);
    }

    @Property(tries = 300)
    void truncatedBodiesParseOrFailCleanly(@ForAll @IntRange(min = 0, max = 100) int percent) throws IOException {
        byte[] body = validBody();
        parseLeavingNoTrace(Arrays.copyOf(body, body.length * percent / 100));
    }

    @Property(tries = 300)
    void corruptedBodiesParseOrFailCleanly(@ForAll @IntRange(min = 0, max = 10_000) int position,
                                           @ForAll byte value) throws IOException {
        byte[] body = validBody();
        body[position % body.length] = value;
        parseLeavingNoTrace(body);
    }

    @Property(tries = 100)
    void bodiesCutAnywhereButAtTheEndAreRejected(@ForAll @IntRange(min = 0, max = 10_000) int cut) throws IOException {
        byte[] body = validBody();
        // Everything before the final CRLF after the closing delimiter is needed; cutting earlier must not pass.
        int at = cut % (body.length - 2);
        Path dir = Files.createTempDirectory("wsgi4j-prop");
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Multipart.parse(
                    TestEnviron.post(MultipartBody.CONTENT_TYPE, Arrays.copyOf(body, at)), LIMITS, dir))
                    .isInstanceOf(BadRequestException.class);
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left).isEmpty();
            }
        } finally {
            Files.delete(dir);
        }
    }
}
