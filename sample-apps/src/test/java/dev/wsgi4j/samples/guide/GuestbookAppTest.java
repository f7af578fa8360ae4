package dev.wsgi4j.samples.guide;

import dev.wsgi4j.Application;
import dev.wsgi4j.middleware.UrlMap;
import dev.wsgi4j.middleware.Validator;
import dev.wsgi4j.testing.TestClient;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of the guide's guestbook through the {@link TestClient}, checked against SPEC.md by the
 * {@link Validator}; docs/flask.md quotes these tests as its wsgi4j side of Flask's test client.
 */
class GuestbookAppTest {

    private static final String RULES = "Be kind.\nNo spam.\n";

    private final Validator validator = new Validator();
    private Application app;
    private TestClient client;

    @BeforeEach
    void setUp(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.txt"), RULES);
        app = validator.wrap(new GuestbookApp(rules));
        client = new TestClient(app);
    }

    @AfterEach
    void noViolations() {
        validator.assertNoViolations();
    }

    @Test
    void signingRedirectsToTheIndexWhichShowsTheFlashMessageOnce() throws Exception {
        TestResponse signed = client.send(TestRequest.post("/").form(Map.of("message", "Hello <b>world</b>")));
        assertThat(signed.status()).isEqualTo(303);
        assertThat(signed.header("Location")).isEqualTo("http://localhost/");

        TestResponse page = client.get("/");              // the jar sends the flash cookie back
        assertThat(page.text()).contains("<p id=\"flash\">Thanks for signing!</p>",
                "<li>Hello &lt;b&gt;world&lt;/b&gt;</li>");
        assertThat(client.get("/").text()).doesNotContain("Thanks for signing!");
    }

    @Test
    void theFlashCookieIsHttpOnlyScopedToTheAppAndDeletedWhenShown() throws Exception {
        TestResponse signed = client.send(TestRequest.post("/").form(Map.of("message", "hi")));
        assertThat(signed.header("Set-Cookie")).startsWith("flash=").contains("; Path=/", "; HttpOnly",
                "; SameSite=Lax").doesNotContain("Secure");
        assertThat(client.get("/").header("Set-Cookie")).startsWith("flash=;").contains("Max-Age=0");
        assertThat(client.cookieJar().cookies()).isEmpty();
    }

    @Test
    void overHttpsTheRedirectStaysHttpsAndTheFlashCookieIsSecure() throws Exception {
        TestResponse signed = client.send(TestRequest.post("/").scheme("https").form(Map.of("message", "hi")));
        assertThat(signed.header("Location")).isEqualTo("https://localhost/");
        assertThat(signed.header("Set-Cookie")).contains("; Secure");
    }

    @Test
    void followingTheRedirectLandsOnThePageWithTheMessage() throws Exception {
        TestClient browser = client.followRedirects(true);
        TestResponse page = browser.send(TestRequest.post("/").form(Map.of("message", "Grüße")));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("Thanks for signing!", "<li>Grüße</li>");
    }

    @Test
    void aBlankMessageIsABadRequestAndNothingIsStored() throws Exception {
        TestResponse r = client.send(TestRequest.post("/").form(Map.of("message", "   ")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains("a message of 1 to 500 characters");
        assertThat(r.header("Set-Cookie")).isNull();
        assertThat(client.get("/api/messages").text()).isEqualTo("{\"messages\":[]}");
    }

    @Test
    void theApiListsTheMessagesAsJson() throws Exception {
        client.send(TestRequest.post("/").form(Map.of("message", "first")));
        client.send(TestRequest.post("/").form(Map.of("message", "say \"hi\"")));

        TestResponse r = client.get("/api/messages");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.text()).isEqualTo("{\"messages\":[\"first\",\"say \\\"hi\\\"\"]}");
    }

    @Test
    void aMessageIsReadByItsNumberInThePath() throws Exception {
        client.send(TestRequest.post("/").form(Map.of("message", "zero")));
        client.send(TestRequest.post("/").form(Map.of("message", "one")));

        assertThat(client.get("/messages/1").text()).isEqualTo("one\n");
        assertThat(client.get("/messages/0").text()).isEqualTo("zero\n");
        assertThat(client.get("/messages/2").status()).isEqualTo(404);
        assertThat(client.get("/messages/x").status()).isEqualTo(404);
        assertThat(client.get("/messages/1/more").status()).isEqualTo(404);
        assertThat(client.get("/messages").status()).isEqualTo(404);
    }

    @Test
    void unknownPathsAreNotFoundWhateverTheMethod() throws Exception {
        assertThat(client.get("/nowhere").status()).isEqualTo(404);
        TestResponse deleted = client.delete("/nowhere");
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(deleted.text()).isEqualTo("404 Not Found\nno such page\n");
    }

    @Test
    void aMethodARouteDoesNotServeIsA405NamingTheAllowedOnes() throws Exception {
        client.send(TestRequest.post("/").form(Map.of("message", "keep me")));

        TestResponse deleted = client.delete("/messages/0");   // GatewayException(405, ..., Allow)
        assertThat(deleted.status()).isEqualTo(405);
        assertThat(deleted.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(client.get("/messages/0").text()).isEqualTo("keep me\n");

        TestResponse posted = client.post("/api/messages", new byte[0]);   // Methods
        assertThat(posted.status()).isEqualTo(405);
        assertThat(posted.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(client.put("/", new byte[0]).header("Allow")).isEqualTo("GET, POST, HEAD, OPTIONS");
    }

    @Test
    void headIsServedByTheGetRoutesWithTheirHeadersAndNoBody() throws Exception {
        client.send(TestRequest.post("/").form(Map.of("message", "hi")));
        TestResponse get = client.get("/messages/0");

        TestResponse head = client.head("/messages/0");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo(get.header("Content-Length")).isEqualTo("3");
        assertThat(client.head("/").status()).isEqualTo(200);
        assertThat(client.head("/api/messages").header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void theRulesDownloadAsAnAttachmentWithConditionalGetAndRanges() throws Exception {
        TestResponse full = client.get("/rules");
        assertThat(full.text()).isEqualTo(RULES);
        assertThat(full.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"G_stebuch-Regeln.txt\"; filename*=UTF-8''G%C3%A4stebuch-Regeln.txt");
        String etag = full.header("ETag");

        TestResponse unchanged = client.send(TestRequest.get("/rules").header("If-None-Match", etag));
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        TestResponse part = client.send(TestRequest.get("/rules").header("Range", "bytes=0-7"));
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 0-7/" + RULES.length());
        assertThat(part.text()).isEqualTo("Be kind.");
    }

    @Test
    void underAMountLinksRedirectsAndTheCookieKeepTheMountPath() throws Exception {
        TestClient mounted = new TestClient(UrlMap.builder().mount("/guestbook", app).build());

        TestResponse signed = mounted.send(TestRequest.post("/guestbook/").form(Map.of("message", "hi")));
        assertThat(signed.header("Location")).isEqualTo("http://localhost/guestbook/");
        assertThat(signed.header("Set-Cookie")).contains("; Path=/guestbook/");

        TestResponse page = mounted.get("/guestbook/");
        assertThat(page.text()).contains("Thanks for signing!", "<form method=\"post\" action=\"/guestbook/\">");
        assertThat(mounted.get("/guestbook/messages/0").text()).isEqualTo("hi\n");
        assertThat(mounted.get("/messages/0").status()).isEqualTo(404);
    }
}
