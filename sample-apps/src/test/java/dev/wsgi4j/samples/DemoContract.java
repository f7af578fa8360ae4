package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.middleware.UrlMap;
import dev.wsgi4j.testing.ApplicationRunner;
import dev.wsgi4j.testing.MultipartBody;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's HTTP contract, row by row: what a client sees of the demo, whatever implements it. A runner says how
 * requests travel (in-process through {@code TestClient}, or over a real server through
 * {@code java.net.http.HttpClient}) and which demo answers them ({@link #newDemo}): the Java {@link DemoApp}
 * ({@link JavaDemoContract}, which adds the rows that look inside it) or the Python port,
 * {@code sample-apps/python/demo.py}, served through GraalPy (adapter-graalpy's tests). Rows that only a network
 * shows (HTTP/1.0 and chunked framing, truncation, concurrency) are in {@link DemoWireTest}.
 */
abstract class DemoContract {

    @TempDir
    Path temp;

    Application demo;

    /** A fresh demo that keeps the temp files of /file and /upload in {@code tempDirectory}, and nowhere else. */
    abstract Application newDemo(Path tempDirectory) throws Exception;

    /** Sends a request to {@code app} and returns what the client saw. */
    abstract ApplicationRunner runner();

    /** {@code scheme://host[:port]} of the URLs the demo builds for this runner's requests. */
    abstract String origin();

    /** The reason phrase as this runner's client reports it; java.net.http.HttpClient reports none. */
    abstract String reasonAsSeen(String sent);

    @BeforeEach
    void createDemo() throws Exception {
        demo = newDemo(temp);
    }

    TestResponse send(TestRequest.Builder request) throws Exception {
        return send(demo, request);
    }

    TestResponse send(Application app, TestRequest.Builder request) throws Exception {
        return runner().send(app, request.build());
    }

    static TestResponse get(DemoContract suite, String target) throws Exception {
        return suite.send(TestRequest.get(target));
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void indexIsAnHtmlPageLinkingEveryGetRouteWithBothForms() throws Exception {
        TestResponse r = get(this, "/");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        List<String> links = new ArrayList<>();
        Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(r.text());
        while (href.find()) {
            links.add(href.group(1).replace("&amp;", "&"));
        }
        assertThat(links).contains("/redirect", "/environ", "/write", "/error", "/error-late");
        assertThat(links).anyMatch(l -> l.startsWith("/hello/")).anyMatch(l -> l.startsWith("/stream?"))
                .anyMatch(l -> l.startsWith("/file?")).anyMatch(l -> l.startsWith("/slow?"));
        String page = r.text();
        assertThat(page).containsPattern("(?s)<form method=\"post\" action=\"/process_form\">\\s*"
                + "(<label>[^<]*)?<input type=\"text\" name=\"name\">.*<input type=\"text\" name=\"message\">");
        assertThat(page).containsPattern("(?s)<form method=\"post\" enctype=\"multipart/form-data\" action=\"/upload\">"
                + ".*<input type=\"file\" name=\"file\" multiple>.*<input type=\"text\" name=\"note\">.*</form>");
    }

    @Test
    void everyLinkOnTheIndexExceptTheFailingOnesAnswers() throws Exception {
        Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(get(this, "/").text());
        int checked = 0;
        while (href.find()) {
            String link = href.group(1).replace("&amp;", "&");
            if (!link.startsWith("/error")) {
                assertThat(get(this, link).status()).as(link).isEqualTo(link.startsWith("/redirect") ? 302 : 200);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
    }

    @Test
    void indexLinksStayUnderTheMountPointWhenTheDemoIsMountedBelowTheRoot() throws Exception {
        Application site = UrlMap.builder().mount("/demo", demo).build();

        TestResponse r = send(site, TestRequest.get("/demo/"));

        assertThat(r.text()).contains("href=\"/demo/hello/world\"", "action=\"/demo/process_form\"",
                "action=\"/demo/upload\"").doesNotContain("href=\"/hello");
    }

    @Test
    void formShowsQueryFieldsAsEscapedRowsKeepingRepeatsInOrder() throws Exception {
        TestResponse r = get(this, "/process_form?name=Ada&message=" + query("<b>hi</b> & \"you\"")
                + "&name=Gr%C3%A2ce");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(r.text()).contains("<li>name = Ada</li>\n<li>message = &lt;b&gt;hi&lt;/b&gt; &amp; &quot;you&quot;"
                + "</li>\n<li>name = Grâce</li>").doesNotContain("<b>");
    }

    @Test
    void formShowsAnUrlencodedPostBody() throws Exception {
        byte[] body = ("name=" + query("Zoë") + "&message=" + query("a+b=c & <d>") + "&name=again")
                .getBytes(StandardCharsets.US_ASCII);

        TestResponse r = send(TestRequest.post("/process_form", body)
                .contentType("application/x-www-form-urlencoded"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains("<li>name = Zoë</li>\n<li>message = a+b=c &amp; &lt;d&gt;</li>\n"
                + "<li>name = again</li>");
    }

    @Test
    void formWithoutFieldsSaysSo() throws Exception {
        assertThat(get(this, "/process_form").text()).contains("No fields were submitted.");
    }

    @Test
    void formWithInvalidUtf8IsABadRequest() throws Exception {
        assertThat(get(this, "/process_form?name=%FF").status()).isEqualTo(400);
    }

    @Test
    void flashPostStoresTheMessageInACookieAndSeesOtherToTheFlashPage() throws Exception {
        TestResponse r = send(TestRequest.post("/flash").form(Map.of("message", "Saved <b> & \"ü\"")));

        assertThat(r.status()).isEqualTo(303);
        assertThat(r.header("Location")).isEqualTo(origin() + "/flash");
        assertThat(r.headers("Set-Cookie")).singleElement().satisfies(cookie -> assertThat(cookie)
                .startsWith("flash=").contains("; Path=/flash", "; HttpOnly", "; SameSite=Lax")
                .doesNotContain("Max-Age", "Secure"));
    }

    @Test
    void flashPageShowsTheMessageOnceEscapedAndDeletesTheCookie() throws Exception {
        String message = "Saved <b> & \"ü\" 100%";
        TestResponse posted = send(TestRequest.post("/flash").form(Map.of("message", message)));

        TestResponse shown = send(TestRequest.get("/flash").header("Cookie", cookiePair(posted)));

        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.header("Cache-Control")).isEqualTo("no-store");
        assertThat(shown.text()).contains("<p id=\"flash\">Saved &lt;b&gt; &amp; &quot;ü&quot; 100%</p>")
                .doesNotContain("<b>");
        assertThat(shown.headers("Set-Cookie")).singleElement().satisfies(cookie -> assertThat(cookie)
                .startsWith("flash=;").contains("Max-Age=0", "Expires=Thu, 01 Jan 1970 00:00:00 GMT", "Path=/flash"));
    }

    @Test
    void flashPageWithoutTheCookieShowsNoMessageAndAFormPostingToIt() throws Exception {
        TestResponse r = send(TestRequest.get("/flash").header("Cookie", "other=1"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Set-Cookie")).isNull();
        assertThat(r.text()).doesNotContain("id=\"flash\"").containsPattern("(?s)<form method=\"post\" "
                + "action=\"/flash\">\\s*<label>[^<]*<input type=\"text\" name=\"message\">");
    }

    @Test
    void flashRefusesAPostWithoutAMessageOrWithOneTooLong() throws Exception {
        TestResponse none = send(TestRequest.post("/flash").form(Map.of("other", "x")));
        TestResponse tooLong = send(TestRequest.post("/flash").form(Map.of("message", "x".repeat(201))));

        assertThat(none.status()).isEqualTo(400);
        assertThat(none.header("Set-Cookie")).isNull();
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(send(TestRequest.request("PUT", "/flash")).header("Allow")).isEqualTo("GET, POST, HEAD, OPTIONS");
    }

    @Test
    void flashCookieAndRedirectStayUnderTheMountPoint() throws Exception {
        Application site = UrlMap.builder().mount("/demo", demo).build();

        TestResponse r = send(site, TestRequest.post("/demo/flash").form(Map.of("message", "hi")));

        assertThat(r.header("Location")).isEqualTo(origin() + "/demo/flash");
        assertThat(r.header("Set-Cookie")).contains("; Path=/demo/flash;");
        assertThat(send(site, TestRequest.get("/demo/flash").header("Cookie", cookiePair(r))).text())
                .contains("<p id=\"flash\">hi</p>", "action=\"/demo/flash\"");
    }

    /** The name=value pair a browser sends back for the response's Set-Cookie header. */
    static String cookiePair(TestResponse r) {
        String setCookie = r.header("Set-Cookie");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void uploadAnswersWithTheFieldsAndTheSizeAndSha256OfEveryFile() throws Exception {
        MultipartBody body = new MultipartBody()
                .field("note", "first & \"quoted\"")
                .file("file", "a.txt", "text/plain", "hello\n".getBytes(StandardCharsets.UTF_8))
                .file("file", "ü.bin", "application/octet-stream", new byte[0])
                .field("note", "second");

        TestResponse r = send(TestRequest.post("/upload").multipart(body));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.text()).isEqualTo("{\"fields\":{\"note\":[\"first & \\\"quoted\\\"\",\"second\"]},\"files\":["
                + "{\"field\":\"file\",\"filename\":\"a.txt\",\"size\":6,\"sha256\":"
                + "\"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03\",\"content_type\":\"text/plain\"},"
                + "{\"field\":\"file\",\"filename\":\"ü.bin\",\"size\":0,\"sha256\":"
                + "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\","
                + "\"content_type\":\"application/octet-stream\"}]}");
        awaitEmpty(temp);
    }

    @Test
    void uploadOfAFormWithoutFilesListsNoFiles() throws Exception {
        TestResponse r = send(TestRequest.post("/upload").multipart(new MultipartBody().field("note", "just text")));

        assertThat(r.text()).isEqualTo("{\"fields\":{\"note\":[\"just text\"]},\"files\":[]}");
    }

    @Test
    void uploadRefusesABodyThatIsNotMultipartWith415() throws Exception {
        TestResponse r = send(TestRequest.post("/upload", "a=1".getBytes(StandardCharsets.US_ASCII))
                .contentType("application/x-www-form-urlencoded"));

        assertThat(r.status()).isEqualTo(415);
    }

    @Test
    void uploadRefusesABrokenMultipartBodyWith400AndLeavesNoTempFile() throws Exception {
        MultipartBody body = new MultipartBody().file("file", "a.txt", "text/plain", new byte[5000]);
        byte[] cut = java.util.Arrays.copyOf(body.build(), body.build().length - 100);

        TestResponse r = send(TestRequest.post("/upload", cut).contentType(body.contentType()));

        assertThat(r.status()).isEqualTo(400);
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void uploadRefusesAGetWith405() throws Exception {
        TestResponse r = get(this, "/upload");

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("POST, OPTIONS");
    }

    @Test
    void routesAnswerOptionsAndOtherMethodsWithTheirAllowList() throws Exception {
        TestResponse options = send(TestRequest.request("OPTIONS", "/echo"));
        assertThat(options.status()).isEqualTo(204);
        assertThat(options.header("Allow")).isEqualTo("POST, OPTIONS");

        TestResponse put = send(TestRequest.request("PUT", "/process_form").body(new byte[0]));
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("Allow")).isEqualTo("GET, POST, HEAD, OPTIONS");
        assertThat(send(TestRequest.request("DELETE", "/")).header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }

    @Test
    void helloAnswersWithTheDecodedPathBelowItsMount() throws Exception {
        TestResponse r = get(this, "/hello/w%C3%B6rld/and%20more");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.text()).isEqualTo("hello, /wörld/and more");
    }

    @Test
    void redirectWithoutTargetPointsAtTheAbsoluteIndexUrl() throws Exception {
        TestResponse r = get(this, "/redirect");

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.reason()).isEqualTo(reasonAsSeen("Found"));
        assertThat(r.header("Location")).isEqualTo(origin() + "/");
    }

    @Test
    void redirectPointsAtTheIndexOfTheDemoWhereverItIsMounted() throws Exception {
        Application site = UrlMap.builder().mount("/some where", demo).build();

        TestResponse r = send(site, TestRequest.get("/some%20where/redirect"));

        assertThat(r.header("Location")).isEqualTo(origin() + "/some%20where/");
    }

    @Test
    void redirectToALocalPathPointsAtItsAbsoluteUrlOnThisHost() throws Exception {
        assertThat(get(this, "/redirect?to=/hello/x").header("Location")).isEqualTo(origin() + "/hello/x");
        assertThat(get(this, "/redirect?to=" + query("/hello/wö rld?a=1&b=%41")).header("Location"))
                .isEqualTo(origin() + "/hello/w%C3%B6%20rld?a=1&b=%41");
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example/", "http://evil.example/", "javascript:alert(1)", "evil.example", "@evil",
            "", "/\\evil", "\\\\evil", "/\t/evil", "/\\/evil", "/x\r\nSet-Cookie: a=b", "/x\nLocation: //evil",
            "/\u0000x", " /x", "///evil"})
    void redirectRefusesATargetThatIsNotALocalPath(String target) throws Exception {
        TestResponse r = get(this, "/redirect?to=" + query(target));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
        assertThat(r.header("Set-Cookie")).isNull();
    }

    @Test
    void redirectRefusesATargetThatIsOnlyNonLocalAfterPercentDecoding() throws Exception {
        assertThat(get(this, "/redirect?to=%2F%2Fevil.example").status()).isEqualTo(400);
        assertThat(get(this, "/redirect?to=%2F%5Cevil.example").status()).isEqualTo(400);
        assertThat(get(this, "/redirect?to=/%09/evil").status()).isEqualTo(400);
    }

    @Test
    void unknownPathIs404NamingThePathEscaped() throws Exception {
        TestResponse r = get(this, "/no/%3Cscript%3Ealert(1)%3C%2Fscript%3E");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.text()).contains("/no/&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/write/x", "/flash/x", "/echo/x", "/stream/x", "/file/x", "/slow/x", "/error/x", "/redirect/x",
            "/hellothere", "/process_form/x", "/index.html"})
    void aPathBelowALeafRouteIsNotFound(String path) throws Exception {
        TestResponse r = get(this, path);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).contains(path);
    }

    @Test
    void environIsJsonWithThePep3333Keys() throws Exception {
        TestResponse r = send(TestRequest.get("/environ/a%20b/c?x=1&y=%C3%A9").header("X-Demo", "yes"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.text()).startsWith("{").endsWith("}").contains(
                "\"REQUEST_METHOD\":\"GET\"", "\"SCRIPT_NAME\":\"/environ\"", "\"PATH_INFO\":\"/a b/c\"",
                "\"QUERY_STRING\":\"x=1&y=%C3%A9\"", "\"SERVER_PROTOCOL\":\"HTTP/1.1\"", "\"HTTP_X_DEMO\":\"yes\"",
                "\"wsgi.version\":[1,0]", "\"wsgi.url_scheme\":\"http\"", "\"wsgi.multithread\":true",
                "\"wsgi.multiprocess\":false", "\"wsgi.run_once\":false", "\"wsgi.input_terminated\":true")
                .contains("\"SERVER_NAME\":", "\"SERVER_PORT\":", "\"REMOTE_ADDR\":", "\"REMOTE_PORT\":")
                .doesNotContain("wsgi.input\"", "wsgi.errors", "wsgi.file_wrapper");
    }

    @Test
    void environOfAPostShowsContentTypeAndLength() throws Exception {
        TestResponse r = send(TestRequest.post("/environ", "abc".getBytes(StandardCharsets.US_ASCII))
                .contentType("text/x-demo"));

        assertThat(r.text()).contains("\"REQUEST_METHOD\":\"POST\"", "\"CONTENT_TYPE\":\"text/x-demo\"",
                "\"CONTENT_LENGTH\":\"3\"", "\"PATH_INFO\":\"\"");
    }

    @Test
    void echoReturnsTheBodyByteForByteWithTheRequestContentType() throws Exception {
        byte[] payload = new byte[3 * 1024 * 1024 + 7];
        new Random(7).nextBytes(payload);

        TestResponse r = send(TestRequest.post("/echo", payload).contentType("application/x-demo; v=1"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/x-demo; v=1");
        assertThat(r.body()).isEqualTo(payload);
    }

    @Test
    void echoReturnsAChunkedRequestBodyByteForByte() throws Exception {
        byte[] payload = new byte[200_001];
        new Random(8).nextBytes(payload);

        TestResponse r = send(TestRequest.request("POST", "/echo").contentType("text/plain")
                .body(() -> new java.io.ByteArrayInputStream(payload), -1));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(payload);
    }

    @Test
    void echoRefusesAGetWith405() throws Exception {
        TestResponse r = get(this, "/echo");

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("POST, OPTIONS");
    }

    @Test
    void streamSendsChunksTimesSizePatternedBytesWithoutContentLength() throws Exception {
        TestResponse r = get(this, "/stream?chunks=5&size=1000");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(r.header("Content-Length")).isNull();
        assertPattern(r.body(), 5000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"size=1048577", "chunks=1025&size=1048576", "chunks=-1", "size=0", "size=abc",
            "chunks=99999999999999999999", "chunks=1e3", "chunks=%EF%BC%91"})
    void streamRefusesOutOfRangeParametersWith400(String query) throws Exception {
        assertThat(get(this, "/stream?" + query).status()).isEqualTo(400);
    }

    @Test
    void streamAcceptsTheLargestAllowedBlock() throws Exception {
        TestResponse r = get(this, "/stream?chunks=1&size=1048576");

        assertThat(r.status()).isEqualTo(200);
        assertPattern(r.body(), 1 << 20);
    }

    @Test
    void fileSendsSizePatternedBytesWithContentLengthAndLeavesNoTempFile() throws Exception {
        TestResponse r = get(this, "/file?size=300001");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(r.header("Content-Length")).isEqualTo("300001");
        assertPattern(r.body(), 300_001);
        awaitEmpty(temp);
    }

    @Test
    void fileOfZeroBytesIsAnEmptyBody() throws Exception {
        TestResponse r = get(this, "/file?size=0");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Length")).isEqualTo("0");
        assertThat(r.body()).isEmpty();
        awaitEmpty(temp);
    }

    @Test
    void fileAnswersARangeWithTheSliceAndTheSameEtagForTheSameSize() throws Exception {
        TestResponse whole = get(this, "/file?size=1000");
        TestResponse r = send(TestRequest.get("/file?size=1000").header("Range", "bytes=0-9"));

        assertThat(r.status()).isEqualTo(206);
        assertThat(r.header("Content-Range")).isEqualTo("bytes 0-9/1000");
        assertThat(r.body()).isEqualTo(java.util.Arrays.copyOf(whole.body(), 10));
        assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(r.header("ETag")).isEqualTo(whole.header("ETag"));
        assertThat(get(this, "/file?size=1001").header("ETag")).isNotEqualTo(whole.header("ETag"));
        TestResponse tail = send(TestRequest.get("/file?size=1000").header("Range", "bytes=990-"));
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(whole.body(), 990, 1000));
        assertThat(send(TestRequest.get("/file?size=1000").header("Range", "bytes=1000-")).status()).isEqualTo(416);
        awaitEmpty(temp);
    }

    @Test
    void fileAnswersItsOwnEtagInIfNoneMatchWith304AndNoBody() throws Exception {
        String etag = get(this, "/file?size=500").header("ETag");
        TestResponse r = send(TestRequest.get("/file?size=500").header("If-None-Match", etag));

        assertThat(r.status()).isEqualTo(304);
        assertThat(r.header("ETag")).isEqualTo(etag);
        assertThat(r.body()).isEmpty();
        String modified = get(this, "/file?size=500").header("Last-Modified");
        assertThat(send(TestRequest.get("/file?size=500").header("If-Modified-Since", modified)).status())
                .isEqualTo(304);
        awaitEmpty(temp);
    }

    @Test
    void fileRefusesMoreThanAGibibyteWith400() throws Exception {
        assertThat(get(this, "/file?size=1073741825").status()).isEqualTo(400);
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void writeSendsTheBodyThroughTheWriteCallable() throws Exception {
        TestResponse r = get(this, "/write");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.text()).isEqualTo("this body was sent through write(),\n"
                + "one call per line, before the application returned.\n");
    }

    @Test
    void slowSleepsThenSaysHowLong() throws Exception {
        TestResponse r = get(this, "/slow?ms=20");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("slept 20");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ms=10001", "ms=-5", "ms=soon"})
    void slowRefusesOutOfRangeMillisWith400(String query) throws Exception {
        assertThat(get(this, "/slow?" + query).status()).isEqualTo(400);
    }

    @Test
    void errorBeforeStartResponseIsAGeneric500() throws Exception {
        TestResponse r = get(this, "/error");

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).isEqualTo("500 Internal Server Error\n");
    }

    static Stream<String> everyRoute() {
        return Stream.of("/", "/hello/x", "/process_form?a=1", "/flash", "/redirect", "/redirect?to=/x", "/redirect?to=//x",
                "/environ", "/echo", "/upload", "/stream?chunks=3&size=10", "/file?size=10", "/write", "/slow?ms=1", "/error",
                "/missing");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("everyRoute")
    void headAnswersWithTheStatusAndHeadersOfGetAndNoBody(String target) throws Exception {
        TestResponse get = get(this, target);
        TestResponse head = send(TestRequest.request("HEAD", target));

        assertThat(head.status()).isEqualTo(get.status());
        assertThat(head.body()).isEmpty();
        assertThat(comparable(head, target)).isEqualTo(comparable(get, target));
        awaitEmpty(temp);
    }

    /**
     * Headers that must match between HEAD and GET: all but Date, Transfer-Encoding (framing of a body HEAD does not
     * have; RFC 9112 §6.1 lets a server leave it out) and /environ's length (its body shows the method).
     */
    private static List<String> comparable(TestResponse r, String target) {
        return r.headers().stream()
                .filter(h -> !h.is("Date") && !h.is("Transfer-Encoding"))
                .filter(h -> !(target.startsWith("/environ") && h.is("Content-Length")))
                .map(h -> h.name().toLowerCase(Locale.ROOT) + ": " + h.value())
                .sorted().toList();
    }

    static void assertPattern(byte[] body, int expectedLength) {
        assertThat(body).hasSize(expectedLength);
        for (int i = 0; i < body.length; i++) {
            if (body[i] != (byte) (i % 251)) {
                throw new AssertionError("byte " + i + " is " + (body[i] & 0xFF) + ", expected " + (i % 251));
            }
        }
    }

    /** The server closes a file body just after its last byte went out: wait a bounded while for the delete. */
    static void awaitEmpty(Path dir) throws IOException, InterruptedException {
        for (int i = 0; i < 100 && !isEmpty(dir); i++) {
            Thread.sleep(50);
        }
        assertThat(dir).isEmptyDirectory();
    }

    static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }
}
