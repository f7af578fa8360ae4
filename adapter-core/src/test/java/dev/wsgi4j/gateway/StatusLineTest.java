package dev.wsgi4j.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StatusLineTest {

    @Test
    void parsesTheCodeAndKeepsTheReasonVerbatim() {
        StatusLine line = StatusLine.parse("404 Not  Found");

        assertThat(line.code()).isEqualTo(404);
        assertThat(line.reason()).isEqualTo("Not  Found");
        assertThat(line).hasToString("404 Not  Found");
    }

    @Test
    void aStandardLineParsesToTheSharedInstanceAndAnyOtherReasonIsKept() {
        assertThat(StatusLine.parse("200 OK")).isSameAs(StatusLine.of(200)).isEqualTo(new StatusLine(200, "OK"));
        assertThat(StatusLine.parse("200 Fine").reason()).isEqualTo("Fine");
        assertThat(StatusLine.parse("200 ok").reason()).isEqualTo("ok");
        assertThat(StatusLine.parse("404 Not Found!").reason()).isEqualTo("Not Found!");
        assertThat(StatusLine.parse("404 Found").reason()).isEqualTo("Found");
        assertThat(StatusLine.of(599)).hasToString("599 Server Error");
    }

    @Test
    void acceptsAnEmptyReasonAfterTheSpace() {
        assertThat(StatusLine.parse("200 ").reason()).isEmpty();
    }

    @Test
    void acceptsLatin1AndTabInTheReason() {
        assertThat(StatusLine.parse("200 Tr\u00e8s\tbien").reason()).isEqualTo("Tr\u00e8s\tbien");
    }

    @ParameterizedTest
    @ValueSource(strings = {"200", "200OK", " 200 OK", "2000 OK", "20 OK", "2x0 OK", "OK 200", "", "\u0662\u0660\u0660 OK"})
    void refusesAStatusThatIsNotThreeDigitsSpaceReason(String status) {
        assertThatIllegalArgumentException().isThrownBy(() -> StatusLine.parse(status)).withMessageContaining("S-4.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"100 Continue", "101 Switching Protocols", "103 Early Hints", "199 Whatever"})
    void refusesInformationalStatusesBecauseTheyAreTheServersBusiness(String status) {
        assertThatIllegalArgumentException().isThrownBy(() -> StatusLine.parse(status)).withMessageContaining("200..599");
    }

    @ParameterizedTest
    @ValueSource(strings = {"000 Zero", "099 Low", "600 High", "999 Message here"})
    void refusesCodesOutsideTheHttpRange(String status) {
        assertThatIllegalArgumentException().isThrownBy(() -> StatusLine.parse(status));
    }

    @ParameterizedTest
    @ValueSource(strings = {"200 OK\r\n", "200 OK\nSet-Cookie: a=b", "200 O\u0000K", "200 OK\u007f", "200 \u0001", "200 Euro\u20ac"})
    void refusesControlAndNonLatin1CharactersInTheReason(String status) {
        assertThatIllegalArgumentException().isThrownBy(() -> StatusLine.parse(status))
                .withMessageContaining("control or non-Latin-1");
    }

    @Test
    void errorMessageEscapesTheControlCharactersItReports() {
        assertThatIllegalArgumentException().isThrownBy(() -> StatusLine.parse("200 OK\r\nX: y"))
                .withMessageNotContaining("\r").withMessageNotContaining("\n").withMessageContaining("\\u000d");
    }

    @Test
    void refusesNull() {
        assertThatIllegalArgumentException().isThrownBy(() -> StatusLine.parse(null));
    }

    @Test
    void onlyNoContentAndNotModifiedForbidABody() {
        for (int code = 200; code <= 599; code++) {
            assertThat(new StatusLine(code, "x").forbidsBody()).as("status %d", code).isEqualTo(code == 204 || code == 304);
        }
    }
}
