package dev.wsgi4j.netty.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wsgi4j-server} started as a real process on the test class path, its output in a file: what the process
 * tests share. Every wait is bounded by {@link #WAIT}; {@link #close()} kills whatever is left.
 */
final class ServerProcess implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    final int port;
    final Process process;
    private final Path output;

    private ServerProcess(int port, Process process, Path output) {
        this.port = port;
        this.process = process;
        this.output = output;
    }

    /** Starts {@code java [jvmFlags] Wsgi4jServer --bind 127.0.0.1:PORT [args]} on a free port; waits until it listens. */
    static ServerProcess start(Path output, List<String> jvmFlags, String... args)
            throws IOException, InterruptedException {
        return startUnder(List.of(), output, jvmFlags, args);
    }

    /** As {@link #start}, the command run by {@code launcher} (such as {@code nohup}), which execs it. */
    static ServerProcess startUnder(List<String> launcher, Path output, List<String> jvmFlags, String... args)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
        command.addAll(jvmFlags);
        command.addAll(List.of(Wsgi4jServer.class.getName(), "--bind", "127.0.0.1:" + port));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        ServerProcess server = new ServerProcess(port, process, output);
        awaitTrue(() -> accepts(port) || !process.isAlive(), "the server to listen");
        assertThat(process.isAlive()).as("server alive; its output: %s", server.output()).isTrue();
        return server;
    }

    /** Sends SIGTERM, as an init system does. */
    void sigterm() throws IOException, InterruptedException {
        signal("TERM");
    }

    /** Sends the signal {@code name} ({@code TERM}, {@code USR1}...) with {@code kill}. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
    }

    /** Waits for the process to end; its exit status. */
    int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exited; output: %s", output()).isTrue();
        return process.exitValue();
    }

    /** What the process printed so far. */
    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** True when a connection to the port is refused outright (nothing listens any more). */
    boolean refusesConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** As {@link #awaitTrue}, with this server's output in the failure's message. */
    void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(() -> "waited " + WAIT + " for " + what + "; output: " + output())
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for %s", WAIT, what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
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
}
