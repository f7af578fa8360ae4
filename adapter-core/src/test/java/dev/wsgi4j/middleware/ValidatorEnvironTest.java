package dev.wsgi4j.middleware;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.gateway.LogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.wsgi4j.testing.ContractApps.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's side of the Validator: each environ rule fires on a broken environ and stays quiet on a good one. */
class ValidatorEnvironTest {

    /** An environ as a conforming server builds it. */
    static Map<String, Object> goodEnviron() {
        Map<String, Object> env = new HashMap<>();
        env.put(Environ.REQUEST_METHOD, "GET");
        env.put(Environ.SCRIPT_NAME, "");
        env.put(Environ.PATH_INFO, "/caf\u00C3\u00A9");
        env.put(Environ.QUERY_STRING, "");
        env.put(Environ.SERVER_NAME, "localhost");
        env.put(Environ.SERVER_PORT, "80");
        env.put(Environ.SERVER_PROTOCOL, "HTTP/1.1");
        env.put(Environ.WSGI_VERSION, Environ.VERSION);
        env.put(Environ.WSGI_URL_SCHEME, "http");
        env.put(Environ.WSGI_INPUT, WsgiInput.empty());
        env.put(Environ.WSGI_ERRORS, LogWriter.errorsFor(LoggerFactory.getLogger(ValidatorEnvironTest.class)));
        env.put(Environ.WSGI_MULTITHREAD, true);
        env.put(Environ.WSGI_MULTIPROCESS, false);
        env.put(Environ.WSGI_RUN_ONCE, false);
        env.put(Environ.WSGI_FILE_WRAPPER, (FileWrapper.Factory) FileWrapper::wrap);
        return env;
    }

    record Case(String what, String rule, Consumer<Map<String, Object>> breakIt) {
        @Override
        public String toString() {
            return rule + " " + what;
        }
    }

    static Stream<Case> brokenEnvirons() {
        return Stream.of(
                new Case("missing REQUEST_METHOD", "S-3.1", env -> env.remove(Environ.REQUEST_METHOD)),
                new Case("missing wsgi.errors", "S-3.1", env -> env.remove(Environ.WSGI_ERRORS)),
                new Case("SERVER_PORT as Integer", "S-3.2", env -> env.put(Environ.SERVER_PORT, 80)),
                new Case("PATH_INFO char above U+00FF", "S-3.2", env -> env.put(Environ.PATH_INFO, "/\u0100")),
                new Case("wsgi.input a plain stream", "S-3.3",
                        env -> env.put(Environ.WSGI_INPUT, new ByteArrayInputStream(new byte[0]))),
                new Case("wsgi.version (1, 1)", "S-3.4", env -> env.put(Environ.WSGI_VERSION, List.of(1, 1))),
                new Case("wsgi.version as array", "S-3.4", env -> env.put(Environ.WSGI_VERSION, new int[] {1, 0})),
                new Case("wsgi.url_scheme ftp", "S-3.4", env -> env.put(Environ.WSGI_URL_SCHEME, "ftp")),
                new Case("wsgi.multithread as String", "S-3.4", env -> env.put(Environ.WSGI_MULTITHREAD, "true")),
                new Case("wsgi.file_wrapper of the wrong type", "S-3.4",
                        env -> env.put(Environ.WSGI_FILE_WRAPPER, "nope")),
                new Case("SCRIPT_NAME \"/\"", "S-3.5", env -> env.put(Environ.SCRIPT_NAME, "/")),
                new Case("SCRIPT_NAME relative", "S-3.5", env -> env.put(Environ.SCRIPT_NAME, "app")),
                new Case("PATH_INFO relative", "S-3.5", env -> env.put(Environ.PATH_INFO, "x")),
                new Case("HTTP_CONTENT_TYPE copy", "S-3.6", env -> env.put("HTTP_CONTENT_TYPE", "text/plain")),
                new Case("HTTP_CONTENT_LENGTH copy", "S-3.6", env -> env.put("HTTP_CONTENT_LENGTH", "0")),
                new Case("REQUEST_METHOD not a token", "S-3.7", env -> env.put(Environ.REQUEST_METHOD, "GE T")),
                new Case("CONTENT_LENGTH not digits", "S-3.7", env -> env.put(Environ.CONTENT_LENGTH, "12a")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenEnvirons")
    void brokenEnvironFailsNamingTheRule(Case c) {
        Validator validator = new Validator();
        Map<String, Object> env = goodEnviron();
        c.breakIt().accept(env);

        assertThatThrownBy(() -> validator.wrap(ok("never")).call(env, (s, h, e) -> d -> { }))
                .isInstanceOfSatisfying(ValidationError.class, err -> assertThat(err.rule()).isEqualTo(c.rule()))
                .hasMessageStartingWith("[" + c.rule() + "]");
        assertThat(validator.violations()).hasSize(1);
    }

    @Test
    void goodEnvironPassesAndTheAppStillReadsItsStreams() throws Exception {
        Validator validator = new Validator();
        Map<String, Object> env = goodEnviron();
        env.put(Environ.WSGI_INPUT, WsgiInput.of("body".getBytes()));
        Application reader = (environ, start) -> {
            String body = new String(Environ.input(environ).readAllBytes());
            Environ.errors(environ).println("a diagnostic line");
            return ok(body).call(environ, start);
        };

        Iterable<byte[]> body = validator.wrap(reader).call(env, (s, h, e) -> d -> { });
        assertThat(body).containsExactly("body".getBytes());
        ((AutoCloseable) body).close();

        assertThat(env.get(Environ.WSGI_INPUT)).isInstanceOf(WsgiInput.class);
        validator.assertNoViolations();
    }

    @Test
    void appClosingTheServersStreamsIsAViolation() {
        Validator validator = new Validator();
        Application closesInput = (environ, start) -> {
            Environ.input(environ).close();
            return List.of();
        };
        Application closesErrors = (environ, start) -> {
            Environ.errors(environ).close();
            return List.of();
        };

        assertThatThrownBy(() -> validator.wrap(closesInput).call(goodEnviron(), (s, h, e) -> d -> { }))
                .hasMessageStartingWith("[S-3.3]");
        assertThatThrownBy(() -> validator.wrap(closesErrors).call(goodEnviron(), (s, h, e) -> d -> { }))
                .hasMessageStartingWith("[S-3.4]");
    }
}
