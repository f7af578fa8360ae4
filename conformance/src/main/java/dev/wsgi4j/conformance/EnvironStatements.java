package dev.wsgi4j.conformance;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.testing.TestRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** PEP 3333, "Specification Details" and "environ Variables": the call and the CGI keys (B1-B7). */
public abstract class EnvironStatements extends Statements {

    @Test
    @DisplayName("P3333-ENV-01 The server invokes the application callable once for each request it receives")
    void calledOncePerRequest() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Application counting = (environ, start) -> KitApps.respond(start, "call " + calls.incrementAndGet());

        try (RunningServer running = start(counting)) {
            for (int i = 1; i <= 3; i++) {
                assertThat(running.send(TestRequest.get("/n").build()).text()).isEqualTo("call " + i);
            }
        }
        assertThat(calls).hasValue(3);
    }

    @Test
    @DisplayName("P3333-ENV-02 environ is a built-in dictionary the application may modify as it likes; "
            + "every request gets a fresh one")
    void environIsAFreshMutableMapPerRequest() throws Exception {
        Application meddling = (environ, start) -> {
            String state = environ.containsKey("kit.mark") ? "stale" : "fresh " + environ.get(Environ.PATH_INFO);
            environ.put("kit.mark", Boolean.TRUE);
            environ.remove(Environ.PATH_INFO);
            environ.put(Environ.REQUEST_METHOD, "CHANGED");
            environ.clear();
            return KitApps.respond(start, state);
        };

        try (RunningServer running = start(meddling)) {
            assertThat(running.send(TestRequest.get("/one").build()).text()).isEqualTo("fresh /one");
            assertThat(running.send(TestRequest.get("/two").build()).text()).isEqualTo("fresh /two");
        }
    }

    @Test
    @DisplayName("P3333-ENV-03 REQUEST_METHOD is always present and never empty: the method as sent")
    void requestMethodIsTheMethodAsSent() throws Exception {
        Application echo = KitApps.replying(env -> String.valueOf(env.get(Environ.REQUEST_METHOD)));
        try (RunningServer running = start(echo)) {
            for (String method : List.of("GET", "POST", "DELETE", "PURGE")) {
                TestRequest.Builder request = TestRequest.request(method, "/");
                if (method.equals("POST")) {
                    request.body(KitApps.utf8("x"));
                }
                assertThat(running.send(request.build()).text()).isEqualTo(method);
            }
        }
    }

    @Test
    @DisplayName("P3333-ENV-04 SERVER_NAME and SERVER_PORT are always present and never empty, "
            + "even for a request without Host")
    void serverNameAndPortEvenWithoutHost() throws Exception {
        String withHost = reply(env -> env.get(Environ.SERVER_NAME) + "|" + env.get(Environ.SERVER_PORT),
                TestRequest.get("/").host("example.org:8080"));
        assertThat(withHost).isEqualTo("example.org|8080");

        Map<String, Object> env = environFor(TestRequest.get("/").http10().noHost());
        assertThat(env.get(Environ.SERVER_NAME)).isInstanceOf(String.class).asString().isNotEmpty();
        assertThat(env.get(Environ.SERVER_PORT)).isInstanceOf(String.class).asString().containsOnlyDigits()
                .isNotEmpty();
    }

    @Test
    @DisplayName("P3333-ENV-05 SCRIPT_NAME, PATH_INFO, QUERY_STRING, CONTENT_TYPE, CONTENT_LENGTH and "
            + "SERVER_PROTOCOL are present unless empty; SCRIPT_NAME is never \"/\", PATH_INFO empty or \"/...\"")
    void pathKeysHaveTheirShape() throws Exception {
        Map<String, Object> root = environFor(TestRequest.get("/"));
        assertThat(root.getOrDefault(Environ.SCRIPT_NAME, "")).isEqualTo("");
        assertThat(root).containsEntry(Environ.PATH_INFO, "/").containsEntry(Environ.SERVER_PROTOCOL, "HTTP/1.1");
        assertThat(root.getOrDefault(Environ.QUERY_STRING, "")).isEqualTo("");
        assertThat(root.get(Environ.CONTENT_TYPE)).as("no body, no type").isNull();
        assertThat((String) root.getOrDefault(Environ.CONTENT_LENGTH, "0")).isIn("", "0");

        Map<String, Object> deep = environFor(TestRequest.post("/a/b/?q=1", KitApps.utf8("body"))
                .contentType("text/plain"));
        assertThat(deep).containsEntry(Environ.PATH_INFO, "/a/b/").containsEntry(Environ.QUERY_STRING, "q=1")
                .containsEntry(Environ.CONTENT_TYPE, "text/plain").containsEntry(Environ.CONTENT_LENGTH, "4");
        assertThat((String) deep.getOrDefault(Environ.SCRIPT_NAME, "")).isNotEqualTo("/")
                .satisfiesAnyOf(s -> assertThat(s).isEmpty(), s -> assertThat(s).startsWith("/"));
        assertThat(deep.get(Environ.SERVER_PROTOCOL)).isEqualTo("HTTP/1.1");
    }

    @Test
    @DisplayName("P3333-ENV-06 PATH_INFO is the URL-decoded path, one character per byte; QUERY_STRING is not "
            + "decoded")
    void pathIsDecodedQueryIsNot() throws Exception {
        Map<String, Object> env = environFor(TestRequest.get("/a%20b%C3%A9+c?x=%20&y=%C3%A9+z"));

        assertThat(env).containsEntry(Environ.PATH_INFO, "/a b\u00C3\u00A9+c")
                .containsEntry(Environ.QUERY_STRING, "x=%20&y=%C3%A9+z");
        assertThat(Environ.decode((String) env.get(Environ.PATH_INFO))).isEqualTo("/a b\u00E9+c");
    }

    @Test
    @DisplayName("P3333-ENV-07 One HTTP_ key per header the client sent, and none other; Content-Type and "
            + "Content-Length appear only as CONTENT_TYPE and CONTENT_LENGTH")
    void oneHttpKeyPerHeaderSent() throws Exception {
        Map<String, Object> env = environFor(TestRequest.post("/", KitApps.utf8("{}")).contentType("application/json")
                .header("X-Custom", "yes").header("Accept", "*/*").header("Connection", "close"));

        Set<String> httpKeys = new TreeSet<>();
        env.keySet().stream().filter(k -> k.startsWith("HTTP_")).forEach(httpKeys::add);
        assertThat(httpKeys).containsExactlyInAnyOrder("HTTP_HOST", "HTTP_X_CUSTOM", "HTTP_ACCEPT",
                "HTTP_CONNECTION");
        assertThat(env).containsEntry("HTTP_X_CUSTOM", "yes").containsEntry(Environ.CONTENT_TYPE, "application/json")
                .containsEntry(Environ.CONTENT_LENGTH, "2");
    }
}
