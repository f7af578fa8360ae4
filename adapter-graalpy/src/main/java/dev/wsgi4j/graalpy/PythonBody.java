package dev.wsgi4j.graalpy;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A Python body iterable read lazily: each chunk is asked of Python only when the server can send it (PEP 3333
 * "Buffering and Streaming"). {@link #close()} calls the iterable's own close() and then gives the interpreter
 * back to the pool, whatever happened, so the interpreter stays lent exactly as long as the response runs.
 */
final class PythonBody implements Iterable<byte[]>, AutoCloseable {

    private final Interpreter py;
    private final Value result;
    private final Runnable release;
    private boolean iterated;
    private boolean closed;

    PythonBody(Interpreter py, Value result, Runnable release) {
        this.py = py;
        this.result = result;
        this.release = release;
    }

    @Override
    public Iterator<byte[]> iterator() {
        if (iterated || closed) {
            throw new IllegalStateException("a Python body can be iterated only once, before it is closed");
        }
        iterated = true;
        Value iterator = call(py.iter, result);
        return new Iterator<>() {
            private Value next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    next = call(py.nextChunk, iterator);
                    done = next.isNull();
                }
                return !done;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] chunk = PythonExchange.bytes(next);
                next = null;
                return chunk;
            }
        };
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            call(py.close, result);
        } finally {
            release.run();
        }
    }

    private Value call(Value function, Value argument) {
        try {
            return function.execute(argument);
        } catch (PolyglotException e) {
            throw py.translate(e);
        }
    }
}
