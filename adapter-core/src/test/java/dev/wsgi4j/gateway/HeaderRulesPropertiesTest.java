package dev.wsgi4j.gateway;

import dev.wsgi4j.Header;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HeaderRules accepts a header iff its field line is valid RFC 9110 grammar, checked against an oracle that is
 * written from the RFC's ABNF, not from the implementation.
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

    @Property(tries = 2000)
    void acceptsAHeaderIffItsNameIsATokenAndItsValueIsAFieldValue(@ForAll("names") String name,
                                                                   @ForAll("values") String value) {
        boolean expected = TOKEN.matcher(name).matches()
                && !CONNECTION_SPECIFIC.contains(name.toLowerCase(Locale.ROOT))
                && OWS_FIELD_VALUE_OWS.matcher(value).matches();

        assertThat(accepted(name, value)).as("%s: %s", HeaderRules.quote(name), HeaderRules.quote(value))
                .isEqualTo(expected);
    }

    @Property
    void isTokenAgreesWithTheTokenGrammar(@ForAll("names") String name) {
        assertThat(HeaderRules.isToken(name)).isEqualTo(TOKEN.matcher(name).matches());
    }

    @Property
    void invalidValueIndexPointsAtACharacterOutsideTheGrammar(@ForAll("values") String value) {
        int bad = HeaderRules.invalidValueIndex(value);
        if (bad < 0) {
            assertThat(OWS_FIELD_VALUE_OWS.matcher(value).matches()).isTrue();
        } else {
            assertThat(OWS_FIELD_VALUE_OWS.matcher(value.substring(0, bad)).matches()).isTrue();
            assertThat(OWS_FIELD_VALUE_OWS.matcher(value.substring(0, bad + 1)).matches()).isFalse();
        }
    }

    private static boolean accepted(String name, String value) {
        try {
            HeaderRules.check(List.of(Header.of(name, value)));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> tokenish = Arbitraries.strings().withChars("!#$%&'*+-.^_`|~aZ09").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> mixed = Arbitraries.strings().withCharRange('\u0000', '\u00ff').withChars("\u0100\u20ac")
                .ofMinLength(0).ofMaxLength(8);
        Arbitrary<String> hop = Arbitraries.of(CONNECTION_SPECIFIC).map(n -> n.toUpperCase(Locale.ROOT));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, tokenish), net.jqwik.api.Tuple.of(4, mixed), net.jqwik.api.Tuple.of(1, hop));
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').withChars('\t', '\u00e9', '\u00ff')
                .ofMaxLength(16);
        Arbitrary<String> anything = Arbitraries.strings().withCharRange('\u0000', '\u0180').withChars('\r', '\n', '\u20ac')
                .ofMaxLength(8);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, printable), net.jqwik.api.Tuple.of(2, anything));
    }
}
