package dev.wsgi4j.http;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static dev.wsgi4j.Generators.charRange;
import static dev.wsgi4j.Generators.charsOf;
import static dev.wsgi4j.Generators.strings;
import static dev.wsgi4j.Generators.theory;
import static dev.wsgi4j.Generators.weight;
import static dev.wsgi4j.Generators.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class UriReferencesPropertiesTest {

    /** Relative paths with any printable, reserved, unsafe or non-ASCII character, but no '%', ':' or '#'. */
    private static Gen<String> relativePaths() {
        Gen<Character> any = weighted(weight(10, charsOf("abcXYZ019-._~!$&'()*+,;=@/? \"<>\\^`{|}[]")),
                weight(3, charRange('\u00a0', '\u04ff')), weight(1, charRange('\u0000', '\u001f')));
        return strings(any, 0, 20).map(s -> "/p" + s); // "//" would start an authority
    }

    @Test
    void quotingMakesAValidReferenceThatDecodesBackAndIsStable() {
        theory(1000).forAll(relativePaths()).checkAssert(path -> {
            String quoted = UriReferences.quoteRelative(path);
            assertThatCode(() -> new URI(quoted)).doesNotThrowAnyException();
            assertThat(quoted).matches("[\\x21-\\x7e]*");
            assertThat(UriReferences.quoteRelative(quoted)).isEqualTo(quoted);
            assertThat(URLDecoder.decode(quoted.replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(path);
        });
    }
}
