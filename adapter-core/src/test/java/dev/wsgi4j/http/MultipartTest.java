package dev.wsgi4j.http;

import dev.wsgi4j.Environ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultipartTest {

    @TempDir
    Path tmp;

    private static final MultipartLimits SMALL = MultipartLimits.DEFAULTS.withMaxFileSize(1000)
            .withMaxTotalSize(10_000).withMaxParts(5).withMaxFieldSize(100).withMaxFieldsTotalSize(150);

    private MultipartForm parse(byte[] body, MultipartLimits limits) {
        return Multipart.parse(TestEnviron.post(MultipartBody.CONTENT_TYPE, body), limits, tmp);
    }

    private void assertNoTempFiles() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void parsesFieldsAndFilesInOrderAndDeletesTheFilesOnClose() throws IOException {
        byte[] png = bytes(700, 1);
        byte[] body = new MultipartBody()
                .field("title", "Grüße")
                .file("photo", "cat.png", "image/png", png)
                .field("tag", "a")
                .field("tag", "b")
                .file("doc", "", "application/octet-stream", new byte[0])
                .build();
        Path photoPath;
        try (MultipartForm form = parse(body, SMALL)) {
            assertThat(form.fields().entries()).containsExactly(Map.entry("title", "Grüße"), Map.entry("tag", "a"),
                    Map.entry("tag", "b"));
            assertThat(form.files()).hasSize(2);
            UploadedFile photo = form.file("photo").orElseThrow();
            assertThat(photo.filename()).isEqualTo("cat.png");
            assertThat(photo.contentType()).isEqualTo("image/png");
            assertThat(photo.size()).isEqualTo(700);
            assertThat(photo.path().getParent()).isEqualTo(tmp);
            try (InputStream in = photo.open()) {
                assertThat(in.readAllBytes()).isEqualTo(png);
            }
            UploadedFile doc = form.files().get(1);
            assertThat(doc.fieldName()).isEqualTo("doc");
            assertThat(doc.filename()).isEmpty();
            assertThat(doc.size()).isZero();
            photoPath = photo.path();
        }
        assertThat(photoPath).doesNotExist();
        assertNoTempFiles();
    }

    @Test
    void parsesABodyWithoutContentLength() {
        byte[] body = new MultipartBody().field("a", "1").build();
        Map<String, Object> env = TestEnviron.postStream(MultipartBody.CONTENT_TYPE, new ByteArrayInputStream(body));
        try (MultipartForm form = Multipart.parse(env, SMALL, tmp)) {
            assertThat(form.fields().first("a")).isEqualTo("1");
        }
    }

    @Test
    void closeIsIdempotentAndToleratesFilesMovedAway() throws IOException {
        byte[] body = new MultipartBody().file("f", "x.txt", "text/plain", "hi".getBytes(StandardCharsets.UTF_8)).build();
        MultipartForm form = parse(body, SMALL);
        Path kept = Files.createTempDirectory("kept").resolve("x.txt");
        Files.move(form.files().get(0).path(), kept);
        form.close();
        form.close();
        assertThat(kept).hasContent("hi");
        Files.delete(kept);
    }

    @Test
    void decodesFieldsInThePartCharset() {
        byte[] body = new MultipartBody().part("Content-Disposition: form-data; name=\"n\"\r\n"
                + "Content-Type: text/plain; charset=ISO-8859-1\r\n", new byte[] {'J', (byte) 0xFC}).build();
        try (MultipartForm form = parse(body, SMALL)) {
            assertThat(form.fields().first("n")).isEqualTo("Jü");
        }
    }

    @Test
    void rejectsInvalidUtf8InAFieldWith400() {
        byte[] body = new MultipartBody().part("Content-Disposition: form-data; name=\"n\"\r\n",
                new byte[] {'a', (byte) 0xC3}).build();
        assertThatThrownBy(() -> parse(body, SMALL)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void answersANonMultipartRequestWith415() {
        Map<String, Object> env = TestEnviron.post("application/x-www-form-urlencoded", new byte[0]);
        assertThatThrownBy(() -> Multipart.parse(env, SMALL, tmp)).isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).status()).isEqualTo(415));
    }

    @Test
    void rejectsAContentTypeWithoutBoundaryWith400() {
        Map<String, Object> env = TestEnviron.post("multipart/form-data", new MultipartBody().field("a", "1").build());
        assertThatThrownBy(() -> Multipart.parse(env, SMALL, tmp)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("boundary");
    }

    @Test
    void rejectsTruncatedMultipartWith400AndLeavesNoTempFile() throws IOException {
        byte[] complete = new MultipartBody().file("a", "a.bin", "application/octet-stream", bytes(500, 2))
                .file("b", "b.bin", "application/octet-stream", bytes(500, 3)).build();
        byte[] truncated = Arrays.copyOf(complete, complete.length - 300);
        assertThatThrownBy(() -> parse(truncated, SMALL)).isInstanceOf(BadRequestException.class);
        assertNoTempFiles();
    }

    @Test
    void rejectsABodyMissingTheClosingDelimiterWith400() throws IOException {
        byte[] open = new MultipartBody().file("a", "a.bin", "application/octet-stream", bytes(10, 4)).open();
        assertThatThrownBy(() -> parse(open, SMALL)).isInstanceOf(BadRequestException.class);
        assertNoTempFiles();
    }

    @Test
    void rejectsGarbageAfterABoundaryWith400() {
        String b = MultipartBody.BOUNDARY;
        byte[] body = ("--" + b + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" + b + "XYZ\r\n"
                + "Content-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--" + b + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> parse(body, SMALL)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void rejectsGarbageAfterTheFirstBoundaryWith400() {
        String b = MultipartBody.BOUNDARY;
        byte[] body = ("--" + b + "XYZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" + b + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> parse(body, SMALL)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void skipsAPreambleAndAnEpilogue() {
        String b = MultipartBody.BOUNDARY;
        byte[] body = ("This is a preamble.\r\n--" + b + "\r\nContent-Disposition: form-data; name=\"a\"\r\n"
                + "\r\n1\r\n--" + b + "--\r\nThis is an epilogue.").getBytes(StandardCharsets.US_ASCII);
        try (MultipartForm form = parse(body, SMALL)) {
            assertThat(form.fields().entries()).containsExactly(Map.entry("a", "1"));
        }
    }

    @Test
    void acceptsAnEmptyForm() {
        byte[] body = ("--" + MultipartBody.BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        try (MultipartForm form = parse(body, SMALL)) {
            assertThat(form.fields().isEmpty()).isTrue();
            assertThat(form.files()).isEmpty();
        }
    }

    @Test
    void rejectsABodyWithoutAnyDelimiterWith400() {
        byte[] body = "just some bytes, no multipart here".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> parse(body, SMALL)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> parse(new byte[0], SMALL)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void rejectsABodyCutOffRightAfterADelimiterWith400AndLeavesNoTempFile() throws IOException {
        byte[] open = new MultipartBody().file("a", "a.bin", "application/octet-stream", bytes(10, 4)).open();
        byte[] cut = Arrays.copyOf(open, open.length + MultipartBody.BOUNDARY.length() + 2);
        System.arraycopy(("--" + MultipartBody.BOUNDARY).getBytes(StandardCharsets.US_ASCII), 0, cut, open.length,
                MultipartBody.BOUNDARY.length() + 2);
        assertThatThrownBy(() -> parse(cut, SMALL)).isInstanceOf(BadRequestException.class);
        assertNoTempFiles();
    }

    @Test
    void rejectsAPartHeaderLongerThanTheLimitWith400() {
        byte[] body = new MultipartBody().part("Content-Disposition: form-data; name=\"a\"\r\nX-Pad: "
                + "p".repeat(300) + "\r\n", "1".getBytes(StandardCharsets.US_ASCII)).build();
        assertThatThrownBy(() -> parse(body, SMALL.withMaxPartHeaderSize(200)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("header");
        try (MultipartForm form = parse(body, SMALL.withMaxPartHeaderSize(1000))) {
            assertThat(form.fields().first("a")).isEqualTo("1");
        }
    }

    @Test
    void rejectsAFileOverItsLimitWith413AndDeletesEarlierFiles() throws IOException {
        byte[] body = new MultipartBody().file("ok", "ok.bin", "application/octet-stream", bytes(1000, 5))
                .file("big", "big.bin", "application/octet-stream", bytes(1001, 6)).build();
        assertThatThrownBy(() -> parse(body, SMALL)).isInstanceOf(PayloadTooLargeException.class);
        assertNoTempFiles();
    }

    @Test
    void mapsFileuploadsOwnPerPartLimitTo413() throws IOException {
        byte[] body = new MultipartBody().part("Content-Disposition: form-data; name=\"f\"; filename=\"f\"\r\n"
                + "Content-Length: 5000\r\n", bytes(10, 7)).build();
        assertThatThrownBy(() -> parse(body, SMALL)).isInstanceOf(PayloadTooLargeException.class)
                .hasCauseInstanceOf(org.apache.commons.fileupload2.core.FileUploadByteCountLimitException.class);
        assertNoTempFiles();
    }

    @Test
    void rejectsAFieldOverItsLimitWith413() {
        byte[] body = new MultipartBody().field("a", "x".repeat(101)).build();
        assertThatThrownBy(() -> parse(body, SMALL)).isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("\"a\"");
        byte[] exact = new MultipartBody().field("a", "x".repeat(100)).build();
        try (MultipartForm form = parse(exact, SMALL)) {
            assertThat(form.fields().first("a")).hasSize(100);
        }
    }

    @Test
    void rejectsFieldsOverTheirTotalWith413() {
        byte[] body = new MultipartBody().field("a", "x".repeat(100)).field("b", "y".repeat(51)).build();
        assertThatThrownBy(() -> parse(body, SMALL)).isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("in total");
    }

    @Test
    void rejectsTooManyPartsWith413AndLeavesNoTempFile() throws IOException {
        MultipartBody many = new MultipartBody();
        for (int i = 0; i < 6; i++) {
            many.file("f" + i, i + ".txt", "text/plain", new byte[] {'x'});
        }
        assertThatThrownBy(() -> parse(many.build(), SMALL)).isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("parts");
        assertNoTempFiles();
    }

    @Test
    void rejectsAnUndeclaredBodyOverTheTotalWith413AndLeavesNoTempFile() throws IOException {
        byte[] body = new MultipartBody().file("a", "a", "x/y", bytes(900, 8)).file("b", "b", "x/y", bytes(900, 9))
                .build();
        Map<String, Object> env = TestEnviron.postStream(MultipartBody.CONTENT_TYPE, new ByteArrayInputStream(body));
        assertThatThrownBy(() -> Multipart.parse(env, SMALL.withMaxTotalSize(1500), tmp))
                .isInstanceOf(PayloadTooLargeException.class);
        assertNoTempFiles();
    }

    @Test
    void refusesADeclaredOversizeBodyWithoutReadingIt() {
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("body must not be read");
            }
        };
        Map<String, Object> env = TestEnviron.postStream(MultipartBody.CONTENT_TYPE, untouchable);
        env.put(Environ.CONTENT_LENGTH, "10001");
        assertThatThrownBy(() -> Multipart.parse(env, SMALL, tmp)).isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void rejectsAFileNameWithANulByteWith400() throws IOException {
        byte[] body = new MultipartBody().file("f", "a\u0000b", "text/plain", new byte[] {'x'}).build();
        assertThatThrownBy(() -> parse(body, SMALL)).isInstanceOf(BadRequestException.class);
        assertNoTempFiles();
    }

    @Test
    void failsAsAServerErrorWhenTheTempDirectoryIsUnusable() {
        byte[] body = new MultipartBody().file("f", "f", "text/plain", new byte[] {'x'}).build();
        Map<String, Object> env = TestEnviron.post(MultipartBody.CONTENT_TYPE, body);
        assertThatThrownBy(() -> Multipart.parse(env, SMALL, tmp.resolve("missing")))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void keepsANestedMultipartMixedPartAsOneRawFieldInsteadOfExpandingIt() {
        String inner = "inner42";
        String mixed = "--" + inner + "\r\nContent-Disposition: file; filename=\"a.txt\"\r\n\r\nAAA\r\n--" + inner + "--\r\n";
        byte[] body = new MultipartBody().part("Content-Disposition: form-data; name=\"files\"\r\n"
                + "Content-Type: multipart/mixed; boundary=" + inner + "\r\n", mixed.getBytes(StandardCharsets.US_ASCII))
                .build();
        try (MultipartForm form = parse(body, SMALL)) {
            assertThat(form.files()).isEmpty();
            assertThat(form.fields().first("files")).isEqualTo(mixed);
        }
    }

    @Test
    void limitsHaveSaneDefaultsAndRefuseNonsense() {
        MultipartLimits d = MultipartLimits.DEFAULTS;
        assertThat(d.maxFileSize()).isEqualTo(32L << 20);
        assertThat(d.maxTotalSize()).isEqualTo(64L << 20);
        assertThat(d.maxParts()).isEqualTo(100);
        assertThat(d.maxFieldSize()).isEqualTo(1 << 20);
        assertThatThrownBy(() -> d.withMaxParts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxFileSize(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
