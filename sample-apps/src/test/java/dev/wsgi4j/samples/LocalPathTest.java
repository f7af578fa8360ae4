package dev.wsgi4j.samples;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPathTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/|/",
            "/hello/x|/hello/x",
            "/a b|/a%20b",
            "/wörld|/w%C3%B6rld",
            "/x?a=1&b=2|/x?a=1&b=2",
            "/x#frag|/x%23frag",
            "/100%|/100%25",
            "/%41%zz|/%41%25zz",
            "/@evil|/@evil",
            "/a\"<b>|/a%22%3Cb%3E",
            "/.././x|/.././x"})
    void aLocalPathIsPercentEncodedForALocationHeader(String target, String expected) {
        assertThat(LocalPath.encode(target)).hasValue(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "//evil", "///evil", "http://evil", "javascript:alert(1)", "@evil", "evil.example",
            "\\evil", "/\\evil", "/x\\y", "/\t/evil", "/x\r\nA: b", "/x\n", "/\u0000", "/\u007f", " /x"})
    void anythingThatCouldLeaveThisHostIsRefused(String target) {
        assertThat(LocalPath.encode(target)).isEmpty();
    }
}
