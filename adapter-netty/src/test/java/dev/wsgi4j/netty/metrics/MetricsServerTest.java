package dev.wsgi4j.netty.metrics;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.OpsSettings;
import dev.wsgi4j.netty.RawHttp;
import dev.wsgi4j.netty.ServerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Metrics end to end: servers on ephemeral ports, scraped as Prometheus would (README "Health and metrics"). */
class MetricsServerTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final CountDownLatch blockedInside = new CountDownLatch(1);
    private final CountDownLatch unblock = new CountDownLatch(1);
    /** /s/CODE answers CODE; /block waits for the test; anything else says what path it saw. */
    private final Application app = (env, sr) -> {
        String path = Environ.pathInfo(env);
        if (path.equals("/block")) {
            blockedInside.countDown();
            unblock.await(20, TimeUnit.SECONDS);
        }
        String status = path.startsWith("/s/") ? path.substring(3) + " X" : "200 OK";
        sr.start(status, List.of(Header.of("Content-Type", "text/plain")));
        return List.of(("app saw " + path).getBytes(StandardCharsets.US_ASCII));
    };
    private GatewayServer server;

    @AfterEach
    void stop() {
        unblock.countDown();
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    private GatewayServer start(ServerConfig.Builder config) throws InterruptedException {
        server = new GatewayServer(app, config.port(0).build()).start();
        return server;
    }

    @Test
    void aScrapeOfTheMainPortCountsRequestsByMethodAndStatusClassWithJvmMetersBeside() throws Exception {
        start(ServerConfig.builder().ops(new OpsSettings(null, "/metrics", null, 0)));
        try (RawHttp http = new RawHttp(server.port())) {
            for (String path : List.of("/s/200", "/s/201", "/s/204", "/s/404", "/s/410", "/s/500")) {
                http.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
            }
            http.send("DELETE /s/404 HTTP/1.1\r\nHost: x\r\n\r\nBREW /s/200 HTTP/1.1\r\nHost: x\r\n\r\n");
            http.read();
            http.read();
        }

        HttpResponse<String> scrape = get(server.port(), "/metrics");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        Scrape s = new Scrape(scrape.body());
        assertThat(s.value("wsgi4j_requests_seconds_count{method=\"GET\",status_class=\"2xx\"}")).isEqualTo(3);
        assertThat(s.value("wsgi4j_requests_seconds_count{method=\"GET\",status_class=\"4xx\"}")).isEqualTo(2);
        assertThat(s.value("wsgi4j_requests_seconds_count{method=\"GET\",status_class=\"5xx\"}")).isEqualTo(1);
        assertThat(s.value("wsgi4j_requests_seconds_count{method=\"DELETE\",status_class=\"4xx\"}")).isEqualTo(1);
        assertThat(s.value("wsgi4j_requests_seconds_count{method=\"OTHER\",status_class=\"2xx\"}")).isEqualTo(1);
        assertThat(s.value("wsgi4j_requests_seconds_bucket{method=\"GET\",status_class=\"2xx\",le=\"10.0\"}"))
                .isEqualTo(3);
        assertThat(s.text).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads ", "system_cpu_count ",
                "jvm_gc_");
        assertThat(s.value("wsgi4j_requests_active")).isEqualTo(0); // the scrape itself is not a measured request
    }

    @Test
    void theInFlightGaugeIsOneWhileAnApplicationIsBlockedAndZeroAfter() throws Exception {
        start(ServerConfig.builder().ops(new OpsSettings(null, "/metrics", "127.0.0.1", 0)));
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(blockedInside.await(5, TimeUnit.SECONDS)).isTrue();

            assertThat(scrape().value("wsgi4j_requests_active")).isEqualTo(1);

            unblock.countDown();
            assertThat(http.read().status()).isEqualTo(200);
            Scrape after = scrape();
            assertThat(after.value("wsgi4j_requests_active")).isEqualTo(0);
            assertThat(after.value("wsgi4j_requests_seconds_count{method=\"GET\",status_class=\"2xx\"}")).isEqualTo(1);
        }
    }

    @Test
    void openConnectionsAndBytesInAndOutAreMeasured() throws Exception {
        start(ServerConfig.builder().ops(new OpsSettings(null, "/metrics", "127.0.0.1", 0)));
        String request = "GET /s/200 HTTP/1.1\r\nHost: x\r\n\r\n";
        try (RawHttp a = new RawHttp(server.port()); RawHttp b = new RawHttp(server.port())) {
            RawHttp.Response ra = a.send(request).read();
            RawHttp.Response rb = b.send(request).read();

            Scrape s = scrape();

            assertThat(s.value("wsgi4j_connections_open")).isEqualTo(2);
            assertThat(s.value("wsgi4j_received_bytes_total")).isEqualTo(2 * request.length());
            assertThat(s.value("wsgi4j_sent_bytes_total"))
                    .isGreaterThan(ra.body().length + rb.body().length + 2 * "HTTP/1.1 200 X\r\n".length());
        }
        awaitValue("wsgi4j_connections_open", 0);
    }

    @Test
    void queuedRequestsAndTheServersOwn503sAreMeasured() throws Exception {
        start(ServerConfig.builder().workerThreads(1).workerParallelism(1).workerQueue(1)
                .ops(new OpsSettings(null, "/metrics", "127.0.0.1", 0)));
        try (RawHttp first = new RawHttp(server.port()); RawHttp queued = new RawHttp(server.port());
             RawHttp refused = new RawHttp(server.port())) {
            first.send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(blockedInside.await(5, TimeUnit.SECONDS)).isTrue();
            queued.send("GET /s/200 HTTP/1.1\r\nHost: x\r\n\r\n");
            awaitValue("wsgi4j_executor_queued", 1);

            assertThat(refused.send("GET /s/200 HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(503);

            Scrape s = scrape();
            assertThat(s.value("wsgi4j_responses_unavailable_total{reason=\"executor_full\"}")).isEqualTo(1);
            assertThat(s.value("wsgi4j_responses_unavailable_total{reason=\"spool_failed\"}")).isEqualTo(0);
            assertThat(s.value("wsgi4j_requests_seconds_count{method=\"GET\",status_class=\"5xx\"}")).isEqualTo(1);
            unblock.countDown();
            assertThat(queued.read().status()).isEqualTo(200);
        }
    }

    @Test
    void aSeparateMetricsListenerServesOnlyMetricsAndTheMainPortLeavesMetricsToTheApplication() throws Exception {
        start(ServerConfig.builder().ops(new OpsSettings(null, null, "127.0.0.1", 0)));

        HttpResponse<String> onMain = get(server.port(), "/metrics");
        HttpResponse<String> onMetrics = get(server.metricsPort(), "/metrics");
        HttpResponse<String> elsewhere = get(server.metricsPort(), "/other");
        HttpResponse<String> posted = CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(onMain.body()).isEqualTo("app saw /metrics");
        assertThat(onMetrics.statusCode()).isEqualTo(200);
        assertThat(onMetrics.body()).contains("wsgi4j_requests_seconds_count{method=\"GET\",status_class=\"2xx\"} 1");
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(posted.statusCode()).isEqualTo(405);
        assertThat(posted.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void withMetricsOffTheApplicationGetsTheMetricsPathAndNoListenerIsOpened() throws Exception {
        start(ServerConfig.builder());

        assertThat(get(server.port(), "/metrics").body()).isEqualTo("app saw /metrics");
        assertThat(server.metricsPort()).isEqualTo(-1);
    }

    @Test
    void anEmbeddersOwnRegistryGetsTheServersMeters() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        server = new GatewayServer(app, ServerConfig.builder().port(0).build())
                .metrics(MicrometerMetrics.of(registry)).start();

        get(server.port(), "/s/404");

        assertThat(registry.get("wsgi4j.requests").tag("method", "GET").tag("status.class", "4xx").timer().count())
                .isEqualTo(1);
        assertThat(registry.find("jvm.memory.used").meters()).isEmpty(); // the embedder's to decide
        server.stop(Duration.ofSeconds(1));
        assertThat(registry.find("wsgi4j.connections.open").meters()).isEmpty(); // no gauge left on a stopped server
        server = null;
    }

    @Test
    void aMetricsPathNeedsARegistryThatRendersPrometheusText() {
        GatewayServer refused = new GatewayServer(app, ServerConfig.builder().port(0)
                .ops(new OpsSettings(null, "/metrics", null, 0)).build())
                .metrics(MicrometerMetrics.of(new SimpleMeterRegistry()));

        assertThatThrownBy(refused::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Prometheus");
    }

    private Scrape scrape() throws Exception {
        HttpResponse<String> r = get(server.metricsPort(), "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        return new Scrape(r.body());
    }

    /** Scrapes until {@code series} shows {@code expected}, for gauges that follow an event on another thread. */
    private void awaitValue(String series, double expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        double last = Double.NaN;
        while (System.nanoTime() < deadline) {
            last = scrape().value(series);
            if (last == expected) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(series + " stayed " + last + ", expected " + expected);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A Prometheus text exposition, read one series at a time. */
    record Scrape(String text) {
        double value(String series) {
            for (String line : text.split("\n")) {
                if (line.startsWith(series + " ")) {
                    return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
                }
            }
            throw new AssertionError("no series " + series + " in:\n" + text);
        }
    }
}
