package dev.wsgi4j.gateway;

import dev.wsgi4j.Header;
import dev.wsgi4j.Write;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseStateTest {

    private final Write write = data -> { };
    private final ResponseState state = new ResponseState(write);

    @Test
    void startStoresStatusAndHeadersAndReturnsTheWriteCallable() {
        List<Header> headers = new ArrayList<>(List.of(Header.of("Content-Type", "text/plain")));

        Write returned = state.start("201 Created", headers);
        headers.add(Header.of("X-Late", "mutation"));

        assertThat(returned).isSameAs(write);
        assertThat(state.isStarted()).isTrue();
        assertThat(state.status()).isEqualTo(new StatusLine(201, "Created"));
        assertThat(state.headers()).containsExactly(Header.of("Content-Type", "text/plain"));
        assertThat(state.declaredLength()).isEqualTo(-1);
        assertThat(state.headersSent()).isFalse();
    }

    @Test
    void secondCallWithoutExcInfoIsRefused() {
        state.start("200 OK", List.of());

        assertThatIllegalStateException().isThrownBy(() -> state.start("500 Oops", List.of()))
                .withMessageContaining("second time");
        assertThat(state.status().code()).isEqualTo(200);
    }

    @Test
    void aRefusedFirstCallStillCountsAsCalled() {
        assertThatIllegalArgumentException().isThrownBy(() -> state.start("200", List.of()));

        assertThat(state.isStarted()).isFalse();
        assertThatIllegalStateException().isThrownBy(() -> state.start("200 OK", List.of()));
        assertThatIllegalStateException().isThrownBy(state::requireStarted).withMessageContaining("refused");
    }

    @Test
    void requireStartedExplainsThatStartResponseWasNeverCalled() {
        assertThatIllegalStateException().isThrownBy(state::requireStarted).withMessageContaining("before calling");
    }

    @Test
    void excInfoBeforeHeadersWereSentReplacesStatusAndHeaders() {
        state.start("200 OK", List.of(Header.of("Content-Length", "5"), Header.of("X-A", "1")));

        Write returned = state.start("500 Internal Server Error", List.of(Header.of("X-B", "2")), new RuntimeException());

        assertThat(returned).isSameAs(write);
        assertThat(state.status().code()).isEqualTo(500);
        assertThat(state.headers()).containsExactly(Header.of("X-B", "2"));
        assertThat(state.declaredLength()).isEqualTo(-1);
    }

    @Test
    void excInfoIsAllowedOnTheFirstCall() {
        state.start("503 Busy", List.of(), new IOException("upstream"));

        assertThat(state.status().code()).isEqualTo(503);
    }

    @Test
    void excInfoAfterHeadersWereSentRethrowsTheSameThrowable() {
        state.start("200 OK", List.of());
        state.markHeadersSent();
        IOException original = new IOException("checked, and still rethrown as is");

        assertThatThrownBy(() -> state.start("500 Oops", List.of(), original)).isSameAs(original);
        assertThat(state.status().code()).isEqualTo(200);
    }

    @Test
    void excInfoAfterTheServerTookOverWithAnErrorIsRethrown() {
        state.markHeadersSentForError();
        Error original = new AssertionError("boom");

        assertThatThrownBy(() -> state.start("500 Oops", List.of(), original)).isSameAs(original);
    }

    @Test
    void invalidReplacementKeepsThePreviousHead() {
        state.start("200 OK", List.of(Header.of("X-A", "1")));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> state.start("500 Oops", List.of(Header.of("Connection", "close")), new RuntimeException()));

        assertThat(state.status().code()).isEqualTo(200);
        assertThat(state.headers()).containsExactly(Header.of("X-A", "1"));
    }

    @Test
    void validatesStatusAndHeadersAtCallTime() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ResponseState(write).start("200 OK\r\n", List.of()));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ResponseState(write).start("200 OK", List.of(Header.of("X", "a\nb"))));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ResponseState(write).start("200 OK", List.of(Header.of("Transfer-Encoding", "chunked"))));
        assertThatIllegalArgumentException().isThrownBy(() -> new ResponseState(write).start("200 OK", null));
    }

    @Test
    void readsTheDeclaredContentLengthInAnyCase() {
        state.start("200 OK", List.of(Header.of("content-LENGTH", "1234567890123")));

        assertThat(state.declaredLength()).isEqualTo(1_234_567_890_123L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 5", "5 ", "-1", "+5", "0x10", "1e3", "1,2", "\u0665", "1234567890123456789"})
    void refusesAContentLengthThatIsNotOneToEighteenDigits(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> state.start("200 OK", List.of(Header.of("Content-Length", value))))
                .withMessageContaining("Content-Length");
        assertThat(state.isStarted()).isFalse();
    }

    @Test
    void refusesDuplicateContentLengthEvenWhenTheValuesAgree() {
        assertThatIllegalArgumentException().isThrownBy(() -> state.start("200 OK",
                        List.of(Header.of("Content-Length", "3"), Header.of("content-length", "3"))))
                .withMessageContaining("more than one");
    }

    @Test
    void acceptsZeroAndEighteenDigitContentLengths() {
        state.start("200 OK", List.of(Header.of("Content-Length", "0")));
        assertThat(state.declaredLength()).isZero();

        ResponseState other = new ResponseState(write);
        other.start("200 OK", List.of(Header.of("Content-Length", "999999999999999999")));
        assertThat(other.declaredLength()).isEqualTo(999_999_999_999_999_999L);
    }

    @Test
    void headersCannotBeMarkedSentBeforeAValidStart() {
        assertThatIllegalStateException().isThrownBy(state::markHeadersSent);
        assertThat(state.headersSent()).isFalse();
    }

    @Test
    void secondCallWithoutExcInfoAfterHeadersWereSentIsStillRefused() {
        state.start("200 OK", List.of());
        state.markHeadersSent();

        assertThatIllegalStateException().isThrownBy(() -> state.start("200 OK", List.of()));
    }
}
