package dev.wsgi4j.samples;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void writesNestedValuesCompactlyInMapOrder() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", List.of(1, 2L, 2.5));
        value.put("a", Map.of("t", true));
        value.put("n", null);
        value.put("s", "x");

        assertThat(Json.write(value)).isEqualTo("{\"b\":[1,2,2.5],\"a\":{\"t\":true},\"n\":null,\"s\":\"x\"}");
    }

    @Test
    void escapesQuotesBackslashesAndEveryControlCharacter() {
        assertThat(Json.write("a\"b\\c/d")).isEqualTo("\"a\\\"b\\\\c/d\"");
        assertThat(Json.write("\n\r\t\b\f\u0000\u001f\u007f")).isEqualTo("\"\\n\\r\\t\\b\\f\\u0000\\u001f\u007f\"");
    }

    @Test
    void keepsNonAsciiTextAndSurrogatePairsAsTheyAre() {
        assertThat(Json.write("héllo \uD83D\uDE00 \u2028")).isEqualTo("\"héllo \uD83D\uDE00 \u2028\"");
    }

    @Test
    void escapesUnpairedSurrogatesWhichUtf8CannotCarry() {
        assertThat(Json.write("a\uD83Db\uDE00")).isEqualTo("\"a\\ud83db\\ude00\"");
    }

    @Test
    void refusesWhatJsonCannotRepresent() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(Float.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesAnyIterableAsAnArray() {
        assertThat(Json.write(Arrays.asList("a", null))).isEqualTo("[\"a\",null]");
        assertThat(Json.write(List.of())).isEqualTo("[]");
        assertThat(Json.write(Map.of())).isEqualTo("{}");
    }
}
