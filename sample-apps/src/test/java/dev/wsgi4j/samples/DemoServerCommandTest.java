package dev.wsgi4j.samples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar sample-apps.jar} is {@code wsgi4j-server dev.wsgi4j.samples.DemoApp} with --host and --port. */
class DemoServerCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return DemoServer.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpNamesTheDemoItsShorthandsAndTheServerOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: sample-apps", "--host HOST and --port PORT are shorthand",
                "127.0.0.1:8080", DemoApp.class.getName(), "--keep-alive", "--graceful-timeout");
    }

    @Test
    void withoutOptionsTheDemoWouldServeOn127001Port8080() {
        assertThat(run("--check-config")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("application: " + DemoApp.class.getName(), "bind: 127.0.0.1:8080");
    }

    @Test
    void hostAndPortOverrideTheDefaultsAndServerOptionsPassThrough() {
        assertThat(run("--host", "0.0.0.0", "--port=18080", "--keep-alive", "9s", "--check-config"))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("bind: 0.0.0.0:18080", "keep-alive: 9s");

        out.getBuffer().setLength(0);
        assertThat(run("--port", "0", "--check-config")).isZero();
        assertThat(out.toString()).contains("bind: 127.0.0.1:0");

        out.getBuffer().setLength(0);
        assertThat(run("--bind", "[::1]:9000", "--check-config")).isZero();
        assertThat(out.toString()).contains("bind: [::1]:9000");
    }

    @Test
    void aConfigFilesBindWinsOverTheDemosDefaultAndTheCommandLineOverBoth() throws IOException {
        Path file = Files.createTempFile("demo", ".properties");
        try {
            Files.writeString(file, "bind=127.0.0.1:18090\n");
            assertThat(run("--config", file.toString(), "--check-config")).as(err.toString()).isZero();
            assertThat(out.toString()).contains("bind: 127.0.0.1:18090").doesNotContain("8080");

            out.getBuffer().setLength(0);
            assertThat(run("--config", file.toString(), "--port", "18091", "--check-config")).isZero();
            assertThat(out.toString()).contains("bind: 127.0.0.1:18091").doesNotContain("18090");

            out.getBuffer().setLength(0);
            assertThat(run("--config", file.toString(), "--bind", "unix:/tmp/demo.sock", "--check-config")).isZero();
            assertThat(out.toString()).contains("bind: unix:/tmp/demo.sock").doesNotContain("18090");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void anOutOfRangePortIsOneLineAndExitStatus2() {
        assertThat(run("--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).startsWith("sample-apps: ").contains("70000", "not in 0..65535").hasLineCount(1);
    }

    @Test
    void theDemoProcessServesTheIndexAndStopsWithExitStatus0OnSigterm() throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("demo-server", ".log");
        Process server = startDemo(log, "--port", Integer.toString(port));
        try {
            awaitListening(server, port, log);
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("<h1>wsgi4j demo</h1>");

            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(server.pid())).inheritIO().start();
            assertThat(kill.waitFor(30, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("exited; log: %s", Files.readString(log)).isTrue();
            assertThat(server.exitValue()).as("exit status; log: %s", Files.readString(log)).isZero();
        } finally {
            server.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    /** The demo with --http2-cleartext both answers curl over h2c, by Upgrade and by prior knowledge. */
    @Test
    void theDemoWithH2cBothAnswersCurlByUpgradeAndByPriorKnowledge() throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("demo-h2c", ".log");
        Process server = startDemo(log, "--port", Integer.toString(port), "--http2-cleartext", "both");
        try {
            awaitListening(server, port, log);
            String url = "http://127.0.0.1:" + port + "/";
            assertThat(curl("--http2", url)).containsSubsequence("HTTP/1.1 101 Switching Protocols", "HTTP/2 200",
                    "<h1>wsgi4j demo</h1>");
            assertThat(curl("--http2-prior-knowledge", url)).startsWith("HTTP/2 200").contains("<h1>wsgi4j demo</h1>");
        } finally {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        }
    }

    /** The demo as a process of its own on the test class path, its output in {@code log}. */
    private static Process startDemo(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                DemoServer.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitListening(Process server, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!accepts(port)) {
            assertThat(server.isAlive()).as("server alive; log: %s", Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("waited 30 s for the demo to listen").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** curl -sS -i with {@code args}: what it printed, the 101's head included when there is one. */
    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-i",
                "--max-time", "20"));
        command.addAll(List.of(args));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as(out).isZero();
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
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
}
