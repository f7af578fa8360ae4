package dev.wsgi4j.netty;

import dev.wsgi4j.Header;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Run by {@link WithoutMicrometerTest} inside a class loader that has no Micrometer: serves a request and the health
 * check, then asks for metrics, and reports what happened as one string.
 */
public final class WithoutMicrometerProbe {

    private WithoutMicrometerProbe() {
    }

    public static String run() throws Exception {
        StringBuilder report = new StringBuilder();
        ServerConfig config = ServerConfig.builder().port(0).transport(TransportKind.NIO)
                .ops(OpsSettings.health("/healthz")).build();
        GatewayServer server = new GatewayServer((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of("app".getBytes(StandardCharsets.US_ASCII));
        }, config).start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            for (String path : List.of("/", "/healthz")) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                report.append(path).append(' ').append(r.statusCode()).append(' ').append(r.body().trim()).append('|');
            }
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
        try {
            new GatewayServer((env, sr) -> List.of(), config.toBuilder()
                    .ops(new OpsSettings(null, "/metrics", null, 0)).build()).start().stop(Duration.ZERO);
            report.append("metrics started");
        } catch (IllegalStateException e) {
            report.append(e.getMessage(), 0, e.getMessage().indexOf(")") + 1);
        }
        return report.toString();
    }
}
