package dev.wsgi4j.http;

import dev.wsgi4j.Application;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.middleware.Validator;
import dev.wsgi4j.testing.TestClient;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FileResponseTest {

    private static final Instant MODIFIED = Instant.parse("2024-03-05T10:20:30Z");
    private static final String MODIFIED_TEXT = "Tue, 05 Mar 2024 10:20:30 GMT";

    @TempDir
    Path dir;
    private Path file;
    private byte[] content;
    private TestClient client;
    private final Validator validator = new Validator();

    @BeforeEach
    void makeFile() throws IOException {
        content = new byte[1000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 7 + 3);
        }
        file = dir.resolve("data.bin");
        Files.write(file, content);
        Files.setLastModifiedTime(file, FileTime.from(MODIFIED));
        Application app = (env, sr) -> Responses.file(file, "application/octet-stream").send(env, sr);
        client = new TestClient(validator.wrap(app));
    }

    @AfterEach
    void noViolations() {
        validator.assertNoViolations();
    }

    private TestResponse get(String... headers) throws IOException {
        return send("GET", headers);
    }

    private TestResponse send(String method, String... headers) throws IOException {
        TestRequest.Builder request = TestRequest.request(method, "/f");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build());
    }

    @Test
    void aPlainGetSendsTheWholeFileWithItsValidators() throws IOException {
        TestResponse r = get();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(content);
        assertThat(r.header("Content-Length")).isEqualTo("1000");
        assertThat(r.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(r.header("Last-Modified")).isEqualTo(MODIFIED_TEXT);
        assertThat(r.header("ETag")).matches("\"3e8-[0-9a-f]+(-[0-9a-f]+)?\"");
        assertThat(r.header("Content-Disposition")).isNull();
        assertThat(get().header("ETag")).isEqualTo(r.header("ETag"));
    }

    @Test
    void theEtagChangesWhenTheFileChanges() throws IOException {
        String before = get().header("ETag");
        Files.setLastModifiedTime(file, FileTime.from(MODIFIED.plusSeconds(1)));
        assertThat(get().header("ETag")).isNotEqualTo(before);
    }

    @Test
    void aSingleRangeIsAnsweredWithPartialContent() throws IOException {
        TestResponse r = get("Range", "bytes=0-9");
        assertThat(r.status()).isEqualTo(206);
        assertThat(r.reason()).isEqualTo("Partial Content");
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(content, 0, 10));
        assertThat(r.header("Content-Range")).isEqualTo("bytes 0-9/1000");
        assertThat(r.header("Content-Length")).isEqualTo("10");

        assertThat(get("Range", "bytes=990-").body()).isEqualTo(Arrays.copyOfRange(content, 990, 1000));
        TestResponse suffix = get("Range", "bytes=-5");
        assertThat(suffix.header("Content-Range")).isEqualTo("bytes 995-999/1000");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(content, 995, 1000));
        assertThat(get("Range", "bytes=500-5000").header("Content-Range")).isEqualTo("bytes 500-999/1000");
    }

    @Test
    void theBodyOfARangeIsAWrapperOfExactlyThatRegionSoServersSendItWithoutCopying() throws IOException {
        TestEnviron.Recorder sr = new TestEnviron.Recorder();
        var env = TestEnviron.get("", "/f", "");
        env.put("HTTP_RANGE", "bytes=100-199");
        Iterable<byte[]> body = Responses.file(file, "application/octet-stream").send(env, sr);
        try (FileWrapper wrapper = (FileWrapper) body) {
            assertThat(wrapper.channel()).isPresent();
            assertThat(wrapper.position()).isEqualTo(100);
            assertThat(wrapper.count()).isEqualTo(100);
        }
    }

    @Test
    void anUnsatisfiableRangeIs416WithTheLength() throws IOException {
        TestResponse r = get("Range", "bytes=1000-");
        assertThat(r.status()).isEqualTo(416);
        assertThat(r.reason()).isEqualTo("Range Not Satisfiable");
        assertThat(r.header("Content-Range")).isEqualTo("bytes */1000");
        assertThat(get("Range", "bytes=-0").status()).isEqualTo(416);
    }

    @Test
    void severalRangesMalformedRangesAndOtherUnitsGetTheWholeFile() throws IOException {
        for (String range : new String[] {"bytes=0-1,5-6", "bytes=5-1", "bytes=x-", "items=0-1", "bytes 0-1"}) {
            TestResponse r = get("Range", range);
            assertThat(r.status()).as(range).isEqualTo(200);
            assertThat(r.body()).as(range).isEqualTo(content);
        }
    }

    @Test
    void headIgnoresRangeAndSendsNoBody() throws IOException {
        TestResponse r = send("HEAD", "Range", "bytes=0-9");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Length")).isEqualTo("1000");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void aMatchingIfNoneMatchIs304WithTheEtagAndNoBody() throws IOException {
        String etag = get().header("ETag");
        TestResponse r = get("If-None-Match", "\"other\", " + etag);
        assertThat(r.status()).isEqualTo(304);
        assertThat(r.header("ETag")).isEqualTo(etag);
        assertThat(r.body()).isEmpty();
        assertThat(get("If-None-Match", "W/" + etag).status()).as("weak comparison").isEqualTo(304);
        assertThat(get("If-None-Match", "*").status()).isEqualTo(304);
        assertThat(get("If-None-Match", "\"other\"").status()).isEqualTo(200);
        assertThat(send("POST", "If-None-Match", etag).status()).as("not GET/HEAD").isEqualTo(412);
    }

    @Test
    void ifModifiedSinceIs304UnlessTheFileIsNewerAndYieldsToIfNoneMatch() throws IOException {
        assertThat(get("If-Modified-Since", MODIFIED_TEXT).status()).isEqualTo(304);
        assertThat(get("If-Modified-Since", "Tue, 05 Mar 2024 10:20:29 GMT").status()).isEqualTo(200);
        assertThat(get("If-Modified-Since", "Tuesday, 05-Mar-24 10:20:30 GMT").status()).as("RFC 850").isEqualTo(304);
        assertThat(get("If-Modified-Since", "Tue Mar  5 10:20:30 2024").status()).as("asctime").isEqualTo(304);
        assertThat(get("If-Modified-Since", "yesterday").status()).as("invalid: ignored").isEqualTo(200);
        // §13.2.2: If-Modified-Since is only evaluated when If-None-Match is absent.
        assertThat(get("If-None-Match", "\"other\"", "If-Modified-Since", MODIFIED_TEXT).status()).isEqualTo(200);
    }

    @Test
    void ifMatchAndIfUnmodifiedSinceFailWith412() throws IOException {
        String etag = get().header("ETag");
        assertThat(get("If-Match", "\"other\"").status()).isEqualTo(412);
        assertThat(get("If-Match", "W/" + etag).status()).as("strong comparison").isEqualTo(412);
        assertThat(get("If-Match", etag).status()).isEqualTo(200);
        assertThat(get("If-Unmodified-Since", "Tue, 05 Mar 2024 10:20:29 GMT").status()).isEqualTo(412);
        assertThat(get("If-Unmodified-Since", MODIFIED_TEXT).status()).isEqualTo(200);
        // If-Match present: If-Unmodified-Since is not evaluated; 412 comes before 304.
        assertThat(get("If-Match", etag, "If-Unmodified-Since", "Mon, 01 Jan 2024 00:00:00 GMT").status())
                .isEqualTo(200);
        assertThat(get("If-Match", "\"other\"", "If-None-Match", etag).status()).isEqualTo(412);
    }

    @Test
    void ifRangeServesTheRangeOnlyForTheCurrentVersion() throws IOException {
        String etag = get().header("ETag");
        assertThat(get("Range", "bytes=0-9", "If-Range", etag).status()).isEqualTo(206);
        assertThat(get("Range", "bytes=0-9", "If-Range", MODIFIED_TEXT).status()).isEqualTo(206);
        TestResponse stale = get("Range", "bytes=0-9", "If-Range", "\"old\"");
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(content);
        assertThat(get("Range", "bytes=0-9", "If-Range", "W/" + etag).status()).isEqualTo(200);
        assertThat(get("Range", "bytes=0-9", "If-Range", "Mon, 01 Jan 2024 00:00:00 GMT").status()).isEqualTo(200);
    }

    @Test
    void anAttachmentNamesTheDownloadForAnyClient() throws IOException {
        Application app = (env, sr) -> Responses.file(file, "application/pdf").attachment("report €\"1\".pdf")
                .withHeader("Cache-Control", "no-cache").send(env, sr);
        TestResponse r = new TestClient(validator.wrap(app)).get("/f");
        assertThat(r.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"report __1_.pdf\"; filename*=UTF-8''report%20%E2%82%AC%221%22.pdf");
        assertThat(r.header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void headersTheResponseComputesCannotBeAddedByHand() {
        FileResponse r = Responses.file(file, "text/plain");
        for (String name : new String[] {"Content-Length", "content-range", "ETag", "Last-Modified"}) {
            assertThatIllegalArgumentException().as(name).isThrownBy(() -> r.withHeader(name, "1"));
        }
    }

    @Test
    void anExplicitEtagAndDateReplaceTheDerivedOnes() throws IOException {
        Instant fixed = Instant.parse("2020-01-02T03:04:05Z");
        Application app = (env, sr) -> Responses.file(file, "text/plain").etag("v7").lastModified(fixed)
                .send(env, sr);
        TestClient c = new TestClient(validator.wrap(app));
        TestResponse r = c.get("/f");
        assertThat(r.header("ETag")).isEqualTo("\"v7\"");
        assertThat(r.header("Last-Modified")).isEqualTo("Thu, 02 Jan 2020 03:04:05 GMT");
        assertThat(c.send(TestRequest.get("/f").header("If-None-Match", "\"v7\"").build()).status()).isEqualTo(304);
    }

    @Test
    void deleteWhenClosedRemovesTheFileAfterSendingAnd304Alike() throws IOException {
        Application app = (env, sr) -> Responses.file(file, "text/plain").etag("x").deleteWhenClosed().send(env, sr);
        assertThat(new TestClient(app).get("/f").body()).isEqualTo(content);
        assertThat(file).doesNotExist();

        Files.write(file, content);
        TestResponse r = new TestClient(app).send(TestRequest.get("/f").header("If-None-Match", "\"x\"").build());
        assertThat(r.status()).isEqualTo(304);
        assertThat(file).doesNotExist();
    }

    @Test
    void anEmptyFileIsServedAndRefusesAnyFirstPosition() throws IOException {
        Files.write(file, new byte[0]);
        assertThat(get().status()).isEqualTo(200);
        assertThat(get("Range", "bytes=0-").status()).isEqualTo(416);
        TestResponse suffix = get("Range", "bytes=-3");
        assertThat(suffix.status()).isEqualTo(200);
        assertThat(suffix.header("Content-Length")).isEqualTo("0");
    }
}
