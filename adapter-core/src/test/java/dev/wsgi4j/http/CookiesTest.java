package dev.wsgi4j.http;

import dev.wsgi4j.gateway.CgiHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class CookiesTest {

    private static Map<String, Object> withCookieHeader(String... lines) {
        Map<String, Object> env = TestEnviron.get("", "/", "");
        for (String line : lines) {
            CgiHeaders.put(env, "Cookie", line);
        }
        return env;
    }

    @Test
    void cookiesOfARequestComeInTheOrderSentWithRepeatsKept() {
        FormFields cookies = Cookies.parse(withCookieHeader("a=1; b=2; a=3"));

        assertThat(cookies.entries()).containsExactly(entry("a", "1"), entry("b", "2"), entry("a", "3"));
        assertThat(cookies.first("a")).isEqualTo("1");
    }

    @Test
    void severalCookieLinesAreReadAsTheServerJoinsThem() {
        FormFields cookies = Cookies.parse(withCookieHeader("a=1; b=2", "c=3"));

        assertThat(cookies.entries()).containsExactly(entry("a", "1"), entry("b", "2"), entry("c", "3"));
    }

    @Test
    void aRequestWithoutCookiesHasNone() {
        assertThat(Cookies.parse(TestEnviron.get("", "/", ""))).isEqualTo(FormFields.empty());
        assertThat(Cookies.parse("")).isEqualTo(FormFields.empty());
    }

    @Test
    void malformedPairsAreSkippedAndTheRestKept() {
        FormFields cookies = Cookies.parse("a=1;junk; =x; b c=2;;c=3 ; d\t= 4 ;e=;f(g)=5;h=\"quoted v\"");

        assertThat(cookies.entries()).containsExactly(entry("a", "1"), entry("c", "3"), entry("d", "4"),
                entry("e", ""), entry("h", "quoted v"));
    }

    @Test
    void escapedValuesAreDecodedAsUtf8AndOthersKeptAsSent() {
        FormFields cookies = Cookies.parse("euro=%E2%82%AC; space=a%20b; bare=100%; badutf8=%FF; cgi=\u00c3\u00a9");

        assertThat(cookies.first("euro")).isEqualTo("\u20ac");
        assertThat(cookies.first("space")).isEqualTo("a b");
        assertThat(cookies.first("bare")).isEqualTo("100%");
        assertThat(cookies.first("badutf8")).isEqualTo("%FF");
        assertThat(cookies.first("cgi")).as("raw UTF-8 bytes in the CGI string").isEqualTo("\u00e9");
    }

    @Test
    void setCookieWithTheDefaultsIsASiteWideHttpOnlyLaxSessionCookie() {
        assertThat(Cookies.header("theme", "dark", CookieAttributes.DEFAULTS))
                .isEqualTo("theme=dark; Path=/; HttpOnly; SameSite=Lax");
    }

    @Test
    void setCookieCarriesEveryAttributeSet() {
        CookieAttributes all = CookieAttributes.DEFAULTS.maxAge(Duration.ofHours(1))
                .expires(Instant.parse("2026-12-01T08:05:09Z")).domain("example.org").path("/app")
                .secure(true).httpOnly(false).sameSite(CookieAttributes.SameSite.STRICT);

        assertThat(Cookies.header("id", "42", all)).isEqualTo("id=42; Max-Age=3600; "
                + "Expires=Tue, 01 Dec 2026 08:05:09 GMT; Domain=example.org; Path=/app; Secure; SameSite=Strict");
        assertThat(Cookies.header("id", "42", all.path(null).sameSite(null).secure(false)))
                .isEqualTo("id=42; Max-Age=3600; Expires=Tue, 01 Dec 2026 08:05:09 GMT; Domain=example.org");
    }

    @Test
    void valuesAreEncodedOutsideTheCookieOctetsAndComeBackEqual() {
        String value = "a b;c,d\"e\\f%g\u00e9\u20ac\uD83D\uDE00+=";
        String header = Cookies.header("n", value, CookieAttributes.DEFAULTS.path(null).httpOnly(false).sameSite(null));

        assertThat(header).isEqualTo("n=a%20b%3Bc%2Cd%22e%5Cf%25g%C3%A9%E2%82%AC%F0%9F%98%80+=");
        assertThat(Cookies.parse(header).first("n")).isEqualTo(value);
    }

    @Test
    void deletingACookieSendsItEmptyWithMaxAgeZeroAndAnExpiresInThePast() {
        assertThat(Cookies.expiredHeader("flash", CookieAttributes.DEFAULTS.path("/app")))
                .isEqualTo("flash=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/app; HttpOnly; SameSite=Lax");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a=b", "a;b", "caf\u00e9", "a\u0000", "(x)", "a,b", "a\"b"})
    void aNameThatIsNotATokenIsRefusedNamingIt(String name) {
        assertThatThrownBy(() -> Cookies.header(name, "v", CookieAttributes.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cookie name must be an RFC 9110 token").hasMessageContaining("\"" + name + "\"");
    }

    @Test
    void aValueWithALoneSurrogateIsRefused() {
        assertThatThrownBy(() -> Cookies.header("n", "a\uD800b", CookieAttributes.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lone surrogate");
    }

    @Test
    void sameSiteNoneIsRefusedWithoutSecureAndAcceptedWithIt() {
        CookieAttributes none = CookieAttributes.DEFAULTS.sameSite(CookieAttributes.SameSite.NONE);

        assertThatThrownBy(() -> Cookies.header("n", "v", none)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SameSite=None must be Secure");
        assertThat(Cookies.header("n", "v", none.secure(true))).endsWith("; Secure; HttpOnly; SameSite=None");
    }

    @Test
    void attributesTheHeaderCannotCarryAreRefusedNamingTheAttribute() {
        CookieAttributes d = CookieAttributes.DEFAULTS;
        assertThatThrownBy(() -> d.path("app")).hasMessageContaining("cookie Path");
        assertThatThrownBy(() -> d.path("/a;b")).hasMessageContaining("cookie Path");
        assertThatThrownBy(() -> d.path("/caf\u00e9")).hasMessageContaining("cookie Path");
        assertThatThrownBy(() -> d.domain("ex ample.org")).hasMessageContaining("cookie Domain");
        assertThatThrownBy(() -> d.domain(".")).hasMessageContaining("cookie Domain");
        assertThatThrownBy(() -> d.maxAge(Duration.ofSeconds(-1))).hasMessageContaining("cookie Max-Age");
        assertThatThrownBy(() -> d.expires(Instant.parse("1969-12-31T23:59:59Z"))).hasMessageContaining("Expires");
        assertThat(d.domain(".example.org").domain()).isEqualTo(".example.org");
    }

    @Test
    void aResponseCarriesOneSetCookieHeaderPerCookieAfterItsOtherHeaders() {
        TestEnviron.Recorder sr = new TestEnviron.Recorder();

        Responses.text("ok").withCookie("a", "1", CookieAttributes.DEFAULTS).withoutCookie("b", "/x").send(sr);

        assertThat(sr.headers.stream().map(Object::toString)).containsExactly(
                "Content-Type: text/plain; charset=utf-8", "Set-Cookie: a=1; Path=/; HttpOnly; SameSite=Lax",
                "Set-Cookie: b=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/x; HttpOnly; SameSite=Lax",
                "Content-Length: 2");
    }
}
