package dev.wsgi4j.middleware;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.Write;
import dev.wsgi4j.testing.ContractApps;
import dev.wsgi4j.testing.TestClient;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.wsgi4j.middleware.ValidatorEnvironTest.goodEnviron;
import static dev.wsgi4j.testing.ContractApps.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The application's side of the Validator (and how a server treats the body): each rule fires, good apps pass. */
class ValidatorAppTest {

    private static final List<Header> TEXT = List.of(new Header("Content-Type", "text/plain"));
    private static final StartResponse SERVER = (status, headers, excInfo) -> data -> { };

    private final Validator validator = new Validator();

    /** Plays a well-behaved server: call, iterate once, close once. */
    private void serve(Application app) throws Exception {
        Iterable<byte[]> body = validator.wrap(app).call(goodEnviron(), SERVER);
        try {
            body.forEach(chunk -> { });
        } finally {
            ((AutoCloseable) body).close();
        }
    }

    private static void assertRule(String rule, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationError.class,
                e -> assertThat(e.rule()).as(e.getMessage()).isEqualTo(rule));
    }

    private static Application starting(String status, List<Header> headers) {
        return (environ, start) -> {
            start.start(status, headers);
            return List.of();
        };
    }

    @Test
    void conformingAppsPassThroughATestClientUnchanged() throws Exception {
        TestClient client = new TestClient();
        Application legacy = (environ, start) -> {
            start.start("200 OK", TEXT).write("written".getBytes(StandardCharsets.UTF_8));
            return List.of();
        };
        Application generator = (environ, start) -> ContractApps.lazyStarting(start, "gen");

        TestResponse listed = client.send(validator.wrap(ok("listed")), TestRequest.get("/").build());
        assertThat(client.send(validator.wrap(legacy), TestRequest.get("/").build()).text())
                .isEqualTo("written");
        assertThat(client.send(validator.wrap(generator), TestRequest.get("/").build()).text())
                .isEqualTo("gen");

        assertThat(listed.text()).isEqualTo("listed");
        assertThat(listed.header("Content-Length")).as("a list body keeps its known length").isEqualTo("6");
        validator.assertNoViolations();
    }

    @Test
    void badStatusIsAViolation() {
        assertRule("S-4.1", () -> serve(starting("200", TEXT)));
        assertRule("S-4.1", () -> serve(starting("OK 200", TEXT)));
    }

    @Test
    void badHeadersAreAViolation() {
        assertRule("S-4.2", () -> serve(starting("200 OK", List.of(new Header("Bad Name", "x")))));
        assertRule("S-4.2", () -> serve(starting("200 OK", List.of(new Header("X-A", "a\r\nb")))));
        assertRule("S-4.2", () -> serve(starting("200 OK", List.of(new Header("Connection", "close")))));
        assertRule("S-4.2", () -> serve(starting("200 OK", List.of(new Header("Status", "200 OK")))));
        assertRule("S-4.2", () -> serve(starting("200 OK",
                List.of(new Header("Content-Length", "1"), new Header("Content-Length", "1")))));
    }

    @Test
    void secondStartResponseNeedsExcInfo() throws Exception {
        assertRule("S-4.3", () -> serve((environ, start) -> {
            start.start("200 OK", TEXT);
            start.start("500 Oops", TEXT);
            return List.of();
        }));
        serve((environ, start) -> {
            start.start("200 OK", TEXT);
            start.start("500 Oops", TEXT, new IllegalStateException("recovered"));
            return List.of();
        });
    }

    @Test
    void bodyBeforeStartResponseIsAViolation() {
        assertRule("S-4.3", () -> serve((environ, start) -> ContractApps.lazy("too early")));
        assertRule("S-4.3", () -> serve((environ, start) -> ContractApps.lazy()));
    }

    @Test
    void writeNeedsBytesAndAnOpenResponse() throws Exception {
        assertRule("S-4.4", () -> serve((environ, start) -> {
            start.start("200 OK", TEXT).write(null);
            return List.of();
        }));
        AtomicReference<Write> kept = new AtomicReference<>();
        serve((environ, start) -> {
            kept.set(start.start("200 OK", TEXT));
            return List.of();
        });
        assertRule("S-4.4", () -> kept.get().write(new byte[1]));
    }

    @Test
    void bodyMustBeAnIterableOfByteArrays() {
        assertRule("S-4.5", () -> serve((environ, start) -> null));
        assertRule("S-4.5", () -> serve((environ, start) -> {
            start.start("200 OK", TEXT);
            return new ArrayList<>(Arrays.asList("a".getBytes(), null));
        }));
    }

    @Test
    void serverMustIterateOnceStopAtCloseAndCloseOnce() throws Exception {
        Iterable<byte[]> twice = validator.wrap(ok("x")).call(goodEnviron(), SERVER);
        twice.iterator();
        assertRule("S-4.5", twice::iterator);

        Iterable<byte[]> body = validator.wrap(ok("x")).call(goodEnviron(), SERVER);
        Iterator<byte[]> chunks = body.iterator();
        ((AutoCloseable) body).close();
        assertRule("S-4.5", chunks::hasNext);
        assertRule("S-4.5", ((AutoCloseable) body)::close);
    }

    @Test
    void unclosedBodyIsReportedAtTheEnd() throws Exception {
        validator.wrap(ok("x")).call(goodEnviron(), SERVER).forEach(chunk -> { });

        assertRule("S-4.5", validator::assertNoViolations);
    }

    @Test
    void violationTurnedInto500ByTheServerIsStillReported() throws Exception {
        TestResponse r = new TestClient(validator.wrap(starting("200 OK", List.of(new Header("Status", "x")))))
                .get("/");

        assertThat(r.status()).isEqualTo(500);
        assertThat(validator.violations()).extracting(ValidationError::rule).containsExactly("S-4.2");
        assertRule("S-4.2", validator::assertNoViolations);
    }
}
