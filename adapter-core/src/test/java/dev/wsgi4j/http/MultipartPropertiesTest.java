package dev.wsgi4j.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static dev.wsgi4j.Generators.anyByte;
import static dev.wsgi4j.Generators.byteArrays;
import static dev.wsgi4j.Generators.theory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;

class MultipartPropertiesTest {

    private static final MultipartLimits LIMITS = MultipartLimits.DEFAULTS.withMaxFileSize(200).withMaxTotalSize(600)
            .withMaxParts(4).withMaxFieldSize(50).withMaxFieldsTotalSize(80).withMaxPartHeaderSize(200);

    private static byte[] validBody() {
        return new MultipartBody().field("a", "alpha").file("f", "f.bin", "application/octet-stream",
                "0123456789".repeat(12).getBytes()).field("b", "beta").build();
    }

    /** Parses; any outcome but a result, 400 or 413 fails the property, and no temp file may outlive it. */
    private static void parseLeavingNoTrace(byte[] body) {
        try {
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void randomBodiesParseOrFailCleanly() {
        theory(300).forAll(byteArrays(300)).checkAssert(MultipartPropertiesTest::parseLeavingNoTrace);
    }

    @Test
    void truncatedBodiesParseOrFailCleanly() {
        byte[] body = validBody();
        theory(300).forAll(integers().between(0, 100))
                .checkAssert(percent -> parseLeavingNoTrace(Arrays.copyOf(body, body.length * percent / 100)));
    }

    @Test
    void corruptedBodiesParseOrFailCleanly() {
        theory(300).forAll(integers().between(0, 10_000), anyByte()).checkAssert((position, value) -> {
            byte[] body = validBody();
            body[position % body.length] = value;
            parseLeavingNoTrace(body);
        });
    }

    @Test
    void bodiesCutAnywhereButAtTheEndAreRejected() {
        byte[] body = validBody();
        theory(100).forAll(integers().between(0, 10_000)).checkAssert(cut -> {
            // Everything before the final CRLF after the closing delimiter is needed; cutting earlier must not pass.
            int at = cut % (body.length - 2);
            try {
                Path dir = Files.createTempDirectory("wsgi4j-prop");
                try {
                    assertThatThrownBy(() -> Multipart.parse(
                            TestEnviron.post(MultipartBody.CONTENT_TYPE, Arrays.copyOf(body, at)), LIMITS, dir))
                            .isInstanceOf(BadRequestException.class);
                    try (Stream<Path> left = Files.list(dir)) {
                        assertThat(left).isEmpty();
                    }
                } finally {
                    Files.delete(dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
