package dev.wsgi4j.middleware;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.testing.TestClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Composition order decides who sees the request first; it must match the documented rule. */
class MiddlewareTest {

    private final List<String> trail = new ArrayList<>();

    /** Records "name>" on the way in and "<name" on the way out. */
    private Middleware tracing(String name) {
        return app -> (environ, start) -> {
            trail.add(name + ">");
            Iterable<byte[]> body = app.call(environ, start);
            trail.add("<" + name);
            return body;
        };
    }

    private final Application app = (environ, start) -> {
        trail.add("app");
        start.start("200 OK", List.of(new Header("Content-Type", "text/plain")));
        return List.of("ok".getBytes(StandardCharsets.UTF_8));
    };

    @Test
    void composeRunsTheMiddlewaresInTheOrderListed() throws Exception {
        Application stack = Middleware.compose(tracing("a"), tracing("b"), tracing("c")).wrap(app);

        new TestClient(stack).get("/");

        assertThat(trail).containsExactly("a>", "b>", "c>", "app", "<c", "<b", "<a");
    }

    @Test
    void andThenPutsTheNextMiddlewareOutside() throws Exception {
        Application stack = tracing("inner").andThen(tracing("outer")).wrap(app);

        new TestClient(stack).get("/");

        assertThat(trail).containsExactly("outer>", "inner>", "app", "<inner", "<outer");
    }

    @Test
    void composingNothingLeavesTheAppAsItIs() {
        assertThat(Middleware.compose().wrap(app)).isSameAs(app);
    }
}
