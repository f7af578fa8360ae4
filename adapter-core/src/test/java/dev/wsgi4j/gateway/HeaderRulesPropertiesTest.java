package dev.wsgi4j.gateway;

import dev.wsgi4j.Header;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.wsgi4j.Generators.EDGE_CHARS;
import static dev.wsgi4j.Generators.charRange;
import static dev.wsgi4j.Generators.charsOf;
import static dev.wsgi4j.Generators.strings;
import static dev.wsgi4j.Generators.theory;
import static dev.wsgi4j.Generators.weight;
import static dev.wsgi4j.Generators.weighted;
import static dev.wsgi4j.Generators.withOneOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HeaderRules accepts a header iff its field line is valid RFC 9110 grammar, checked against an oracle that is
 * written from the RFC's ABNF, not from the implementation. Names and values often carry one of the edge bytes
 * ({@link dev.wsgi4j.Generators#EDGE_CHARS}), the ones a hand-written check most often gets wrong.
 */
class HeaderRulesPropertiesTest {

    // RFC 9110 §5.6.2: token = 1*tchar
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    // RFC 9110 §5.5: field-vchar = VCHAR / obs-text; field-content = field-vchar [ 1*( SP / HTAB / field-vchar ) field-vchar ]
    private static final String VCHAR = "[\\x21-\\x7E\\x80-\\xFF]";
    private static final String FIELD_CONTENT = VCHAR + "(?:[ \\t\\x21-\\x7E\\x80-\\xFF]*" + VCHAR + ")?";
    // RFC 9112 §5: field-line = field-name ":" OWS field-value OWS, field-value = *field-content
    private static final Pattern OWS_FIELD_VALUE_OWS = Pattern.compile("[ \\t]*(?:" + FIELD_CONTENT + ")?[ \\t]*");
    private static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "trailers", "transfer-encoding", "upgrade");

    @Test
    void acceptsAHeaderIffItsNameIsATokenAndItsValueIsAFieldValue() {
        theory(2000).forAll(names(), values()).checkAssert((name, value) -> {
            boolean expected = TOKEN.matcher(name).matches()
                    && !CONNECTION_SPECIFIC.contains(name.toLowerCase(Locale.ROOT))
                    && OWS_FIELD_VALUE_OWS.matcher(value).matches();

            assertThat(accepted(name, value)).as("%s: %s", HeaderRules.quote(name), HeaderRules.quote(value))
                    .isEqualTo(expected);
        });
    }

    @Test
    void isTokenAgreesWithTheTokenGrammar() {
        theory(1000).forAll(names()).checkAssert(name ->
                assertThat(HeaderRules.isToken(name)).isEqualTo(TOKEN.matcher(name).matches()));
    }

    @Test
    void invalidValueIndexPointsAtACharacterOutsideTheGrammar() {
        theory(1000).forAll(values()).checkAssert(value -> {
            int bad = HeaderRules.invalidValueIndex(value);
            if (bad < 0) {
                assertThat(OWS_FIELD_VALUE_OWS.matcher(value).matches()).isTrue();
            } else {
                assertThat(OWS_FIELD_VALUE_OWS.matcher(value.substring(0, bad)).matches()).isTrue();
                assertThat(OWS_FIELD_VALUE_OWS.matcher(value.substring(0, bad + 1)).matches()).isFalse();
            }
        });
    }

    /** The generators themselves: every edge byte turns up in names and in values, often enough to matter. */
    @Test
    void theGeneratorsProduceEveryEdgeByteInNamesAndValues() {
        for (Gen<String> gen : List.of(names(), values())) {
            List<String> drawn = new ArrayList<>();
            theory(1000).forAll(gen).checkAssert(drawn::add);
            for (char edge : EDGE_CHARS.toCharArray()) {
                long carrying = drawn.stream().filter(s -> s.indexOf(edge) >= 0).count();
                assertThat(carrying).as("draws holding \\u%04x", (int) edge).isGreaterThanOrEqualTo(20);
            }
        }
        Set<String> seen = new HashSet<>();
        theory(1000).forAll(names()).checkAssert(seen::add);
        assertThat(seen).as("distinct names").hasSizeGreaterThan(500);
    }

    private static boolean accepted(String name, String value) {
        try {
            HeaderRules.check(List.of(Header.of(name, value)));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Gen<Character> edge() {
        return charsOf(EDGE_CHARS);
    }

    static Gen<String> names() {
        Gen<String> tokenish = strings(charsOf("!#$%&'*+-.^_`|~aZ09"), 1, 12);
        Gen<Character> anyChar = weighted(weight(6, charRange('\u0000', '\u00ff')), weight(2, edge()),
                weight(1, charsOf("\u0100\u20ac")));
        Gen<String> mixed = strings(anyChar, 0, 8);
        Gen<String> hop = Generate.pick(List.copyOf(CONNECTION_SPECIFIC)).map(n -> n.toUpperCase(Locale.ROOT));
        return weighted(weight(5, tokenish), weight(3, withOneOf(tokenish, edge())), weight(3, mixed), weight(1, hop));
    }

    static Gen<String> values() {
        Gen<String> printable = strings(weighted(weight(20, charRange(' ', '~')), weight(1, charsOf("\t\u00e9\u00ff"))),
                0, 16);
        Gen<Character> anyChar = weighted(weight(6, charRange('\u0000', '\u0180')), weight(2, edge()),
                weight(1, charsOf("\r\n\u20ac")));
        Gen<String> anything = strings(anyChar, 0, 8);
        return weighted(weight(3, printable), weight(3, withOneOf(printable, edge())), weight(2, anything));
    }
}
