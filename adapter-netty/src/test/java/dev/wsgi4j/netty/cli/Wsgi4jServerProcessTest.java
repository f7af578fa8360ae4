package dev.wsgi4j.netty.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wsgi4j-server} as a real process: started as a user would, stopped with SIGTERM while a request is in
 * flight (issue 10, point 2). Every wait is bounded.
 */
class Wsgi4jServerProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void sigtermLetsTheRequestInFlightFinishRefusesNewConnectionsAndExitsZero(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path log = dir.resolve("server.log");
        Process server = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-Dheld.dir=" + dir,
                // the test class path's simplelogger.properties says warn; the server's own lines are asserted
                "-Dorg.slf4j.simpleLogger.log.dev.wsgi4j=info",
                Wsgi4jServer.class.getName(),
                "--bind", "127.0.0.1:" + port, "--graceful-timeout", "30s",
                HeldApp.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitTrue(() -> accepts(port) || !server.isAlive(), "the server to listen");
            assertThat(server.isAlive()).as("server alive; its log: %s", read(log)).isTrue();

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/held")).timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString());
            awaitTrue(() -> Files.exists(dir.resolve("started")), "the request to reach the application");

            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(server.pid())).inheritIO().start();
            assertThat(kill.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();

            awaitTrue(() -> refused(port), "new connections to be refused");
            assertThat(inFlight).as("the application is still held").isNotDone();
            Files.writeString(dir.resolve("release"), "");

            HttpResponse<String> response = inFlight.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("released");
            assertThat(server.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exited; log: %s", read(log)).isTrue();
            assertThat(server.exitValue()).as("exit status; log: %s", read(log)).isZero();
            assertThat(read(log)).contains("SIGTERM received", "stopped").doesNotContain("Exception");
        } finally {
            server.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean refused(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for %s", WAIT, what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
