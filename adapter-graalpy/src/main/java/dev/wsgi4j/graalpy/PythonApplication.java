package dev.wsgi4j.graalpy;

import dev.wsgi4j.Application;
import dev.wsgi4j.StartResponse;
import java.util.Map;

/**
 * A Python WSGI application (PEP 3333) served as a wsgi4j {@link Application}: unmodified Python code run by
 * GraalPy in a pool of interpreters on one shared engine.
 *
 * <p>Each request borrows an interpreter for its whole length, from the call to the body's close, so within one
 * interpreter requests never overlap ({@code wsgi.multithread} is false) while the pool's other interpreters run
 * the same application beside it ({@code wsgi.multiprocess} is true when the pool has more than one), as
 * gunicorn's worker processes do. A Python exception becomes the server's 500, with Python's traceback in the log.
 * Close it to free the interpreters.
 */
public final class PythonApplication implements Application, AutoCloseable {

    private final InterpreterPool pool;

    private PythonApplication(InterpreterPool pool) {
        this.pool = pool;
    }

    /**
     * Starts the interpreters (in parallel) and imports the application in each.
     *
     * @param spec "module:callable", as gunicorn takes it; the callable may be dotted and defaults to
     *             {@code application}
     * @throws PythonException when the import fails or the name is not a callable, with Python's traceback
     */
    public static PythonApplication load(String spec, PythonOptions options) {
        return new PythonApplication(InterpreterPool.start(spec, options));
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        Interpreter py = pool.borrow();
        boolean lent = false;
        try {
            Iterable<byte[]> body = new PythonExchange(py, startResponse)
                    .run(environ, pool.size() > 1, () -> pool.release(py));
            lent = body instanceof PythonBody;
            return body;
        } finally {
            if (!lent) {
                pool.release(py);
            }
        }
    }

    /** How many interpreters serve requests side by side. */
    public int poolSize() {
        return pool.size();
    }

    @Override
    public void close() {
        pool.close();
    }
}
