package dev.wsgi4j.netty.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wsgi4j-server --access-log FILE} as a real process: the line of a request still in flight at SIGTERM is on
 * disk once the process has exited. Every wait is bounded.
 */
class AccessLogProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theLineOfARequestInFlightAtSigtermIsOnDiskAfterExit(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path accessLog = dir.resolve("access.log");
        Path output = dir.resolve("server.log");
        Process server = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-Dheld.dir=" + dir, Wsgi4jServer.class.getName(),
                "--bind", "127.0.0.1:" + port, "--access-logfile", accessLog.toString(),
                HeldApp.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            int bound = port;
            awaitTrue(() -> accepts(bound) || !server.isAlive(), "the server to listen");
            assertThat(server.isAlive()).as("server alive; its output: %s", read(output)).isTrue();
            CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1).build().sendAsync(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/held?n=1"))
                                    .header("User-Agent", "process-test").timeout(WAIT).build(),
                            HttpResponse.BodyHandlers.ofString());
            awaitTrue(() -> Files.exists(dir.resolve("started")), "the request to reach the application");

            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(server.pid())).inheritIO().start();
            assertThat(kill.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
            Files.writeString(dir.resolve("release"), "");

            assertThat(inFlight.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(server.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exited; %s", read(output)).isTrue();
            assertThat(server.exitValue()).as("exit status; output: %s", read(output)).isZero();
            assertThat(Files.readAllLines(accessLog, StandardCharsets.UTF_8)).singleElement().asString()
                    .matches("127\\.0\\.0\\.1 - - \\[\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}] "
                            + "\"GET /held\\?n=1 HTTP/1\\.1\" 200 8");
        } finally {
            server.destroyForcibly();
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

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for %s", WAIT, what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
