package dev.wsgi4j.http;

import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.wsgi4j.Generators.codePointStrings;
import static dev.wsgi4j.Generators.theory;
import static org.assertj.core.api.Assertions.assertThat;

class ContentDispositionTest {

    private static final Pattern VALUE = Pattern.compile(
            "attachment; filename=\"([\\x20-\\x7e&&[^\"\\\\%/]]*)\"; filename\\*=UTF-8''([A-Za-z0-9!#$&+.^_`|~%-]*)");

    @Test
    void aPlainNameIsKeptInBothForms() {
        assertThat(ContentDisposition.attachment("report-2024.pdf"))
                .isEqualTo("attachment; filename=\"report-2024.pdf\"; filename*=UTF-8''report-2024.pdf");
        assertThat(ContentDisposition.inline("a b.txt"))
                .isEqualTo("inline; filename=\"a b.txt\"; filename*=UTF-8''a%20b.txt");
    }

    @Test
    void quotesBackslashesPercentSlashesAndNonAsciiAreReplacedInTheFallback() {
        assertThat(ContentDisposition.asciiFallback("a\"b\\c%41/d\u00e9\ud83d\ude00\r\n.txt")).isEqualTo("a_b_c_41_d____.txt");
    }

    @Test
    void anyNameSurvivesInFilenameStarAndTheWholeValueStaysPrintableAscii() {
        theory(1000).forAll(codePointStrings(SourceDSL.integers().between(0, 0x10FFFF)
                .assuming(c -> c < 0xD800 || c > 0xDFFF), 20)).checkAssert(name -> {
                    String value = ContentDisposition.attachment(name);
                    Matcher m = VALUE.matcher(value);
                    assertThat(m.matches()).as(value).isTrue();
                    // '+' is encoded as %2B, so URLDecoder's '+'-as-space rule never applies to the name's own '+'.
                    String decoded = URLDecoder.decode(m.group(2).replace("+", "%2B"), StandardCharsets.UTF_8);
                    assertThat(decoded).isEqualTo(name);
                    assertThat(m.group(1).length()).isEqualTo(name.codePointCount(0, name.length()));
                });
    }
}
