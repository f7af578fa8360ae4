package dev.wsgi4j.graalpy;

import java.nio.file.Path;
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
 */
public record PythonOptions(List<Path> pythonPath, int poolSize, Optional<Path> bytecodeCache) {

    public PythonOptions {
        pythonPath = List.copyOf(pythonPath);
        Objects.requireNonNull(bytecodeCache, "bytecodeCache");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
        }
    }

    /** No extra path, one interpreter per core, no bytecode cache. */
    public static PythonOptions defaults() {
        return new PythonOptions(List.of(), Runtime.getRuntime().availableProcessors(), Optional.empty());
    }

    public PythonOptions withPythonPath(Path... directories) {
        return new PythonOptions(List.of(directories), poolSize, bytecodeCache);
    }

    public PythonOptions withPoolSize(int size) {
        return new PythonOptions(pythonPath, size, bytecodeCache);
    }

    public PythonOptions withBytecodeCache(Path directory) {
        return new PythonOptions(pythonPath, poolSize, Optional.of(directory));
    }
}
