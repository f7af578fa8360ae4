package dev.wsgi4j;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.nio.charset.StandardCharsets;

import static dev.wsgi4j.Generators.charRange;
import static dev.wsgi4j.Generators.codePointStrings;
import static dev.wsgi4j.Generators.strings;
import static dev.wsgi4j.Generators.theory;
import static dev.wsgi4j.Generators.weight;
import static dev.wsgi4j.Generators.weighted;
import static org.assertj.core.api.Assertions.assertThat;

/** Environ.encode/decode: UTF-8 text and its one-character-per-byte CGI form, checked against the JDK's codecs. */
class EnvironCodecPropertiesTest {

    @Test
    void decodingTheEncodingGivesBackTheText() {
        theory(2000).forAll(wellFormedText()).checkAssert(text ->
                assertThat(Environ.decode(Environ.encode(text))).isEqualTo(text));
    }

    @Test
    void theEncodingHasOneLatin1CharacterPerUtf8Byte() {
        theory(2000).forAll(wellFormedText()).checkAssert(text -> {
            String cgi = Environ.encode(text);
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);

            assertThat(cgi).hasSize(utf8.length);
            for (int i = 0; i < utf8.length; i++) {
                assertThat((int) cgi.charAt(i)).isEqualTo(utf8[i] & 0xFF);
            }
        });
    }

    @Test
    void encodingTheDecodingOfValidUtf8BytesGivesBackTheCgiValue() {
        theory(2000).forAll(wellFormedText()).checkAssert(text -> {
            String cgi = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

            assertThat(Environ.encode(Environ.decode(cgi))).isEqualTo(cgi);
        });
    }

    /** Any scalar values (every UTF-8 length, both sides of the surrogate gap), or any Latin-1 text. */
    static Gen<String> wellFormedText() {
        Gen<Integer> scalar = weighted(weight(1, Generate.range(0, 0x7FF)),
                weight(1, Generate.range(0, Character.MIN_SURROGATE - 1)),
                weight(1, Generate.range(Character.MAX_SURROGATE + 1, Character.MAX_CODE_POINT)));
        Gen<String> codePoints = codePointStrings(scalar, 12);
        Gen<String> latin = strings(charRange('\u0000', '\u00ff'), 0, 12);
        return weighted(weight(1, codePoints), weight(1, latin));
    }
}
