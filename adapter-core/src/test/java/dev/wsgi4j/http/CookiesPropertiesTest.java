package dev.wsgi4j.http;

import dev.wsgi4j.gateway.HeaderRules;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.wsgi4j.Generators.EDGE_CHARS;
import static dev.wsgi4j.Generators.charRange;
import static dev.wsgi4j.Generators.charsOf;
import static dev.wsgi4j.Generators.codePointStrings;
import static dev.wsgi4j.Generators.strings;
import static dev.wsgi4j.Generators.theory;
import static dev.wsgi4j.Generators.weight;
import static dev.wsgi4j.Generators.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.lists;

class CookiesPropertiesTest {

    private static final String TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    /** The characters the cookie grammar gives a meaning to, and those it leaves out. */
    private static final String SPECIAL = ";=\" ,\\%\t+";

    /** Any Unicode text (no lone surrogates), heavy on the characters a cookie value cannot hold as they are. */
    static Gen<String> values() {
        Gen<Integer> codePoint = weighted(
                weight(4, Generate.range(0x20, 0x7E)),
                weight(3, Generate.pick(SPECIAL.chars().boxed().toList())),
                weight(2, Generate.range(0, 0xD7FF)),
                weight(1, Generate.range(0xE000, 0x10FFFF)));
        return codePointStrings(codePoint, 16);
    }

    static Gen<String> names() {
        return strings(charsOf(TCHARS), 1, 8);
    }

    /** What a browser sends back of a Set-Cookie header: the name=value pair before the first ';'. */
    private static String pairOf(String setCookie) {
        int semicolon = setCookie.indexOf(';');
        return semicolon < 0 ? setCookie : setCookie.substring(0, semicolon);
    }

    @Test
    void anyValueComesBackEqualFromTheHeaderItWasSetIn() {
        theory(2000).forAll(names(), values()).checkAssert((name, value) -> {
            String setCookie = Cookies.header(name, value, CookieAttributes.DEFAULTS);
            String pair = pairOf(setCookie);

            assertThat(pair.substring(name.length() + 1).chars()).allMatch(CookieValues::isCookieOctet);
            assertThat(HeaderRules.invalidValueIndex(setCookie)).isNegative();
            assertThat(Cookies.parse("x=1; " + pair + "; y=2").entries())
                    .containsExactly(Map.entry("x", "1"), Map.entry(name, value), Map.entry("y", "2"));
        });
    }

    @Test
    void manyCookiesSetTogetherParseBackInOrder() {
        Gen<List<Map.Entry<String, String>>> cookies = lists().of(names().zip(values(), Map::entry)).ofSizeBetween(0, 20);
        theory(500).forAll(cookies).checkAssert(list -> {
            String header = list.stream().map(c -> pairOf(Cookies.header(c.getKey(), c.getValue(),
                    CookieAttributes.DEFAULTS))).collect(Collectors.joining("; "));

            assertThat(Cookies.parse(header).entries()).containsExactlyElementsOf(list);
        });
    }

    @Test
    void anyJunkCookieHeaderParsesWithoutThrowingAndYieldsOnlyTokenNames() {
        Gen<Character> junk = weighted(
                weight(4, charsOf(SPECIAL + "=;")),
                weight(3, charsOf(TCHARS)),
                weight(2, charsOf(EDGE_CHARS)),
                weight(1, charRange('\u0000', '\u00ff')),
                weight(1, charRange('\u0100', '\uffff')));
        theory(3000).forAll(strings(junk, 0, 40)).checkAssert(header -> {
            FormFields cookies = Cookies.parse(header);

            assertThat(cookies.names()).allMatch(HeaderRules::isToken);
            assertThat(cookies.size()).isLessThanOrEqualTo(header.length() / 2 + 1);
        });
    }
}
