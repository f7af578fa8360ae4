package dev.wsgi4j.middleware;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.http.Responses;
import dev.wsgi4j.testing.TestClient;
import dev.wsgi4j.testing.TestResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.wsgi4j.testing.ContractApps.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which mounted app serves a path, and what SCRIPT_NAME and PATH_INFO it then sees. */
class UrlMapTest {

    /** Answers "name|SCRIPT_NAME|PATH_INFO". */
    private static Application named(String name) {
        return (environ, start) -> ok(name + "|" + Environ.scriptName(environ) + "|" + Environ.pathInfo(environ))
                .call(environ, start);
    }

    private static final Application SITE = UrlMap.builder()
            .mount("/", named("root"))
            .mount("/app", named("app"))
            .mount("/app/admin/", named("admin"))
            .mount("/caf\u00E9", named("cafe"))
            .build();

    record Case(String target, String expected) {
        @Override
        public String toString() {
            return target + " -> " + expected;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("/", "root||/"),
                new Case("/apple", "root||/apple"),
                new Case("/app", "app|/app|"),
                new Case("/app/", "app|/app|/"),
                new Case("/app/x/y", "app|/app|/x/y"),
                new Case("/app/administrator", "app|/app|/administrator"),
                new Case("/app/admin", "admin|/app/admin|"),
                new Case("/app/admin/users", "admin|/app/admin|/users"),
                new Case("/caf%C3%A9/menu", "cafe|/caf\u00C3\u00A9|/menu"),
                new Case("/app%2Fadmin", "admin|/app/admin|"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void longestPrefixAtASegmentBoundaryServesThePath(Case c) throws Exception {
        assertThat(new TestClient(SITE).get(c.target()).text()).isEqualTo(c.expected());
    }

    @Test
    void pathNothingIsMountedAtGets404NamingItEscaped() throws Exception {
        Application site = UrlMap.builder().mount("/app", named("app")).build();

        TestResponse r = new TestClient(site).get("/%3Cscript%3E");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(r.text()).contains("&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void itsNotFoundPageIsTheOneOfResponsesEscapedByHtml() throws Exception {
        Application site = UrlMap.builder().mount("/app", named("app")).build();
        Application helper = (env, sr) -> Responses.notFound(env).send(sr);

        TestResponse mapped = new TestClient(site).get("/it's%20%3Cb%3E");
        TestResponse direct = new TestClient(helper).get("/it's%20%3Cb%3E");

        assertThat(mapped.text()).isEqualTo(direct.text()).contains("/it&#x27;s &lt;b&gt;");
        assertThat(mapped.headers()).isEqualTo(direct.headers());
    }

    @Test
    void nestedMapsAddTheirPrefixesInOrder() throws Exception {
        Application inner = UrlMap.builder().mount("/v1", named("v1")).build();
        Application outer = UrlMap.builder().mount("/api", inner).build();

        assertThat(new TestClient(outer).get("/api/v1/users").text()).isEqualTo("v1|/api/v1|/users");
    }

    @Test
    void mountedAppGetsACopyAndTheCallersEnvironKeepsItsPaths() throws Exception {
        Map<String, Object> environ = new HashMap<>(Map.of(Environ.SCRIPT_NAME, "", Environ.PATH_INFO, "/app/x"));
        Application mutating = (env, start) -> {
            env.put("app.marker", true);
            return List.of();
        };

        UrlMap.builder().mount("/app", mutating).build().call(environ, (s, h, e) -> null);

        assertThat(environ).containsEntry(Environ.PATH_INFO, "/app/x").containsEntry(Environ.SCRIPT_NAME, "")
                .doesNotContainKey("app.marker");
    }

    @Test
    void prefixesAreNormalizedAndMountedOnce() {
        assertThat(UrlMap.normalize("/app//")).isEqualTo("/app");
        assertThat(UrlMap.normalize("/")).isEmpty();
        assertThatThrownBy(() -> UrlMap.builder().mount("/a", named("1")).mount("/a/", named("2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> UrlMap.builder().mount("app", named("1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
