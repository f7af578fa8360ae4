package dev.wsgi4j.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.wsgi4j.Generators.charRange;
import static dev.wsgi4j.Generators.strings;
import static dev.wsgi4j.Generators.theory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentTypeTest {

    @Test
    void readsTheMediaTypeInLowerCaseAndTheParametersUnquoted() {
        ContentType t = ContentType.parse("Text/HTML; Charset=\"UTF-8\"; q=\"a\\\"b;c\" ; level=1").orElseThrow();
        assertThat(t.mediaType()).isEqualTo("text/html");
        assertThat(t.type()).isEqualTo("text");
        assertThat(t.subtype()).isEqualTo("html");
        assertThat(t.is("TEXT/html")).isTrue();
        assertThat(t.parameters()).containsExactly(Map.entry("charset", "UTF-8"), Map.entry("q", "a\"b;c"),
                Map.entry("level", "1"));
        assertThat(t.parameter("CHARSET")).hasValue("UTF-8");
        assertThat(t.charset()).hasValue(StandardCharsets.UTF_8);
        assertThat(t.parameter("missing")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text", "text/", "/html", "te xt/html", "text/html/x", "\u00e9/x", ";charset=utf-8"})
    void junkIsAbsent(String value) {
        assertThat(ContentType.parse(value)).isEmpty();
    }

    @Test
    void malformedParametersAreSkippedAndAnUnknownCharsetIsAbsent() {
        ContentType t = ContentType.parse("text/plain; junk; =x; a=1; A=2; charset=no-such-charset").orElseThrow();
        assertThat(t.parameters()).containsExactly(Map.entry("a", "1"), Map.entry("charset", "no-such-charset"));
        assertThat(t.charset()).isEmpty();
        assertThat(ContentType.parse(null)).isEmpty();
    }

    @Test
    void ofReadsTheRequestsContentType() {
        assertThat(ContentType.of(TestEnviron.post("application/json; charset=utf-8", new byte[0])).orElseThrow()
                .is("application/json")).isTrue();
        assertThat(ContentType.of(TestEnviron.get("", "/", ""))).isEmpty();
    }

    @Test
    void aFormsUnknownCharsetIs415() {
        assertThat(ContentType.requestCharset(null)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(ContentType.requestCharset("a/b; charset=ISO-8859-1")).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> ContentType.requestCharset("a/b; charset=nope"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(415));
    }

    @Test
    void parsingAnyTextNeverThrowsAndAParsedValueReadsBackEqual() {
        theory(2000).forAll(strings(charRange('\u0000', '\u00ff'), 0, 30)).checkAssert(value -> {
            ContentType.parse(value).ifPresent(t -> assertThat(ContentType.parse(t.toString())).hasValue(t));
            ContentType.parse("text/plain;" + value);
        });
    }
}
