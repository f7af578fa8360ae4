package dev.wsgi4j.netty.mount;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.AccessLogSettings;
import dev.wsgi4j.netty.ExecutorKind;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.RawHttp;
import dev.wsgi4j.netty.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Server-level mounts end to end on an ephemeral port (SPEC.md §6.10). */
class MountsServerTest {

    private GatewayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    /** Answers with its name, the SCRIPT_NAME and PATH_INFO it saw, and the thread it ran on. */
    private static Application named(String name) {
        return (env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of((name + " " + Environ.scriptName(env) + "|" + Environ.pathInfo(env) + " "
                    + Thread.currentThread().getName()).getBytes(StandardCharsets.ISO_8859_1));
        };
    }

    private int start(Mounts mounts, ServerConfig.Builder config) throws InterruptedException {
        server = new GatewayServer(mounts, config.port(0).build()).start();
        return server.port();
    }

    private static String get(int port, String target, String... headers) throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            RawHttp.Response r = http.send("GET " + target + " HTTP/1.1\r\nHost: x\r\n" + String.join("", headers)
                    + "\r\n").read();
            return r.status() + " " + r.text();
        }
    }

    @Test
    void eachMountSeesItsPrefixAsScriptNameAndTheRootGetsWhatNoPrefixCovers() throws Exception {
        int port = start(Mounts.builder().root(named("root")).mount("/a", named("a"))
                .mount("/b", named("b"), new MountSettings(null, 2, null)).build(), ServerConfig.builder());

        assertThat(get(port, "/a/x/y?q=1")).startsWith("200 a /a|/x/y wsgi4j-app/a-");
        assertThat(get(port, "/a")).startsWith("200 a /a| ");
        assertThat(get(port, "/b/")).startsWith("200 b /b|/ wsgi4j-app/b-");
        assertThat(get(port, "/apple")).startsWith("200 root |/apple wsgi4j-app-");
        assertThat(get(port, "/")).startsWith("200 root |/ ");
        assertThat(get(port, "/%61/x")).as("chosen on the decoded path, as PATH_INFO holds it")
                .startsWith("200 a /a|/x ");
        assertThat(get(port, "http://x/b/z")).as("absolute-form").startsWith("200 b /b|/z ");
    }

    @Test
    void aSingleMountRunsOnItsOneThreadAndSaysItIsNotMultithreadedWhileThePoolsSayTheyAre() throws Exception {
        Application threading = (env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of((env.get(Environ.WSGI_MULTITHREAD) + " " + Thread.currentThread().getName())
                    .getBytes(StandardCharsets.ISO_8859_1));
        };
        int port = start(Mounts.builder().root(threading)
                .mount("/one", threading, new MountSettings(ExecutorKind.SINGLE, 0, null)).build(),
                ServerConfig.builder());

        assertThat(get(port, "/one/x")).startsWith("200 false ").contains("single");
        assertThat(get(port, "/one/y")).isEqualTo(get(port, "/one/x")); // the same one thread each time
        assertThat(get(port, "/x")).startsWith("200 true ").doesNotContain("single");
    }

    @Test
    void eachMountsApplicationIsSwappedOnItsOwnAndAPrefixWithNothingMountedIsRefused() throws Exception {
        int port = start(Mounts.builder().root(named("root")).mount("/a", named("a")).build(),
                ServerConfig.builder());

        server.swap("/a/", named("a2")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(get(port, "/a/x")).startsWith("200 a2 /a|/x ");
        assertThat(get(port, "/x")).startsWith("200 root |/x ");
        server.swap(named("root2")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(get(port, "/x")).startsWith("200 root2 |/x ");
        assertThat(get(port, "/a/x")).startsWith("200 a2 /a|/x ");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.swap("/b", named("b")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/b");
    }

    @Test
    void aTrustedProxysPrefixComesBeforeTheMountsInScriptName() throws Exception {
        int port = start(Mounts.builder().mount("/a", named("a")).build(), ServerConfig.builder());

        assertThat(get(port, "/a/x", "X-Forwarded-Prefix: /edge\r\n")).startsWith("200 a /edge/a|/x ");
    }

    @Test
    void withoutARootAPathNoPrefixCoversGetsTheServers404Page() throws Exception {
        int port = start(Mounts.builder().mount("/a", named("a")).build(), ServerConfig.builder());

        String notFound = get(port, "/b/c");
        assertThat(notFound).startsWith("404 ").contains("The requested URL /b/c was not found on this server.");
        assertThat(get(port, "/a/ok")).startsWith("200 a /a|/ok ");
    }

    @Test
    void aSaturatedMountAnswers503WhileAnotherServes() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Application slow = (env, sr) -> {
            running.countDown();
            release.await(20, TimeUnit.SECONDS);
            return named("slow").call(env, sr);
        };
        int port = start(Mounts.builder().root(named("root")).mount("/slow", slow, new MountSettings(null, 1, null))
                .mount("/fast", named("fast")).build(), ServerConfig.builder().workerQueue(1));
        try (RawHttp first = new RawHttp(port); RawHttp queued = new RawHttp(port);
             RawHttp refused = new RawHttp(port)) {
            first.send("GET /slow/1 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(running.await(10, TimeUnit.SECONDS)).as("/slow/1 holds the mount's one thread").isTrue();
            queued.send("GET /slow/2 HTTP/1.1\r\nHost: x\r\n\r\n");
            awaitQueued(1);

            assertThat(refused.send("GET /slow/3 HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(503);
            assertThat(get(port, "/fast/x")).startsWith("200 fast /fast|/x ");
            assertThat(get(port, "/x")).startsWith("200 root |/x ");

            release.countDown();
            assertThat(first.read().text()).startsWith("slow /slow|/1 ");
            assertThat(queued.read().text()).startsWith("slow /slow|/2 ");
        } finally {
            release.countDown();
        }
    }

    private void awaitQueued(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.queuedRequests() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(server.queuedRequests()).as("requests waiting for a thread").isEqualTo(n);
    }

    @Test
    void stopStopsEveryMountsExecutorInterruptingWhatOutlivesTheGrace() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Application stuck = (env, sr) -> {
            running.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return List.of();
        };
        int port = start(Mounts.builder().root(named("root")).mount("/stuck", stuck, new MountSettings(null, 1, null))
                .build(), ServerConfig.builder());
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

            server.stop(Duration.ofMillis(200));
            server = null;

            assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the mount's thread was interrupted").isTrue();
        }
    }

    @Test
    void aMountsOwnRequestTimeoutAnswersItsSlowCallsWhileTheRootHasNone() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Application slow = (env, sr) -> {
            release.await(20, TimeUnit.SECONDS);
            return named("slow").call(env, sr);
        };
        int port = start(Mounts.builder().root(slow).mount("/slow", slow, new MountSettings(null, 0,
                Duration.ofMillis(300))).build(), ServerConfig.builder());
        try (RawHttp timed = new RawHttp(port); RawHttp root = new RawHttp(port)) {
            root.send("GET /x HTTP/1.1\r\nHost: x\r\n\r\n");

            RawHttp.Response r = timed.send("GET /slow/x HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("Retry-After")).isNotNull();

            release.countDown();
            assertThat(root.read().text()).as("the root has no timeout").startsWith("slow |/x ");
        } finally {
            release.countDown();
        }
    }

    @Test
    void theJsonAccessLogNamesTheMountThatServed(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.json");
        int port = start(Mounts.builder().root(named("root")).mount("/a", named("a")).build(),
                ServerConfig.builder().accessLog(new AccessLogSettings(log.toString(), "json")));
        get(port, "/a/x");
        get(port, "/other");
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /a HTTP/1.1\r\n\r\n").read(); // no Host: refused before dispatch
        }
        server.stop(Duration.ofSeconds(1));
        server = null;

        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("\"target\":\"/a/x\"").endsWith(",\"mount\":\"/a\"}");
        assertThat(lines.get(1)).contains("\"target\":\"/other\"").endsWith(",\"mount\":\"\"}");
        assertThat(lines.get(2)).contains("\"status\":400").endsWith(",\"mount\":null}");
    }
}
