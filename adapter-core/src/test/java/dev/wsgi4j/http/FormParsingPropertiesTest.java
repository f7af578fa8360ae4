package dev.wsgi4j.http;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class FormParsingPropertiesTest {

    /** Any Unicode text, including supplementary characters, but no lone surrogates (which UTF-8 cannot carry). */
    @Provide
    Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0xD7FF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xE000, 0x10FFFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of((int) '&', (int) '=', (int) '+', (int) '%', (int) ' ')));
        return codePoint.list().ofMaxSize(12)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append).toString());
    }

    @Provide
    Arbitrary<List<Map.Entry<String, String>>> fields() {
        return Combinators.combine(text(), text()).as(Map::entry).list().ofMaxSize(30);
    }

    private static String encode(List<Map.Entry<String, String>> fields) {
        return fields.stream()
                .map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Property
    void queryStringsEncodedByUrlEncoderParseBackInOrder(@ForAll("fields") List<Map.Entry<String, String>> fields) {
        assertThat(QueryString.parse(encode(fields)).entries()).containsExactlyElementsOf(fields);
    }

    @Property
    void formBodiesEncodedByUrlEncoderParseBackInOrder(@ForAll("fields") List<Map.Entry<String, String>> fields) {
        byte[] body = encode(fields).getBytes(StandardCharsets.US_ASCII);
        FormFields parsed = FormData.parse(TestEnviron.post(FormData.URLENCODED, body));
        assertThat(parsed.entries()).containsExactlyElementsOf(fields);
    }

    @Property
    void randomQueryBytesParseOrFailOnlyAsBadRequestOrTooLarge(@ForAll @Size(max = 64) byte[] raw) {
        String cgi = new String(raw, StandardCharsets.ISO_8859_1);
        assertThatCode(() -> {
            try {
                QueryString.parse(cgi, StandardCharsets.UTF_8, 4);
            } catch (BadRequestException | PayloadTooLargeException expected) {
                // the only acceptable failures
            }
        }).doesNotThrowAnyException();
    }

    @Property
    void randomFormBodiesParseOrFailOnlyAsBadRequestOrTooLarge(@ForAll @Size(max = 64) byte[] body) {
        FormLimits limits = new FormLimits(48, 4);
        assertThatCode(() -> {
            try {
                FormData.parse(TestEnviron.post(FormData.URLENCODED, body), limits);
            } catch (BadRequestException | PayloadTooLargeException expected) {
                // the only acceptable failures
            }
        }).doesNotThrowAnyException();
    }
}
