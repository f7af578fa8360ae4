package dev.wsgi4j;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class HeaderTest {

    @Test
    void refusesNullNameOrValue() {
        assertThatNullPointerException().isThrownBy(() -> Header.of(null, "v"));
        assertThatNullPointerException().isThrownBy(() -> Header.of("n", null));
    }

    @Test
    void refusesAValueOutsideLatin1WhereItIsBuiltNamingTheHeader() {
        for (String value : new String[] {"report \u20ac.pdf", "\uD83D\uDE00", "a\u0100"}) {
            assertThatIllegalArgumentException().as(value)
                    .isThrownBy(() -> Header.of("Content-Disposition", value))
                    .withMessageContaining("Content-Disposition").withMessageContaining("ISO-8859-1");
            assertThatIllegalArgumentException().isThrownBy(() -> new Header("X-Name", value))
                    .withMessageContaining("X-Name");
        }
        assertThat(Header.of("X-Latin", "caf\u00e9 \u00ff").value()).isEqualTo("caf\u00e9 \u00ff");
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
