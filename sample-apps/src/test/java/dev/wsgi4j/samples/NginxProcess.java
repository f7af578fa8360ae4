package dev.wsgi4j.samples;

import dev.wsgi4j.netty.GatewayServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real nginx (the Debian package) serving deploy/nginx-wsgi4j.conf, run in the foreground from a temporary prefix
 * so that it writes nothing outside it: pid file, error log and every temp path live under the prefix. The site file
 * is used as it is, only its {@code @PLACEHOLDER@}s replaced. {@link #close()} stops it with SIGTERM and makes sure
 * no master or worker process outlives the test.
 */
final class NginxProcess implements AutoCloseable {

    /** The site under test, relative to the repository root. */
    static final Path SITE = Path.of("deploy", "nginx-wsgi4j.conf");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z_]+@");

    private final Process process;
    private final Path prefix;

    private NginxProcess(Process process, Path prefix) {
        this.process = process;
        this.prefix = prefix;
    }

    /** The nginx executable on the PATH or in /usr/sbin (where Debian puts it, often not on a user's PATH). */
    static Optional<Path> executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/sbin", "/usr/local/sbin"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "nginx"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * The nginx executable, for a test's {@code @BeforeAll}: without one the test is skipped, except under
     * CI, where it fails ({@link Installed}).
     */
    static Path executableOrSkip() {
        Optional<Path> executable = executable();
        Installed.require(executable.isPresent(), "nginx is not installed: apt-get install nginx to run this test");
        return executable.get();
    }

    /** The repository root, where deploy/ is: the parent of this module's directory. */
    private static Path repositoryRoot() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().getParent();
    }

    /** A test's {@code @AfterAll}: stops {@code nginx} and then, whatever happened, {@code server} (either may be null). */
    static void stop(NginxProcess nginx, GatewayServer server) throws InterruptedException {
        try {
            if (nginx != null) {
                nginx.close();
            }
        } finally {
            if (server != null) {
                server.stop(Duration.ofSeconds(2));
            }
        }
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Writes the prefix into {@code prefix} (made world-readable: the workers run as {@code nobody} when nginx is
     * started by root), the site with {@code placeholders} replaced, and a main nginx.conf that includes it; starts
     * nginx and waits until it accepts connections on {@code readyPort}.
     */
    static NginxProcess start(Path nginx, Path prefix, Map<String, String> placeholders, int readyPort)
            throws IOException, InterruptedException {
        return start(nginx, prefix, SITE, placeholders, readyPort);
    }

    /** As above, serving the site file {@code site} (relative to the repository root) instead of {@link #SITE}. */
    static NginxProcess start(Path nginx, Path prefix, Path site, Map<String, String> placeholders, int readyPort)
            throws IOException, InterruptedException {
        Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("tmp"));
        // A site's relative `include uwsgi_params` resolves against the main file's directory, /etc/nginx in an
        // installed nginx: the package's own file is copied next to ours.
        Path uwsgiParams = Path.of("/etc/nginx/uwsgi_params");
        if (Files.isReadable(uwsgiParams)) {
            Files.copy(uwsgiParams, prefix.resolve("uwsgi_params"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(prefix.resolve("site.conf"), substitute(Files.readString(repositoryRoot().resolve(site)),
                placeholders, site));
        Files.writeString(prefix.resolve("nginx.conf"), """
                worker_processes 1;
                pid logs/nginx.pid;
                error_log logs/error.log notice;
                events {
                    worker_connections 64;
                }
                http {
                    access_log logs/access.log;
                    client_body_temp_path tmp/client_body;
                    proxy_temp_path tmp/proxy;
                    fastcgi_temp_path tmp/fastcgi;
                    uwsgi_temp_path tmp/uwsgi;
                    scgi_temp_path tmp/scgi;
                    include site.conf;
                }
                """);
        Process process = new ProcessBuilder(nginx.toString(), "-p", prefix + "/", "-c", "nginx.conf",
                "-e", "logs/error.log", "-g", "daemon off;")
                .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
                .redirectErrorStream(true)
                .start();
        NginxProcess started = new NginxProcess(process, prefix);
        try {
            started.awaitListening(readyPort);
        } catch (Throwable e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** Replaces every {@code @NAME@} of the site; one left unreplaced is an error, not a silently broken file. */
    static String substitute(String site, Map<String, String> placeholders) {
        return substitute(site, placeholders, SITE);
    }

    private static String substitute(String site, Map<String, String> placeholders, Path name) {
        String text = site;
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            String token = "@" + p.getKey() + "@";
            if (!text.contains(token)) {
                throw new IllegalArgumentException(name + " has no placeholder " + token);
            }
            text = text.replace(token, p.getValue());
        }
        Matcher left = PLACEHOLDER.matcher(text);
        if (left.find()) {
            throw new IllegalArgumentException(name + " has a placeholder the test does not fill: " + left.group());
        }
        return text;
    }

    private void awaitListening(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ":\n" + logs());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + " within " + START_TIMEOUT + ":\n"
                + logs());
    }

    /** What nginx wrote to its error log and its standard output, for a failure message. */
    String logs() throws IOException {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("logs/error.log", "logs/stdout.log")) {
            Path file = prefix.resolve(name);
            if (Files.exists(file)) {
                out.append(name).append(":\n").append(Files.readString(file));
            }
        }
        return out.toString();
    }

    /** SIGTERM (nginx's fast shutdown) and a bounded wait; whatever is still running then is killed. */
    @Override
    public void close() throws InterruptedException {
        // Taken before the master goes: its workers would then no longer be its descendants.
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        for (ProcessHandle worker : workers) {
            if (worker.isAlive()) {
                worker.destroyForcibly();
                worker.onExit().orTimeout(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).exceptionally(t -> null)
                        .join();
            }
        }
    }
}
