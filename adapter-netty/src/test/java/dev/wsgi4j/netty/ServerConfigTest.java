package dev.wsgi4j.netty;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Settings are refused when made, not when a response would carry them. */
class ServerConfigTest {

    @Test
    void threadCountsDefaultToTheCoresAndExplicitOnesWin() {
        int cores = Runtime.getRuntime().availableProcessors();
        ServerConfig defaults = ServerConfig.defaults();
        assertThat(defaults.eventLoops()).isEqualTo(Math.max(1, cores / 2));
        assertThat(defaults.poolParallelism()).isEqualTo(Math.max(1, cores - defaults.eventLoops()));
        assertThat(ServerConfig.builder().executor(ExecutorKind.INLINE).build().eventLoops()).isEqualTo(cores);

        ServerConfig set = ServerConfig.builder().ioThreads(3).workerThreads(8).workerParallelism(5).build();
        assertThat(set.eventLoops()).isEqualTo(3);
        assertThat(set.poolParallelism()).isEqualTo(5);
        assertThat(ServerConfig.builder().workerThreads(1).build().poolParallelism()).isEqualTo(1);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServerConfig.builder().workerThreads(4).workerParallelism(5).build())
                .withMessageContaining("workerParallelism");
    }

    @Test
    void aServerHeaderThatCouldSplitTheResponseIsRefused() {
        for (String bad : new String[] {"wsgi4j\r\nX-Injected: 1", "a\u0000b", "caf\u20ac"}) {
            assertThatIllegalArgumentException().as(bad)
                    .isThrownBy(() -> ServerConfig.builder().serverHeader(bad).build())
                    .withMessageContaining("serverHeader").withMessageNotContaining("\r\n");
        }
        assertThat(ServerConfig.builder().serverHeader("wsgi4j/1.0 (caf\u00e9)").build().serverHeader())
                .isEqualTo("wsgi4j/1.0 (caf\u00e9)");
    }

    @Test
    void deployerPairsAreKeptInOrderAndTheServersOwnNamesAreRefused() {
        java.util.Map<String, String> pairs = new java.util.LinkedHashMap<>();
        pairs.put("Z_FIRST", "1");
        pairs.put("a.second", "2");
        ServerConfig c = ServerConfig.builder().environ(pairs).build();

        assertThat(c.environ()).containsExactlyEntriesOf(pairs);
        assertThat(c.toBuilder().build().environ()).containsExactlyEntriesOf(pairs);
        assertThat(c.deploymentEnviron().pairs()).containsExactlyEntriesOf(pairs);
        assertThat(c.deploymentEnviron().multithread()).isTrue();
        assertThat(c.toBuilder().executor(ExecutorKind.SINGLE).build().deploymentEnviron().multithread()).isFalse();
        for (String taken : new String[] {"SERVER_NAME", "HTTP_X_FORWARDED_FOR", "wsgi.multithread", "wsgi4j.x"}) {
            assertThatIllegalArgumentException().as(taken)
                    .isThrownBy(() -> ServerConfig.builder().environ(java.util.Map.of(taken, "v")).build());
        }
    }
}
