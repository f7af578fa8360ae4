package dev.wsgi4j.middleware;

/**
 * A broken gateway rule found by {@link Validator}: an {@link AssertionError}, because it is a bug in the server or
 * the application, never a condition to handle. The message starts with the SPEC rule ID, e.g. {@code [S-4.3]}.
 */
public final class ValidationError extends AssertionError {

    private final String rule;

    public ValidationError(String rule, String message) {
        super("[" + rule + "] " + message);
        this.rule = rule;
    }

    /** The SPEC rule ID, such as {@code S-3.5}. */
    public String rule() {
        return rule;
    }
}
