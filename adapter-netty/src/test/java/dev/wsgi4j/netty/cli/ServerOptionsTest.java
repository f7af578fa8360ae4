package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.ListenAddress;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.netty.TransportKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The options that reach the rest of {@link ServerConfig}: several binds and Unix sockets, the transport and
 * SO_REUSEPORT, the listen backlog, and the remaining limits, timeouts and switches; each reaches its setting, and
 * {@code --help} and {@code --check-config} show it.
 */
class ServerOptionsTest extends CommandLineTest {

    @Test
    void bindIsRepeatableTakesUnixSocketsAndCommaSeparatedLists() {
        ServerConfig c = parse("--bind", "unix:/run/a.sock", "--bind", "[::1]:9000,0.0.0.0:0", HELLO).toConfig();

        assertThat(c.listenAddresses()).containsExactly(ListenAddress.unix(Path.of("/run/a.sock")),
                ListenAddress.tcp("::1", 9000), ListenAddress.tcp("0.0.0.0", 0));
        assertThat(c.host()).as("the first TCP bind").isEqualTo("::1");
        assertThat(c.port()).isEqualTo(9000);
    }

    @Test
    void unixSocketModeTakesAnOctalModeAndRefusesAnythingElse() {
        assertThat(parse("--bind", "unix:/run/a.sock", "--unix-socket-mode", "660", HELLO).toConfig().listen()
                .socketMode()).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
        assertThat(parse("--unix-socket-mode", "0666", HELLO).toConfig().listen().socketMode())
                .isEqualTo(PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(parse(HELLO).toConfig().listen().socketMode()).as("the umask's by default").isNull();
        assertThatThrownBy(() -> parse("--unix-socket-mode", "rw", HELLO).toConfig())
                .hasMessage("--unix-socket-mode: 'rw' is not an octal file mode such as 660");
    }

    @Test
    void eachListenAndTuningOptionSetsItsServerConfigSetting(@TempDir Path spool) {
        ServerConfig c = parse("--transport", "nio", "--reuse-port", "--backlog", "64", "--max-connections", "77",
                "--max-requests-per-connection", "12", "--max-pipelined-requests", "3", "--worker-queue", "9",
                "--threads", "50", "--pool-parallelism", "5", "--request-head-timeout", "7s",
                "--body-read-timeout", "250ms", "--send-timeout", "2m", "--limit-request-head", "64k",
                "--in-memory-body", "1m", "--spool-dir", spool.toString(), "--write-buffer-high-water-mark", "128k",
                "--server-header", "edge/1", "--debug", "--allow-obs-fold", "--allow-missing-host", HELLO)
                .toConfig();

        assertThat(c.transport()).isEqualTo(TransportKind.NIO);
        assertThat(c.listen().reusePort()).isTrue();
        assertThat(c.listen().backlog()).isEqualTo(64);
        assertThat(c.maxConnections()).isEqualTo(77);
        assertThat(c.maxRequestsPerConnection()).isEqualTo(12);
        assertThat(c.maxPipelinedRequests()).isEqualTo(3);
        assertThat(c.workerQueue()).isEqualTo(9);
        assertThat(c.workerParallelism()).isEqualTo(5);
        assertThat(c.requestHeadTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.bodyReadTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.sendTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.maxHeaderBlockSize()).isEqualTo(64 * 1024);
        assertThat(c.inMemoryBodySize()).isEqualTo(1 << 20);
        assertThat(c.spoolDirectory()).isEqualTo(spool);
        assertThat(c.writeBufferHighWaterMark()).isEqualTo(128 * 1024);
        assertThat(c.serverHeader()).isEqualTo("edge/1");
        assertThat(c.debug()).isTrue();
        assertThat(c.allowObsFold()).isTrue();
        assertThat(c.allowMissingHost()).isTrue();
    }

    @Test
    void gunicornsWorkerConnectionsIsAnAliasAndTheHeadLimitGrowsToHoldOneField() {
        assertThat(parse("--worker-connections", "33", HELLO).toConfig().maxConnections()).isEqualTo(33);
        ServerConfig c = parse("--limit-request-head", "10000", "--limit-request-field-size", "20000", HELLO)
                .toConfig();
        assertThat(c.maxHeaderBlockSize()).isEqualTo(20000);
        assertThat(parse("--server-header", "", HELLO).toConfig().serverHeader()).isEmpty();
    }

    @Test
    void helpListsTheNewOptionsWithServerConfigsDefaults() {
        ServerConfig d = ServerConfig.defaults();
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--bind=HOST:PORT", "unix:PATH", "--transport=auto|nio|epoll|io_uring",
                "--reuse-port", "--backlog=N", "--max-connections, --worker-connections=N",
                "--max-requests-per-connection=N", "--max-pipelined-requests=N", "--worker-queue=N",
                "--pool-parallelism=N", "--request-head-timeout=DURATION", "--body-read-timeout=DURATION",
                "--send-timeout=DURATION", "--limit-request-head=SIZE", "--in-memory-body=SIZE", "--spool-dir=DIR",
                "--write-buffer-high-water-mark=SIZE", "--server-header=TEXT", "--debug", "--allow-obs-fold",
                "--allow-missing-host",
                "(default: " + d.listen().backlog() + ";", "(default: " + OptionValues.format(d.sendTimeout()) + ")",
                "(default: " + d.inMemoryBodySize() + ")", "(default: " + d.serverHeader() + ")");
    }

    @Test
    void checkConfigReportsEveryBindAndTheNewSettings() {
        int code = run("--check-config", "--bind", "127.0.0.1:9001", "--bind", "unix:/run/x.sock",
                "--transport", "epoll", "--backlog", "99", "--send-timeout", "90s", "--server-header", "", HELLO);

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("bind: 127.0.0.1:9001, unix:/run/x.sock",
                "transport: epoll, reuse-port: off, backlog: 99, max-connections: 1000",
                "send-timeout: 90s", "server-header: (none), debug: off");
    }

    @Test
    void theConfigFileTakesSeveralBindsAndTheNewKeys(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("w.properties"),
                "bind=127.0.0.1:9002,unix:/run/y.sock\nbacklog=5\nreuse-port=true\ntransport=io_uring\n");
        // parse() does not read the file (execute does): through --check-config instead.
        assertThat(run("--config", file.toString(), "--check-config", HELLO)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("bind: 127.0.0.1:9002, unix:/run/y.sock",
                "reuse-port: on, backlog: 5");
    }

    /** Netty's switch that keeps native transports from loading stands for a machine where they cannot. */
    @Test
    void aTransportThatCannotLoadIsOneLineNamingWhyAndExitStatus2() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-Dio.netty.transport.noNative=true", Wsgi4jServer.class.getName(),
                "--transport", "epoll", "--check-config", HELLO));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(ServerProcess.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes()).trim();

        assertThat(p.exitValue()).as(output).isEqualTo(2);
        assertThat(output).startsWith("wsgi4j-server: --transport epoll: transport epoll is not available here: ")
                .hasLineCount(1);
    }
}
