package dev.wsgi4j.graalpy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link PythonApplication#load} sets up GraalPy.
 *
 * @param pythonPath    directories put before the standard library on {@code sys.path}: a project, a virtualenv's
 *                      site-packages, Debian's {@code /usr/lib/python3/dist-packages}; pure-Python packages only
 * @param poolSize      how many interpreters (GraalPy contexts) serve requests side by side; Python code in one
 *                      interpreter runs one thread at a time (its GIL), so this bounds the Python running at once
 * @param threads       how many requests one interpreter serves at once, as gunicorn's gthread worker's
 *                      {@code --threads}: their Python code takes turns under the GIL, released while a request
 *                      blocks (sleep, I/O), so blocking applications overlap without an interpreter each; 1 keeps
 *                      {@code wsgi.multithread} false
 * @param bytecodeCache where compiled {@code .pyc} files go (PYTHONPYCACHEPREFIX), so a restart skips compiling;
 *                      empty: the interpreters compile and keep nothing
 * @param busyTimeout   how long a request waits for an interpreter when every one is lent before it is answered
 *                      {@code 503} with {@code Retry-After}; zero answers at once. It bounds what a burst costs: a
 *                      waiting request holds a server thread, and Python serves only {@code poolSize × threads}
 *                      at a time.
 * @param warmup        a path (with an optional query) each interpreter is sent as a GET before {@code load}
 *                      returns, so that the first client does not pay for the application's lazy start-up; empty:
 *                      none
 */
public record PythonOptions(List<Path> pythonPath, int poolSize, int threads, Optional<Path> bytecodeCache,
                            Duration busyTimeout, Optional<String> warmup) {

    /** What {@link #defaults()} waits for a busy pool: longer than a typical request, far shorter than a client's. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);

    public PythonOptions {
        pythonPath = List.copyOf(pythonPath);
        Objects.requireNonNull(bytecodeCache, "bytecodeCache");
        Objects.requireNonNull(warmup, "warmup");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        if (busyTimeout.isNegative()) {
            throw new IllegalArgumentException("busyTimeout must not be negative: " + busyTimeout);
        }
        if (warmup.isPresent() && !warmup.get().startsWith("/")) {
            throw new IllegalArgumentException("warmup must be a path starting with '/': " + warmup.get());
        }
    }

    /** No extra path, one interpreter per core serving one request at a time, no bytecode cache, no warm-up. */
    public static PythonOptions defaults() {
        return new PythonOptions(List.of(), Runtime.getRuntime().availableProcessors(), 1, Optional.empty(),
                DEFAULT_BUSY_TIMEOUT, Optional.empty());
    }

    public PythonOptions withPythonPath(Path... directories) {
        return withPythonPath(List.of(directories));
    }

    public PythonOptions withPythonPath(List<Path> directories) {
        return new PythonOptions(directories, poolSize, threads, bytecodeCache, busyTimeout, warmup);
    }

    public PythonOptions withPoolSize(int size) {
        return new PythonOptions(pythonPath, size, threads, bytecodeCache, busyTimeout, warmup);
    }

    public PythonOptions withThreads(int perInterpreter) {
        return new PythonOptions(pythonPath, poolSize, perInterpreter, bytecodeCache, busyTimeout, warmup);
    }

    public PythonOptions withBytecodeCache(Path directory) {
        return new PythonOptions(pythonPath, poolSize, threads, Optional.of(directory), busyTimeout, warmup);
    }

    public PythonOptions withBusyTimeout(Duration timeout) {
        return new PythonOptions(pythonPath, poolSize, threads, bytecodeCache, timeout, warmup);
    }

    public PythonOptions withWarmup(String target) {
        return new PythonOptions(pythonPath, poolSize, threads, bytecodeCache, busyTimeout, Optional.of(target));
    }
}
