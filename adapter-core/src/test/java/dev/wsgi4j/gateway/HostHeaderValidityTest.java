package dev.wsgi4j.gateway;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HostHeader#isValid}, which the server's head checks use before any environ exists, must agree with
 * {@link HostHeader#parse}, which the environ builder uses: one answer for one value (HostHeaderTest holds the
 * parsing cases themselves).
 */
class HostHeaderValidityTest {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"example.com", "example.com:8080", "example.com:", "EXAMPLE.com:00080", "127.0.0.1:65535",
            "[::1]", "[::1]:8080", "[::ffff:10.0.0.1]", "ex%41mple.com", "a-b_c~d.e!$&'()*+,;=", "", ":80"})
    void acceptedValuesAreValid(String value) {
        assertThat(HostHeader.parse(value)).isNotNull();
        assertThat(HostHeader.isValid(value)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"exa mple.com", "example.com:80x", "example.com:65536", "example.com:123456",
            "example.com:-1", "a:1:2", "user@example.com", "a/b", "host\tname", "h\u00e9st", "[::1", "[::g]",
            "[::1]x", "[::1]:99999", "[]", "[]:80", "a?b", "a#b"})
    void refusedValuesAreInvalid(String value) {
        assertThat(HostHeader.parse(value)).isNull();
        assertThat(HostHeader.isValid(value)).isFalse();
    }
}
