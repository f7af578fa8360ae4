package dev.wsgi4j.graalpy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsgi4j.graalpy.TestModules;
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
 * with status 0 at SIGTERM, and SIGHUP imports the Python code afresh. An integration test (failsafe, after
 * {@code package} has built them).
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

    /** Also SIGHUP: the Python code changed on disk is imported afresh by new interpreters, which then serve. */
    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void thePlainJarServesInterpretedAndReloadsThePythonCodeAtSighup(@TempDir Path dir) throws Exception {
        Path jar = TARGET.resolve("wsgi4j-python.jar");
        assertThat(jar).as("built by mvn package").isRegularFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path code = Files.createDirectories(dir.resolve("code"));
        Path app = Files.copy(TestModules.directory().resolve("cli_app.py"), code.resolve("cli_app.py"));

        String log = serveAndStop(List.of(java, "-jar", jar.toString()), dir, code, (process, port) -> {
            Files.writeString(app, Files.readString(app).replace("'python SCRIPT_NAME", "'reloaded SCRIPT_NAME"));
            new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start().waitFor();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!get(port, "/again").startsWith("reloaded ")) {
                assertThat(System.nanoTime()).as("waited for the reload").isLessThan(deadline);
                Thread.sleep(200);
            }
        });

        assertThat(log).contains("GraalPy runs interpreted").doesNotContain("optimizing runtime (")
                .contains("reloaded APP python:cli_app:application");
    }

    private static String serveAndStop(List<String> command, Path dir) throws Exception {
        return serveAndStop(command, dir, TestModules.directory(), (process, port) -> {
        });
    }

    /** What a test does to the serving process between its first answer and SIGTERM. */
    private interface Meanwhile {
        void run(Process process, int port) throws Exception;
    }

    /**
     * Starts {@code command} serving cli_app from {@code code}, asks it once, does {@code meanwhile}, SIGTERMs it,
     * expects status 0; what it logged.
     */
    private static String serveAndStop(List<String> command, Path dir, Path code, Meanwhile meanwhile)
            throws Exception {
        int port = Wsgi4jPythonTest.freePort();
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--bind", "127.0.0.1:" + port, "--python", "cli_app:application",
                "--python-path", code.toString(), "--python-pool", "1"));
        Path output = dir.resolve("output.log");
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        try {
            while (!Wsgi4jPythonTest.accepts(port)) {
                assertThat(process.isAlive()).as("alive; output: %s", read(output)).isTrue();
                Thread.sleep(200);
            }
            assertThat(get(port, "/hi")).isEqualTo("python SCRIPT_NAME= PATH_INFO=/hi served=1\n");
            meanwhile.run(process, port);

            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("exited; output: %s", read(output)).isTrue();
            assertThat(process.exitValue()).as(read(output)).isZero();
            return read(output);
        } finally {
            process.destroyForcibly();
        }
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static String read(Path output) {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
