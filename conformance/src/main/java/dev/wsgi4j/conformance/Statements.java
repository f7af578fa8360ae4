package dev.wsgi4j.conformance;

import dev.wsgi4j.Application;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every group of statements shares: the server under test, and ways to serve one application to one request.
 * Each statement starts a server of its own, so no statement sees another's application or settings.
 */
public abstract class Statements {

    /** The server the statements run against. */
    protected abstract ServerUnderTest server();

    protected RunningServer start(Application app) throws Exception {
        return server().start(app, KitOptions.DEFAULTS);
    }

    protected RunningServer start(Application app, KitOptions options) throws Exception {
        return server().start(app, options);
    }

    /** Serves {@code app} to one request. */
    protected TestResponse send(Application app, TestRequest.Builder request) throws Exception {
        try (RunningServer running = start(app)) {
            return running.send(request.build());
        }
    }

    /** The text an application that answers {@code reply(environ)} sends back for {@code request}. */
    protected String reply(Function<Map<String, Object>, String> reply, TestRequest.Builder request)
            throws Exception {
        TestResponse r = send(KitApps.replying(reply), request);
        if (r.status() != 200) {
            throw new AssertionError("expected 200 but got " + r.status() + ": " + r.text());
        }
        return r.text();
    }

    /** A copy of the environ the application got for {@code request}. */
    protected Map<String, Object> environFor(TestRequest.Builder request) throws Exception {
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        send((environ, start) -> {
            seen.set(new HashMap<>(environ));
            return KitApps.respond(start, "seen");
        }, request);
        if (seen.get() == null) {
            throw new AssertionError("the application was not called");
        }
        return seen.get();
    }

    /** Skips the statement, naming why, when the server lacks {@code capability}. */
    protected void assumeCapable(Capability capability, String why) {
        assumeTrue(server().capabilities().contains(capability),
                () -> "the server lacks " + capability + ": " + why);
    }
}
