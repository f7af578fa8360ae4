package dev.wsgi4j.gateway;

import dev.wsgi4j.http.BadRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathDecoderTest {

    @Test
    void decodesEachEscapeToOneCharPerByteAndKeepsPlus() {
        assertThat(PathDecoder.decode("/a%20b%C3%A9+c%2F")).isEqualTo("/a b\u00C3\u00A9+c/");
        assertThat(PathDecoder.decode("/plain")).isEqualTo("/plain");
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"/%", "/%4", "/%G1", "/%4g", "/%\uFF11\uFF11"})
    void refusesMalformedEscapesIncludingNonAsciiDigits(String raw) {
        assertThatThrownBy(() -> PathDecoder.decode(raw)).isInstanceOf(BadRequestException.class);
    }
}
