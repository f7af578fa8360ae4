package dev.wsgi4j.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.quicktheories.core.Gen;

import static dev.wsgi4j.Generators.charsOf;
import static dev.wsgi4j.Generators.strings;
import static dev.wsgi4j.Generators.theory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;

/** Which Host values are accepted, and the name and port read from them. */
class HostHeaderTest {

    @ParameterizedTest(name = "\"{0}\" -> name={1} port={2}")
    @CsvSource(delimiter = '|', emptyValue = "", quoteCharacter = '\'', textBlock = """
            example.com              | example.com    | -1
            example.com:8080         | example.com    | 8080
            example.com:             | example.com    | -1
            EXAMPLE.com:00080        | EXAMPLE.com    | 80
            127.0.0.1                | 127.0.0.1      | -1
            127.0.0.1:65535          | 127.0.0.1      | 65535
            localhost:0              | localhost      | 0
            [::1]                    | [::1]          | -1
            [::1]:8080               | [::1]          | 8080
            [2001:db8::a:1]:443      | [2001:db8::a:1] | 443
            [::ffff:10.0.0.1]        | [::ffff:10.0.0.1] | -1
            ex%41mple.com            | ex%41mple.com  | -1
            a-b_c~d.e!$&'()*+,;=     | a-b_c~d.e!$&'()*+,;= | -1
            ''                       | ''             | -1
            :80                      | ''             | 80
            """)
    void acceptsRegNamesIpLiteralsAndAnOptionalPort(String value, String name, int port) {
        assertThat(HostHeader.parse(value)).isEqualTo(new HostHeader(name, port));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {
            "exa mple.com", "example.com:80x", "example.com:65536", "example.com:123456", "example.com:-1",
            "a:1:2", "example.com:8080:1", "user@example.com", "a/b", "a\\b", "host\tname", "h\u00e9st",
            "[::1", "[::g]", "[::1]x", "[::1]:x", "[::1]:99999", "[::1]]", "[]", "[]:80", "a?b", "a#b"})
    void refusesAnythingElse(String value) {
        assertThat(HostHeader.parse(value)).isNull();
    }

    @Test
    void anyRegNameWithAnyPortRoundTrips() {
        theory(1000).forAll(regNames(), integers().between(0, 65535)).checkAssert((name, port) -> {
            assertThat(HostHeader.parse(name + ":" + port)).isEqualTo(new HostHeader(name, port));
            assertThat(HostHeader.parse(name)).isEqualTo(new HostHeader(name, -1));
        });
    }

    @Test
    void aPortAboveTheRangeIsRefused() {
        theory(1000).forAll(regNames(), integers().between(65536, 99999)).checkAssert((name, port) ->
                assertThat(HostHeader.parse(name + ":" + port)).isNull());
    }

    private static Gen<String> regNames() {
        return strings(charsOf("abcxyzABZ0189-._~%!$&'()*+,;="), 1, 30);
    }
}
