package dev.wsgi4j.gateway;

import dev.wsgi4j.http.BadRequestException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a request-target splits into the raw path, query, authority and the decoded PATH_INFO. */
class RequestTargetTest {

    @ParameterizedTest(name = "{0} -> authority={1} rawPath={2} query={3} decoded={4}")
    @CsvSource(delimiter = '|', nullValues = "NULL", emptyValue = "", quoteCharacter = '\'', textBlock = """
            /                                   | NULL             | /              | ''         | /
            /a/b                                | NULL             | /a/b           | ''         | /a/b
            /a?b=c                              | NULL             | /a             | b=c        | /a
            /a?                                 | NULL             | /a             | ''         | /a
            /a?b=%20&c=+                        | NULL             | /a             | b=%20&c=+  | /a
            /a?b?c                              | NULL             | /a             | b?c        | /a
            /a%20b%C3%A9                        | NULL             | /a%20b%C3%A9   | ''         | /a b\u00C3\u00A9
            /a+b                                | NULL             | /a+b           | ''         | /a+b
            /a%2Bb+c                            | NULL             | /a%2Bb+c       | ''         | /a+b+c
            /a%2Fb                              | NULL             | /a%2Fb         | ''         | /a/b
            /%7e%7E                             | NULL             | /%7e%7E        | ''         | /~~
            http://example.com:8080/p?q=1       | example.com:8080 | /p             | q=1        | /p
            http://example.com                  | example.com      | /              | ''         | /
            http://example.com?x=1              | example.com      | /              | x=1        | /
            https://[::1]:8443/a%20b            | [::1]:8443       | /a%20b         | ''         | /a b
            *                                   | NULL             | *              | ''         | ''
            """)
    void splitsTheTargetAndDecodesOnlyThePath(String raw, String authority, String rawPath, String query,
            String decoded) {
        RequestTarget target = RequestTarget.parse(raw);

        assertThat(target.raw()).isEqualTo(raw);
        assertThat(target.authority()).isEqualTo(authority);
        assertThat(target.rawPath()).isEqualTo(rawPath);
        assertThat(target.query()).isEqualTo(query);
        assertThat(target.decodedPath()).isEqualTo(decoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%zz", "/a%2", "/%", "/a%g0b", "/ok/%C3%"})
    void aMalformedPercentEscapeIsABadRequest(String raw) {
        assertThatThrownBy(() -> RequestTarget.parse(raw))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e).status()).isEqualTo(400));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%C3%A9%FF%00%80", "/%e2%82%ac", "/plain"})
    void theDecodedPathHoldsOneCharPerByteAndNothingAboveLatin1(String raw) {
        String decoded = RequestTarget.parse(raw).decodedPath();

        assertThat(decoded.chars()).allMatch(c -> c <= 0xFF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a?x=%zz", "/a?%"})
    void aMalformedEscapeInTheQueryIsLeftForTheApplication(String raw) {
        RequestTarget target = RequestTarget.parse(raw);

        assertThat(target.query()).isEqualTo(raw.substring(raw.indexOf('?') + 1));
    }
}
