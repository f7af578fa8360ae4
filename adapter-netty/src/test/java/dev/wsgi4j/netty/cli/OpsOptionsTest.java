package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.OpsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --health-path}, {@code --metrics-path}, {@code --metrics-bind}: ServerConfig, --check-config, errors. */
class OpsOptionsTest extends CommandLineTest {

    @Test
    void offUnlessGiven() {
        assertThat(parse(HELLO).toConfig().ops()).isNull();
    }

    @Test
    void theOptionsMapOntoServerConfig() {
        assertThat(parse("--health-path", "/healthz", HELLO).toConfig().ops())
                .isEqualTo(new OpsSettings("/healthz", null, null, 0));
        assertThat(parse("--metrics-path", "/metrics", HELLO).toConfig().ops())
                .isEqualTo(new OpsSettings(null, "/metrics", null, 0));
        assertThat(parse("--metrics-bind", "127.0.0.1:9100", "--metrics-path", "/m", HELLO).toConfig().ops())
                .isEqualTo(new OpsSettings(null, "/m", "127.0.0.1", 9100));
    }

    @Test
    void aMetricsListenerWithoutAPathServesMetricsAtSlashMetrics() {
        assertThat(parse("--metrics-bind", "[::1]:9100", HELLO).toConfig().ops())
                .isEqualTo(new OpsSettings(null, "/metrics", "::1", 9100));
    }

    @Test
    void checkConfigShowsHealthAndMetrics() {
        assertThat(run("--check-config", HELLO)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("health-path: off, metrics: off");
        out.getBuffer().setLength(0);
        assertThat(run("--check-config", "--health-path", "/healthz", "--metrics-path", "/metrics", HELLO)).isZero();
        assertThat(out.toString()).contains("health-path: /healthz, metrics: /metrics on the application's port");
        out.getBuffer().setLength(0);
        assertThat(run("--check-config", "--metrics-bind", "0.0.0.0:9100", HELLO)).isZero();
        assertThat(out.toString()).contains("metrics: /metrics on 0.0.0.0:9100 only");
    }

    @Test
    void theConfigFileKeysAreTheOptionNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wsgi4j.properties");
        Files.writeString(file, "health-path=/ready\nmetrics-bind=127.0.0.1:9100\n");
        assertThat(run("--config", file.toString(), "--check-config", HELLO)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("health-path: /ready, metrics: /metrics on 127.0.0.1:9100 only");
    }

    @Test
    void aBadPathOrAddressIsOneLineAndExitStatus2() {
        assertThat(run("--health-path", "healthz", HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("--health-path must be an absolute path").hasLineCount(1);
        err.getBuffer().setLength(0);
        assertThat(run("--metrics-bind", "9100", HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("--metrics-bind: '9100' is not HOST:PORT").hasLineCount(1);
        err.getBuffer().setLength(0);
        assertThat(run("--health-path", "/x", "--metrics-path", "/x", HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("--health-path and --metrics-path are both /x").hasLineCount(1);
    }

    @Test
    void aMetricsAddressInUseIsOneLineAndExitStatus1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(run("--bind", "127.0.0.1:0", "--metrics-bind", "127.0.0.1:" + taken.getLocalPort(), HELLO))
                    .isEqualTo(1);
            assertThat(err.toString()).startsWith("wsgi4j-server: cannot listen for metrics on 127.0.0.1:"
                    + taken.getLocalPort()).doesNotContain("\tat ").hasLineCount(1);
        }
    }
}
