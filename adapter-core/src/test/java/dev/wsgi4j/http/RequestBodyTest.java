package dev.wsgi4j.http;

import dev.wsgi4j.Environ;
import dev.wsgi4j.WsgiInput;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestBodyTest {

    @Test
    void readsTheWholeBodyUpToTheLimit() {
        assertThat(RequestBody.read(TestEnviron.post("application/json", "{\"a\":1}".getBytes()), 7))
                .isEqualTo("{\"a\":1}".getBytes());
        assertThat(RequestBody.read(TestEnviron.get("", "/", ""), 0)).isEmpty();
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeAnyByteIsRead() throws Exception {
        Map<String, Object> env = TestEnviron.post("application/json", new byte[10]);
        assertThatThrownBy(() -> RequestBody.read(env, 9)).isInstanceOf(PayloadTooLargeException.class);
        assertThat(Environ.input(env).readAllBytes()).hasSize(10);
    }

    @Test
    void aBodyWithoutLengthThatRunsPastTheLimitIs413() {
        Map<String, Object> env = TestEnviron.postStream("application/json", new ByteArrayInputStream(new byte[10]));
        assertThatThrownBy(() -> RequestBody.read(env, 9)).isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("9");
        Map<String, Object> fits = TestEnviron.postStream("application/json", new ByteArrayInputStream(new byte[9]));
        assertThat(RequestBody.read(fits, 9)).hasSize(9);
    }

    @Test
    void aBodyShorterThanItsContentLengthIs400() {
        Map<String, Object> env = TestEnviron.post("application/json", new byte[4]);
        env.put(Environ.CONTENT_LENGTH, "6");
        env.put(Environ.WSGI_INPUT, new WsgiInput(new ByteArrayInputStream(new byte[4]), -1));
        assertThatThrownBy(() -> RequestBody.read(env, 100)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("4 of its 6");
    }
}
