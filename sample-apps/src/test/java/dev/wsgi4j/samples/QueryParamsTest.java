package dev.wsgi4j.samples;

import dev.wsgi4j.Environ;
import dev.wsgi4j.http.BadRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParamsTest {

    private static QueryParams query(String raw) {
        return QueryParams.of(Map.of(Environ.QUERY_STRING, raw));
    }

    @Test
    void readsTheFirstValueOrTheFallbackWhenAbsent() {
        assertThat(query("n=5&n=6").number("n", 1, 0, 10)).isEqualTo(5);
        assertThat(query("").number("n", 7, 0, 10)).isEqualTo(7);
        assertThat(query("n=0&m=10").number("m", 1, 0, 10)).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"n=11", "n=-1", "n=", "n=+1", "n=1.0", "n=0x1", "n=%D9%A1", "n=9999999999999999999"})
    void anythingButADecimalNumberInRangeIsABadRequest(String raw) {
        assertThatThrownBy(() -> query(raw).number("n", 1, 0, 10)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("n must be a whole number in 0..10");
    }
}
