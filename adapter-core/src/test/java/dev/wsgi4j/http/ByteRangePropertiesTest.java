package dev.wsgi4j.http;

import dev.wsgi4j.Application;
import dev.wsgi4j.middleware.Validator;
import dev.wsgi4j.testing.TestClient;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static dev.wsgi4j.Generators.charsOf;
import static dev.wsgi4j.Generators.strings;
import static dev.wsgi4j.Generators.theory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/** Random file sizes and ranges through the whole driver: a 206 carries exactly the slice it names. */
class ByteRangePropertiesTest {

    private static final Validator VALIDATOR = new Validator();
    private static Path dir;
    private static final Map<Integer, Path> FILES = new HashMap<>();

    @BeforeAll
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("byte-range-test");
    }

    @AfterAll
    static void removeFiles() throws IOException {
        VALIDATOR.assertNoViolations();
        for (Path p : FILES.values()) {
            Files.delete(p);
        }
        Files.delete(dir);
    }

    private static byte[] content(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + size);
        }
        return b;
    }

    private static TestResponse get(int size, String range) {
        Path file = FILES.computeIfAbsent(size, s -> {
            try {
                return Files.write(dir.resolve(s + ".bin"), content(s));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Application app = (env, sr) -> Responses.file(file, "application/octet-stream").send(env, sr);
        try {
            return new TestClient(VALIDATOR.wrap(app)).send(TestRequest.get("/").header("Range", range).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aSatisfiableFirstLastRangeGetsExactlyItsSlice() {
        // first is drawn inside the file and last anywhere from first on (past the end too), so that no example is
        // thrown away: an assumption that rejected a third of them made QuickTheories give up now and then.
        theory(300).forAll(integers().between(1, 5000), longs().between(0, 6000), longs().between(0, 6000))
                .checkAssert((size, a, b) -> {
                    long first = a % size;
                    long last = first + b;
                    TestResponse r = get(size, "bytes=" + first + "-" + last);
                    long end = Math.min(last, size - 1);
                    assertThat(r.status()).isEqualTo(206);
                    assertThat(r.header("Content-Range")).isEqualTo("bytes " + first + "-" + end + "/" + size);
                    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(content(size), (int) first, (int) end + 1));
                });
    }

    @Test
    void aSuffixRangeGetsTheLastBytes() {
        theory(300).forAll(integers().between(1, 5000), longs().between(1, 6000)).checkAssert((size, suffix) -> {
            TestResponse r = get(size, "bytes=-" + suffix);
            int first = (int) Math.max(0, size - suffix);
            assertThat(r.status()).isEqualTo(206);
            assertThat(r.header("Content-Range")).isEqualTo("bytes " + first + "-" + (size - 1) + "/" + size);
            assertThat(r.body()).isEqualTo(Arrays.copyOfRange(content(size), first, size));
        });
    }

    @Test
    void aRangeStartingAtOrPastTheEndIs416() {
        theory(300).forAll(integers().between(0, 5000), longs().between(0, 6000)).checkAssert((size, past) -> {
            long first = size + past;
            TestResponse r = get(size, past % 2 == 0 ? "bytes=" + first + "-" : "bytes=" + first + "-" + (first + 9));
            assertThat(r.status()).isEqualTo(416);
            assertThat(r.header("Content-Range")).isEqualTo("bytes */" + size);
        });
    }

    @Test
    void anyRangeHeaderTextParsesWithoutErrorToTheWholeFileA416OrASliceInsideIt() {
        theory(3000).forAll(strings(charsOf("bytes=-,0123456789 xB"), 0, 24), longs().between(0, 100))
                .checkAssert((header, length) -> {
                    ByteRange r = ByteRange.parse(header, length);
                    if (r != ByteRange.WHOLE && r != ByteRange.UNSATISFIABLE) {
                        assertThat(r.first()).isBetween(0L, r.last());
                        assertThat(r.last()).isLessThan(length);
                    }
                });
    }
}
