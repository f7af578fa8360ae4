package dev.wsgi4j.testing;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.http.FormData;
import dev.wsgi4j.http.Multipart;
import dev.wsgi4j.http.MultipartForm;
import dev.wsgi4j.http.Responses;
import dev.wsgi4j.http.UploadedFile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The request methods and body helpers of the test client, as an application sees them. */
class TestClientBodiesTest {

    /** "METHOD CONTENT_TYPE CONTENT_LENGTH body". */
    private static final Application ECHO = (environ, start) -> Responses.text(Environ.method(environ) + " "
            + Environ.contentType(environ) + " " + environ.getOrDefault(Environ.CONTENT_LENGTH, "none") + " "
            + new String(Environ.input(environ).readAllBytes(), StandardCharsets.UTF_8)).send(start);

    private final TestClient client = new TestClient(ECHO);

    @Test
    void postOfBareBytesIsSentAsOctetStream() throws Exception {
        assertThat(client.post("/", "abc".getBytes(StandardCharsets.UTF_8)).text())
                .isEqualTo("POST application/octet-stream 3 abc");
    }

    @Test
    void putPatchDeleteHeadAndOptionsReachTheApplicationWithTheirMethod() throws Exception {
        assertThat(client.put("/", new byte[] {'x'}).text()).isEqualTo("PUT application/octet-stream 1 x");
        assertThat(client.patch("/", new byte[] {'y'}).text()).isEqualTo("PATCH application/octet-stream 1 y");
        assertThat(client.delete("/").text()).isEqualTo("DELETE  none ");
        assertThat(client.options("/").text()).isEqualTo("OPTIONS  none ");

        TestResponse head = client.head("/");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf("HEAD  none ".length()));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void formSendsAnUrlencodedBodyThatFormDataReads() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("message", "caf\u00e9 & <b> = 100%");
        fields.put("name", "Ada Lovelace");
        Application app = (environ, start) -> Responses.text(Environ.contentType(environ) + "|"
                + FormData.parse(environ).entries()).send(start);

        TestResponse r = new TestClient(app).send(TestRequest.post("/").form(fields));

        assertThat(r.text()).isEqualTo("application/x-www-form-urlencoded|[message=caf\u00e9 & <b> = 100%, "
                + "name=Ada Lovelace]");
    }

    @Test
    void jsonSendsUtf8WithItsType() throws Exception {
        TestResponse r = client.send(TestRequest.request("PUT", "/").json("{\"a\":\"\u20ac\"}"));

        assertThat(r.text()).isEqualTo("PUT application/json 11 {\"a\":\"\u20ac\"}");
    }

    @Test
    void multipartSendsFieldsAndFilesThatMultipartReads() throws Exception {
        byte[] content = {0, 1, 2, (byte) 0xFF, '\r', '\n', '-', '-'};
        Application app = (environ, start) -> {
            try (MultipartForm form = Multipart.parse(environ)) {
                UploadedFile file = form.file("upload").orElseThrow();
                byte[] read;
                try (var in = file.open()) {
                    read = in.readAllBytes();
                }
                return Responses.text(form.fields().entries() + "|" + file.filename() + "|" + file.contentType()
                        + "|" + java.util.Arrays.toString(read)).send(start);
            }
        };

        TestResponse r = new TestClient(app).send(TestRequest.post("/").multipart(new MultipartBody()
                .field("note", "h\u00e9 \"quoted\"").file("upload", "r\u00e9sum\u00e9.bin", "application/x-demo", content)
                .field("note", "second")));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("[note=h\u00e9 \"quoted\", note=second]|r\u00e9sum\u00e9.bin|application/x-demo|"
                + java.util.Arrays.toString(content));
    }

    @Test
    void multipartBodiesGetTheirOwnBoundaryAndRefuseABadOne() {
        MultipartBody one = new MultipartBody();

        assertThat(one.contentType()).isEqualTo("multipart/form-data; boundary=" + one.boundary());
        assertThat(new MultipartBody().boundary()).isNotEqualTo(one.boundary());
        assertThat(new String(new MultipartBody("b").field("a\"\r\n", "v").build(), StandardCharsets.UTF_8))
                .isEqualTo("--b\r\nContent-Disposition: form-data; name=\"a%22%0D%0A\"\r\n\r\nv\r\n--b--\r\n");
        assertThatThrownBy(() -> new MultipartBody("has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultipartBody("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBodyHelperReplacesAnEarlierContentType() {
        TestRequest r = TestRequest.post("/").contentType("text/plain").json("1").build();

        assertThat(r.headers()).extracting(h -> h.name() + ": " + h.value()).containsExactly("Content-Type: application/json");
        assertThat(entry(r.method(), r.bodyLength())).isEqualTo(entry("POST", 1L));
    }
}
