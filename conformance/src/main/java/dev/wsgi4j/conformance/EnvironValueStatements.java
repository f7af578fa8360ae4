package dev.wsgi4j.conformance;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** PEP 3333, "environ Variables" and "Application Configuration": values, wsgi.* keys, extensions (B8-B14). */
public abstract class EnvironValueStatements extends Statements {

    /** The wsgi.* keys PEP 3333 defines, and the two every current server adds under that prefix. */
    private static final Set<String> WSGI_KEYS = Set.of("wsgi.version", "wsgi.url_scheme", "wsgi.input",
            "wsgi.errors", "wsgi.multithread", "wsgi.multiprocess", "wsgi.run_once", "wsgi.file_wrapper",
            "wsgi.input_terminated", "wsgi.early_hints");
    private static final Pattern CGI_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)+");

    @Test
    @DisplayName("P3333-ENV-08 Other CGI variables apply where known (REMOTE_ADDR); a missing value is left out "
            + "rather than set empty")
    void remoteAddrIsSetAndNothingIsEmpty() throws Exception {
        Map<String, Object> env = environFor(TestRequest.get("/x").header("X-A", "1"));

        assertThat((String) env.get(Environ.REMOTE_ADDR)).as("a TCP or in-process peer is known").isNotBlank();
        List<String> empty = new ArrayList<>();
        env.forEach((key, value) -> {
            if (CGI_NAME.matcher(key).matches() && "".equals(value)
                    && !Set.of(Environ.SCRIPT_NAME, Environ.PATH_INFO, Environ.QUERY_STRING).contains(key)) {
                empty.add(key);
            }
        });
        assertThat(empty).as("CGI keys set to \"\"").isEmpty();
    }

    @Test
    @DisplayName("P3333-ENV-09 Every CGI value is a native string: characters U+0000..U+00FF, one per byte "
            + "received")
    void cgiValuesAreNativeStrings() throws Exception {
        String utf8Bytes = new String("caf\u00E9 \u2615".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        Map<String, Object> env = environFor(TestRequest.get("/%E2%98%95").header("X-Name", utf8Bytes));

        assertThat(Environ.decode((String) env.get("HTTP_X_NAME"))).isEqualTo("caf\u00E9 \u2615");
        assertThat(Environ.decode((String) env.get(Environ.PATH_INFO))).isEqualTo("/\u2615");
        env.forEach((key, value) -> {
            if (!key.contains(".")) {
                assertThat(value).as(key).isInstanceOf(String.class);
                assertThat(((String) value).chars().allMatch(c -> c <= 0xFF)).as(key + " = " + value).isTrue();
            }
        });
    }

    @Test
    @DisplayName("P3333-ENV-10 wsgi.version is (1, 0), wsgi.url_scheme http or https; wsgi.input, wsgi.errors, "
            + "wsgi.multithread, wsgi.multiprocess and wsgi.run_once are present")
    void wsgiKeysArePresentWithTheirTypes() throws Exception {
        Map<String, Object> env = environFor(TestRequest.get("/"));

        assertThat(env).containsEntry("wsgi.version", List.of(1, 0));
        assertThat(env.get("wsgi.url_scheme")).isIn("http", "https");
        assertThat(env.get("wsgi.input")).isInstanceOf(WsgiInput.class);
        assertThat(env.get("wsgi.errors")).isInstanceOf(PrintWriter.class);
        assertThat(env.get("wsgi.multithread")).isInstanceOf(Boolean.class);
        assertThat(env.get("wsgi.multiprocess")).isInstanceOf(Boolean.class);
        assertThat(env.get("wsgi.run_once")).isInstanceOf(Boolean.class);
        assertThat(env.get("wsgi.file_wrapper")).isInstanceOf(FileWrapper.Factory.class);
    }

    @Test
    @DisplayName("P3333-ENV-11 wsgi.multithread is true if the application may be invoked by another thread at "
            + "the same time; wsgi.run_once is normally false")
    void multithreadTellsTheTruth() throws Exception {
        Map<String, Object> env = environFor(TestRequest.get("/"));
        assertThat(env).containsEntry("wsgi.run_once", Boolean.FALSE);
        assumeTrue(Boolean.TRUE.equals(env.get("wsgi.multithread")),
                "single-threaded by default: P3333-HTTP-03 checks that mode");

        CyclicBarrier bothInside = new CyclicBarrier(2);
        Application meeting = (environ, start) -> {
            bothInside.await(KitApps.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            return KitApps.respond(start, "met");
        };
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try (RunningServer running = start(meeting)) {
            List<Future<TestResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(clients.submit(() -> running.send(TestRequest.get("/").build())));
            }
            for (Future<TestResponse> answer : answers) {
                assertThat(answer.get(2 * KitApps.PATIENCE.toSeconds(), TimeUnit.SECONDS).text())
                        .as("two calls were inside the application at once").isEqualTo("met");
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    @DisplayName("P3333-ENV-12 Server-defined keys use only lower-case letters, digits, dots and underscores, "
            + "prefixed with a name unique to the server")
    void extensionKeysAreNamedByThePepsRule() throws Exception {
        String prefix = server().extensionPrefix();
        assertThat(prefix).matches("[a-z0-9_]+\\.").isNotEqualTo("wsgi.");
        Map<String, Object> env = environFor(TestRequest.post("/", KitApps.utf8("x")).header("X-Any", "1"));

        List<String> misnamed = new ArrayList<>();
        for (String key : env.keySet()) {
            boolean ok = CGI_NAME.matcher(key).matches() || WSGI_KEYS.contains(key)
                    || (EXTENSION_NAME.matcher(key).matches() && key.startsWith(prefix));
            if (!ok) {
                misnamed.add(key);
            }
        }
        assertThat(misnamed).as("keys that are neither CGI, wsgi.* nor under " + prefix).isEmpty();
    }

    @Test
    @DisplayName("P3333-ENV-13 A deployer can add name/value pairs to every environ")
    void deployerPairsReachEveryEnviron() throws Exception {
        assumeCapable(Capability.DEPLOYER_ENVIRON, "no way to add deployer pairs");
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("APP_MODE", "staging");
        pairs.put("myapp.region", "eu-1");
        Application reading = (environ, start) -> {
            String seen = environ.get("APP_MODE") + "|" + environ.get("myapp.region") + "|"
                    + environ.get(Environ.PATH_INFO);
            environ.remove("APP_MODE");
            return KitApps.respond(start, seen);
        };

        try (RunningServer running = start(reading, new KitOptions(pairs, false))) {
            assertThat(running.send(TestRequest.get("/a").build()).text()).isEqualTo("staging|eu-1|/a");
            assertThat(running.send(TestRequest.get("/b").build()).text()).isEqualTo("staging|eu-1|/b");
        }
    }

    @Test
    @DisplayName("P3333-ENV-14 The server documents the environ variables it provides")
    void everyKeyIsDocumented() throws Exception {
        Path doc = server().environDocumentation();
        assumeTrue(doc != null, "the server names no document for its environ keys");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        Map<String, Object> env = environFor(TestRequest.post("/p?q", KitApps.utf8("x")).contentType("text/plain")
                .header("X-Custom", "1"));

        List<String> undocumented = new ArrayList<>();
        for (String key : env.keySet()) {
            String written = key.startsWith("HTTP_") && !key.equals(Environ.HTTP_HOST) ? "HTTP_*" : key;
            if (!text.contains("`" + written + "`") && !(key.equals(Environ.HTTP_HOST) && text.contains("`HTTP_*`"))) {
                undocumented.add(key);
            }
        }
        assertThat(undocumented).as("keys " + doc + " does not name").isEmpty();
    }
}
