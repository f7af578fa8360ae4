package dev.wsgi4j.netty.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.wsgi4j.netty.cli.ServerProcess.WAIT;
import static dev.wsgi4j.netty.cli.ServerProcess.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --error-log}, {@code --log-level} and SIGUSR1 on a real {@code wsgi4j-server} process: the error log
 * file gets the server's lines with an ISO timestamp, and after logrotate's rename and SIGUSR1 both logs continue in
 * new files at their paths while what was written before stays in the renamed ones. Every wait is bounded.
 */
class LogFilesProcessTest {

    private static final String HELLO = TestApps.Hello.class.getName();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static int get(ServerProcess server, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port + path))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void afterARenameAndSigusr1BothLogsContinueInNewFilesAtTheirPaths(@TempDir Path dir) throws Exception {
        Path access = dir.resolve("access.log");
        Path errors = dir.resolve("error.log");
        try (ServerProcess server = ServerProcess.start(dir.resolve("output.txt"), List.of(),
                "--access-log", access.toString(), "--access-log-format", "%(U)s",
                "--error-log", errors.toString(), HELLO)) {
            awaitTrue(() -> read(errors).contains("wsgi4j serving"), "the startup line in the error log");
            assertThat(read(errors)).containsPattern(
                    "(?m)^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) \\[main] INFO "
                            + "dev\\.wsgi4j\\.netty\\.GatewayServer - wsgi4j serving ");
            assertThat(server.output()).doesNotContain("wsgi4j serving");
            assertThat(get(server, "/before")).isEqualTo(200);
            awaitTrue(() -> read(access).equals("/before\n"), "the first line in the access log");

            Files.move(access, dir.resolve("access.log.1"));
            Files.move(errors, dir.resolve("error.log.1"));
            server.signal("USR1");
            awaitTrue(() -> read(errors).contains("error log reopened"), "a new error log at the path");
            assertThat(get(server, "/after")).isEqualTo(200);
            server.sigterm();

            assertThat(server.awaitExit()).as("exit status; output: %s", server.output()).isZero();
        }
        assertThat(read(dir.resolve("access.log.1"))).isEqualTo("/before\n");
        assertThat(read(access)).isEqualTo("/after\n");
        assertThat(read(dir.resolve("error.log.1"))).contains("wsgi4j serving", "SIGUSR1 received")
                .doesNotContain("stopping");
        assertThat(read(errors)).contains("SIGTERM received", "stopped").doesNotContain("wsgi4j serving");
    }

    @Test
    void logLevelDebugShowsTheConfigurationThatTheDefaultLevelHides(@TempDir Path dir) throws Exception {
        String atDebug = runAndStop(dir.resolve("debug.txt"), "--log-level", "debug", HELLO);
        String atDefault = runAndStop(dir.resolve("default.txt"), HELLO);

        assertThat(atDebug).contains("DEBUG dev.wsgi4j.netty.cli.Wsgi4jServer - current configuration:");
        assertThat(atDefault).contains("wsgi4j serving").doesNotContain("DEBUG", "current configuration");
    }

    @Test
    void logLevelErrorHidesTheStartupLine(@TempDir Path dir) throws Exception {
        assertThat(runAndStop(dir.resolve("error.txt"), "--log-level", "error", HELLO))
                .doesNotContain("wsgi4j serving", "INFO");
    }

    /** Starts the server, waits until it has logged its start (or, quiet, a request was served), stops it. */
    private static String runAndStop(Path output, String... args) throws Exception {
        try (ServerProcess server = ServerProcess.start(output, List.of(), args)) {
            assertThat(get(server, "/")).isEqualTo(200); // the startup line, when logged, is out by now
            server.sigterm();
            assertThat(server.awaitExit()).as("exit status; output: %s", server.output()).isZero();
            return server.output();
        }
    }
}
