package dev.wsgi4j.gateway;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A deployer's pairs never stand in for a key the server sets, and hold native strings only (SPEC.md §3.13). */
class DeploymentEnvironTest {

    @ParameterizedTest
    @ValueSource(strings = {"REQUEST_METHOD", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "CONTENT_TYPE",
            "CONTENT_LENGTH", "SERVER_NAME", "SERVER_PORT", "SERVER_PROTOCOL", "REMOTE_ADDR", "REMOTE_PORT",
            "RAW_URI", "HTTP_HOST", "HTTP_X_ANYTHING", "wsgi.multithread", "wsgi.new_thing", "wsgi4j.peer_addr",
            "", "1ABC", "A B", "A=B"})
    void theServersNamesAndNonNamesAreRefused(String name) {
        assertThat(DeploymentEnviron.refusal(name)).isNotNull();
        assertThatThrownBy(() -> new DeploymentEnviron(Map.of(name, "v"), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherNamesAreKeptInOrderWithTheirValues() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("Z_LAST_ALPHABETICALLY", "1");
        given.put("myapp.mode", "staging");
        given.put("_private-x", "caf\u00E9");

        DeploymentEnviron d = new DeploymentEnviron(given, false);

        assertThat(d.pairs()).containsExactlyEntriesOf(given);
        assertThat(d.multithread()).isFalse();
        given.clear();
        assertThat(d.pairs()).as("a copy").hasSize(3);
    }

    @Test
    void aValueAboveLatin1IsRefused() {
        assertThatThrownBy(() -> new DeploymentEnviron(Map.of("EURO", "\u20AC"), true))
                .hasMessageContaining("EURO").hasMessageContaining("U+00FF");
    }
}
