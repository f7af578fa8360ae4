package dev.wsgi4j.middleware;

import dev.wsgi4j.Application;
import dev.wsgi4j.Environ;
import dev.wsgi4j.WsgiInput;

import java.io.PrintWriter;
import java.util.List;

/**
 * Checks both sides of the gateway on every request, in the spirit of Python's {@code wsgiref.validate}: put it
 * between a server and an application in tests, and any rule either breaks fails with a {@link ValidationError}
 * naming the rule. It does not change a correct exchange (a Collection body stays a Collection).
 *
 * <p>Server side, on the environ: [S-3.1] required keys; [S-3.2] CGI values are Strings of chars &le; U+00FF;
 * [S-3.3] wsgi.input is a {@link WsgiInput} (and the app must not close it); [S-3.4] wsgi.* types, wsgi.version
 * equals [1, 0] (and the app must not close wsgi.errors); [S-3.5] SCRIPT_NAME/PATH_INFO are "" or start with
 * '/', SCRIPT_NAME is never "/"; [S-3.6] no HTTP_CONTENT_TYPE/HTTP_CONTENT_LENGTH; [S-3.7] REQUEST_METHOD is a
 * token, CONTENT_LENGTH digits. Server side, on the body: [S-4.5] iterated once, not read after close, closed
 * exactly once (see {@link #assertNoViolations()}).
 *
 * <p>Application side: [S-4.1] status "NNN reason"; [S-4.2] header rules; [S-4.3] start_response once unless with
 * exc_info, and before the first chunk; [S-4.4] write gets non-null bytes, not after the body closed; [S-4.5] the
 * body is not null and yields only non-null byte arrays. Unlike wsgiref, a Content-Type is not required.
 *
 * <p>A server may turn a thrown error into a plain 500, so every violation is also recorded: end a test with
 * {@link #assertNoViolations()}. The environ is changed in place (wsgi.input and wsgi.errors are wrapped), as
 * wsgiref does. One instance may serve many requests, also concurrently.
 */
public final class Validator implements Middleware {

    private final Violations violations = new Violations();
    private final EnvironChecks environChecks = new EnvironChecks(violations);

    @Override
    public Application wrap(Application app) {
        return (environ, startResponse) -> {
            environChecks.check(environ);
            environ.put(Environ.WSGI_INPUT, ValidatingInput.wrap((WsgiInput) environ.get(Environ.WSGI_INPUT),
                    violations));
            environ.put(Environ.WSGI_ERRORS, ValidatingInput.wrapErrors(
                    (PrintWriter) environ.get(Environ.WSGI_ERRORS), violations));
            ValidatingStartResponse start = new ValidatingStartResponse(startResponse, violations);
            Iterable<byte[]> body = app.call(environ, start);
            if (body == null) {
                throw violations.fail("S-4.5", "the application returned null instead of an iterable");
            }
            return ValidatingBody.of(body, start, violations);
        };
    }

    /** Every violation seen so far, including those a server turned into a 500. */
    public List<ValidationError> violations() {
        return violations.found();
    }

    /**
     * Throws the first violation seen so far (the others attached as suppressed), or an [S-4.5] error when a body
     * handed to the server was not closed. Call it once every response was received.
     */
    public void assertNoViolations() {
        List<ValidationError> found = violations.found();
        if (!found.isEmpty()) {
            ValidationError first = found.get(0);
            if (first.getSuppressed().length == 0) {
                found.stream().skip(1).forEach(first::addSuppressed);
            }
            throw first;
        }
        int open = violations.openBodies();
        if (open > 0) {
            throw new ValidationError("S-4.5", open + " response bod" + (open == 1 ? "y was" : "ies were")
                    + " never closed by the server");
        }
    }
}
