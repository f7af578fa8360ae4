package dev.wsgi4j.http;

import dev.wsgi4j.Environ;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expected URLs were produced by Python 3's wsgiref.util on the same environs. */
class RequestUriTest {

    @Test
    void usesServerNameAndOmitsTheDefaultPort() {
        Map<String, Object> env = TestEnviron.get("", "", "");
        assertThat(RequestUri.applicationUri(env)).isEqualTo("http://example.org/");
        assertThat(RequestUri.requestUri(env, true)).isEqualTo("http://example.org/");
    }

    @Test
    void showsANonDefaultPortForTheScheme() {
        Map<String, Object> env = TestEnviron.get("", "", "");
        env.put(Environ.SERVER_PORT, "8080");
        assertThat(RequestUri.applicationUri(env)).isEqualTo("http://example.org:8080/");
        env.put(Environ.WSGI_URL_SCHEME, "https");
        env.put(Environ.SERVER_PORT, "443");
        assertThat(RequestUri.applicationUri(env)).isEqualTo("https://example.org/");
        env.put(Environ.SERVER_PORT, "80");
        assertThat(RequestUri.applicationUri(env)).isEqualTo("https://example.org:80/");
    }

    @Test
    void prefersTheHostHeaderVerbatim() {
        Map<String, Object> env = TestEnviron.get("/app", "/a b/c;d=e,f", "x=1&y=%20");
        env.put(Environ.HTTP_HOST, "h.test:81");
        assertThat(RequestUri.applicationUri(env)).isEqualTo("http://h.test:81/app");
        assertThat(RequestUri.requestUri(env, true)).isEqualTo("http://h.test:81/app/a%20b/c;d=e,f?x=1&y=%20");
        assertThat(RequestUri.requestUri(env, false)).isEqualTo("http://h.test:81/app/a%20b/c;d=e,f");
    }

    @Test
    void quotesEachLatin1ByteOfTheCgiPath() {
        Map<String, Object> env = TestEnviron.get("", "/caf\u00c3\u00a9/~x_y.z-", "q");
        assertThat(RequestUri.requestUri(env, true)).isEqualTo("http://example.org/caf%C3%A9/~x_y.z-?q");
        Map<String, Object> munich = TestEnviron.get("/m\u00fcnchen", "/?#%", "");
        assertThat(RequestUri.applicationUri(munich)).isEqualTo("http://example.org/m%FCnchen");
        assertThat(RequestUri.requestUri(munich, true)).isEqualTo("http://example.org/m%FCnchen/%3F%23%25");
    }

    @Test
    void quoteKeepsOnlyUnreservedAndTheGivenSafeCharacters() {
        assertThat(RequestUri.quote("a/b;c=d,e f", "/")).isEqualTo("a/b%3Bc%3Dd%2Ce%20f");
        assertThat(RequestUri.quote("\u0000\u00ff", "")).isEqualTo("%00%FF");
    }

    @Test
    void refusesAStringThatIsNotCgi() {
        assertThatThrownBy(() -> RequestUri.quote("\u20ac", "/")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resolvesRelativeReferencesAgainstTheRequestUrlPerRfc3986() {
        Map<String, Object> env = TestEnviron.get("/app", "/a/b/c", "q=1");
        assertThat(RequestUri.resolve(env, "d")).isEqualTo("http://example.org/app/a/b/d");
        assertThat(RequestUri.resolve(env, "./d/")).isEqualTo("http://example.org/app/a/b/d/");
        assertThat(RequestUri.resolve(env, "../d?x=2")).isEqualTo("http://example.org/app/a/d?x=2");
        assertThat(RequestUri.resolve(env, "../../../../../d")).isEqualTo("http://example.org/d");
        assertThat(RequestUri.resolve(env, "/root")).isEqualTo("http://example.org/root");
        assertThat(RequestUri.resolve(env, "?z")).isEqualTo("http://example.org/app/a/b/c?z");
        assertThat(RequestUri.resolve(env, "#top")).isEqualTo("http://example.org/app/a/b/c?q=1#top");
        assertThat(RequestUri.resolve(env, "")).isEqualTo("http://example.org/app/a/b/c?q=1");
        assertThat(RequestUri.resolve(env, "//cdn.test/x/../y")).isEqualTo("http://cdn.test/y");
    }

    @Test
    void keepsAbsoluteUrlsAndEncodesNonAsciiAsUtf8() {
        Map<String, Object> env = TestEnviron.get("", "/x", "");
        assertThat(RequestUri.resolve(env, "https://other.test/p?q#f")).isEqualTo("https://other.test/p?q#f");
        assertThat(RequestUri.resolve(env, "/caf\u00e9")).isEqualTo("http://example.org/caf%C3%A9");
    }

    @Test
    void refusesALocationThatIsNotAUriReference() {
        Map<String, Object> env = TestEnviron.get("", "/x", "");
        assertThatThrownBy(() -> RequestUri.resolve(env, "a b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removesDotSegmentsAsInTheRfcExamples() {
        assertThat(UriReferences.removeDotSegments("/a/b/c/./../../g")).isEqualTo("/a/g");
        assertThat(UriReferences.removeDotSegments("mid/content=5/../6")).isEqualTo("mid/6");
        assertThat(UriReferences.removeDotSegments("/a/..")).isEqualTo("/");
        assertThat(UriReferences.removeDotSegments("/a/b/..c/.d")).isEqualTo("/a/b/..c/.d");
    }
}
