package dev.wsgi4j.graalpy;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A Python WSGI application (PEP 3333) served as a wsgi4j {@link Application}: unmodified Python code run by
 * GraalPy in a pool of interpreters on one shared engine.
 *
 * <p>Each request borrows an interpreter for its whole length, from the call to the body's close, so within one
 * interpreter requests never overlap ({@code wsgi.multithread} is false) while the pool's other interpreters run
 * the same application beside it ({@code wsgi.multiprocess} is true when the pool has more than one), as
 * gunicorn's worker processes do. A Python exception becomes the server's 500, with Python's traceback in the log.
 * A request that finds every interpreter lent waits at most {@link PythonOptions#busyTimeout()}, then is answered
 * {@code 503} with {@code Retry-After: 1} without reaching Python. Close it to free the interpreters.
 */
public final class PythonApplication implements Application, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PythonApplication.class);
    private static final byte[] BUSY = "every Python interpreter is busy; retry shortly\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final InterpreterPool pool;
    private final long busyTimeoutNanos;

    private PythonApplication(InterpreterPool pool, PythonOptions options) {
        this.pool = pool;
        this.busyTimeoutNanos = options.busyTimeout().toNanos();
    }

    /**
     * Starts the interpreters (in parallel) and imports the application in each.
     *
     * @param spec "module:callable", as gunicorn takes it; the callable may be dotted and defaults to
     *             {@code application}
     * @throws PythonException when the import fails or the name is not a callable, with Python's traceback
     */
    public static PythonApplication load(String spec, PythonOptions options) {
        return new PythonApplication(InterpreterPool.start(spec, options), options);
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        Interpreter py = pool.borrow(busyTimeoutNanos);
        if (py == null) {
            LOG.warn("{} {}: every one of the {} Python interpreters stayed busy; answering 503",
                    environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"), pool.size());
            startResponse.start("503 Service Unavailable", List.of(Header.of("Content-Type", "text/plain"),
                    Header.of("Retry-After", "1")));
            return List.of(BUSY);
        }
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
