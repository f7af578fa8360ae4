package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.ExecutorKind;
import dev.wsgi4j.netty.ListenAddress;
import dev.wsgi4j.netty.TransportKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionValuesTest {

    @Test
    void durationsTakeAUnitAndABareNumberMeansSeconds() {
        assertThat(OptionValues.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(OptionValues.duration("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(OptionValues.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(OptionValues.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(OptionValues.duration("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(OptionValues.duration("0")).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "1.5s", "-1", "5x", "1 s", "10sec", "99999999999"})
    void aMalformedDurationIsRefusedWithTheExpectedForm(String text) {
        assertThatThrownBy(() -> OptionValues.duration(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration (like 500ms");
    }

    @Test
    void aFormattedDurationReadsBackToTheSameValue() {
        for (Duration d : new Duration[] {Duration.ofMillis(1500), Duration.ofSeconds(5), Duration.ofSeconds(90),
                Duration.ofMinutes(2), Duration.ofHours(3), Duration.ZERO}) {
            assertThat(OptionValues.duration(OptionValues.format(d))).isEqualTo(d);
        }
        assertThat(OptionValues.format(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThat(OptionValues.format(Duration.ofMillis(250))).isEqualTo("250ms");
    }

    @Test
    void sizesAreBytesOrBinaryMultiples() {
        assertThat(OptionValues.byteSize("1048576")).isEqualTo(1L << 20);
        assertThat(OptionValues.byteSize("512k")).isEqualTo(512L << 10);
        assertThat(OptionValues.byteSize("100M")).isEqualTo(100L << 20);
        assertThat(OptionValues.byteSize("1g")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> OptionValues.byteSize("1.5g")).hasMessageContaining("is not a size in bytes");
        assertThatThrownBy(() -> OptionValues.byteSize("9999999999999g")).hasMessageContaining("too large");
    }

    @Test
    void executorsAreNamedInAnyCase() {
        assertThat(OptionValues.executor("virtual")).isEqualTo(ExecutorKind.VIRTUAL);
        assertThat(OptionValues.executor("INLINE")).isEqualTo(ExecutorKind.INLINE);
        assertThat(OptionValues.executor("Single")).isEqualTo(ExecutorKind.SINGLE);
        assertThatThrownBy(() -> OptionValues.executor("forked"))
                .hasMessageContaining("pool, virtual, inline or single");
    }

    @Test
    void bindTakesHostPortBracketedIpv6AndUnixSockets() {
        assertThat(ListenAddress.parse("0.0.0.0:80")).isEqualTo(ListenAddress.tcp("0.0.0.0", 80));
        assertThat(ListenAddress.parse("localhost:0")).isEqualTo(ListenAddress.tcp("localhost", 0));
        assertThat(ListenAddress.parse("[::1]:8080")).isEqualTo(ListenAddress.tcp("::1", 8080));
        assertThat(ListenAddress.tcp("::1", 8080)).hasToString("[::1]:8080");
        assertThat(ListenAddress.parse("unix:/run/app.sock")).isEqualTo(ListenAddress.unix(Path.of("/run/app.sock")))
                .hasToString("unix:/run/app.sock");
    }

    @Test
    void transportsAreNamedAsTheOptionSpellsThem() {
        assertThat(OptionValues.transport("io_uring")).isEqualTo(TransportKind.IO_URING);
        assertThat(OptionValues.transport("EPOLL")).isEqualTo(TransportKind.EPOLL);
        assertThat(OptionValues.name(TransportKind.AUTO)).isEqualTo("auto");
        assertThatThrownBy(() -> OptionValues.transport("kqueue")).hasMessageContaining("auto, nio, epoll or io_uring");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "::1:8080", "[::1]8080", ":8000", "host:", "host:http", "[::1]:"})
    void aMalformedBindIsRefusedWithTheExpectedForm(String text) {
        assertThatThrownBy(() -> ListenAddress.parse(text)).hasMessageContaining("is not HOST:PORT");
    }

    @Test
    void anOutOfRangePortAndAUnixSocketWithoutAFileAreRefused() {
        assertThatThrownBy(() -> ListenAddress.parse("127.0.0.1:70000")).hasMessageContaining("not in 0..65535");
        assertThatThrownBy(() -> ListenAddress.parse("unix:")).hasMessageContaining("names no socket file");
    }
}
