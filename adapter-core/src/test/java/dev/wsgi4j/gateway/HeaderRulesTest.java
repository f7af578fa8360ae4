package dev.wsgi4j.gateway;

import dev.wsgi4j.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HeaderRulesTest {

    /** wsgiref.util._hoppish plus RFC 9110's "Trailer" spelling. */
    private static final List<String> HOP_BY_HOP = List.of("Connection", "Keep-Alive", "Proxy-Authenticate",
            "Proxy-Authorization", "TE", "Trailers", "Trailer", "Transfer-Encoding", "Upgrade");

    @Test
    void acceptsOrdinaryHeaders() {
        assertThatCode(() -> HeaderRules.check(List.of(Header.of("Content-Type", "text/html; charset=utf-8"),
                Header.of("X-Weird!#$%&'*+-.^_`|~9", "a\tb c"), Header.of("Empty", ""),
                Header.of("Set-Cookie", "caf\u00e9=\u00ff")))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bad Name", "Bad:Name", "Bad\tName", "(x)", "a/b", "x\"y", "caf\u00e9", "X\u0100", "N\r\n"})
    void refusesNamesThatAreNotTokens(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> HeaderRules.check(List.of(Header.of(name, "v"))))
                .withMessageContaining("not a token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\r\nSet-Cookie: x", "a\u0000b", "\u001f", "a\u007f", "\u20ac", "\uD83D\uDE00", "a\u0100"})
    void refusesValuesWithControlOrNonLatin1Characters(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> HeaderRules.check(List.of(Header.of("X-Test", value))))
                .withMessageContaining("X-Test")
                .withMessageNotContaining("\r").withMessageNotContaining("\n");
    }

    @Test
    void refusesEveryHopByHopHeaderInAnyCase() {
        for (String name : HOP_BY_HOP) {
            for (String spelled : List.of(name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT), alternate(name))) {
                assertThatIllegalArgumentException().as(spelled)
                        .isThrownBy(() -> HeaderRules.check(List.of(Header.of("X-Ok", "1"), Header.of(spelled, "x"))))
                        .withMessageContaining("hop-by-hop");
                assertThat(HeaderRules.isHopByHop(spelled)).as(spelled).isTrue();
            }
        }
    }

    @Test
    void endToEndHeadersAreNotHopByHop() {
        for (String name : List.of("Content-Length", "Content-Type", "Connections", "X-Upgrade", "Date", "Server", "Tes")) {
            assertThat(HeaderRules.isHopByHop(name)).as(name).isFalse();
        }
    }

    @Test
    void refusesANullListAndNullElements() {
        assertThatIllegalArgumentException().isThrownBy(() -> HeaderRules.check(null));
        List<Header> withNull = new ArrayList<>(Arrays.asList(Header.of("A", "1"), null));
        assertThatIllegalArgumentException().isThrownBy(() -> HeaderRules.check(withNull));
    }

    @Test
    void reportsTheIndexOfTheFirstBadValueCharacter() {
        assertThat(HeaderRules.invalidValueIndex("abc")).isEqualTo(-1);
        assertThat(HeaderRules.invalidValueIndex("ab\ncd\r")).isEqualTo(2);
        assertThat(HeaderRules.invalidValueIndex("\u0100")).isZero();
    }

    private static String alternate(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(i % 2 == 0 ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return out.toString();
    }
}
