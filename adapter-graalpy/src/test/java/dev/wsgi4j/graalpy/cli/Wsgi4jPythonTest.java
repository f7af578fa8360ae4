package dev.wsgi4j.graalpy.cli;

import dev.wsgi4j.graalpy.TestModules;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sun.misc.Signal;

/**
 * {@code wsgi4j-python} in this JVM ({@link Wsgi4jPython#run}): its options, its usage errors, and a Python APP at
 * the root, another under a mount and a Java one under a third, served by one server. Few GraalPy starts: each
 * costs seconds (minutes on a loaded machine).
 */
class Wsgi4jPythonTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Wsgi4jPython.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpListsEveryPythonOptionUnderTheCommandsName() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: wsgi4j-python").contains("--python=MODULE:CALLABLE",
                "--python-path=DIR", "--python-pool=N", "--python-threads=N", "--python-bytecode-cache=DIR",
                "--python-warmup=PATH", "--python-busy-timeout=DURATION", "--mount=PREFIX=APP", "--certfile=FILE");
    }

    @Test
    void usageErrorsAreOneLineAndStatus2WithoutStartingPython(@TempDir Path dir) throws Exception {
        assertThat(run("--check-config", "--python", "a:app", "python:b:app")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("wsgi4j-python: give the application once: APP python:b:app "
                + "and --python a:app both name one (see --help)");

        err.getBuffer().setLength(0);
        assertThat(run("--check-config", "--python", "a:app", "--python-pool", "0")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("wsgi4j-python: cannot load APP python:a:app: --python-pool "
                + "must be at least 1: 0 (see --help)");

        err.getBuffer().setLength(0);
        Path missing = dir.resolve("missing");
        assertThat(run("--check-config", "--python", "a:app", "--python-path", dir + java.io.File.pathSeparator
                + missing)).isEqualTo(2);
        assertThat(err.toString()).contains("--python-path " + missing + " is not a directory");

        err.getBuffer().setLength(0);
        Path file = dir.resolve("wsgi4j.properties");
        Files.writeString(file, "python=a:app\npython-warmup=no-slash\n");
        assertThat(run("--config", file.toString(), "--check-config")).isEqualTo(2);
        assertThat(err.toString()).contains("--python-warmup must be a path starting with '/': no-slash");

        err.getBuffer().setLength(0);
        assertThat(run("--check-config", "ruby:app")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown APP scheme 'ruby:' (known: python;");
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void checkConfigLoadsThePythonAppAndShowsThePythonOptions() throws Exception {
        Path cache = Files.createTempDirectory("wsgi4j-pyc");
        int code = run("--check-config", "--python", "cli_app:application", "--python-path", TestModules.directory().toString(),
                "--python-pool", "1", "--python-threads", "2", "--python-bytecode-cache", cache.toString(),
                "--python-busy-timeout", "1500ms", "--python-warmup", "/warm");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains(
                "application: python:cli_app:application (an instance of dev.wsgi4j.graalpy.PythonApplication)",
                "python-path: " + TestModules.directory(),
                "python-pool: 1, python-threads: 2, python-busy-timeout: 1500ms, python-bytecode-cache: " + cache
                        + ", python-warmup: /warm");
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void aPythonAppThatCannotBeImportedIsOneLineWithPythonsErrorAndStatus2() throws Exception {
        int code = run("--check-config", "--python-pool", "1", "--python-path", TestModules.directory().toString(),
                "--mount", "/m=python:no_such_module:app");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("wsgi4j-python: --mount /m: cannot load APP "
                + "python:no_such_module:app: ModuleNotFoundError: No module named 'no_such_module' (see --help)");
    }

    /**
     * The command serving until SIGTERM, raised in this JVM once it listens: the command's own handler takes it
     * (installed before the port opens) and stops the server gracefully, so {@code run} returns 0.
     */
    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void aPythonRootAPythonMountAndAJavaMountServeSideBySide() throws Exception {
        int port = freePort();
        String pythonPath = TestModules.directory().toString();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run("--bind", "127.0.0.1:" + port,
                "--python", "cli_app:application", "--python-path", pythonPath, "--python-pool", "1",
                "--mount", "/py=python:cli_app",
                "--mount", "/java=" + JavaHello.class.getName()));
        awaitListening(port, exit);
        try {
            assertThat(get(port, "/x")).isEqualTo("python SCRIPT_NAME= PATH_INFO=/x served=1\n");
            assertThat(get(port, "/py/y")).isEqualTo("python SCRIPT_NAME=/py PATH_INFO=/y served=1\n");
            assertThat(get(port, "/x")).as("the root's interpreter, not the mount's")
                    .isEqualTo("python SCRIPT_NAME= PATH_INFO=/x served=2\n");
            assertThat(get(port, "/java/z")).isEqualTo("java SCRIPT_NAME=/java\n");
        } finally {
            Signal.raise(new Signal("TERM"));
        }
        assertThat(exit.get(2, TimeUnit.MINUTES)).as(err.toString()).isZero();
    }

    private static void awaitListening(int port, CompletableFuture<Integer> exit) throws Exception {
        while (!accepts(port)) {
            assertThat(exit).as("the command ended before it listened").isNotDone();
            Thread.sleep(200);
        }
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
