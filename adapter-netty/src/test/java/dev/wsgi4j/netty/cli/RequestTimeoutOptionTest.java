package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.ServerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --request-timeout}: off by default, a duration like the other timeouts, refused with the inline executor. */
class RequestTimeoutOptionTest extends CommandLineTest {

    @Test
    void itIsOffByDefaultAndSetsServerConfigsRequestTimeout() {
        assertThat(parse(HELLO).toConfig().requestTimeout()).isEqualTo(Duration.ZERO);
        assertThat(parse("--request-timeout", "30s", HELLO).toConfig().requestTimeout())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(parse("--request-timeout", "1500ms", "--executor", "pool", HELLO).toConfig().requestTimeout())
                .isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void theInlineExecutorRefusesItNamingTheOption() {
        assertThatThrownBy(() -> parse("--request-timeout", "5s", "--executor", "inline", HELLO).toConfig())
                .hasMessageStartingWith("--request-timeout needs an executor off the event loop");
        assertThat(parse("--request-timeout", "0", "--executor", "inline", HELLO).toConfig().requestTimeout())
                .as("0 is no limit, which inline can keep").isZero();
    }

    @Test
    void helpAndCheckConfigShowIt() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--request-timeout=DURATION", "Retry-After: 1",
                "Not with --executor inline");
        out.getBuffer().setLength(0);
        assertThat(run("--check-config", "--request-timeout", "2m", HELLO)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("request-timeout: 2m");
        out.getBuffer().setLength(0);
        assertThat(run("--check-config", HELLO)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("request-timeout: off");
    }

    @Test
    void aBadValueIsAUsageError() {
        assertThat(run("--request-timeout", "soon", HELLO)).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a duration");
        assertThat(ServerConfig.defaults().requestTimeout()).isZero();
    }
}
