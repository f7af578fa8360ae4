package dev.wsgi4j.middleware;

import dev.wsgi4j.WsgiInput;

import java.io.FilterInputStream;
import java.io.PrintWriter;

/**
 * The streams {@link Validator} puts in the environ in place of the server's (wsgiref's {@code InputWrapper} and
 * {@code ErrorWrapper}): they pass everything through but refuse {@code close()}, which belongs to the server.
 */
final class ValidatingInput extends FilterInputStream {

    private final Violations violations;

    private ValidatingInput(WsgiInput in, Violations violations) {
        super(in);
        this.violations = violations;
    }

    /** A WsgiInput (the type the environ requires) reading through the checks. */
    static WsgiInput wrap(WsgiInput in, Violations violations) {
        return new WsgiInput(new ValidatingInput(in, violations), -1);
    }

    static PrintWriter wrapErrors(PrintWriter errors, Violations violations) {
        return new PrintWriter(errors, true) {
            @Override
            public void close() {
                throw violations.fail("S-3.4", "the application must not close wsgi.errors");
            }
        };
    }

    @Override
    public void close() {
        throw violations.fail("S-3.3", "the application must not close wsgi.input");
    }
}
