package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.gateway.EnvironBuilder;
import dev.wsgi4j.gateway.ResponseDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the connection pipeline tells {@link ServerMetrics}, per request and per byte. */
class MetricsHooksTest {

    @TempDir
    Path dir;

    /** Answers with the status its path names: /s/404 answers 404. */
    private final Application statusByPath = (env, sr) -> {
        String code = Environ.pathInfo(env).substring(3);
        sr.start(code + " X", List.of(Header.of("Content-Type", "text/plain")));
        return List.of(code.getBytes(StandardCharsets.ISO_8859_1));
    };
    private final Recording metrics = new Recording();
    private GatewayHarness harness;

    private GatewayHarness serve(ServerConfig config, ServerMetrics metrics) {
        ServerLifecycle lifecycle = new ServerLifecycle();
        ServerContext context = new ServerContext(config, new ApplicationSlot(statusByPath), AppExecutor.create(config),
                new ResponseDriver(false), new EnvironBuilder(LoggerFactory.getLogger("dev.wsgi4j.app")),
                Runnable::run, null, null, lifecycle, ServerEndpoints.of(config.ops(), lifecycle, null), metrics);
        harness = new GatewayHarness(context, true);
        return harness;
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void everyAnsweredRequestIsReportedWithItsMethodStatusAndADuration() {
        String requests = "GET /s/200 HTTP/1.1\r\nHost: h\r\n\r\n"
                + "POST /s/404 HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi"
                + "BREW /s/503 HTTP/1.1\r\nHost: h\r\n\r\n";
        serve(GatewayHarness.inline().build(), metrics).send(requests);

        assertThat(harness.responses()).extracting(RawHttp.Response::status).containsExactly(200, 404, 503);
        assertThat(metrics.events).containsExactly("started", "finished GET 200", "started", "finished POST 404",
                "started", "finished BREW 503");
        assertThat(metrics.durations).hasSize(3).allSatisfy(d -> assertThat(d).isNotNegative());
    }

    @Test
    void bytesAreCountedAsTheyCrossTheWire() {
        String requests = "GET /s/200 HTTP/1.1\r\nHost: h\r\n\r\nGET /s/204 HTTP/1.1\r\nHost: h\r\n\r\n";
        serve(GatewayHarness.inline().build(), metrics).send(requests);

        String wire = harness.wire();

        assertThat(metrics.received).isEqualTo(requests.length());
        assertThat(metrics.sent).isEqualTo(wire.length());
    }

    @Test
    void aRequestTheServerRefusesIsReportedAsRefusedAndASpoolFailureAsTheServers503() {
        ServerConfig config = GatewayHarness.inline().inMemoryBodySize(16)
                .spoolDirectory(dir.resolve("missing")).build();
        serve(config, metrics).send("PUT /s/200 HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n" + "x".repeat(100));

        assertThat(harness.only().status()).isEqualTo(503);
        assertThat(metrics.events).containsExactly("refused PUT 503", "unavailable SPOOL_FAILED");
    }

    @Test
    void aHeadRefusedBeforeItWasDecodedHasNoMethod() {
        serve(GatewayHarness.inline().build(), metrics).send("GET /s/200 HTTP/1.1\r\nHost: h\r\nBad Header: x\r\n\r\n");

        assertThat(harness.only().status()).isEqualTo(400);
        assertThat(metrics.events).containsExactly("refused null 400");
    }

    @Test
    void theServersOwnAnswersAreNotCountedAsRequests() {
        serve(GatewayHarness.inline().ops(OpsSettings.health("/healthz")).build(), metrics)
                .send("GET /healthz HTTP/1.1\r\nHost: h\r\n\r\n");

        assertThat(harness.only().status()).isEqualTo(200);
        assertThat(metrics.events).isEmpty();
        assertThat(metrics.sent).isPositive(); // its bytes are, being on the wire
    }

    @Test
    void withoutMetricsThePipelineHasNoByteCounter() {
        serve(GatewayHarness.inline().build(), null).send("GET /s/200 HTTP/1.1\r\nHost: h\r\n\r\n");

        assertThat(harness.only().status()).isEqualTo(200);
        assertThat(harness.channel.pipeline().get(ByteCounter.class)).isNull();
        assertThat(harness.channel.pipeline().names()).doesNotContain("bytes");
    }

    /** Writes down what it is told, in order. */
    static final class Recording implements ServerMetrics {
        final List<String> events = new ArrayList<>();
        final List<Long> durations = new ArrayList<>();
        long received;
        long sent;

        @Override
        public void bind(GatewayServer server) {
        }

        @Override
        public void requestStarted() {
            events.add("started");
        }

        @Override
        public void requestFinished(String method, int status, long durationNanos) {
            events.add("finished " + method + " " + status);
            durations.add(durationNanos);
        }

        @Override
        public void requestRefused(String method, int status) {
            events.add("refused " + method + " " + status);
        }

        @Override
        public void unavailable(Unavailable reason) {
            events.add("unavailable " + reason);
        }

        @Override
        public void bytesReceived(long bytes) {
            received += bytes;
        }

        @Override
        public void bytesSent(long bytes) {
            sent += bytes;
        }
    }
}
