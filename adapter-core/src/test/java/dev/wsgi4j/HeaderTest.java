package dev.wsgi4j;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class HeaderTest {

    @Test
    void refusesNullNameOrValue() {
        assertThatNullPointerException().isThrownBy(() -> Header.of(null, "v"));
        assertThatNullPointerException().isThrownBy(() -> Header.of("n", null));
    }

    @Test
    void matchesNamesCaseInsensitively() {
        Header h = Header.of("Content-Type", "text/plain");

        assertThat(h.is("content-type")).isTrue();
        assertThat(h.is("CONTENT-TYPE")).isTrue();
        assertThat(h.is("Content-Length")).isFalse();
    }

    @Test
    void printsAsAHeaderLine() {
        assertThat(Header.of("X-A", "1")).hasToString("X-A: 1");
    }
}
