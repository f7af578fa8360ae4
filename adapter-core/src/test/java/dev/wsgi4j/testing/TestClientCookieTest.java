package dev.wsgi4j.testing;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.http.CookieAttributes;
import dev.wsgi4j.http.Cookies;
import dev.wsgi4j.http.QueryString;
import dev.wsgi4j.http.Responses;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The test client keeps cookies as a browser does (RFC 6265 §5.3-5.4). */
class TestClientCookieTest {

    /**
     * Answers with the Cookie header it received ("-" without one); each {@code set} query field becomes a
     * Set-Cookie header, and {@code /go} redirects (303) to {@code /landed}.
     */
    private static final Application COOKIES = (environ, start) -> {
        Object cookie = environ.get(Cookies.HTTP_COOKIE);
        var response = Environ.pathInfo(environ).equals("/go")
                ? Responses.redirect(environ, "/landed", 303)
                : Responses.text(cookie == null ? "-" : cookie.toString());
        for (String setCookie : QueryString.parse(Environ.queryString(environ)).all("set")) {
            response = response.withHeader("Set-Cookie", setCookie);
        }
        return response.send(start);
    };

    private final TestClient client = new TestClient(COOKIES);

    private static String setting(String path, String... setCookies) {
        StringBuilder target = new StringBuilder(path).append('?');
        for (String s : setCookies) {
            target.append("set=").append(URLEncoder.encode(s, StandardCharsets.UTF_8)).append('&');
        }
        return target.toString();
    }

    private String cookiesSentTo(TestClient c, TestRequest.Builder request) throws Exception {
        return c.send(request).text();
    }

    private String cookiesSentTo(String target) throws Exception {
        return client.get(target).text();
    }

    @Test
    void aCookieSetByOneResponseIsSentWithTheNextRequests() throws Exception {
        assertThat(cookiesSentTo(setting("/", "a=1", "b=x y"))).isEqualTo("-");

        assertThat(cookiesSentTo("/")).isEqualTo("a=1; b=x y");
        assertThat(cookiesSentTo("/other/page")).isEqualTo("a=1; b=x y");
    }

    @Test
    void aCookieSetBeforeARedirectIsSentWithTheFollowedHop() throws Exception {
        TestResponse r = client.followRedirects(true).send(TestRequest.post(setting("/go", "flash=saved"))
                .form(java.util.Map.of("a", "1")));

        assertThat(r.text()).isEqualTo("flash=saved");
    }

    @Test
    void aValueSetWithResponseWithCookieComesBackToTheApplicationEqual() throws Exception {
        String value = "h\u00e9llo; \"world\" % \u20ac";
        Application app = (environ, start) -> Cookies.parse(environ).contains("m")
                ? Responses.text(Cookies.parse(environ).first("m")).send(start)
                : Responses.text("set").withCookie("m", value, CookieAttributes.DEFAULTS).send(start);

        TestClient c = new TestClient(app);
        c.get("/");

        assertThat(c.get("/").text()).isEqualTo(value);
        assertThat(c.cookieJar().value("m")).isEqualTo(value);
    }

    @Test
    void aCookieIsSentOnlyBelowItsPath() throws Exception {
        client.get(setting("/", "p=1; Path=/app"));

        assertThat(cookiesSentTo("/app")).isEqualTo("p=1");
        assertThat(cookiesSentTo("/app/x?y=1")).isEqualTo("p=1");
        assertThat(cookiesSentTo("/apple")).isEqualTo("-");
        assertThat(cookiesSentTo("/")).isEqualTo("-");
    }

    @Test
    void withoutPathACookieBelongsToTheDirectoryOfTheRequestPath() throws Exception {
        client.get(setting("/shop/cart", "d=1"));

        assertThat(cookiesSentTo("/shop/list")).isEqualTo("d=1");
        assertThat(cookiesSentTo("/home")).isEqualTo("-");
    }

    @Test
    void cookiesWithLongerPathsComeFirst() throws Exception {
        client.get(setting("/", "a=root; Path=/", "a=deep; Path=/x/y", "b=mid; Path=/x"));

        assertThat(cookiesSentTo("/x/y/z")).isEqualTo("a=deep; b=mid; a=root");
    }

    @Test
    void aHostOnlyCookieIsSentToItsHostAndADomainCookieToItsSubdomainsToo() throws Exception {
        client.send(TestRequest.get(setting("/", "host=1", "dom=2; Domain=.Example.org", "foreign=3; Domain=other.org"))
                .host("www.example.org:8080"));

        assertThat(cookiesSentTo(client, TestRequest.get("/").host("www.example.org"))).isEqualTo("host=1; dom=2");
        assertThat(cookiesSentTo(client, TestRequest.get("/").host("api.example.org"))).isEqualTo("dom=2");
        assertThat(cookiesSentTo(client, TestRequest.get("/").host("example.org"))).isEqualTo("dom=2");
        assertThat(cookiesSentTo(client, TestRequest.get("/").host("notexample.org"))).isEqualTo("-");
        assertThat(cookiesSentTo(client, TestRequest.get("http://other.org/"))).isEqualTo("-");
    }

    @Test
    void aSecureCookieIsSentOnlyOverHttps() throws Exception {
        client.send(TestRequest.get(setting("/", "s=1; Secure", "p=2")).scheme("https"));

        assertThat(cookiesSentTo(client, TestRequest.get("/").scheme("https"))).isEqualTo("s=1; p=2");
        assertThat(cookiesSentTo("/")).isEqualTo("p=2");
    }

    @Test
    void aCookieIsDroppedWhenItsMaxAgeOrExpiresHasPassed() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        TestClient c = client.cookieJar(new CookieJar(clock));
        c.get(setting("/", "short=1; Max-Age=60", "dated=2; Expires=Thu, 01 Jan 2026 00:02:00 GMT",
                "both=3; Max-Age=600; Expires=Thu, 01 Jan 2026 00:00:30 GMT"));

        assertThat(cookiesSentTo(c, TestRequest.get("/"))).isEqualTo("short=1; dated=2; both=3");
        clock.now = clock.now.plusSeconds(61);
        assertThat(cookiesSentTo(c, TestRequest.get("/"))).isEqualTo("dated=2; both=3");
        clock.now = clock.now.plusSeconds(60);
        assertThat(cookiesSentTo(c, TestRequest.get("/"))).isEqualTo("both=3");
        assertThat(c.cookieJar().cookies()).extracting(StoredCookie::name).containsExactly("both");
    }

    @Test
    void aCookieDeletedWithMaxAgeZeroOrAPastExpiresIsNoLongerSent() throws Exception {
        client.get(setting("/", "a=1", "b=2", "c=3; Path=/x"));
        Application deleting = (environ, start) -> Responses.text("bye").withoutCookie("a", "/")
                .withHeader("Set-Cookie", "b=; Expires=Thu, 01 Jan 1970 00:00:00 GMT").send(start);

        client.send(deleting, TestRequest.get("/").build());

        assertThat(cookiesSentTo("/x")).isEqualTo("c=3");
    }

    @Test
    void aCookieOfTheSameNameDomainAndPathReplacesTheStoredOne() throws Exception {
        client.get(setting("/", "a=1", "a=other; Path=/x"));
        client.get(setting("/", "a=2"));

        assertThat(cookiesSentTo("/x")).isEqualTo("a=other; a=2");
        assertThat(client.cookieJar().cookies()).hasSize(2);
    }

    @Test
    void aMalformedSetCookieIsIgnored() throws Exception {
        client.get(setting("/", "novalue", "=x", "ok=1; Max-Age=soon; Expires=someday"));

        assertThat(cookiesSentTo("/")).isEqualTo("ok=1");
    }

    @Test
    void copiesShareTheJarAndKeepCookiesFalseKeepsNone() throws Exception {
        client.spoolThreshold(1024).get(setting("/", "a=1"));
        assertThat(client.followRedirects(true).get("/").text()).isEqualTo("a=1");

        TestClient forgetful = new TestClient(COOKIES).keepCookies(false);
        forgetful.get(setting("/", "a=1"));

        assertThat(forgetful.get("/").text()).isEqualTo("-");
        assertThat(forgetful.cookieJar()).isNull();
    }

    @Test
    void aCookieHeaderSetByTheTestIsSentBesideTheJarOnes() throws Exception {
        client.get(setting("/", "a=1"));

        assertThat(cookiesSentTo(client, TestRequest.get("/").header("Cookie", "mine=2"))).isEqualTo("mine=2; a=1");
    }

    /** A clock a test moves by hand. */
    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
