package dev.wsgi4j.netty.mount;

import dev.wsgi4j.Application;
import dev.wsgi4j.netty.ExecutorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules a mount prefix follows, and the settings and mounts built from them. */
class MountPrefixTest {

    private static final Application APP = (env, sr) -> List.of();

    @Test
    void aTrailingSlashIsDroppedAndSlashAloneIsTheRoot() {
        assertThat(MountPrefix.normalize("/admin/")).isEqualTo("/admin");
        assertThat(MountPrefix.normalize("/a/b")).isEqualTo("/a/b");
        assertThat(MountPrefix.normalize("/")).isEmpty();
        assertThat(MountPrefix.normalize("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "/a//b", "/a//", "/./a", "/a/..", "/a?b", "/a#b", "/%61", "/a b", "/a\tb",
            "/a\u0000", "/a\u007f"})
    void aPrefixBreakingARuleIsRefusedSayingWhich(String prefix) {
        assertThatThrownBy(() -> MountPrefix.normalize(prefix)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a mount prefix");
    }

    @Test
    void aPrefixCoversItselfAndWhatIsBelowItAtASegmentBoundaryOnly() {
        assertThat(MountPrefix.matches("/app", "/app")).isTrue();
        assertThat(MountPrefix.matches("/app", "/app/")).isTrue();
        assertThat(MountPrefix.matches("/app", "/app/x")).isTrue();
        assertThat(MountPrefix.matches("/app", "/apple")).isFalse();
        assertThat(MountPrefix.matches("/app", "/ap")).isFalse();
        assertThat(MountPrefix.matches("", "/anything")).isTrue();
    }

    @Test
    void aNonAsciiPrefixIsComparedAsTheUtf8BytesPathInfoHolds() {
        assertThat(MountPrefix.pathForm("/caf\u00e9")).isEqualTo("/caf\u00c3\u00a9");
    }

    @Test
    void threadsAreAPoolsSizeAndMakeTheMountAPool() {
        assertThat(new MountSettings(null, 4, null).executorUnder(ExecutorKind.VIRTUAL)).isEqualTo(ExecutorKind.POOL);
        assertThat(MountSettings.SERVER.executorUnder(ExecutorKind.INLINE)).isEqualTo(ExecutorKind.INLINE);
        assertThatThrownBy(() -> new MountSettings(ExecutorKind.INLINE, 4, null))
                .hasMessageContaining("threads is the size of a pool");
        assertThatThrownBy(() -> new MountSettings(null, 0, Duration.ofSeconds(-1))).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new MountSettings(ExecutorKind.INLINE, 0, Duration.ofSeconds(1)))
                .hasMessageContaining("off the event loop");
    }

    @Test
    void eachPrefixIsMountedOnceAndTheRootComesFirst() {
        Mounts mounts = Mounts.builder().mount("/b", APP).mount("/a/", APP).root(APP).build();
        assertThat(mounts.entries()).extracting(Mounts.Entry::prefix).containsExactly("", "/b", "/a");
        assertThatThrownBy(() -> Mounts.builder().mount("/a", APP).mount("/a/", APP))
                .hasMessage("the prefix '/a/' is mounted twice");
        assertThatThrownBy(() -> Mounts.builder().root(APP).mount("/", APP))
                .hasMessage("the root ('/') is mounted twice");
        assertThat(Mounts.builder().mount("/a", APP).build().root()).isNull();
    }
}
