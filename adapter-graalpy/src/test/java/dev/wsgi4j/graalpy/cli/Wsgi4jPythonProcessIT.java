package dev.wsgi4j.graalpy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built command as a user runs it (README "Serving a Python WSGI application"): the launcher
 * {@code target/wsgi4j-python}, which must run GraalPy with the optimizing runtime, and the plain
 * {@code java -jar target/wsgi4j-python.jar}, which runs it interpreted; each serves a Python application and stops
 * with status 0 at SIGTERM. An integration test (failsafe, after {@code package} has built them).
 */
class Wsgi4jPythonProcessIT {

    private static final Path TARGET = Path.of("target");

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void theLauncherServesWithTheOptimizingRuntimeAndStopsWithStatus0AtSigterm(@TempDir Path dir) throws Exception {
        Path launcher = TARGET.resolve("wsgi4j-python");
        assertThat(Files.isExecutable(launcher)).as("%s, built by mvn package", launcher.toAbsolutePath()).isTrue();

        String log = serveAndStop(List.of(launcher.toString()), dir);

        assertThat(log).contains("GraalPy runs with the optimizing runtime").doesNotContain("runs interpreted");
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void thePlainJarServesInterpretedAndSaysSo(@TempDir Path dir) throws Exception {
        Path jar = TARGET.resolve("wsgi4j-python.jar");
        assertThat(jar).as("built by mvn package").isRegularFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        String log = serveAndStop(List.of(java, "-jar", jar.toString()), dir);

        assertThat(log).contains("GraalPy runs interpreted").doesNotContain("optimizing runtime (");
    }

    /** Starts {@code command} serving cli_app, asks it once, SIGTERMs it, expects status 0; what it logged. */
    private static String serveAndStop(List<String> command, Path dir) throws Exception {
        int port = Wsgi4jPythonTest.freePort();
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--bind", "127.0.0.1:" + port, "--python", "cli_app:application",
                "--python-path", Wsgi4jPythonTest.pythonDir().toString(), "--python-pool", "1"));
        Path output = dir.resolve("output.log");
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        try {
            while (!Wsgi4jPythonTest.accepts(port)) {
                assertThat(process.isAlive()).as("alive; output: %s", read(output)).isTrue();
                Thread.sleep(200);
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/hi")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("python SCRIPT_NAME= PATH_INFO=/hi served=1\n");

            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("exited; output: %s", read(output)).isTrue();
            assertThat(process.exitValue()).as(read(output)).isZero();
            return read(output);
        } finally {
            process.destroyForcibly();
        }
    }

    private static String read(Path output) {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
