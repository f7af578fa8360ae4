package dev.wsgi4j.gateway;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.http.BadRequestException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The environ is built inside the driver, so a request whose environ fails is answered by the one error path. */
class ResponseDriverEnvironTest {

    private final AtomicBoolean called = new AtomicBoolean();
    private final Application app = (env, sr) -> {
        called.set(true);
        sr.start("200 OK", List.of());
        return List.of();
    };

    private RecordingTransport run(String method, EnvironSource source) {
        RecordingTransport transport = new RecordingTransport();
        new ResponseDriver(false).run(app, method, "/a%zz", source, transport);
        return transport;
    }

    @Test
    void aRequestThatCannotBeDecodedIsAnswered400WithoutCallingTheApplication() {
        RecordingTransport t = run("GET", () -> {
            throw new BadRequestException("bad escape in the path");
        });

        assertThat(t.status()).isEqualTo(400);
        assertThat(t.bodyText()).contains("400 Bad Request", "bad escape in the path");
        assertThat(called).isFalse();
    }

    @Test
    void aHeadRequestWhoseEnvironFailsGetsNoBody() {
        RecordingTransport t = run("HEAD", () -> {
            throw new BadRequestException("bad escape in the path");
        });

        assertThat(t.status()).isEqualTo(400);
        assertThat(t.bodyText()).isEmpty();
        assertThat(t.head().omitBody()).isTrue();
    }

    @Test
    void anyOtherFailureIsA500ThatShowsNothingOfItsCause() {
        RecordingTransport t = run("GET", () -> {
            throw new java.io.IOException("spool file /tmp/secret vanished");
        });

        assertThat(t.status()).isEqualTo(500);
        assertThat(t.bodyText()).doesNotContain("secret");
        assertThat(called).isFalse();
    }

    @Test
    void theEnvironItBuildsIsTheOneTheApplicationGetsAndItsErrorStreamIsFlushedAfterwards() {
        StringBuilder logged = new StringBuilder();
        PrintWriter errors = new PrintWriter(new java.io.Writer() {
            private final StringBuilder pending = new StringBuilder();

            @Override
            public void write(char[] cbuf, int off, int len) {
                pending.append(cbuf, off, len);
            }

            @Override
            public void flush() {
                logged.append(pending);
                pending.setLength(0);
            }

            @Override
            public void close() {
            }
        });
        java.util.Map<String, Object> environ = Drive.environ("GET");
        environ.put(Environ.WSGI_ERRORS, errors);
        Application writesAPartialLine = (env, sr) -> {
            assertThat(env).isSameAs(environ);
            ((PrintWriter) env.get(Environ.WSGI_ERRORS)).print("no newline at the end");
            sr.start("204 No Content", List.of());
            return List.of();
        };
        RecordingTransport t = new RecordingTransport();

        new ResponseDriver(false).run(writesAPartialLine, "GET", "/test", () -> environ, t);

        assertThat(t.status()).isEqualTo(204);
        assertThat(logged).hasToString("no newline at the end");
    }
}
