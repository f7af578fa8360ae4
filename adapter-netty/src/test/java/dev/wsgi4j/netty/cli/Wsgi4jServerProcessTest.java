package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.UnixHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.wsgi4j.netty.cli.ServerProcess.WAIT;
import static dev.wsgi4j.netty.cli.ServerProcess.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wsgi4j-server} as a real process: started as a user would, stopped with SIGTERM while a request is in
 * flight (issue 10, point 2). Every wait is bounded.
 */
class Wsgi4jServerProcessTest {

    private static final String HELLO = TestApps.Hello.class.getName();

    @Test
    void sigtermLetsTheRequestInFlightFinishRefusesNewConnectionsAndExitsZero(@TempDir Path dir) throws Exception {
        // The test class path's simplelogger.properties says warn; the server's own lines are asserted.
        List<String> jvm = List.of("-Dheld.dir=" + dir, "-Dorg.slf4j.simpleLogger.log.dev.wsgi4j=info");
        try (ServerProcess server = ServerProcess.start(dir.resolve("server.log"), jvm,
                "--graceful-timeout", "30s", HeldApp.class.getName())) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + "/held")).timeout(WAIT)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            awaitTrue(() -> Files.exists(dir.resolve("started")), "the request to reach the application");

            server.sigterm();

            awaitTrue(server::refusesConnections, "new connections to be refused");
            assertThat(inFlight).as("the application is still held").isNotDone();
            Files.writeString(dir.resolve("release"), "");

            HttpResponse<String> response = inFlight.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("released");
            assertThat(server.awaitExit()).as("exit status; log: %s", server.output()).isZero();
            assertThat(server.output()).contains("SIGTERM received", "stopped").doesNotContain("Exception");
        }
    }

    @Test
    void aSigtermTheMomentThePortOpensIsStillAGracefulStopWithStatusZero(@TempDir Path dir) throws Exception {
        // The port opens inside the start; a supervisor may signal before the start has returned.
        try (ServerProcess server = ServerProcess.start(dir.resolve("server.log"), List.of(),
                TestApps.Hello.class.getName())) {
            server.sigterm();

            assertThat(server.awaitExit()).as("exit status; log: %s", server.output()).isZero();
            assertThat(server.output()).contains("SIGTERM received", "stopped");
        }
    }

    @Test
    void servesOnATcpAddressAndAUnixSocketAndDeletesTheSocketFileAtExit(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("app.sock");
        List<String> jvm = List.of("-Dorg.slf4j.simpleLogger.log.dev.wsgi4j=info");
        try (ServerProcess server = ServerProcess.start(dir.resolve("server.log"), jvm,
                "--bind", "unix:" + socket, HELLO)) {
            awaitTrue(() -> Files.exists(socket), "the socket file");
            String answer = UnixHttp.exchange(socket, "GET /x HTTP/1.1\r\nHost: app\r\nConnection: close\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 200 OK");
            HttpResponse<String> tcp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port + "/x")).timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tcp.statusCode()).isEqualTo(200);
            assertThat(UnixHttp.body(answer)).isEqualTo(tcp.body());
            assertThat(server.output()).contains("on http://127.0.0.1:" + server.port + "/, unix:" + socket + " (http)");

            server.sigterm();
            assertThat(server.awaitExit()).as("exit status; log: %s", server.output()).isZero();
            assertThat(socket).doesNotExist();
        }
    }
}
