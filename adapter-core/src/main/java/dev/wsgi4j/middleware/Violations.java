package dev.wsgi4j.middleware;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one {@link Validator} has seen across requests: every violation (a server may turn a thrown error into a
 * plain 500, so they are kept for the test to assert on) and the bodies not yet closed.
 */
final class Violations {

    private final List<ValidationError> found = new CopyOnWriteArrayList<>();
    private final AtomicInteger openBodies = new AtomicInteger();

    /** Records a violation and returns it for the caller to throw. */
    ValidationError fail(String rule, String message) {
        ValidationError error = new ValidationError(rule, message);
        found.add(error);
        return error;
    }

    List<ValidationError> found() {
        return List.copyOf(found);
    }

    void bodyOpened() {
        openBodies.incrementAndGet();
    }

    void bodyClosed() {
        openBodies.decrementAndGet();
    }

    int openBodies() {
        return openBodies.get();
    }
}
