package dev.wsgi4j;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Environ.encode/decode: UTF-8 text and its one-character-per-byte CGI form, checked against the JDK's codecs. */
class EnvironCodecPropertiesTest {

    @Property(tries = 2000)
    void decodingTheEncodingGivesBackTheText(@ForAll("wellFormedText") String text) {
        assertThat(Environ.decode(Environ.encode(text))).isEqualTo(text);
    }

    @Property(tries = 2000)
    void theEncodingHasOneLatin1CharacterPerUtf8Byte(@ForAll("wellFormedText") String text) {
        String cgi = Environ.encode(text);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);

        assertThat(cgi).hasSize(utf8.length);
        for (int i = 0; i < utf8.length; i++) {
            assertThat((int) cgi.charAt(i)).isEqualTo(utf8[i] & 0xFF);
        }
    }

    @Property(tries = 2000)
    void encodingTheDecodingOfValidUtf8BytesGivesBackTheCgiValue(@ForAll("wellFormedText") String text) {
        String cgi = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        assertThat(Environ.encode(Environ.decode(cgi))).isEqualTo(cgi);
    }

    @Provide
    Arbitrary<String> wellFormedText() {
        Arbitrary<String> codePoints = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(12)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append).toString());
        Arbitrary<String> latin = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(12);
        return Arbitraries.oneOf(codePoints, latin);
    }
}
