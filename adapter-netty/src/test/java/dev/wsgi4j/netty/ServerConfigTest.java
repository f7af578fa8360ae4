package dev.wsgi4j.netty;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Settings are refused when made, not when a response would carry them. */
class ServerConfigTest {

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
}
