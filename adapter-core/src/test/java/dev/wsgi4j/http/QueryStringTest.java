package dev.wsgi4j.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryStringTest {

    @Test
    void keepsRepeatedNamesAndTheirOrder() {
        FormFields f = QueryString.parse("tag=b&x=1&tag=a&tag=c");
        assertThat(f.all("tag")).containsExactly("b", "a", "c");
        assertThat(f.first("tag")).isEqualTo("b");
        assertThat(f.names()).containsExactly("tag", "x");
        assertThat(f.entries()).containsExactly(Map.entry("tag", "b"), Map.entry("x", "1"), Map.entry("tag", "a"),
                Map.entry("tag", "c"));
    }

    @Test
    void decodesPlusAsSpaceAndEscapesAsUtf8() {
        FormFields f = QueryString.parse("q=caf%C3%A9+au+lait&sym=%2B%26%3D&k%20ey=v");
        assertThat(f.first("q")).isEqualTo("café au lait");
        assertThat(f.first("sym")).isEqualTo("+&=");
        assertThat(f.first("k ey")).isEqualTo("v");
    }

    @Test
    void readsUnescapedHighBytesOfTheCgiStringAsUtf8() {
        assertThat(QueryString.parse("q=caf\u00c3\u00a9").first("q")).isEqualTo("café");
    }

    @Test
    void keepsBlankValuesAndSkipsEmptyPairs() {
        FormFields f = QueryString.parse("&a&b=&&c==x&");
        assertThat(f.entries()).containsExactly(Map.entry("a", ""), Map.entry("b", ""), Map.entry("c", "=x"));
    }

    @Test
    void answersAbsentFieldsWithoutFailing() {
        FormFields f = QueryString.parse("");
        assertThat(f.isEmpty()).isTrue();
        assertThat(f.first("x")).isNull();
        assertThat(f.first("x", "dflt")).isEqualTo("dflt");
        assertThat(f.all("x")).isEmpty();
        assertThat(QueryString.parse(null)).isEqualTo(FormFields.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%", "a=%G1", "a=%e", "a=%1", "%zz=1", "a=b%", "a=%%41"})
    void rejectsMalformedEscapesWith400(String query) {
        assertThatThrownBy(() -> QueryString.parse(query))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("percent-escape");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%C3", "a=%FF", "a=%C3%28", "a=%ED%A0%80", "a=\u00c3", "a=%F0%9F%98"})
    void rejectsInvalidUtf8With400InsteadOfReplacingIt(String query) {
        assertThatThrownBy(() -> QueryString.parse(query))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void decodesWithAnotherCharsetWhenAsked() {
        assertThat(QueryString.parse("a=%E9", StandardCharsets.ISO_8859_1, 10).first("a")).isEqualTo("é");
    }

    @Test
    void refusesMoreFieldsThanTheLimitWith413() {
        assertThat(QueryString.parse("a=1&b=2&c=3", StandardCharsets.UTF_8, 3).size()).isEqualTo(3);
        assertThatThrownBy(() -> QueryString.parse("a=1&b=2&c=3&d", StandardCharsets.UTF_8, 3))
                .isInstanceOf(PayloadTooLargeException.class)
                .satisfies(e -> assertThat(((PayloadTooLargeException) e).status()).isEqualTo(413));
    }

    @Test
    void defaultLimitIsAThousandFields() {
        String thousand = "a=1" + "&a=1".repeat(999);
        assertThat(QueryString.parse(thousand).size()).isEqualTo(1000);
        assertThatThrownBy(() -> QueryString.parse(thousand + "&b")).isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void refusesTextThatIsNotACgiString() {
        assertThatThrownBy(() -> QueryString.parse("a=\u20ac")).isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(BadRequestException.class);
    }
}
