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
 * @param poolSize      how many interpreters (GraalPy contexts) serve requests side by side; each runs one request
 *                      at a time, so this bounds the requests in Python at once
 * @param bytecodeCache where compiled {@code .pyc} files go (PYTHONPYCACHEPREFIX), so a restart skips compiling;
 *                      empty: the interpreters compile and keep nothing
 * @param busyTimeout   how long a request waits for an interpreter when every one is lent before it is answered
 *                      {@code 503} with {@code Retry-After}; zero answers at once. It bounds what a burst costs: a
 *                      waiting request holds a server thread, and Python serves only {@code poolSize} at a time.
 */
public record PythonOptions(List<Path> pythonPath, int poolSize, Optional<Path> bytecodeCache,
                            Duration busyTimeout) {

    /** What {@link #defaults()} waits for a busy pool: longer than a typical request, far shorter than a client's. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);

    public PythonOptions {
        pythonPath = List.copyOf(pythonPath);
        Objects.requireNonNull(bytecodeCache, "bytecodeCache");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
        }
        if (busyTimeout.isNegative()) {
            throw new IllegalArgumentException("busyTimeout must not be negative: " + busyTimeout);
        }
    }

    /** No extra path, one interpreter per core, no bytecode cache, {@link #DEFAULT_BUSY_TIMEOUT}. */
    public static PythonOptions defaults() {
        return new PythonOptions(List.of(), Runtime.getRuntime().availableProcessors(), Optional.empty(),
                DEFAULT_BUSY_TIMEOUT);
    }

    public PythonOptions withPythonPath(Path... directories) {
        return new PythonOptions(List.of(directories), poolSize, bytecodeCache, busyTimeout);
    }

    public PythonOptions withPoolSize(int size) {
        return new PythonOptions(pythonPath, size, bytecodeCache, busyTimeout);
    }

    public PythonOptions withBytecodeCache(Path directory) {
        return new PythonOptions(pythonPath, poolSize, Optional.of(directory), busyTimeout);
    }

    public PythonOptions withBusyTimeout(Duration timeout) {
        return new PythonOptions(pythonPath, poolSize, bytecodeCache, timeout);
    }
}
