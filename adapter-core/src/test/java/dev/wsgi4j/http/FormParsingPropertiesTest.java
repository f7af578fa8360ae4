package dev.wsgi4j.http;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.wsgi4j.Generators.byteArrays;
import static dev.wsgi4j.Generators.codePointStrings;
import static dev.wsgi4j.Generators.theory;
import static dev.wsgi4j.Generators.weight;
import static dev.wsgi4j.Generators.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.quicktheories.generators.SourceDSL.lists;

class FormParsingPropertiesTest {

    /** Any Unicode text, including supplementary characters, but no lone surrogates (which UTF-8 cannot carry). */
    static Gen<String> text() {
        Gen<Integer> codePoint = weighted(
                weight(6, Generate.range(0x20, 0x7E)),
                weight(2, Generate.range(0, 0xD7FF)),
                weight(1, Generate.range(0xE000, 0x10FFFF)),
                weight(1, Generate.pick(List.of((int) '&', (int) '=', (int) '+', (int) '%', (int) ' '))));
        return codePointStrings(codePoint, 12);
    }

    static Gen<List<Map.Entry<String, String>>> fields() {
        return lists().of(text().zip(text(), Map::entry)).ofSizeBetween(0, 30);
    }

    private static String encode(List<Map.Entry<String, String>> fields) {
        return fields.stream()
                .map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Test
    void queryStringsEncodedByUrlEncoderParseBackInOrder() {
        theory(1000).forAll(fields()).checkAssert(fields ->
                assertThat(QueryString.parse(encode(fields)).entries()).containsExactlyElementsOf(fields));
    }

    @Test
    void formBodiesEncodedByUrlEncoderParseBackInOrder() {
        theory(1000).forAll(fields()).checkAssert(fields -> {
            byte[] body = encode(fields).getBytes(StandardCharsets.US_ASCII);
            FormFields parsed = FormData.parse(TestEnviron.post(FormData.URLENCODED, body));
            assertThat(parsed.entries()).containsExactlyElementsOf(fields);
        });
    }

    @Test
    void randomQueryBytesParseOrFailOnlyAsBadRequestOrTooLarge() {
        theory(1000).forAll(byteArrays(64)).checkAssert(raw -> {
            String cgi = new String(raw, StandardCharsets.ISO_8859_1);
            assertThatCode(() -> {
                try {
                    QueryString.parse(cgi, StandardCharsets.UTF_8, 4);
                } catch (BadRequestException | PayloadTooLargeException expected) {
                    // the only acceptable failures
                }
            }).doesNotThrowAnyException();
        });
    }

    @Test
    void randomFormBodiesParseOrFailOnlyAsBadRequestOrTooLarge() {
        FormLimits limits = new FormLimits(48, 4);
        theory(1000).forAll(byteArrays(64)).checkAssert(body -> assertThatCode(() -> {
            try {
                FormData.parse(TestEnviron.post(FormData.URLENCODED, body), limits);
            } catch (BadRequestException | PayloadTooLargeException expected) {
                // the only acceptable failures
            }
        }).doesNotThrowAnyException());
    }
}
