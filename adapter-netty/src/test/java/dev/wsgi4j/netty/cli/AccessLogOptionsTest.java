package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.AccessLogSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --access-log} and {@code --access-log-format}: onto ServerConfig, in --check-config, and their errors. */
class AccessLogOptionsTest extends CommandLineTest {


    @Test
    void offUnlessGiven() {
        assertThat(parse(HELLO).toConfig().accessLog()).isNull();
    }

    @Test
    void theOptionsAndGunicornsSpellingsMapOntoServerConfig() {
        assertThat(parse("--access-log", "/var/log/a.log", HELLO).toConfig().accessLog())
                .isEqualTo(new AccessLogSettings("/var/log/a.log", AccessLogSettings.COMMON));
        assertThat(parse("--access-log", "-", "--access-log-format", "combined", HELLO).toConfig().accessLog()
                .pattern()).isEqualTo(AccessLogSettings.COMBINED);
        assertThat(parse("--access-logfile", "-", "--access-logformat", "%(h)s %(D)s", HELLO).toConfig().accessLog())
                .isEqualTo(new AccessLogSettings("-", "%(h)s %(D)s"));
    }

    @Test
    void checkConfigShowsTheAccessLog() {
        assertThat(run("--check-config", HELLO)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("access-log: off");
        out.getBuffer().setLength(0);
        assertThat(run("--check-config", "--access-log", "-", "--access-log-format", "combined", HELLO)).isZero();
        assertThat(out.toString()).contains("access-log: -, format: combined");
    }

    @Test
    void theConfigFileKeysAreTheMainNames(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wsgi4j.properties");
        Files.writeString(file, "access-log=-\naccess-log-format=%(s)s\n");
        assertThat(run("--config", file.toString(), "--check-config", HELLO)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("access-log: -, format: %(s)s");
    }

    @Test
    void anUnknownAtomOrAFormatWithoutALogIsOneLineAndExitStatus2() {
        assertThat(run("--access-log", "-", "--access-log-format", "%(h)s %(z)s", HELLO)).isEqualTo(2);
        assertThat(err.toString()).startsWith("wsgi4j-server: ")
                .contains("--access-log-format: unknown atom %(z)s").hasLineCount(1);
        err.getBuffer().setLength(0);
        assertThat(run("--access-log-format", "combined", HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("--access-log-format needs --access-log FILE|-").hasLineCount(1);
    }

    @Test
    void aLogFileThatCannotBeOpenedIsOneLineAndExitStatus1(@TempDir Path dir) {
        String file = dir.resolve("no-such-dir").resolve("access.log").toString();
        assertThat(run("--bind", "127.0.0.1:0", "--access-log", file, HELLO)).isEqualTo(1);
        assertThat(err.toString()).startsWith("wsgi4j-server: cannot open the access log " + file)
                .doesNotContain("\tat ").hasLineCount(1);
    }
}
