package dev.wsgi4j.gateway;

import dev.wsgi4j.Application;
import dev.wsgi4j.EarlyHints;
import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.testing.TestClient;
import dev.wsgi4j.testing.TestResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code wsgi.early_hints} as every server gets it from the driver (SPEC.md §3.8), seen through the TestClient. */
class EarlyHintsTest {

    private static final Header PRELOAD = Header.of("Link", "</style.css>; rel=preload; as=style");

    @Test
    void hintsBeforeTheHeadReachTheTransportInOrderAndTheResponseFollows() throws Exception {
        Application app = (env, sr) -> {
            Environ.earlyHints(env).send(List.of(PRELOAD));
            Environ.earlyHints(env).send(List.of(Header.of("Link", "</a.js>; rel=preload; as=script")));
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of("page".getBytes(StandardCharsets.US_ASCII));
        };
        TestResponse r = new TestClient(app).get("/");

        assertThat(r.earlyHints()).containsExactly(List.of(PRELOAD),
                List.of(Header.of("Link", "</a.js>; rel=preload; as=script")));
        assertThat(r.text()).isEqualTo("page");
    }

    @Test
    void aHintAfterTheHeadWentOutIsIgnored() throws Exception {
        Application app = (env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return () -> List.of("a", "b").stream().map(s -> {
                if (s.equals("b")) {
                    try {
                        Environ.earlyHints(env).send(List.of(PRELOAD));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return s.getBytes(StandardCharsets.US_ASCII);
            }).iterator();
        };
        TestResponse r = new TestClient(app).get("/");

        assertThat(r.earlyHints()).isEmpty();
        assertThat(r.text()).isEqualTo("ab");
    }

    @Test
    void aHintThatBreaksTheHeaderRulesFailsTheApplicationWithA500() throws Exception {
        Application app = (env, sr) -> {
            Environ.earlyHints(env).send(List.of(new Header("Connection", "close")));
            sr.start("200 OK", List.of());
            return List.of();
        };
        TestResponse r = new TestClient(app).get("/");

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.earlyHints()).isEmpty();
    }

    @Test
    void withoutAServerOfferingThemTheHelperIsANoOp() throws Exception {
        assertThat(Environ.earlyHints(new HashMap<>())).isSameAs(EarlyHints.NONE);
        EarlyHints.NONE.send(List.of(PRELOAD));
    }
}
