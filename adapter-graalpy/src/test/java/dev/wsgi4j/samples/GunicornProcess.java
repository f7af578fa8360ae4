package dev.wsgi4j.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * Debian's gunicorn ({@code /usr/bin/gunicorn}, CPython) serving a WSGI application on an ephemeral 127.0.0.1 port,
 * as a child process; the port is read from its log line {@code Listening at: http://127.0.0.1:PORT}.
 */
final class GunicornProcess implements AutoCloseable {

    static final Path GUNICORN = Path.of("/usr/bin/gunicorn");
    private static final Pattern LISTENING = Pattern.compile("Listening at: http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int port;

    private GunicornProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts gunicorn with one sync worker serving {@code spec} from {@code directory}, with {@code environment}
     * added to its own, its output in {@code log}. Without gunicorn: fails under CI (CI installs it), else skips the
     * calling test class.
     */
    static GunicornProcess start(Path directory, String spec, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        Installed.require(Files.isExecutable(GUNICORN),
                GUNICORN + " is missing: apt-get install gunicorn (.ci/run installs it)");
        ProcessBuilder builder = new ProcessBuilder(List.of(GUNICORN.toString(), "--bind", "127.0.0.1:0",
                "--workers", "1", "--graceful-timeout", "2", "--chdir", directory.toString(), spec))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ in the sources' directory
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(Files.readString(log));
            if (listening.find()) {
                return new GunicornProcess(process, Integer.parseInt(listening.group(1)));
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("gunicorn did not start listening; its log:\n" + Files.readString(log));
    }

    /** {@code http://127.0.0.1:port}. */
    String origin() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGTERM (gunicorn stops its worker and exits), then SIGKILL if it has not exited in 10 seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
