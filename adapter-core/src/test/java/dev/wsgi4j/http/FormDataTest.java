package dev.wsgi4j.http;

import dev.wsgi4j.Environ;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormDataTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void readsAGetFormFromTheQueryString() {
        Map<String, Object> env = TestEnviron.get("", "/search", "q=a+b&page=2");
        FormFields f = FormData.parse(env);
        assertThat(f.first("q")).isEqualTo("a b");
        assertThat(f.first("page")).isEqualTo("2");
    }

    @Test
    void readsAPostedUrlencodedBodyAndIgnoresTheQuery() {
        Map<String, Object> env = TestEnviron.post(FORM, ascii("name=J%C3%BCrgen&x=1&x=2"));
        env.put(Environ.QUERY_STRING, "ignored=1");
        FormFields f = FormData.parse(env);
        assertThat(f.first("name")).isEqualTo("Jürgen");
        assertThat(f.all("x")).containsExactly("1", "2");
        assertThat(f.contains("ignored")).isFalse();
    }

    @Test
    void usesTheCharsetNamedInContentType() {
        Map<String, Object> env = TestEnviron.post(FORM + "; charset=ISO-8859-1", ascii("n=J%FCrgen"));
        assertThat(FormData.parse(env).first("n")).isEqualTo("Jürgen");
    }

    @Test
    void answersAnUnknownCharsetWith415() {
        Map<String, Object> env = TestEnviron.post(FORM + "; charset=klingon", ascii("a=1"));
        assertThatThrownBy(() -> FormData.parse(env)).isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).status()).isEqualTo(415));
    }

    @Test
    void treatsOtherBodiesAsNoForm() {
        assertThat(FormData.parse(TestEnviron.post("application/json", ascii("{\"a\":1}")))).isEqualTo(FormFields.empty());
    }

    @Test
    void refusesADeclaredOversizeBodyBeforeReadingIt() {
        AtomicLong read = new AtomicLong();
        InputStream counting = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 'a';
            }
        };
        Map<String, Object> env = TestEnviron.postStream(FORM, counting);
        env.put(Environ.CONTENT_LENGTH, "2000000");
        assertThatThrownBy(() -> FormData.parse(env)).isInstanceOf(PayloadTooLargeException.class);
        assertThat(read.get()).isZero();
    }

    @Test
    void stopsReadingAnUndeclaredBodyJustPastTheLimit() {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 'a';
            }
        };
        Map<String, Object> env = TestEnviron.postStream(FORM, endless);
        assertThatThrownBy(() -> FormData.parse(env, FormLimits.DEFAULTS.withMaxBodyBytes(100)))
                .isInstanceOf(PayloadTooLargeException.class);
        assertThat(read.get()).isEqualTo(101);
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() {
        byte[] body = ascii("a=" + "x".repeat(98));
        FormFields f = FormData.parse(TestEnviron.post(FORM, body), FormLimits.DEFAULTS.withMaxBodyBytes(100));
        assertThat(f.first("a")).hasSize(98);
    }

    @Test
    void defaultLimitIsOneMebibyte() {
        assertThat(FormLimits.DEFAULTS.maxBodyBytes()).isEqualTo(1024 * 1024);
        byte[] big = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        assertThatThrownBy(() -> FormData.parse(TestEnviron.postStream(FORM, new ByteArrayInputStream(big))))
                .isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void appliesTheFieldLimitToBodies() {
        Map<String, Object> env = TestEnviron.post(FORM, ascii("a&b&c"));
        assertThatThrownBy(() -> FormData.parse(env, FormLimits.DEFAULTS.withMaxFields(2)))
                .isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void rejectsMalformedBodiesWith400() {
        assertThatThrownBy(() -> FormData.parse(TestEnviron.post(FORM, ascii("a=%G1"))))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> FormData.parse(TestEnviron.post(FORM, new byte[] {'a', '=', (byte) 0xC3})))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void answersABodyThatFailsToReadWith400() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> FormData.parse(TestEnviron.postStream(FORM, broken)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("connection reset");
    }
}
