package dev.wsgi4j.netty.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.wsgi4j.netty.cli.ServerProcess.WAIT;
import static dev.wsgi4j.netty.cli.ServerProcess.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wsgi4j-server --access-log FILE} as a real process: the line of a request still in flight at SIGTERM is on
 * disk once the process has exited. Every wait is bounded.
 */
class AccessLogProcessTest {

    @Test
    void theLineOfARequestInFlightAtSigtermIsOnDiskAfterExit(@TempDir Path dir) throws Exception {
        Path accessLog = dir.resolve("access.log");
        try (ServerProcess server = ServerProcess.start(dir.resolve("server.log"), List.of("-Dheld.dir=" + dir),
                "--access-logfile", accessLog.toString(), HeldApp.class.getName())) {
            CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1).build().sendAsync(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/held?n=1"))
                                    .header("User-Agent", "process-test").timeout(WAIT).build(),
                            HttpResponse.BodyHandlers.ofString());
            awaitTrue(() -> Files.exists(dir.resolve("started")), "the request to reach the application");

            server.sigterm();
            Files.writeString(dir.resolve("release"), "");

            assertThat(inFlight.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(server.awaitExit()).as("exit status; output: %s", server.output()).isZero();
            assertThat(Files.readAllLines(accessLog, StandardCharsets.UTF_8)).singleElement().asString()
                    .matches("127\\.0\\.0\\.1 - - \\[\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}] "
                            + "\"GET /held\\?n=1 HTTP/1\\.1\" 200 8");
        }
    }
}
