package dev.wsgi4j.graalpy;

/**
 * A Python exception that left the application (or its import), carrying Python's own traceback as its message so
 * the server's log shows where in the Python code it happened.
 */
public final class PythonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PythonException(String traceback) {
        super(traceback, null, false, false);
    }
}
