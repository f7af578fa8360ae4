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
 * <p>Each request borrows an interpreter for its whole length, from the call to the body's close. An interpreter
 * serves up to {@link PythonOptions#threads()} requests at once, like one of gunicorn's gthread workers
 * ({@code wsgi.multithread} is true when that is more than one), while the pool's other interpreters run the same
 * application beside it ({@code wsgi.multiprocess} is true when the pool has more than one), as gunicorn's worker
 * processes do. A Python exception becomes the server's 500, with Python's traceback in the log. A request that
 * finds every place taken waits at most {@link PythonOptions#busyTimeout()}, then is answered {@code 503} with
 * {@code Retry-After: 1} without reaching Python. Close it to free the interpreters.
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
     * Starts the interpreters (in parallel), imports the application in each and, when the options name a warm-up
     * path, sends it to each interpreter ({@link Warmup}) so that the server opens its port on a warm application.
     *
     * @param spec "module:callable", as gunicorn takes it; the callable may be dotted and defaults to
     *             {@code application}
     * @throws PythonException when the import fails or the name is not a callable, with Python's traceback
     */
    public static PythonApplication load(String spec, PythonOptions options) {
        PythonApplication application = new PythonApplication(InterpreterPool.start(spec, options), options);
        options.warmup().ifPresent(target -> {
            try {
                Warmup.run(spec, target, application.pool.interpreters(), application::callOn);
            } catch (RuntimeException | Error e) {
                application.close();
                throw e;
            }
        });
        return application;
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
        return callOn(py, environ, startResponse, () -> pool.release(py));
    }

    /** Runs one request on {@code py}; {@code release} runs once the request is over, body included. */
    private Iterable<byte[]> callOn(Interpreter py, Map<String, Object> environ, StartResponse startResponse,
            Runnable release) throws Exception {
        boolean lent = false;
        try {
            Iterable<byte[]> body = new PythonExchange(py, startResponse)
                    .run(environ, pool.threads() > 1, pool.size() > 1, release);
            lent = body instanceof PythonBody;
            return body;
        } finally {
            if (!lent) {
                release.run();
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
